// The native predictor (oneDNN, BN folded) against LibTorch's eval forward of the same network:
// every PP-LCNet scale, the text-line strides, both input layouts, batching and threads.
#include "engine/deploy/foldnet.h"
#include "engine/deploy/nativenet.h"
#include "engine/models.h"
#include "engine/nets/network.h"
#include "engine/nets/pplcnet.h"
#include "engine/trainconfig.h"

#include "netfixture.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

using namespace pulc::engine;
using pulc::test::maxAbsDiff;
using pulc::test::randomNet;

namespace {

struct Case
{
    std::string model = "PPLCNet_x1_0";
    int height = 64;
    int width = 64;
    int classes = 10;
    StrideList strides = kDefaultStrides;
    bool useLastConv = true;
    Task task = Task::SingleLabel;
};

/// A randomised network in eval mode, its folded graph, a random NCHW input, and a native net to
/// build from the graph.
struct Fixture
{
    std::shared_ptr<ClassifierNet> net;
    InferenceGraph graph;
    torch::Tensor input; // [batch, 3, H, W]
    NativeNet native;

    Fixture(const Case &c, int batch)
    {
        TrainConfig config;
        config.model = c.model;
        config.inputHeight = c.height;
        config.inputWidth = c.width;
        config.strides = c.strides;
        config.useLastConv = c.useLastConv;
        config.task = c.task;
        net = randomNet(config, c.classes, /*seed=*/7, /*biasRange=*/0.3);
        std::string error;
        EXPECT_TRUE(foldNetwork(*net, config, c.classes, &graph, &error)) << error;
        input = torch::randn({batch, 3, c.height, c.width});
    }

    /// Builds `native` from the graph.
    ::testing::AssertionResult build(int threads = 2, int maxBatch = 32)
    {
        std::string error;
        if (native.build(graph, threads, &error, maxBatch))
            return ::testing::AssertionSuccess();
        return ::testing::AssertionFailure() << error;
    }

    torch::Tensor torchLogits(const torch::Tensor &x) const
    {
        torch::NoGradGuard noGrad;
        return net->run(x).logits.contiguous();
    }
};

std::vector<float> runNative(NativeNet &native, const torch::Tensor &nchw, InputLayout layout,
                             bool logits)
{
    const int batch = static_cast<int>(nchw.size(0));
    torch::Tensor x =
        layout == InputLayout::Nchw ? nchw.contiguous() : nchw.permute({0, 2, 3, 1}).contiguous();
    std::vector<float> out(static_cast<size_t>(batch) * native.graph().classes, -1.0f);
    std::string error;
    EXPECT_TRUE(native.run(x.data_ptr<float>(), batch, layout, out.data(), logits, &error))
        << error;
    return out;
}

float maxAbsDiff(const std::vector<float> &a, const torch::Tensor &b)
{
    EXPECT_EQ(static_cast<int64_t>(a.size()), b.numel());
    const float *p = b.data_ptr<float>();
    float worst = 0.0f;
    for (size_t i = 0; i < a.size(); ++i)
        worst = std::max(worst, std::abs(a[i] - p[i]));
    return worst;
}

constexpr float kTolerance = 1e-4f;

/// Builds the native net for `c` and checks its logits against LibTorch's.
void expectMatchesTorch(const Case &c, int batch = 1, int threads = 2)
{
    Fixture f(c, batch);
    ASSERT_TRUE(f.build(threads));
    const torch::Tensor expected = f.torchLogits(f.input);
    // The logits must be far from trivially small for the tolerance to mean something.
    EXPECT_GT(expected.abs().max().item<float>(), 0.05f) << c.model;
    EXPECT_LE(maxAbsDiff(runNative(f.native, f.input, InputLayout::Nchw, true), expected),
              kTolerance)
        << c.model << " " << c.height << "x" << c.width;
}

} // namespace

TEST(NativeNet, MatchesLibTorchForEveryScale)
{
    for (const ModelSpec &spec : knownModels()) {
        if (spec.family != "PPLCNet")
            continue;
        SCOPED_TRACE(spec.name);
        Case c;
        c.model = spec.name;
        expectMatchesTorch(c);
    }
}

TEST(NativeNet, MatchesLibTorchAt224)
{
    Case c;
    c.model = "PPLCNet_x1_0";
    c.height = c.width = 224;
    c.classes = 1000;
    expectMatchesTorch(c);
}

