#pragma once
// Internal to engine/ (torch-free): the learning-rate schedule of every PULC config
// (docs/paddleclas-compat.md, 'Shared training settings'), PaddleClas's `Cosine` (by_epoch False)
// wrapped in Paddle's `LinearWarmup`, as a pure function of the iteration so the trainer, a resumed
// run and a test all agree on the value.

#include "engine/trainconfig.h"

#include <cstdint>

namespace pulc::engine {

/// Linear warm-up then cosine decay, both per iteration. A plain value; `at` is thread-safe.
///
/// With i the 0-based iteration (the number of optimizer steps already taken):
/// - i < warmupSteps: warmupStartLr + (baseLr - warmupStartLr) * i / warmupSteps. Paddle's
///   LinearWarmup starts at last_epoch 0, so iteration 0 gets exactly warmupStartLr (0 in every
///   PULC config: the first step does not move the weights) and the end of the warm-up is
///   reached at i = warmupSteps, never inside it.
/// - otherwise, with t = i - warmupSteps and T = totalSteps - warmupSteps:
///   etaMin + (baseLr - etaMin) * (1 + cos(pi * t / T)) / 2, Paddle's closed form of
///   CosineAnnealingDecay. t is clamped to T (Paddle's would rise again past the end; training
///   never gets there). T <= 0 gives baseLr, as PaddleClas uses a constant then.
struct LrSchedule
{
    double baseLr = 0.0;
    int64_t warmupSteps = 0;
    int64_t totalSteps = 0;
    double warmupStartLr = 0.0;
    double etaMin = 0.0;

    /// The learning rate of the step taken at `iteration` (0-based).
    double at(int64_t iteration) const;
};

/// PaddleClas's Cosine for a config: warmupSteps = round(warmupEpochs * stepsPerEpoch) (Python
/// round, half to even), warm-up clamped to the whole run when warmupEpochs >= epochs as
/// PaddleClas does, totalSteps = epochs * stepsPerEpoch, start and eta_min 0.
LrSchedule makeSchedule(const TrainConfig &config, int stepsPerEpoch);

} // namespace pulc::engine
