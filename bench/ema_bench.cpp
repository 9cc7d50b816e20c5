// The cost of the model EMA's update next to the training step it follows.
//
//   ema_bench [--model PPLCNet_x0_25] [--size 224] [--batch 32] [--classes 1000]
//             [--threads 2] [--steps 20]
//
// Builds the network twice (model and average, channels-last as the trainer has them), then
// alternates a training step (forward, cross entropy, backward, SGD) on random tensors with the
// EMA update, so the machine's noise hits both alike. Prints the medians and the update's share
// of a step; also the same update as two _foreach_ passes, for comparison.
#include "engine/nets/network.h"
#include "engine/train/ema.h"
#include "engine/train/optimizer.h"
#include "engine/trainconfig.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

using namespace pulc::engine;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

template<typename F> double millis(F &&f)
{
    const auto start = Clock::now();
    f();
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    std::string model = "PPLCNet_x0_25";
    int size = 224, batch = 32, classes = 1000, threads = 2, steps = 20;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string key = argv[i];
        const char *value = argv[i + 1];
        if (key == "--model")
            model = value;
        else if (key == "--size")
            size = std::atoi(value);
        else if (key == "--batch")
            batch = std::atoi(value);
        else if (key == "--classes")
            classes = std::atoi(value);
        else if (key == "--threads")
            threads = std::atoi(value);
        else if (key == "--steps")
            steps = std::atoi(value);
        else {
            std::fprintf(stderr, "unknown option %s\n", argv[i]);
            return 2;
        }
    }
    at::set_num_threads(threads);
    torch::manual_seed(1);
    TrainConfig config;
    config.model = model;
    auto net = buildNetwork(networkOptions(config, model, classes));
    auto average = buildNetwork(networkOptions(config, model, classes));
    useChannelsLast(*net);
    useChannelsLast(*average);
    average->eval();
    SgdSetup sgd = makeSgd(*net, config);
    ModelEma ema(*net, *average, 0.9999);
    ema.reset();
    net->train();

    std::vector<at::Tensor> from, to;
    for (const auto &p : net->parameters())
        from.push_back(p.detach());
    for (const auto &b : net->buffers())
        if (b.is_floating_point())
            from.push_back(b.detach());
    for (const auto &p : average->parameters())
        to.push_back(p.detach());
    for (const auto &b : average->buffers())
        if (b.is_floating_point())
            to.push_back(b.detach());
    int64_t values = 0;
    for (const auto &t : to)
        values += t.numel();

    const auto images =
        torch::randn({batch, 3, size, size}).contiguous(torch::MemoryFormat::ChannelsLast);
    const auto labels = torch::randint(0, classes, {batch}, torch::kLong);
    std::vector<double> step, update, loop;
    for (int i = 0; i < steps + 2; ++i) {
        const double s = millis([&] {
            const auto loss = torch::nn::functional::cross_entropy(net->run(images).logits, labels);
            sgd.optimizer->zero_grad();
            loss.backward();
            sgd.optimizer->step();
        });
        // Alternating which runs right after the step, so neither always meets a cold cache.
        double u = 0, l = 0;
        const auto runUpdate = [&] { u = millis([&] { ema.update(); }); };
        const auto runFused = [&] {
            l = millis([&] {
                torch::NoGradGuard noGrad;
                at::_foreach_mul_(to, 0.9999);
                at::_foreach_add_(to, from, 1.0 - 0.9999);
            });
        };
        if (i % 2) {
            runUpdate();
            runFused();
        } else {
            runFused();
            runUpdate();
        }
        if (i >= 2) { // the first steps warm oneDNN's caches up
            step.push_back(s);
            update.push_back(u);
            loop.push_back(l);
        }
    }
    const double ms = median(step), mu = median(update), ml = median(loop);
    std::printf("%s %dx%d batch %d, %d classes, %d threads, %d steps; EMA over %zu tensors, %lld "
                "values\n",
                model.c_str(), size, size, batch, classes, threads, steps, to.size(),
                static_cast<long long>(values));
    std::printf("train step (median)        %9.3f ms\n", ms);
    std::printf("EMA update (ModelEma)      %9.3f ms  (%.2f%% of a step)\n", mu, 100.0 * mu / ms);
    std::printf("same with _foreach_ ops    %9.3f ms  (%.2f%% of a step)\n", ml, 100.0 * ml / ms);
    return 0;
}
