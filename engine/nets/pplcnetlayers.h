#pragma once
// Internal to engine/: the three layer types PP-LCNet is built from. They are kept together
// (rather than one file pair each) because they only exist to give PPLCNet the PaddleClas
// parameter names. The free functions at the end are Paddle conventions every architecture
// (PP-LCNet, MobileNetV3, ResNet_vd) shares: channel rounding, default initialisers, the head
// dropout and the MAC counting rule.

#include <torch/nn/module.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/pimpl.h>

#include <cstdint>

namespace pulc::engine {

/// A (height, width) pair used for strides, so the text-line strides (2, 1) fit.
struct Stride2d
{
    int64_t h = 2;
    int64_t w = 2;
};

/// Conv (no bias, padding (k-1)/2) -> BatchNorm -> hardswish. Submodules are named `conv` and
/// `bn` like PaddleClas's ConvBNLayer, so `conv1.bn.weight` maps one to one.
class ConvBNLayerImpl : public torch::nn::Module
{
public:
    ConvBNLayerImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, Stride2d stride,
                    int64_t groups);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
};
TORCH_MODULE(ConvBNLayer);

/// Squeeze-and-excitation with a fixed reduction of 4: GAP -> conv1 (bias) -> ReLU -> conv2
/// (bias) -> hardsigmoid, multiplied channel-wise into the input.
class SEModuleImpl : public torch::nn::Module
{
public:
    explicit SEModuleImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::Conv2d conv1{nullptr};
    torch::nn::Conv2d conv2{nullptr};
};
TORCH_MODULE(SEModule);

/// One PP-LCNet block: depthwise k x k ConvBNLayer, optional SE, pointwise 1x1 ConvBNLayer.
/// There is no shortcut (PP-LCNet has no residual connections).
class DepthwiseSeparableImpl : public torch::nn::Module
{
public:
    DepthwiseSeparableImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, Stride2d stride,
                           bool useSE);
    torch::Tensor forward(torch::Tensor x);

    ConvBNLayer dw_conv{nullptr};
    SEModule se{nullptr}; // null when the block has no SE
    ConvBNLayer pw_conv{nullptr};
};
TORCH_MODULE(DepthwiseSeparable);

/// Channel rounding of PaddleClas (PP-LCNet and MobileNetV3 share it): nearest multiple of 8
/// (at least 8), plus 8 when rounding lost more than 10%.
int64_t makeDivisible(double value, int64_t divisor = 8);

/// MACs of `conv` applied to an h x w map, out_h * out_w * out_c * (in_c / groups) * k_h * k_w;
/// updates h and w to the output size. Bias adds are not counted.
int64_t convMacs(const torch::nn::Conv2d &conv, int64_t &h, int64_t &w);

/// Paddle's default initialisers, so a fresh network trains like a fresh PaddleClas one: conv
/// weights KaimingNormal (std sqrt(2 / fan_in)), conv biases zero, BN gamma 1 and beta 0, Linear
/// weights Xavier uniform with zero bias. Architectures that override one (ResNet's fc) do so
/// after this call.
void initPaddleDefaults(torch::nn::Module &module);

/// Paddle's Dropout(mode="downscale_in_infer"): x * mask in training (no 1/(1-p) upscaling) and
/// x * (1 - p) at eval, which the published weights and thresholds assume.
torch::Tensor downscaleInInferDropout(const torch::Tensor &x, double p, bool training);

} // namespace pulc::engine
