#include "engine/nets/pplcnet.h"

#include <torch/nn/functional.h>

#include <stdexcept>

namespace pulc::engine {
namespace {

namespace F = torch::nn::functional;

/// One block of the table in docs/paddleclas-compat.md, 'Blocks', at scale 1.0: kernel, in, out,
/// stride, SE.
struct BlockConfig
{
    int64_t kernel;
    int64_t in;
    int64_t out;
    int64_t stride;
    bool se;
};

const std::vector<std::vector<BlockConfig>> kNetConfig = {
    {{3, 16, 32, 1, false}},                           // blocks2
    {{3, 32, 64, 2, false}, {3, 64, 64, 1, false}},    // blocks3
    {{3, 64, 128, 2, false}, {3, 128, 128, 1, false}}, // blocks4
    {{3, 128, 256, 2, false},
     {5, 256, 256, 1, false},
     {5, 256, 256, 1, false}, // blocks5
     {5, 256, 256, 1, false},
     {5, 256, 256, 1, false},
     {5, 256, 256, 1, false}},
    {{5, 256, 512, 2, true}, {5, 512, 512, 1, true}}, // blocks6
};

constexpr int64_t kStemChannels = 16;

} // namespace

PPLCNetImpl::PPLCNetImpl(const PPLCNetOptions &options)
    : m_options(options)
{
    const double s = options.scale;
    conv1 = register_module(
        "conv1", ConvBNLayer(3, makeDivisible(kStemChannels * s), 3, options.strideList[0], 1));
    for (size_t stage = 0; stage < kNetConfig.size(); ++stage) {
        blocks[stage] = torch::nn::ModuleList();
        for (size_t i = 0; i < kNetConfig[stage].size(); ++i) {
            const BlockConfig &c = kNetConfig[stage][i];
            // blocks2 keeps stride 1; stride_list[1..4] override the first block of 3..6.
            Stride2d stride{c.stride, c.stride};
            if (stage > 0 && i == 0)
                stride = options.strideList[stage];
            blocks[stage]->push_back(DepthwiseSeparable(
                makeDivisible(c.in * s), makeDivisible(c.out * s), c.kernel, stride, c.se));
        }
        register_module("blocks" + std::to_string(stage + 2), blocks[stage]);
    }
    const int64_t lastWidth = makeDivisible(kNetConfig.back().back().out * s);
    int64_t fcIn = lastWidth;
    if (options.useLastConv) {
        last_conv = register_module(
            "last_conv",
            torch::nn::Conv2d(
                torch::nn::Conv2dOptions(lastWidth, options.classExpand, 1).bias(false)));
        fcIn = options.classExpand;
    }
    fc = register_module("fc", torch::nn::Linear(fcIn, options.classNum));
    initPaddleDefaults(*this);
}

torch::Tensor PPLCNetImpl::forward(torch::Tensor x)
{
    return run(x).logits;
}

NetOutput PPLCNetImpl::run(const torch::Tensor &input, const std::string &featureStage)
{
    // Stage i of `blocks` is PaddleClas's "blocks{i + 2}".
    int wanted = -1;
    if (!featureStage.empty()) {
        for (size_t stage = 0; stage < blocks.size(); ++stage) {
            if (featureStage == "blocks" + std::to_string(stage + 2))
                wanted = static_cast<int>(stage);
        }
        if (wanted < 0)
            throw std::invalid_argument("unknown feature stage '" + featureStage +
                                        "' for PP-LCNet (expected blocks2 .. blocks6)");
    }
    NetOutput out;
    torch::Tensor x = conv1(input);
    for (size_t stage = 0; stage < blocks.size(); ++stage) {
        for (const auto &block : *blocks[stage])
            x = block->as<DepthwiseSeparable>()->forward(x);
        if (static_cast<int>(stage) == wanted)
            out.feature = x;
    }
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    if (last_conv) {
        x = torch::hardswish(last_conv(x));
        x = downscaleInInferDropout(x, m_options.dropoutProb, is_training());
    }
    out.logits = fc(torch::flatten(x, 1));
    return out;
}

int64_t PPLCNetImpl::countMacs(int64_t height, int64_t width) const
{
    int64_t h = height;
    int64_t w = width;
    int64_t macs = convMacs(conv1->conv, h, w);
    for (const auto &stage : blocks) {
        for (const auto &module : *stage) {
            const auto *block = module->as<DepthwiseSeparable>();
            macs += convMacs(block->dw_conv->conv, h, w);
            if (block->se) {
                int64_t one = 1;
                int64_t alsoOne = 1;
                macs += convMacs(block->se->conv1, one, alsoOne);
                macs += convMacs(block->se->conv2, one, alsoOne);
            }
            macs += convMacs(block->pw_conv->conv, h, w);
        }
    }
    if (last_conv) {
        int64_t one = 1;
        int64_t alsoOne = 1;
        macs += convMacs(last_conv, one, alsoOne);
    }
    macs += fc->options.in_features() * fc->options.out_features();
    return macs;
}

int PPLCNetImpl::lrGroupOf(const std::string &parameterName) const
{
    return lrGroupForName(parameterName);
}

int PPLCNetImpl::lrGroupForName(const std::string &parameterName)
{
    if (parameterName.rfind("conv1.", 0) == 0)
        return 0;
    if (parameterName.size() > 7 && parameterName.rfind("blocks", 0) == 0) {
        const int stage = parameterName[6] - '0';
        if (stage >= 2 && stage <= 6)
            return stage - 1;
    }
    return -1;
}

} // namespace pulc::engine
