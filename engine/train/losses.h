#pragma once
// Internal to engine/ (LibTorch; not part of the public API). The training losses of PaddleClas
// that PULC uses (docs/paddleclas-compat.md, 'Losses and metrics' and 'Distillation'), as plain
// functions of tensors so they can be checked against hand-computed numbers. Logits are float
// [N, C]. All functions are pure: thread-safe as far as LibTorch's autograd is, and differentiable
// in their logits.

#include <torch/types.h>

#include <vector>

namespace pulc::engine {

/// CELoss(epsilon): per sample -log_softmax(logits)[label], or with 0 < epsilon < 1 Paddle's
/// label_smooth, sum_c -log_softmax_c * ((1-eps)*onehot_c + eps/C). PaddleClas ignores an
/// epsilon outside (0, 1); so does this. labels: int64 [N]. Returns the batch mean, or the [N]
/// per-sample losses when !reduceMean.
torch::Tensor crossEntropy(const torch::Tensor &logits, const torch::Tensor &labels,
                           double epsilon = 0.0, bool reduceMean = true);

/// Cross entropy against soft targets [N, C] (Mixup / CutMix, PaddleClas's
/// SoftTargetCrossEntropy): batch mean of sum_c -target_c * log_softmax_c. With 0 < epsilon < 1
/// the targets are first smoothed as CELoss(epsilon) does with soft labels. Unlike PaddleClas's
/// CELoss without epsilon, the targets are not passed through a softmax first (that quirk only
/// shows with Mixup and no smoothing, which no PULC config uses).
torch::Tensor softTargetCrossEntropy(const torch::Tensor &logits, const torch::Tensor &targets,
                                     double epsilon = 0.0);

/// ratio2weight as MultiLabelLoss(weight_ratio=True) applies it: exp(1 - r_j) where the target
/// is positive (> 0.5), exp(r_j) where it is 0, and 0 where it is -1 (unknown). With
/// positiveRatio undefined the weights are 1 (0 for -1). targets: float [N, C] of 1/0/-1;
/// positiveRatio: float [C].
torch::Tensor multiLabelWeights(const torch::Tensor &targets, const torch::Tensor &positiveRatio);

/// MultiLabelLoss(weight_ratio=True, size_sum=True) (docs/paddleclas-compat.md,
/// 'Losses and metrics'): per element BCE-with-logits, times multiLabelWeights, summed over
/// attributes; the batch mean, or [N] when !reduceMean. With positiveRatio undefined the loss is
/// unweighted but -1 entries are still masked (PaddleClas would compute BCE against -1 there; no
/// PULC config does that).
torch::Tensor multiLabelLoss(const torch::Tensor &logits, const torch::Tensor &targets,
                             const torch::Tensor &positiveRatio, bool reduceMean = true);

/// r_j for multiLabelWeights: positives / known labels of attribute j over the training list,
/// entries equal to -1 left out of both counts (PaddleClas's label_ratio averages the raw
/// values, counting a -1 as a value; we count it as unknown). 0 for an attribute with no
/// known label. Missing trailing entries of a short row count as unknown.
std::vector<float> positiveRatios(const std::vector<std::vector<float>> &targets, int classes);

/// DMLLoss(act, eps=1e-12, sum_across_class_dim=False) (docs/paddleclas-compat.md, 'Distillation'):
/// with p = softmax (or sigmoid) of each input, per element
/// 0.5*(t*log((t+eps)/(s+eps)) + s*log((s+eps)/(t+eps))), summed over classes and averaged over the
/// batch. That is exactly PaddleClas's mean over N*C elements, whose KL carries a *C factor.
/// elementWeights [N, C], when defined, multiply the elements before reducing (the weight_ratio
/// variant: pass multiLabelWeights, which also masks -1 labels). Symmetric in its two inputs;
/// gradients flow into both unless the caller detaches the teacher.
torch::Tensor dmlLoss(const torch::Tensor &studentLogits, const torch::Tensor &teacherLogits,
                      bool sigmoid = false, const torch::Tensor &elementWeights = {});

/// DistillationDistanceLoss(mode="l2"): Paddle's nn.MSELoss with its default reduction, the
/// mean of (a-b)^2 over every element (not the sum). Shapes must match.
torch::Tensor featureL2Loss(const torch::Tensor &a, const torch::Tensor &b);

} // namespace pulc::engine
