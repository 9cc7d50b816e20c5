#pragma once

#include "result.h"
#include "types.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace pulc::dataset {

class Project;

/// One sample as the dataset browser shows it. Plain value: safe to hand between threads.
struct SampleRow
{
    qint64 id = 0;
    QString path; ///< as stored (relative to the project folder when inside it)
    QString hash;
    int width = 0;
    int height = 0;
    qint64 bytes = 0;
    QString format;
    QString addedAt;
    Split split = Split::Unassigned;
    SampleStatus status = SampleStatus::Ok;
    bool removed = false;
    std::vector<qint64> classIds; ///< sorted by class position
    bool duplicate = false;       ///< another non-removed sample has the same content
    bool conflict = false;        ///< ... and carries different labels
    bool leakage = false;         ///< ... and sits in another split
};

/// Which samples to show. Empty optionals and flags mean "no restriction".
struct SampleFilter
{
    enum class Status { Any, Ok, Missing, Corrupt, Duplicate, Conflict, Leakage };
    std::optional<qint64> classId;
    bool unlabeledOnly = false;
    std::optional<Split> split;
    Status status = Status::Any;
    QString pathContains; ///< case-insensitive substring of the stored path
    bool removed = false; ///< show the removed samples instead of the live ones
};

/// Order of samples in the browser.
enum class SampleSort { Path, Added, Class };

/// Loads every sample, in path order, with its labels and duplicate flags in two queries (100,000
/// samples in a fraction of a second). Call on a worker thread with its own Project in a GUI.
Result<std::vector<SampleRow>> loadSamples(Project &project);

/// Recomputes the duplicate / conflict / leakage flags of every row from hashes, labels and
/// splits (after edits in memory). Linear in the number of rows.
void updateDuplicateFlags(std::vector<SampleRow> &rows);

/// True when `row` passes `filter`.
bool matches(const SampleRow &row, const SampleFilter &filter);

/// Indexes of `rows` in the order `sort` asks for, stable; `classPosition` maps a class id to
/// its display position. Already-ordered rows cost one linear pass.
std::vector<int> sortedOrder(const std::vector<SampleRow> &rows, SampleSort sort,
                             const std::function<int(qint64)> &classPosition);

/// Sorts rows in place (see sortedOrder).
void sortSamples(std::vector<SampleRow> &rows, SampleSort sort,
                 const std::function<int(qint64)> &classPosition);

} // namespace pulc::dataset
