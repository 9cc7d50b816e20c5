#pragma once
// Internal to engine/: training-mode BatchNorm followed by hardswish as one autograd op, for
// the ConvBNLayer every PP-LCNet block is made of. On 2 cores BatchNorm and hardswish were about
// 65% of a PP-LCNet x0.25 training step at 224 (forward and backward, PyTorch's profiler on
// Debian's 1.13), much of it in the 8-channel layers, where PyTorch's channels-last BatchNorm is
// slow. Fused, the forward reads its input twice and writes once, the backward recomputes the BN
// output from the input instead of storing it, and no intermediate tensor is allocated
// (docs/training.md, 'The model step').

#include <torch/nn/modules/batchnorm.h>

namespace pulc::engine {

/// True when the model should use bnHardswishTrain for x and bn: fewer than 16 channels (where
/// it is faster than PyTorch's kernels), float32, 4-D, contiguous channels-last, more than one
/// value per channel, an affine BN with running statistics and a fixed momentum, and the fused
/// path not switched off (environment PULC_FUSED_BN=0, for comparisons). bnHardswishTrain itself
/// is right for any width.
bool canFuseBnHardswish(const torch::Tensor &x, const torch::nn::BatchNorm2dImpl &bn);

/// hardswish(bn(x)) as bn in training mode computes it: batch statistics (biased variance) for
/// the output, running mean and unbiased running variance updated with bn's momentum, and
/// num_batches_tracked incremented. The same values as the two modules up to float rounding;
/// gradients for x, bn.weight and bn.bias.
torch::Tensor bnHardswishTrain(const torch::Tensor &x, torch::nn::BatchNorm2dImpl &bn);

} // namespace pulc::engine
