#include "engine/nets/mobilenetv3.h"

#include <torch/nn/functional.h>

#include <algorithm>
#include <stdexcept>

namespace pulc::engine {
namespace {

namespace F = torch::nn::functional;
using Act = MobileNetV3Act;

/// One row of PaddleClas's NET_CONFIG at scale 1.0: kernel, expanded width, output width, SE,
/// activation, stride.
struct UnitConfig
{
    int64_t kernel;
    int64_t expanded;
    int64_t out;
    bool se;
    Act act;
    int64_t stride;
};

const std::vector<UnitConfig> kLarge = {
    {3, 16, 16, false, Act::ReLU, 1},       {3, 64, 24, false, Act::ReLU, 2},
    {3, 72, 24, false, Act::ReLU, 1},       {5, 72, 40, true, Act::ReLU, 2},
    {5, 120, 40, true, Act::ReLU, 1},       {5, 120, 40, true, Act::ReLU, 1},
    {3, 240, 80, false, Act::HardSwish, 2}, {3, 200, 80, false, Act::HardSwish, 1},
    {3, 184, 80, false, Act::HardSwish, 1}, {3, 184, 80, false, Act::HardSwish, 1},
    {3, 480, 112, true, Act::HardSwish, 1}, {3, 672, 112, true, Act::HardSwish, 1},
    {5, 672, 160, true, Act::HardSwish, 2}, {5, 960, 160, true, Act::HardSwish, 1},
    {5, 960, 160, true, Act::HardSwish, 1},
};

const std::vector<UnitConfig> kSmall = {
    {3, 16, 16, true, Act::ReLU, 2},       {3, 72, 24, false, Act::ReLU, 2},
    {3, 88, 24, false, Act::ReLU, 1},      {5, 96, 40, true, Act::HardSwish, 2},
    {5, 240, 40, true, Act::HardSwish, 1}, {5, 240, 40, true, Act::HardSwish, 1},
    {5, 120, 48, true, Act::HardSwish, 1}, {5, 144, 48, true, Act::HardSwish, 1},
    {5, 288, 96, true, Act::HardSwish, 2}, {5, 576, 96, true, Act::HardSwish, 1},
    {5, 576, 96, true, Act::HardSwish, 1},
};

constexpr int64_t kStemChannels = 16;
constexpr int64_t kSqueezeLarge = 960;
constexpr int64_t kSqueezeSmall = 576;

torch::nn::Conv2d makeConv(int64_t in, int64_t out, int64_t kernel, int64_t stride, int64_t groups,
                           bool bias)
{
    return torch::nn::Conv2d(torch::nn::Conv2dOptions(in, out, kernel)
                                 .stride(stride)
                                 .padding((kernel - 1) / 2)
                                 .groups(groups)
                                 .bias(bias));
}

} // namespace

MobileNetV3ConvBNImpl::MobileNetV3ConvBNImpl(int64_t inChannels, int64_t outChannels,
                                             int64_t kernel, int64_t stride, int64_t groups,
                                             MobileNetV3Act act)
    : m_act(act)
{
    conv = register_module("conv", makeConv(inChannels, outChannels, kernel, stride, groups,
                                            /*bias=*/false));
    // Paddle's momentum 0.9 is PyTorch's 0.1 (the weight of the new batch statistic).
    bn = register_module(
        "bn",
        torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(outChannels).eps(1e-5).momentum(0.1)));
}

torch::Tensor MobileNetV3ConvBNImpl::forward(const torch::Tensor &x)
{
    torch::Tensor y = bn(conv(x));
    switch (m_act) {
    case Act::ReLU:
        return torch::relu(y);
    case Act::HardSwish:
        return torch::hardswish(y);
    case Act::None:
        break;
    }
    return y;
}

MobileNetV3SEImpl::MobileNetV3SEImpl(int64_t channels)
{
    constexpr int64_t kReduction = 4;
    conv1 = register_module("conv1", makeConv(channels, channels / kReduction, 1, 1, 1, true));
    conv2 = register_module("conv2", makeConv(channels / kReduction, channels, 1, 1, 1, true));
}

torch::Tensor MobileNetV3SEImpl::forward(const torch::Tensor &x)
{
    torch::Tensor s = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    s = conv2(torch::relu(conv1(s)));
    return x * torch::clamp(s * 0.2 + 0.5, 0.0, 1.0);
}

