#include "engine/benchmark.h"

#include "engine/computethreads.h"

#include "engine/nets/network.h"
#include "engine/train/losses.h"
#include "engine/train/optimizer.h"

#include <chrono>

namespace pulc::engine {

StepTiming timeTrainingSteps(const TrainConfig &config, int classes, int warmup, int steps)
{
    const ComputeThreadsRelease release; // the app times steps on a pooled thread
    StepTiming timing;
    try {
        at::set_num_threads(std::max(1, config.threads));
        torch::manual_seed(config.seed);
        auto net = buildNetwork(networkOptions(config, config.model, classes));
        net->train();
        useChannelsLast(*net);
        SgdSetup sgd = makeSgd(*net, config);
        setLearningRate(*sgd.optimizer, sgd.groupMultipliers, config.learningRate);
        const torch::Tensor x = toChannelsLast(
            torch::randn({config.batchSize, 3, config.trainHeight, config.trainWidth}));
        const torch::Tensor y = torch::randint(0, classes, {config.batchSize}, torch::kLong);
        for (int i = 0; i < warmup + steps; ++i) {
            const auto start = std::chrono::steady_clock::now();
            sgd.optimizer->zero_grad();
            const torch::Tensor loss = crossEntropy(net->run(x).logits, y, config.labelSmoothing);
            loss.backward();
            sgd.optimizer->step();
            const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            if (i >= warmup)
                timing.stepSeconds.push_back(seconds);
        }
    } catch (const std::exception &e) {
        timing.error = e.what();
    }
    return timing;
}

} // namespace pulc::engine
