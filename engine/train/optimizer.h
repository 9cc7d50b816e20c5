#pragma once
// Internal to engine/ (LibTorch; not part of the public API). PaddleClas's optimizer for PULC
// (docs/paddleclas-compat.md, 'Shared training settings'): Momentum with coupled L2 decay,
// BatchNorm parameters not decayed, and the per-stage learning-rate multipliers of lr_mult_list,
// expressed as torch SGD param groups.
//
// torch::optim::SGD (dampening 0, no Nesterov) is Paddle's Momentum + L2Decay step for step:
// both add wd*p to the gradient, keep v = mu*v + g' (torch starts v at g', Paddle at 0 then
// mu*0 + g', the same) and move p -= lr*v with the current lr.

#include "engine/nets/network.h"
#include "engine/trainconfig.h"

#include <torch/optim/sgd.h>

#include <memory>
#include <string>
#include <vector>

namespace pulc::engine {

/// The optimizer and what each of its param groups is.
struct SgdSetup
{
    std::unique_ptr<torch::optim::SGD> optimizer;
    std::vector<double> groupMultipliers; ///< lr multiplier of param group i
    /// One line per group, e.g. "lr x0.5, weight decay 4e-05: 12 tensors (conv1.conv.weight,
    /// ...)", for the run log.
    std::vector<std::string> description;
};

/// Builds the SGD for `net`: groups by (lr multiplier, decayed or not), in the order their
/// first parameter appears in net.named_parameters(). The multiplier is
/// config.lrMult[net.lrGroupOf(name)], or 1 for -1 (and for an index out of range). Parameters
/// of BatchNorm1d/2d/3d modules (found by module type) get weight decay 0, every other
/// parameter config.weightDecay. Parameters with requires_grad false (a frozen teacher) are
/// left out. Group learning rates start at config.learningRate times the multiplier; the
/// trainer sets them every step with setLearningRate. Call from the thread that trains.
SgdSetup makeSgd(ClassifierNet &net, const TrainConfig &config);

/// Sets group i's learning rate to lr * groupMultipliers[i]. Not thread-safe with step().
void setLearningRate(torch::optim::SGD &optimizer, const std::vector<double> &groupMultipliers,
                     double lr);

} // namespace pulc::engine