TEST(NativeNet, TextLineStridesWithoutLastConv)
{
    Case c;
    c.model = "PPLCNet_x0_35";
    c.height = 48;
    c.width = 192;
    c.classes = 2;
    c.strides = kTextLineStrides;
    c.useLastConv = false;
    expectMatchesTorch(c);
    c.model = "PPLCNet_x1_0";
    c.height = 80;
    c.width = 160;
    expectMatchesTorch(c, 2);
}

TEST(NativeNet, NhwcEqualsNchwAndBatchesEqualSingles)
{
    Fixture f({.model = "PPLCNet_x0_5"}, 3);
    ASSERT_TRUE(f.build());
    const std::vector<float> nchw = runNative(f.native, f.input, InputLayout::Nchw, true);
    const std::vector<float> nhwc = runNative(f.native, f.input, InputLayout::Nhwc, true);
    EXPECT_LE(maxAbsDiff(nchw, nhwc), 1e-5f);
    EXPECT_LE(maxAbsDiff(nchw, f.torchLogits(f.input)), kTolerance);

    std::vector<float> singles;
    for (int i = 0; i < 3; ++i) {
        const std::vector<float> one =
            runNative(f.native, f.input.slice(0, i, i + 1), InputLayout::Nchw, true);
        singles.insert(singles.end(), one.begin(), one.end());
    }
    EXPECT_LE(maxAbsDiff(nchw, singles), 1e-5f);
}

TEST(NativeNet, BatchLargerThanMaxBatchRunsInChunks)
{
    Fixture f({.model = "PPLCNet_x0_25"}, 7);
    ASSERT_TRUE(f.build(2, /*maxBatch=*/3));
    const std::vector<float> out = runNative(f.native, f.input, InputLayout::Nhwc, true);
    EXPECT_LE(maxAbsDiff(out, f.torchLogits(f.input)), kTolerance);
}

TEST(NativeNet, SoftmaxSumsToOneAndSigmoidForMultiLabel)
{
    Case c{.model = "PPLCNet_x0_25"};
    Fixture f(c, 2);
    ASSERT_TRUE(f.build());
    const std::vector<float> probs = runNative(f.native, f.input, InputLayout::Nchw, false);
    const torch::Tensor expected = torch::softmax(f.torchLogits(f.input), 1);
    EXPECT_LE(maxAbsDiff(probs, expected), 1e-5f);
    for (int b = 0; b < 2; ++b) {
        const double sum = std::accumulate(probs.begin() + b * c.classes,
                                           probs.begin() + (b + 1) * c.classes, 0.0);
        EXPECT_NEAR(sum, 1.0, 1e-5);
    }

    c.task = Task::MultiLabel;
    Fixture multi(c, 2);
    ASSERT_EQ(multi.graph.output, OutputActivation::Sigmoid);
    ASSERT_TRUE(multi.build(1));
    const std::vector<float> scores =
        runNative(multi.native, multi.input, InputLayout::Nchw, false);
    EXPECT_LE(maxAbsDiff(scores, torch::sigmoid(multi.torchLogits(multi.input))), 1e-5f);
}

TEST(NativeNet, SetThreadsKeepsTheAnswer)
{
    Fixture f({.model = "PPLCNet_x0_75"}, 2);
    ASSERT_TRUE(f.build());
    const std::vector<float> two = runNative(f.native, f.input, InputLayout::Nchw, true);
    f.native.setThreads(1);
    EXPECT_EQ(f.native.threads(), 1);
    ASSERT_TRUE(f.native.isBuilt());
    const std::vector<float> one = runNative(f.native, f.input, InputLayout::Nchw, true);
    EXPECT_LE(maxAbsDiff(one, two), 1e-5f);
    EXPECT_LE(maxAbsDiff(one, f.torchLogits(f.input)), kTolerance);
}

TEST(NativeNet, RejectsABrokenGraphAndRunBeforeBuild)
{
    NativeNet native;
    std::vector<float> in(3 * 64 * 64), out(10);
    std::string error;
    EXPECT_FALSE(native.run(in.data(), 1, InputLayout::Nchw, out.data(), true, &error));
    EXPECT_NE(error.find("not built"), std::string::npos) << error;

    Fixture f({.model = "PPLCNet_x0_25"}, 1);
    InferenceGraph broken = f.graph;
    broken.layers[3].conv.weight.resize(5); // a truncated weight tensor
    EXPECT_FALSE(native.build(broken, 1, &error));
    EXPECT_NE(error.find(broken.layers[3].name), std::string::npos) << error;
    EXPECT_FALSE(native.isBuilt());
}
