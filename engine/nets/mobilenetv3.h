#pragma once
// Internal to engine/ (LibTorch). MobileNetV3 small and large as PaddleClas builds them
// (ppcls/arch/backbone/legendary_models/mobilenet_v3.py) at scales 0.35 .. 1.25.
//
// State-dict mapping: the keys are PaddleClas's, one to one.
//   conv.conv.weight, conv.bn.{weight,bias,_mean,_variance}                     (stem)
//   blocks.{i}.expand_conv.*, blocks.{i}.bottleneck_conv.*, blocks.{i}.linear_conv.*
//   blocks.{i}.mid_se.conv1.{weight,bias}, blocks.{i}.mid_se.conv2.{weight,bias}
//   last_second_conv.conv.weight, last_second_conv.bn.*, last_conv.weight, fc.{weight,bias}
// Paddle's BN `_mean` / `_variance` are torch's `running_mean` / `running_var`, and Paddle stores
// fc.weight as [1280, classes] (transpose it).

#include "engine/nets/network.h"
#include "engine/nets/pplcnetlayers.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>

#include <string>
#include <vector>

namespace pulc::engine {

/// Activation after a MobileNetV3 ConvBN.
enum class MobileNetV3Act { None, ReLU, HardSwish };

/// Conv (no bias) -> BN -> activation, PaddleClas's MobileNetV3 ConvBNLayer (names conv, bn).
class MobileNetV3ConvBNImpl : public torch::nn::Module
{
public:
    MobileNetV3ConvBNImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, int64_t stride,
                          int64_t groups, MobileNetV3Act act);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};

private:
    MobileNetV3Act m_act;
};
TORCH_MODULE(MobileNetV3ConvBN);

/// MobileNetV3's SE: GAP -> conv1 (C -> C/4, bias) -> ReLU -> conv2 (bias) -> hard sigmoid with
/// slope 0.2 and offset 0.5, clip(0.2 x + 0.5, 0, 1). That is NOT torch's hardsigmoid (slope
/// 1/6, which PP-LCNet's SE uses): PaddleClas's MobileNetV3 keeps the old fluid slope, and the
/// published weights were trained with it.
class MobileNetV3SEImpl : public torch::nn::Module
{
public:
    explicit MobileNetV3SEImpl(int64_t channels);
    torch::Tensor forward(const torch::Tensor &x);

    torch::nn::Conv2d conv1{nullptr};
    torch::nn::Conv2d conv2{nullptr};
};
TORCH_MODULE(MobileNetV3SE);

/// Inverted residual: expand 1x1 -> depthwise k x k (stride) -> [SE] -> linear 1x1, plus the
/// input when the stride is 1 and the widths match.
class ResidualUnitImpl : public torch::nn::Module
{
public:
    ResidualUnitImpl(int64_t inChannels, int64_t midChannels, int64_t outChannels, int64_t kernel,
                     int64_t stride, bool useSE, MobileNetV3Act act);
    torch::Tensor forward(const torch::Tensor &x);

    MobileNetV3ConvBN expand_conv{nullptr};
    MobileNetV3ConvBN bottleneck_conv{nullptr};
    MobileNetV3SE mid_se{nullptr}; ///< null when the block has no SE
    MobileNetV3ConvBN linear_conv{nullptr};

private:
    bool m_shortcut = false;
};
TORCH_MODULE(ResidualUnit);

/// Constructor arguments of PaddleClas's MobileNetV3.
struct MobileNetV3Options
{
    bool large = true; ///< NET_CONFIG["large"] (class_squeeze 960) or ["small"] (576)
    double scale = 1.0;
    int64_t classNum = 1000;
    int64_t classExpand = 1280; ///< last_conv width, not scaled
    double dropoutProb = 0.2;
};

/// MobileNetV3_small_x* / MobileNetV3_large_x*. Feature stages for run() follow PaddleClas's
/// MODEL_STAGES_PATTERN, numbered from 1: small "stage1" .. "stage4" = blocks[0], [2], [7], [10];
/// large "stage1" .. "stage5" = blocks[0], [2], [5], [11], [14].
class MobileNetV3Impl : public ClassifierNet
{
public:
    explicit MobileNetV3Impl(const MobileNetV3Options &options);

    /// [N, 3, H, W] -> logits. The head dropout is Paddle's downscale_in_infer, as PP-LCNet's.
    torch::Tensor forward(torch::Tensor x);

    /// Logits and, on request, a stage output (see the class comment). Throws
    /// std::invalid_argument for any other stage name.
    NetOutput run(const torch::Tensor &x, const std::string &featureStage = {}) override;

    /// Always -1: PaddleClas's MobileNetV3 has no lr_mult_list, every parameter trains at the
    /// base rate.
    int lrGroupOf(const std::string &parameterName) const override;

    /// MACs for one H x W image under PP-LCNet's rule: every conv (SE convs and last_conv on the
    /// pooled 1x1 map) plus fc; BN, activations, pooling, the SE multiply and the residual adds
    /// not counted.
    int64_t countMacs(int64_t height, int64_t width) const;

    /// The stage names run() accepts, in order.
    std::vector<std::string> stageNames() const;

    MobileNetV3ConvBN conv{nullptr};
    torch::nn::ModuleList blocks;
    MobileNetV3ConvBN last_second_conv{nullptr};
    torch::nn::Conv2d last_conv{nullptr};
    torch::nn::Linear fc{nullptr};

private:
    MobileNetV3Options m_options;
    std::vector<size_t> m_stageEnds; ///< block index whose output each stage is
};
TORCH_MODULE(MobileNetV3);

} // namespace pulc::engine
