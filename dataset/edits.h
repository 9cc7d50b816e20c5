#pragma once

#include "project.h"
#include "result.h"
#include "types.h"

#include <QString>

#include <utility>
#include <vector>

namespace pulc::dataset {

// User edits of a project, each one SQLite transaction, each able to capture what it changes so
// an undo command can put it back exactly. Run on the thread that owns the Project.

/// The labels of some samples at one moment: what undo restores.
struct LabelSnapshot
{
    std::vector<std::pair<qint64, std::vector<qint64>>> labels; ///< sample id -> class ids
};

/// The split of some samples at one moment.
struct SplitSnapshot
{
    std::vector<std::pair<qint64, Split>> splits;
};

/// A class with the samples that carry it: enough to re-create it after a delete or merge.
struct ClassSnapshot
{
    ClassInfo info;
    std::vector<qint64> sampleIds;
};

/// How a label edit combines with the labels already there.
enum class LabelMode {
    Replace, ///< the class becomes the sample's only label (single-label and binary projects)
    Add,     ///< the class is added (multi-label)
    Remove,  ///< the class is removed
    Clear,   ///< every label is removed (classId ignored)
};

Result<LabelSnapshot> snapshotLabels(Project &project, const std::vector<qint64> &sampleIds);
Status applyLabel(Project &project, const std::vector<qint64> &sampleIds, LabelMode mode,
                  qint64 classId);
Status restoreLabels(Project &project, const LabelSnapshot &snapshot);

Result<SplitSnapshot> snapshotSplits(Project &project, const std::vector<qint64> &sampleIds);
Status setSplit(Project &project, const std::vector<qint64> &sampleIds, Split split);
Status restoreSplits(Project &project, const SplitSnapshot &snapshot);

/// Removes samples from the dataset (kept in the database, restorable) or restores them.
Status setRemoved(Project &project, const std::vector<qint64> &sampleIds, bool removed);

/// Adds a class at the end; fails when the name is taken or empty.
Result<ClassInfo> addClass(Project &project, const QString &name);
Status renameClass(Project &project, qint64 classId, const QString &newName);
Status setClassColor(Project &project, qint64 classId, const QString &color);
/// Sets the display order: `orderedIds` lists every class once.
Status reorderClasses(Project &project, const std::vector<qint64> &orderedIds);

Result<ClassSnapshot> snapshotClass(Project &project, qint64 classId);
/// Deletes a class and its labels (the samples stay, possibly unlabeled).
Status deleteClass(Project &project, qint64 classId);
/// Re-creates a deleted class with its id, name, colour, position and labels.
Status restoreClass(Project &project, const ClassSnapshot &snapshot);
/// Moves every label of `fromId` to `intoId` and deletes `fromId`.
Status mergeClasses(Project &project, qint64 fromId, qint64 intoId);
/// Undoes a merge in one transaction: re-creates `from` and gives the samples it had (listed in
/// `labels`, captured before the merge) their labels back.
Status unmergeClasses(Project &project, const ClassSnapshot &from, const LabelSnapshot &labels);

} // namespace pulc::dataset
