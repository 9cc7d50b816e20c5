#pragma once
// A PP-LCNet with random weights, random BN statistics and random biases, for the tests that
// compare a folded or exported network with LibTorch (native predictor, ONNX export).

#include "engine/nets/network.h"
#include "engine/trainconfig.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <vector>

namespace pulc::test {

/// Random BN statistics and affine parameters, and biases in [-biasRange, biasRange] where
/// Paddle's initialiser leaves zeros, so folding and every bias path have real work to do.
inline void randomiseParameters(torch::nn::Module &net, double biasRange)
{
    torch::NoGradGuard noGrad;
    for (const auto &module : net.modules(/*include_self=*/false)) {
        if (auto *bn = module->as<torch::nn::BatchNorm2dImpl>()) {
            bn->running_mean.uniform_(-0.3, 0.3);
            bn->running_var.uniform_(0.5, 2.0);
            bn->weight.uniform_(0.5, 1.5);
            bn->bias.uniform_(-biasRange, biasRange);
        } else if (auto *conv = module->as<torch::nn::Conv2dImpl>()) {
            if (conv->bias.defined())
                conv->bias.uniform_(-biasRange, biasRange);
        } else if (auto *linear = module->as<torch::nn::LinearImpl>()) {
            linear->bias.uniform_(-biasRange, biasRange);
        }
    }
}

/// The network `config` describes (model, strides, last conv, head) with `classes` outputs,
/// built after torch::manual_seed(seed), randomised and in eval mode.
inline std::shared_ptr<engine::ClassifierNet>
randomNet(const engine::TrainConfig &config, int classes, uint64_t seed, double biasRange)
{
    torch::manual_seed(seed);
    std::shared_ptr<engine::ClassifierNet> net =
        engine::buildNetwork(engine::networkOptions(config, config.model, classes));
    randomiseParameters(*net, biasRange);
    net->eval();
    return net;
}

/// The largest |a[i] - b[i]|; a size mismatch fails the test.
inline float maxAbsDiff(const std::vector<float> &a, const std::vector<float> &b)
{
    EXPECT_EQ(a.size(), b.size());
    float worst = 0.0f;
    for (size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        worst = std::max(worst, std::abs(a[i] - b[i]));
    return worst;
}

} // namespace pulc::test
