#include "engine/train/schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pulc::engine {

double LrSchedule::at(int64_t iteration) const
{
    const int64_t i = std::max<int64_t>(0, iteration);
    if (i < warmupSteps) {
        return warmupStartLr +
               (baseLr - warmupStartLr) * static_cast<double>(i) / static_cast<double>(warmupSteps);
    }
    const int64_t span = totalSteps - warmupSteps;
    if (span <= 0)
        return baseLr;
    const double t = static_cast<double>(std::min(i - warmupSteps, span));
    return etaMin + (baseLr - etaMin) *
                        (1.0 + std::cos(std::numbers::pi * t / static_cast<double>(span))) / 2.0;
}

LrSchedule makeSchedule(const TrainConfig &config, int stepsPerEpoch)
{
    const int steps = std::max(0, stepsPerEpoch);
    const double warmupEpochs =
        std::clamp(config.warmupEpochs, 0.0, static_cast<double>(std::max(0, config.epochs)));
    LrSchedule schedule;
    schedule.baseLr = config.learningRate;
    // std::nearbyint rounds half to even in the default rounding mode, like Python's round.
    schedule.warmupSteps = static_cast<int64_t>(std::nearbyint(warmupEpochs * steps));
    schedule.totalSteps = static_cast<int64_t>(std::max(0, config.epochs)) * steps;
    return schedule;
}

} // namespace pulc::engine
