#pragma once

#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace pulc::dataset {

class Project;

/// Samples that share one content hash. A group is a conflict when its samples carry
/// different labels, and leakage when they sit in different splits.
struct DuplicateGroup
{
    QString hash;
    QStringList paths;  ///< stored paths, one per sample
    QStringList labels; ///< per sample: its class names joined with ';' ("" = unlabeled)
    QStringList splits; ///< per sample: "train", "val", "test" or ""
    bool conflict = false;
    bool leakage = false;
};

/// All groups of two or more non-removed samples with equal content, optionally limited to
/// the given hashes (e.g. those an import just added). Sorted by hash.
QList<DuplicateGroup> findDuplicateGroups(Project &project,
                                          const QSet<QString> *onlyHashes = nullptr);

} // namespace pulc::dataset
