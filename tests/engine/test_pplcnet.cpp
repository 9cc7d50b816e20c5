// PP-LCNet against docs/paddleclas-compat.md ('PP-LCNet' and 'Weight files'): shapes, the published
// parameter counts, Paddle's dropout at inference, and PaddleClas parameter names.
#include "engine/models.h"
#include "engine/nets/pplcnet.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace pulc::engine;

/// The parameter counts of docs/paddleclas-compat.md, 'Size and cost' (M, 1000 classes),
/// rounded to 3 decimals there.
struct Expected
{
    const char *name;
    double scale;
    double paramsM;
};

const Expected kTable[] = {
    {"PPLCNet_x0_25", 0.25, 1.521}, {"PPLCNet_x0_35", 0.35, 1.643}, {"PPLCNet_x0_5", 0.5, 1.880},
    {"PPLCNet_x0_75", 0.75, 2.357}, {"PPLCNet_x1_0", 1.0, 2.953},   {"PPLCNet_x1_5", 1.5, 4.500},
    {"PPLCNet_x2_0", 2.0, 6.522},   {"PPLCNet_x2_5", 2.5, 9.018},
};

const std::array<Stride2d, 5> kTextLine{{{2, 2}, {2, 1}, {2, 1}, {2, 1}, {2, 1}}};

int64_t parameterCount(const PPLCNet &model)
{
    int64_t n = 0;
    for (const auto &p : model->parameters())
        n += p.numel();
    return n;
}

PPLCNet build(double scale, int64_t classes, bool useLastConv = true)
{
    PPLCNetOptions o;
    o.scale = scale;
    o.classNum = classes;
    o.useLastConv = useLastConv;
    return PPLCNet(o);
}

TEST(PPLCNet, MakeDivisibleGivesTheSpecChannelWidths)
{
    // The table of docs/paddleclas-compat.md, 'Widths and strides': stem and blocks6 widths
    // per scale.
    const std::pair<double, std::pair<int64_t, int64_t>> rows[] = {
        {0.25, {8, 128}}, {0.35, {8, 176}}, {0.5, {8, 256}},   {0.75, {16, 384}},
        {1.0, {16, 512}}, {1.5, {24, 768}}, {2.0, {32, 1024}}, {2.5, {40, 1280}}};
    for (const auto &[scale, widths] : rows) {
        EXPECT_EQ(makeDivisible(16 * scale), widths.first) << scale;
        EXPECT_EQ(makeDivisible(512 * scale), widths.second) << scale;
    }
    EXPECT_EQ(makeDivisible(256 * 0.35), 88);
    EXPECT_EQ(makeDivisible(3), 8);
}

TEST(PPLCNet, ParameterCountsMatchTheSpecTable)
{
    for (const Expected &e : kTable) {
        const double m = parameterCount(build(e.scale, 1000)) / 1e6;
        EXPECT_NEAR(m, e.paramsM, 0.0005) << e.name;
        const ModelStats stats = describeModel(e.name, 1000, 224, 224);
        ASSERT_TRUE(stats.ok()) << stats.error;
        EXPECT_NEAR(stats.parameters / 1e6, e.paramsM, 0.0005) << e.name;
    }
}

TEST(PPLCNet, MacsMatchTheSpec)
{
    // docs/paddleclas-compat.md, 'Size and cost': 155.7 M conv+FC MACs for x1.0 at 224x224, and
    // about 293 M at 80x160 with the text-line strides; ../shared/bench/pplcnet_ref.py's hooks give
    // 294.257 M there.
    const ModelStats square = describeModel("PPLCNet_x1_0", 1000, 224, 224);
    ASSERT_TRUE(square.ok()) << square.error;
    EXPECT_NEAR(square.macs / 1e6, 155.7, 0.05);
    const ModelStats textLine =
        describeModel("PPLCNet_x1_0", 1000, 80, 160, true, kTextLineStrides);
    ASSERT_TRUE(textLine.ok()) << textLine.error;
    EXPECT_NEAR(textLine.macs / 1e6, 294.257, 0.001);
    // The reference script's figures for the other ends of the range.
    EXPECT_NEAR(describeModel("PPLCNet_x0_25", 1000, 224, 224).macs / 1e6, 16.8, 0.05);
    EXPECT_NEAR(describeModel("PPLCNet_x2_5", 1000, 224, 224).macs / 1e6, 893.7, 0.05);
}

TEST(PPLCNet, DescribeModelReportsBadInputAsAnError)
{
    EXPECT_FALSE(describeModel("PPLCNet_x3_0", 1000, 224, 224).ok());
    EXPECT_FALSE(describeModel("PPLCNet_x1_0", 0, 224, 224).ok());
    EXPECT_FALSE(describeModel("PPLCNet_x1_0", 10, 0, 224).ok());
    EXPECT_NE(describeModel("nope", 10, 224, 224).error.find("nope"), std::string::npos);
}

