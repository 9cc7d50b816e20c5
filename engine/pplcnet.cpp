#include "pplcnet.h"

#include <torch/nn/functional.h>
#include <torch/nn/init.h>

#include <cmath>

namespace pulc::engine {
namespace {

namespace F = torch::nn::functional;

/// One row of spec table 1.1 at scale 1.0: kernel, in, out, stride, SE.
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

/// MACs of `conv` applied to an h x w map; updates h and w to the output size.
int64_t convMacs(const torch::nn::Conv2d &conv, int64_t &h, int64_t &w)
{
    const auto &o = conv->options;
    const auto k = *o.kernel_size();
    const auto s = *o.stride();
    const auto *pad = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    const int64_t ph = pad ? (*pad)->at(0) : 0;
    const int64_t pw = pad ? (*pad)->at(1) : 0;
    h = (h + 2 * ph - k[0]) / s[0] + 1;
    w = (w + 2 * pw - k[1]) / s[1] + 1;
    return h * w * o.out_channels() * (o.in_channels() / o.groups()) * k[0] * k[1];
}

} // namespace

int64_t makeDivisible(double value, int64_t divisor)
{
    const int64_t minValue = divisor;
    int64_t rounded = std::max<int64_t>(minValue, static_cast<int64_t>(value + divisor / 2.0) /
                                                      divisor * divisor);
    if (rounded < 0.9 * value)
        rounded += divisor;
    return rounded;
}

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
    initWeights();
}

void PPLCNetImpl::initWeights()
{
    torch::NoGradGuard noGrad;
    for (const auto &m : modules(/*include_self=*/false)) {
        if (auto *conv = m->as<torch::nn::Conv2d>()) {
            // Paddle's KaimingNormal: std = sqrt(2 / fan_in), fan_in = in/groups * k * k.
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanIn, torch::kReLU);
            if (conv->bias.defined())
                conv->bias.zero_();
        } else if (auto *bn = m->as<torch::nn::BatchNorm2d>()) {
            bn->weight.fill_(1.0);
            bn->bias.zero_();
        } else if (auto *linear = m->as<torch::nn::Linear>()) {
            // Paddle's Linear default: Xavier uniform weight, zero bias.
            torch::nn::init::xavier_uniform_(linear->weight);
            linear->bias.zero_();
        }
    }
}

torch::Tensor PPLCNetImpl::forward(torch::Tensor x)
{
    x = conv1(x);
    for (auto &stage : blocks) {
        for (const auto &block : *stage)
            x = block->as<DepthwiseSeparable>()->forward(x);
    }
    x = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    if (last_conv) {
        x = torch::hardswish(last_conv(x));
        const double p = m_options.dropoutProb;
        if (p > 0.0) {
            if (is_training())
                x = x * torch::empty_like(x).bernoulli_(1.0 - p);
            else
                x = x * (1.0 - p);
        }
    }
    return fc(torch::flatten(x, 1));
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

int PPLCNetImpl::lrGroupOf(const std::string &parameterName)
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
