#pragma once

#include "result.h"

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
    QStringList warnings; ///< English sentences: few images, imbalance, leakage, conflicts
};

/// Computes the statistics with a handful of aggregate queries (fast at 100,000 samples).
Result<DatasetStats> computeStats(Project &project);

} // namespace pulc::dataset