TEST(PPLCNet, KnownModelsStartWithTheEightScalesInPaddleClasSpelling)
{
    ASSERT_GE(knownModels().size(), std::size(kTable));
    for (size_t i = 0; i < std::size(kTable); ++i) {
        EXPECT_EQ(knownModels()[i].name, kTable[i].name);
        EXPECT_EQ(knownModels()[i].family, "PPLCNet");
        EXPECT_DOUBLE_EQ(knownModels()[i].scale, kTable[i].scale);
    }
    ASSERT_NE(findModel("PPLCNet_x1_0"), nullptr);
    EXPECT_EQ(findModel("PPLCNet_x1"), nullptr);
}

TEST(PPLCNet, OutputShapesAtEveryScale)
{
    torch::NoGradGuard noGrad;
    for (const Expected &e : kTable) {
        PPLCNetOptions o;
        o.scale = e.scale;
        o.classNum = 7;
        PPLCNet square(o);
        square->eval();
        EXPECT_EQ(square->forward(torch::randn({2, 3, 224, 224})).sizes(),
                  (std::vector<int64_t>{2, 7}))
            << e.name;

        o.strideList = kTextLine;
        PPLCNet textLine(o);
        textLine->eval();
        EXPECT_EQ(textLine->forward(torch::randn({1, 3, 80, 160})).sizes(),
                  (std::vector<int64_t>{1, 7}))
            << e.name;
    }
}

TEST(PPLCNet, TextLineStridesKeepTheWidth)
{
    // docs/paddleclas-compat.md, 'Widths and strides': 80x160 -> stem 40x80 -> ... -> blocks6 3x80.
    torch::NoGradGuard noGrad;
    PPLCNetOptions o;
    o.strideList = kTextLine;
    PPLCNet model(o);
    model->eval();
    torch::Tensor x = model->conv1(torch::randn({1, 3, 80, 160}));
    EXPECT_EQ(x.sizes(), (std::vector<int64_t>{1, 16, 40, 80}));
    const std::vector<std::vector<int64_t>> expected = {
        {1, 32, 40, 80}, {1, 64, 20, 80}, {1, 128, 10, 80}, {1, 256, 5, 80}, {1, 512, 3, 80}};
    for (size_t stage = 0; stage < model->blocks.size(); ++stage) {
        for (const auto &block : *model->blocks[stage])
            x = block->as<DepthwiseSeparable>()->forward(x);
        EXPECT_EQ(x.sizes(), expected[stage]) << "blocks" << stage + 2;
    }
}

TEST(PPLCNet, EvalHeadScalesByOneMinusDropout)
{
    torch::manual_seed(7);
    torch::NoGradGuard noGrad;
    PPLCNet model = build(0.25, 5);
    model->eval();
    const torch::Tensor input = torch::randn({2, 3, 64, 64});

    torch::Tensor x = model->conv1(input);
    for (auto &stage : model->blocks) {
        for (const auto &block : *stage)
            x = block->as<DepthwiseSeparable>()->forward(x);
    }
    x = x.mean({2, 3}, /*keepdim=*/true);
    x = torch::hardswish(model->last_conv(x)).flatten(1);
    const torch::Tensor scaled = model->fc(x * 0.8);
    const torch::Tensor unscaled = model->fc(x);

    const torch::Tensor out = model->forward(input);
    // At initialisation with eval-mode BN the logits are ~1e-6, so compare relatively.
    ASSERT_GT(out.abs().max().item<double>(), 0.0);
    EXPECT_TRUE(torch::allclose(out, scaled, 1e-4, 0.0));
    EXPECT_FALSE(torch::allclose(out, unscaled, 1e-2, 0.0));
    // Deterministic at eval: no dropout mask.
    EXPECT_TRUE(torch::equal(out, model->forward(input)));
}

TEST(PPLCNet, TrainingDropoutMasksWithoutUpscaling)
{
    // downscale_in_infer: in training every activation is kept as is or zeroed, never divided
    // by (1 - p). An identity fc makes the logits the 1280-d head vector itself.
    torch::manual_seed(3);
    torch::NoGradGuard noGrad;
    PPLCNetOptions o;
    o.scale = 0.25;
    o.classNum = 1280;
    o.dropoutProb = 0.5;
    PPLCNet model(o);
    model->fc->weight.copy_(torch::eye(1280));
    model->fc->bias.zero_();
    const torch::Tensor input = torch::randn({1, 3, 32, 32});
    model->eval();
    const torch::Tensor head = model->forward(input) / 0.5;
    // Training-mode head on eval-mode BN statistics, so only the dropout differs.
    model->train();
    model->conv1->eval();
    for (auto &stage : model->blocks)
        stage->eval();
    const torch::Tensor out = model->forward(input);
    const torch::Tensor kept = out != 0;
    EXPECT_TRUE(torch::allclose(out, head * kept, 1e-5, 1e-5));
    const double keptFraction = kept.to(torch::kDouble).mean().item<double>();
    EXPECT_GT(keptFraction, 0.4);
    EXPECT_LT(keptFraction, 0.6);
}

