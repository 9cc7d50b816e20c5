#include "engine/nets/resnetvd.h"

#include <torch/nn/functional.h>
#include <torch/nn/init.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace pulc::engine {
namespace {

namespace F = torch::nn::functional;

/// Blocks per stage, PaddleClas NET_CONFIG["50"] / ["101"].
std::vector<int> stageDepths(int depth)
{
    if (depth == 50)
        return {3, 4, 6, 3};
    if (depth == 101)
        return {3, 4, 23, 3};
    throw std::invalid_argument("ResNet_vd: depth must be 50 or 101, got " + std::to_string(depth));
}

constexpr int64_t kStageFilters[] = {64, 128, 256, 512};
constexpr int64_t kExpansion = 4;

} // namespace

ResNetConvBNImpl::ResNetConvBNImpl(int64_t inChannels, int64_t outChannels, int64_t kernel,
                                   Stride2d stride, bool relu, bool vd)
    : vdMode(vd)
    , m_relu(relu)
{
    poolStride = vd ? stride : Stride2d{1, 1};
    const Stride2d convStride = vd ? Stride2d{1, 1} : stride;
    conv = register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, outChannels, kernel)
                                      .stride({convStride.h, convStride.w})
                                      .padding((kernel - 1) / 2)
                                      .bias(false)));
    // Paddle's momentum 0.9 is PyTorch's 0.1 (the weight of the new batch statistic).
    bn = register_module(
        "bn",
        torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(outChannels).eps(1e-5).momentum(0.1)));
}

int64_t ResNetConvBNImpl::pooledSize(int64_t size, int64_t stride)
{
    return (size + stride - 1) / stride;
}

torch::Tensor ResNetConvBNImpl::forward(torch::Tensor x)
{
    if (vdMode) {
        // Paddle: AvgPool2D(2, stride, padding="SAME", ceil_mode=True, exclusive=True). With a
        // 2x2 window SAME never pads before and pads at most one row/column after. Exclusive
        // averaging ignores that padding, which is the same as padding with copies of the last
        // row/column and averaging all four.
        const int64_t padH = std::max<int64_t>(
            (pooledSize(x.size(2), poolStride.h) - 1) * poolStride.h + 2 - x.size(2), 0);
        const int64_t padW = std::max<int64_t>(
            (pooledSize(x.size(3), poolStride.w) - 1) * poolStride.w + 2 - x.size(3), 0);
        if (padH > 0 || padW > 0)
            x = F::pad(x, F::PadFuncOptions({0, padW, 0, padH}).mode(torch::kReplicate));
        x = F::avg_pool2d(
            x, F::AvgPool2dFuncOptions(2).stride(std::vector<int64_t>{poolStride.h, poolStride.w}));
    }
    x = bn(conv(x));
    return m_relu ? torch::relu(x) : x;
}

BottleneckBlockImpl::BottleneckBlockImpl(int64_t inChannels, int64_t filters, Stride2d stride,
                                         bool projection, bool ifFirst)
{
    conv0 = register_module("conv0", ResNetConvBN(inChannels, filters, 1, Stride2d{1, 1}, true));
    conv1 = register_module("conv1", ResNetConvBN(filters, filters, 3, stride, true));
    conv2 = register_module("conv2",
                            ResNetConvBN(filters, filters * kExpansion, 1, Stride2d{1, 1}, false));
    if (projection)
        shortcut = register_module("short", ResNetConvBN(inChannels, filters * kExpansion, 1,
                                                         stride, false, /*vdMode=*/!ifFirst));
}

torch::Tensor BottleneckBlockImpl::forward(torch::Tensor x)
{
    const torch::Tensor identity = shortcut ? shortcut(x) : x;
    x = conv2(conv1(conv0(x)));
    return torch::relu(x + identity);
}

