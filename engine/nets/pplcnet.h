#pragma once
// Internal to engine/ (includes LibTorch; not part of the public API). PP-LCNet v1 as in PaddleClas
// ppcls/arch/backbone/legendary_models/pp_lcnet.py, described in docs/paddleclas-compat.md,
// 'PP-LCNet'. Parameter names match PaddleClas's state dict one to one ('Weight files' there),
// except that Paddle's BN `_mean` / `_variance` are torch's `running_mean` / `running_var` and
// `fc.weight` is stored transposed by Paddle.

#include "engine/nets/network.h"
#include "engine/nets/pplcnetlayers.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>

#include <array>
#include <string>

namespace pulc::engine {

/// Constructor arguments of PaddleClas's PPLCNet, kept per instance (Paddle mutates a global).
struct PPLCNetOptions
{
    double scale = 1.0;
    int64_t classNum = 1000;
    /// [0] is the stem stride; [1..4] replace the stride of the first block of blocks3..6.
    /// The text-line scenes use {2,2}, {2,1}, {2,1}, {2,1}, {2,1}.
    std::array<Stride2d, 5> strideList{};
    bool useLastConv = true;
    int64_t classExpand = 1280;
    double dropoutProb = 0.2;
};

/// PP-LCNet v1. Submodule names are PaddleClas's: conv1, blocks2..blocks6 (indexed lists),
/// last_conv (absent without use_last_conv), fc. Feature stages for run() are "blocks2" ..
/// "blocks6", the output of that stage.
class PPLCNetImpl : public ClassifierNet
{
public:
    explicit PPLCNetImpl(const PPLCNetOptions &options);

    /// [N, 3, H, W] -> logits [N, class_num]. In training the head dropout is x * mask with no
    /// upscaling and at eval it is x * (1 - p): Paddle's `downscale_in_infer`, which the
    /// published weights and thresholds assume.
    torch::Tensor forward(torch::Tensor x);

    /// Logits and, on request, the output of "blocks2" .. "blocks6" (what UDML's feature loss
    /// compares). Throws std::invalid_argument for any other stage name.
    NetOutput run(const torch::Tensor &x, const std::string &featureStage = {}) override;

    /// Same as lrGroupForName(); virtual so the trainer needs no knowledge of the family.
    int lrGroupOf(const std::string &parameterName) const override;

    /// Index into PaddleClas's lr_mult_list [conv1, blocks2, ..., blocks6] for a parameter
    /// name, or -1 for last_conv and fc, which always train at the base rate. Static so callers
    /// can classify names without building a network.
    static int lrGroupForName(const std::string &parameterName);

    /// Multiply-accumulates for one H x W image: every conv as out_h * out_w * out_c *
    /// (in_c / groups) * k_h * k_w (stem, depthwise, pointwise, the two SE convs on the pooled 1x1
    /// map, last_conv) plus fc's in * out. BN, activations, pooling, the SE multiply and biases are
    /// not counted, as in the conv + FC figure of docs/paddleclas-compat.md, 'Size and cost'.
    int64_t countMacs(int64_t height, int64_t width) const;

    const PPLCNetOptions &options() const { return m_options; }

    ConvBNLayer conv1{nullptr};
    std::array<torch::nn::ModuleList, 5> blocks; // blocks2 .. blocks6
    torch::nn::Conv2d last_conv{nullptr};
    torch::nn::Linear fc{nullptr};

private:
    PPLCNetOptions m_options;
};
TORCH_MODULE(PPLCNet);

} // namespace pulc::engine