TEST(PPLCNet, ParameterNamesArePaddleClasNames)
{
    PPLCNet model = build(1.0, 1000);
    std::vector<std::string> names;
    for (const auto &item : model->named_parameters())
        names.push_back(item.key());
    std::vector<std::string> buffers;
    for (const auto &item : model->named_buffers())
        buffers.push_back(item.key());
    auto has = [](const std::vector<std::string> &list, const std::string &name) {
        return std::find(list.begin(), list.end(), name) != list.end();
    };
    for (const char *name :
         {"conv1.conv.weight", "conv1.bn.weight", "conv1.bn.bias", "blocks2.0.dw_conv.conv.weight",
          "blocks2.0.pw_conv.bn.weight", "blocks5.5.dw_conv.conv.weight",
          "blocks6.0.se.conv1.weight", "blocks6.0.se.conv1.bias", "blocks6.1.se.conv2.bias",
          "last_conv.weight", "fc.weight", "fc.bias"})
        EXPECT_TRUE(has(names, name)) << name;
    EXPECT_FALSE(has(names, "last_conv.bias"));
    EXPECT_FALSE(has(names, "blocks5.0.se.conv1.weight"));
    EXPECT_TRUE(has(buffers, "conv1.bn.running_mean"));
    EXPECT_TRUE(has(buffers, "blocks6.1.pw_conv.bn.running_var"));
    // 146 tensors in the Paddle state dict = parameters + (mean, variance) per BN
    // (docs/paddleclas-compat.md, 'Weight files').
    size_t statistics = 0;
    for (const std::string &b : buffers)
        statistics += b.ends_with(".running_mean") || b.ends_with(".running_var");
    EXPECT_EQ(names.size() + statistics, 146u);

    const auto params = model->named_parameters();
    EXPECT_EQ(params["blocks6.0.se.conv1.weight"].sizes(), (std::vector<int64_t>{64, 256, 1, 1}));
    EXPECT_EQ(params["last_conv.weight"].sizes(), (std::vector<int64_t>{1280, 512, 1, 1}));
    EXPECT_EQ(params["fc.weight"].sizes(), (std::vector<int64_t>{1000, 1280}));
}

TEST(PPLCNet, WithoutLastConvFcReadsTheBlocks6Width)
{
    PPLCNet model = build(0.5, 4, /*useLastConv=*/false);
    EXPECT_FALSE(model->last_conv);
    EXPECT_EQ(model->fc->weight.sizes(), (std::vector<int64_t>{4, 256}));
    for (const auto &item : model->named_parameters())
        EXPECT_EQ(item.key().rfind("last_conv", 0), std::string::npos) << item.key();
    torch::NoGradGuard noGrad;
    model->eval();
    EXPECT_EQ(model->forward(torch::randn({1, 3, 64, 64})).sizes(), (std::vector<int64_t>{1, 4}));
}

TEST(PPLCNet, LrGroupsFollowLrMultList)
{
    EXPECT_EQ(PPLCNetImpl::lrGroupForName("conv1.bn.weight"), 0);
    EXPECT_EQ(PPLCNetImpl::lrGroupForName("blocks2.0.dw_conv.conv.weight"), 1);
    EXPECT_EQ(PPLCNetImpl::lrGroupForName("blocks6.1.se.conv2.bias"), 5);
    EXPECT_EQ(PPLCNetImpl::lrGroupForName("last_conv.weight"), -1);
    EXPECT_EQ(PPLCNetImpl::lrGroupForName("fc.bias"), -1);
}

TEST(PPLCNet, ConvWeightsAreKaimingNormal)
{
    torch::manual_seed(1);
    PPLCNet model = build(1.0, 10);
    // blocks5.1 pointwise: fan_in 256 -> std sqrt(2/256) = 0.0884 over 65536 samples.
    const torch::Tensor w = model->named_parameters()["blocks5.1.pw_conv.conv.weight"];
    EXPECT_NEAR(w.std().item<double>(), std::sqrt(2.0 / 256), 0.003);
    EXPECT_NEAR(w.mean().item<double>(), 0.0, 0.003);
    EXPECT_TRUE(torch::equal(model->named_parameters()["fc.bias"], torch::zeros({10})));
}

} // namespace
