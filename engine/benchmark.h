#pragma once
// Public: timing of the model step alone, for bench/ programs (the figure PyTorch's reference
// script measures), without exposing Torch to them.

#include "engine/trainconfig.h"

#include <string>
#include <vector>

namespace pulc::engine {

/// Seconds per training step, and an error when the model could not be built or run.
struct StepTiming
{
    std::vector<double> stepSeconds;
    std::string error;
};

/// Times `steps` training steps (zero_grad, forward, CE loss, backward, SGD with the run's
/// optimizer groups) of config.model at the config's train size and batch on random in-memory
/// tensors, after `warmup` untimed steps, with config.threads threads. Blocks.
StepTiming timeTrainingSteps(const TrainConfig &config, int classes, int warmup, int steps);

} // namespace pulc::engine
