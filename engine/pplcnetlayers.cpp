#include "pplcnetlayers.h"

#include <torch/nn/functional.h>
#include <torch/nn/init.h>

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
    return torch::hardswish(bn(conv(x)));
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
