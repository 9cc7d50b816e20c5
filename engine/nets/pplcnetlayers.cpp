#include "engine/nets/pplcnetlayers.h"

#include "engine/nets/bnhardswish.h"

#include <torch/nn/functional.h>
#include <torch/nn/init.h>
#include <torch/nn/modules/linear.h>

#include <algorithm>

namespace pulc::engine {

namespace F = torch::nn::functional;

ConvBNLayerImpl::ConvBNLayerImpl(int64_t inChannels, int64_t outChannels, int64_t kernel,
                                 Stride2d stride, int64_t groups)
{
    conv = register_module(
        "conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(inChannels, outChannels, kernel)
                                      .stride({stride.h, stride.w})
                                      .padding((kernel - 1) / 2)
                                      .groups(groups)
                                      .bias(false)));
    // Paddle's momentum 0.9 is PyTorch's 0.1 (the weight of the new batch statistic).
    bn = register_module(
        "bn",
        torch::nn::BatchNorm2d(torch::nn::BatchNorm2dOptions(outChannels).eps(1e-5).momentum(0.1)));
}

torch::Tensor ConvBNLayerImpl::forward(const torch::Tensor &x)
{
    torch::Tensor y = conv(x);
    // Training: one fused op (nets/bnhardswish.h); evaluation keeps the plain modules.
    if (is_training() && canFuseBnHardswish(y, *bn))
        return bnHardswishTrain(y, *bn);
    return torch::hardswish(bn(y));
}

SEModuleImpl::SEModuleImpl(int64_t channels)
{
    constexpr int64_t kReduction = 4;
    conv1 = register_module(
        "conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels, channels / kReduction, 1)));
    conv2 = register_module(
        "conv2", torch::nn::Conv2d(torch::nn::Conv2dOptions(channels / kReduction, channels, 1)));
}

torch::Tensor SEModuleImpl::forward(const torch::Tensor &x)
{
    torch::Tensor s = F::adaptive_avg_pool2d(x, F::AdaptiveAvgPool2dFuncOptions(1));
    // torch's hardsigmoid is clip(x/6 + 1/2, 0, 1), the same as Paddle's nn.Hardsigmoid (not
    // the old fluid hard_sigmoid with slope 0.2).
    s = torch::hardsigmoid(conv2(torch::relu(conv1(s))));
    return x * s;
}

DepthwiseSeparableImpl::DepthwiseSeparableImpl(int64_t inChannels, int64_t outChannels,
                                               int64_t kernel, Stride2d stride, bool useSE)
{
    dw_conv =
        register_module("dw_conv", ConvBNLayer(inChannels, inChannels, kernel, stride, inChannels));
    if (useSE)
        se = register_module("se", SEModule(inChannels));
    pw_conv =
        register_module("pw_conv", ConvBNLayer(inChannels, outChannels, 1, Stride2d{1, 1}, 1));
}

torch::Tensor DepthwiseSeparableImpl::forward(torch::Tensor x)
{
    x = dw_conv(x);
    if (se)
        x = se(x);
    return pw_conv(x);
}

} // namespace pulc::engine

namespace pulc::engine {

int64_t makeDivisible(double value, int64_t divisor)
{
    const int64_t minValue = divisor;
    int64_t rounded = std::max<int64_t>(minValue, static_cast<int64_t>(value + divisor / 2.0) /
                                                      divisor * divisor);
    if (rounded < 0.9 * value)
        rounded += divisor;
    return rounded;
}

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

void initPaddleDefaults(torch::nn::Module &module)
{
    torch::NoGradGuard noGrad;
    for (const auto &m : module.modules(/*include_self=*/false)) {
        if (auto *conv = m->as<torch::nn::Conv2d>()) {
            // fan_in = in/groups * k * k, as Paddle's default conv initialiser.
            torch::nn::init::kaiming_normal_(conv->weight, 0.0, torch::kFanIn, torch::kReLU);
            if (conv->bias.defined())
                conv->bias.zero_();
        } else if (auto *bn = m->as<torch::nn::BatchNorm2d>()) {
            bn->weight.fill_(1.0);
            bn->bias.zero_();
        } else if (auto *linear = m->as<torch::nn::Linear>()) {
            torch::nn::init::xavier_uniform_(linear->weight);
            linear->bias.zero_();
        }
    }
}

torch::Tensor downscaleInInferDropout(const torch::Tensor &x, double p, bool training)
{
    if (p <= 0.0)
        return x;
    if (training)
        return x * torch::empty_like(x).bernoulli_(1.0 - p);
    return x * (1.0 - p);
}

} // namespace pulc::engine
