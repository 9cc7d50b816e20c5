#pragma once
// Internal to engine/ (torch-free): turns a model's probabilities on a labelled list into the
// metrics of a run (docs/paddleclas-compat.md, 'Losses and metrics'), shared by the trainer's
// per-epoch validation and evaluate(), so both report the same numbers under the same names.

#include "engine/training.h"

#include <vector>

namespace pulc::engine {

/// The metrics of `probabilities` (one row per item, empty for an item that failed to load)
/// against the items' labels. Fills metrics, mainMetric, mainValue, confusion and perClass of
/// `out`; samples get their scores, prediction and loss. Items without a label are skipped.
void scoreEvaluation(const TrainConfig &config, Task task, int classes,
                     const std::vector<DatasetSnapshot::Item> &items,
                     const std::vector<std::vector<float>> &probabilities, EvalResult &out);

/// The name of the main metric in the metrics map ("top1", "tpr_at_fpr", "mA").
std::string mainMetricKey(MainMetric metric);

/// The binary / multi-label decision of PaddleClas's ThreshOutput / MultiLabelThreshOutput
/// (docs/paddleclas-compat.md, 'Post-processing'): class 1 when p[1] >= threshold.
int binaryDecision(const std::vector<float> &probabilities, double threshold);

} // namespace pulc::engine