ResidualUnitImpl::ResidualUnitImpl(int64_t inChannels, int64_t midChannels, int64_t outChannels,
                                   int64_t kernel, int64_t stride, bool useSE, MobileNetV3Act act)
    : m_shortcut(stride == 1 && inChannels == outChannels)
{
    expand_conv =
        register_module("expand_conv", MobileNetV3ConvBN(inChannels, midChannels, 1, 1, 1, act));
    bottleneck_conv =
        register_module("bottleneck_conv", MobileNetV3ConvBN(midChannels, midChannels, kernel,
                                                             stride, midChannels, act));
    if (useSE)
        mid_se = register_module("mid_se", MobileNetV3SE(midChannels));
    linear_conv = register_module("linear_conv",
                                  MobileNetV3ConvBN(midChannels, outChannels, 1, 1, 1, Act::None));
}

torch::Tensor ResidualUnitImpl::forward(const torch::Tensor &input)
{
    torch::Tensor x = bottleneck_conv(expand_conv(input));
    if (mid_se)
        x = mid_se(x);
    x = linear_conv(x);
    return m_shortcut ? input + x : x;
}

MobileNetV3Impl::MobileNetV3Impl(const MobileNetV3Options &options)
    : m_options(options)
{
    const std::vector<UnitConfig> &config = options.large ? kLarge : kSmall;
    const double s = options.scale;
    const int64_t stem = makeDivisible(kStemChannels * s);
    conv = register_module("conv", MobileNetV3ConvBN(3, stem, 3, 2, 1, Act::HardSwish));
    blocks = register_module("blocks", torch::nn::ModuleList());
    int64_t in = stem;
    for (const UnitConfig &c : config) {
        const int64_t out = makeDivisible(c.out * s);
        blocks->push_back(
            ResidualUnit(in, makeDivisible(c.expanded * s), out, c.kernel, c.stride, c.se, c.act));
        in = out;
    }
    const int64_t squeeze = makeDivisible(s * (options.large ? kSqueezeLarge : kSqueezeSmall));
    last_second_conv = register_module("last_second_conv",
                                       MobileNetV3ConvBN(in, squeeze, 1, 1, 1, Act::HardSwish));
    last_conv =
        register_module("last_conv", makeConv(squeeze, options.classExpand, 1, 1, 1, false));
    fc = register_module("fc", torch::nn::Linear(options.classExpand, options.classNum));
    m_stageEnds =
        options.large ? std::vector<size_t>{0, 2, 5, 11, 14} : std::vector<size_t>{0, 2, 7, 10};
    initPaddleDefaults(*this);
}

std::vector<std::string> MobileNetV3Impl::stageNames() const
{
    std::vector<std::string> names;
    for (size_t i = 0; i < m_stageEnds.size(); ++i)
        names.push_back("stage" + std::to_string(i + 1));
    return names;
}

torch::Tensor MobileNetV3Impl::forward(torch::Tensor x)
{
    return run(x).logits;
}

NetOutput MobileNetV3Impl::run(const torch::Tensor &input, const std::string &featureStage)
{
    size_t wantedBlock = blocks->size(); // none
    if (!featureStage.empty()) {
        const std::vector<std::string> names = stageNames();
        const auto it = std::find(names.begin(), names.end(), featureStage);
        if (it == names.end())
            throw std::invalid_argument("unknown feature stage '" + featureStage +
                                        "' for MobileNetV3 (expected stage1 .. " + names.back() +
                                        ")");
        wantedBlock = m_stageEnds[it - names.begin()];
    }
    NetOutput out;
    torch::Tensor x = conv(input);
    for (size_t i = 0; i < blocks->size(); ++i) {
        x = blocks[i]->as<ResidualUnit>()->forward(x);
        if (i == wantedBlock)
            out.feature = x;
    }
    x = last_second_conv(x);
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    x = torch::hardswish(last_conv(x));
    x = downscaleInInferDropout(x, m_options.dropoutProb, is_training());
    out.logits = fc(torch::flatten(x, 1));
    return out;
}

int MobileNetV3Impl::lrGroupOf(const std::string &) const
{
    return -1;
}

int64_t MobileNetV3Impl::countMacs(int64_t height, int64_t width) const
{
    int64_t h = height;
    int64_t w = width;
    int64_t macs = convMacs(conv->conv, h, w);
    for (const auto &module : *blocks) {
        const auto *unit = module->as<ResidualUnit>();
        macs += convMacs(unit->expand_conv->conv, h, w);
        macs += convMacs(unit->bottleneck_conv->conv, h, w);
        if (unit->mid_se) {
            int64_t one = 1;
            int64_t alsoOne = 1;
            macs += convMacs(unit->mid_se->conv1, one, alsoOne);
            macs += convMacs(unit->mid_se->conv2, one, alsoOne);
        }
        macs += convMacs(unit->linear_conv->conv, h, w);
    }
    macs += convMacs(last_second_conv->conv, h, w);
    int64_t one = 1;
    int64_t alsoOne = 1;
    macs += convMacs(last_conv, one, alsoOne);
    macs += fc->options.in_features() * fc->options.out_features();
    return macs;
}

} // namespace pulc::engine
