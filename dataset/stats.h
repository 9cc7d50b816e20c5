#pragma once

#include "project.h"
#include "result.h"
#include "samples.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace pulc::dataset {

class Project;

/// Counts of one class; a multi-label sample counts once in each of its classes.
struct ClassStats
{
    qint64 id = 0;
    QString name;
    QString color;
    int count = 0;
    int train = 0;
    int val = 0;
    int test = 0;
    int unassigned = 0;
};

/// Something a user should know before training. A code with values, so each host words it in
/// its own language (describe() gives the English the CLI prints).
struct StatsWarning
{
    enum class Kind {
        EmptyClass,       ///< className has no images
        FewImages,        ///< className has only `count` training (or unassigned) images
        Imbalance,        ///< largest class `count` images, smallest `other`
        Leakage,          ///< `count` groups of identical images sit in two splits
        Conflicts,        ///< `count` groups of identical images carry different labels
        Duplicates,       ///< `count` groups of identical images
        NoValidation,     ///< labeled images exist but none is in val
        MissingOrCorrupt, ///< `count` images are missing or corrupt
    };
    Kind kind = Kind::EmptyClass;
    QString className;
    int count = 0;
    int other = 0;

    bool operator==(const StatsWarning &) const = default;
};

/// The warning in English.
QString describe(const StatsWarning &warning);

/// What a user wants to know about the dataset before training. Removed samples are left out.
struct DatasetStats
{
    int samples = 0;
    int labeled = 0;
    int unlabeled = 0;
    int train = 0;
    int val = 0;
    int test = 0;
    int unassigned = 0;
    int missing = 0;
    int corrupt = 0;
    int removed = 0;
    int duplicateGroups = 0;
    int conflictGroups = 0;
    int leakageGroups = 0;
    QList<ClassStats> classes;
    QList<StatsWarning> warnings;
};

/// Computes the statistics of the project (loads its samples: well under a second at 100,000).
Result<DatasetStats> computeStats(Project &project);

/// The same from rows already in memory, as the GUI holds them: one code path for both.
DatasetStats computeStats(const std::vector<SampleRow> &rows, const QList<ClassInfo> &classes);

} // namespace pulc::dataset
