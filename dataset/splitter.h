#pragma once

#include "result.h"

namespace pulc::dataset {

class Project;

/// How to split: fractions for val and test, the rest goes to train.
struct SplitRequest
{
    double val = 0.1;
    double test = 0.1;
    quint64 seed = 42;
    bool reassign = false; ///< re-split every labeled sample, not only unassigned ones
};

/// How many samples went where.
struct SplitResult
{
    int assigned = 0;
    int train = 0;
    int val = 0;
    int test = 0;
};

/// Stratified random split by class (a multi-label sample by its first class), seeded and
/// repeatable. Identical images (same content hash) always land in the same split, and copies
/// of an image that already has one follow it, so a split never creates leakage. Unlabeled
/// samples stay unassigned. One transaction.
Result<SplitResult> splitDataset(Project &project, const SplitRequest &request);

} // namespace pulc::dataset