ResNetVdImpl::ResNetVdImpl(const ResNetVdOptions &options)
    : m_options(options)
{
    const std::vector<int> depths = stageDepths(options.depth);
    const auto &strides = options.strideList;
    // PaddleClas stem_cfg["vd"]: [3->32, stride_list[0]], [32->32], [32->64], all 3x3 + ReLU.
    stem = register_module("stem", torch::nn::ModuleList());
    stem->push_back(ResNetConvBN(3, 32, 3, strides[0], true));
    stem->push_back(ResNetConvBN(32, 32, 3, Stride2d{1, 1}, true));
    stem->push_back(ResNetConvBN(32, 64, 3, Stride2d{1, 1}, true));

    blocks = register_module("blocks", torch::nn::ModuleList());
    int64_t channels = 64;
    for (size_t stage = 0; stage < depths.size(); ++stage) {
        for (int i = 0; i < depths[stage]; ++i) {
            const Stride2d stride = (i == 0 && stage > 0) ? strides[stage + 1] : Stride2d{1, 1};
            blocks->push_back(BottleneckBlock(channels, kStageFilters[stage], stride,
                                              /*projection=*/i == 0,
                                              /*ifFirst=*/stage == 0 && i == 0));
            channels = kStageFilters[stage] * kExpansion;
            m_stageOfBlock.push_back(static_cast<int>(stage) + 1);
        }
    }
    fc = register_module("fc", torch::nn::Linear(channels, options.classNum));

    initPaddleDefaults(*this);
    // PaddleClas gives this fc Uniform(-1/sqrt(2048), 1/sqrt(2048)) instead of Xavier.
    torch::NoGradGuard noGrad;
    const double bound = 1.0 / std::sqrt(static_cast<double>(channels));
    fc->weight.uniform_(-bound, bound);
}

torch::Tensor ResNetVdImpl::forward(torch::Tensor x)
{
    return run(x).logits;
}

NetOutput ResNetVdImpl::run(const torch::Tensor &input, const std::string &featureStage)
{
    int wanted = 0;
    if (!featureStage.empty()) {
        for (int stage = 1; stage <= 4; ++stage) {
            if (featureStage == "stage" + std::to_string(stage))
                wanted = stage;
        }
        if (wanted == 0)
            throw std::invalid_argument("unknown feature stage '" + featureStage +
                                        "' for ResNet_vd (expected stage1 .. stage4)");
    }
    NetOutput out;
    torch::Tensor x = input;
    for (const auto &layer : *stem)
        x = layer->as<ResNetConvBN>()->forward(x);
    const Stride2d poolStride = m_options.strideList[1];
    x = F::max_pool2d(x, F::MaxPool2dFuncOptions(3)
                             .stride(std::vector<int64_t>{poolStride.h, poolStride.w})
                             .padding(1));
    for (size_t j = 0; j < blocks->size(); ++j) {
        x = blocks[j]->as<BottleneckBlock>()->forward(x);
        const bool lastOfStage =
            j + 1 == blocks->size() || m_stageOfBlock[j + 1] != m_stageOfBlock[j];
        if (lastOfStage && m_stageOfBlock[j] == wanted)
            out.feature = x;
    }
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    out.logits = fc(torch::flatten(x, 1));
    return out;
}

int ResNetVdImpl::lrGroupOf(const std::string &parameterName) const
{
    if (parameterName.rfind("stem.", 0) == 0)
        return 0;
    if (parameterName.rfind("blocks.", 0) == 0) {
        const size_t end = parameterName.find('.', 7);
        const std::string index = parameterName.substr(7, end - 7);
        if (!index.empty() && index.find_first_not_of("0123456789") == std::string::npos) {
            const size_t j = std::stoul(index);
            if (j < m_stageOfBlock.size())
                return m_stageOfBlock[j];
        }
    }
    return -1;
}

int64_t ResNetVdImpl::countMacs(int64_t height, int64_t width) const
{
    int64_t h = height;
    int64_t w = width;
    int64_t macs = 0;
    for (const auto &layer : *stem)
        macs += convMacs(layer->as<ResNetConvBN>()->conv, h, w);
    const Stride2d poolStride = m_options.strideList[1];
    h = (h + 2 - 3) / poolStride.h + 1;
    w = (w + 2 - 3) / poolStride.w + 1;
    for (const auto &module : *blocks) {
        const auto *block = module->as<BottleneckBlock>();
        if (block->shortcut) {
            const auto &s = block->shortcut;
            int64_t sh = s->vdMode ? ResNetConvBNImpl::pooledSize(h, s->poolStride.h) : h;
            int64_t sw = s->vdMode ? ResNetConvBNImpl::pooledSize(w, s->poolStride.w) : w;
            macs += convMacs(s->conv, sh, sw);
        }
        macs += convMacs(block->conv0->conv, h, w);
        macs += convMacs(block->conv1->conv, h, w);
        macs += convMacs(block->conv2->conv, h, w);
    }
    macs += fc->options.in_features() * fc->options.out_features();
    return macs;
}

} // namespace pulc::engine
