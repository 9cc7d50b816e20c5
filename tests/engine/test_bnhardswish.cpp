// The fused training-mode BatchNorm + hardswish (engine/nets/bnhardswish.h) against PyTorch's own
// BatchNorm2d then hardswish: outputs, the three gradients, running statistics and the batch
// counter, on channels-last tensors of several widths, also where the mean is far from zero.
#include "engine/nets/bnhardswish.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

namespace {

using namespace pulc::engine;

struct Case
{
    int64_t n, c, h, w;
    double offset; ///< added to the input, so the batch mean is far from 0 and the spread small
    double spread;
};

/// Largest |a - b| relative to the largest |b| (plus a floor for all-zero tensors).
double relativeError(const torch::Tensor &a, const torch::Tensor &b)
{
    return (a - b).abs().max().item<double>() / (b.abs().max().item<double>() + 1e-6);
}

torch::nn::BatchNorm2d makeBn(int64_t channels, int seed)
{
    torch::manual_seed(seed);
    torch::nn::BatchNorm2d bn(torch::nn::BatchNorm2dOptions(channels).eps(1e-5).momentum(0.1));
    torch::NoGradGuard noGrad;
    bn->weight.uniform_(0.5, 1.5);
    bn->bias.uniform_(-1.0, 1.0);
    bn->running_mean.uniform_(-0.5, 0.5);
    bn->running_var.uniform_(0.5, 2.0);
    bn->train();
    return bn;
}

TEST(BnHardswish, MatchesBatchNormThenHardswishWithGradientsAndRunningStats)
{
    const Case cases[] = {{4, 8, 9, 7, 0.0, 1.0},     {2, 24, 5, 6, 0.0, 3.0},
                          {3, 16, 4, 4, 40.0, 0.5},   {8, 3, 2, 3, -2.0, 1.0},
                          {32, 32, 28, 28, 0.3, 2.0}, {5, 64, 1, 1, 1.0, 1.0}};
    for (const Case &k : cases) {
        SCOPED_TRACE(::testing::Message()
                     << k.n << "x" << k.c << "x" << k.h << "x" << k.w << " offset " << k.offset);
        torch::manual_seed(11);
        const torch::Tensor base = (torch::randn({k.n, k.c, k.h, k.w}) * k.spread + k.offset)
                                       .contiguous(torch::MemoryFormat::ChannelsLast);
        const torch::Tensor upstream =
            torch::randn({k.n, k.c, k.h, k.w}).contiguous(torch::MemoryFormat::ChannelsLast);

        torch::nn::BatchNorm2d plain = makeBn(k.c, 5);
        torch::nn::BatchNorm2d fused = makeBn(k.c, 5);
        // The op is right at every width; the model uses it where it is faster (under 16).
        EXPECT_EQ(canFuseBnHardswish(base, *fused), k.c < 16);

        const torch::Tensor xa = base.clone().requires_grad_(true);
        const torch::Tensor xb = base.clone().requires_grad_(true);
        const torch::Tensor ya = torch::hardswish(plain(xa));
        const torch::Tensor yb = bnHardswishTrain(xb, *fused);
        EXPECT_TRUE(yb.is_contiguous(torch::MemoryFormat::ChannelsLast));
        EXPECT_LE(relativeError(yb, ya), 1e-5);

        (ya * upstream).sum().backward();
        (yb * upstream).sum().backward();
        EXPECT_LE(relativeError(xb.grad(), xa.grad()), 1e-4);
        EXPECT_LE(relativeError(fused->weight.grad(), plain->weight.grad()), 1e-4);
        EXPECT_LE(relativeError(fused->bias.grad(), plain->bias.grad()), 1e-5);

        EXPECT_LE(relativeError(fused->running_mean, plain->running_mean), 1e-6);
        EXPECT_LE(relativeError(fused->running_var, plain->running_var), 1e-5);
        EXPECT_EQ(fused->num_batches_tracked.item<int64_t>(),
                  plain->num_batches_tracked.item<int64_t>());
    }
}

TEST(BnHardswish, TakesOnlyWhatItComputesRight)
{
    torch::nn::BatchNorm2d bn = makeBn(8, 1);
    const torch::Tensor nchw = torch::randn({2, 8, 4, 4});
    EXPECT_FALSE(canFuseBnHardswish(nchw, *bn));
    EXPECT_TRUE(canFuseBnHardswish(nchw.contiguous(torch::MemoryFormat::ChannelsLast), *bn));
    torch::nn::BatchNorm2d wide = makeBn(64, 1);
    EXPECT_FALSE(canFuseBnHardswish(
        torch::randn({2, 64, 4, 4}).contiguous(torch::MemoryFormat::ChannelsLast), *wide));
    EXPECT_FALSE(canFuseBnHardswish(
        nchw.to(torch::kDouble).contiguous(torch::MemoryFormat::ChannelsLast), *bn));
    // One value per channel has no batch variance; BatchNorm2d itself refuses it in training.
    EXPECT_FALSE(canFuseBnHardswish(torch::randn({1, 8, 1, 1}), *bn));
    torch::nn::BatchNorm2d cumulative(torch::nn::BatchNorm2dOptions(8).momentum(c10::nullopt));
    EXPECT_FALSE(
        canFuseBnHardswish(nchw.contiguous(torch::MemoryFormat::ChannelsLast), *cumulative));
}

} // namespace
