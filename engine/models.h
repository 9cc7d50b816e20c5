#pragma once
// Public: the classifier architectures the engine can train, and their size and cost. Plain
// C++ types only; the torch models stay inside engine/.

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pulc::engine {

/// One architecture the engine knows, named as PaddleClas names it (e.g. "PPLCNet_x1_0").
struct ModelSpec
{
    std::string name;
    /// "PPLCNet", "MobileNetV3_small", "MobileNetV3_large" or "ResNet_vd": what the
    /// PP-LCNet-only options (strides for text lines, no last conv) apply to.
    std::string family;
    double scale = 1.0; ///< width multiplier (1.0 for ResNet_vd)
    /// Stage names the network reports a feature map for (UDML's feature loss), shallow first:
    /// "blocks2".."blocks6" for PP-LCNet, "stage1".."stage4" (small, ResNet_vd) or "stage5"
    /// (large), numbered after PaddleClas's stages_pattern.
    std::vector<std::string> featureStages;
};

/// Stride of the stem and of the first block of blocks3..blocks6, as (height, width).
struct StrideHW
{
    int h = 2;
    int w = 2;
};
using StrideList = std::array<StrideHW, 5>;

/// PaddleClas's default stride_list [2, 2, 2, 2, 2].
inline constexpr StrideList kDefaultStrides{};
/// The text-line scenes' [2, [2,1], [2,1], [2,1], [2,1]]: height halves five times, width once.
inline constexpr StrideList kTextLineStrides{{{2, 2}, {2, 1}, {2, 1}, {2, 1}, {2, 1}}};

/// Every model the engine can build: PP-LCNet, MobileNetV3 small, MobileNetV3 large, ResNet_vd,
/// smallest first within a family. Thread-safe.
const std::vector<ModelSpec> &knownModels();

/// The model called `name`, or nullptr when there is none. Thread-safe.
const ModelSpec *findModel(const std::string &name);

/// Size and cost of one model configuration.
struct ModelStats
{
    /// Trainable parameters: conv weights, BN gamma/beta, SE biases, fc weight and bias. BN running
    /// statistics are buffers and not counted (as in docs/paddleclas-compat.md, 'Size and cost',
    /// and PaddleClas's published ResNet50_vd 25.58 M).
    int64_t parameters = 0;
    /// Multiply-accumulates for one image: every conv as out_h*out_w*out_c*(in_c/groups)*k*k
    /// (including the SE convs and last_conv) plus fc in*out. BN, activations, pooling and the SE
    /// multiply are not counted (the 155.7 M for x1.0 at 224x224 of docs/paddleclas-compat.md,
    /// 'Size and cost'). Residual adds (MobileNetV3, ResNet_vd) are not counted either.
    int64_t macs = 0;
    /// Empty on success; otherwise why the numbers could not be computed.
    std::string error;

    bool ok() const { return error.empty(); }
};

/// Builds the model `name` with `classes` outputs and counts its parameters and MACs for a
/// `height` x `width` input. `useLastConv` only changes PP-LCNet; `strides` apply to PP-LCNet
/// and to ResNet_vd (PaddleClas's stride_list: stem, max pool, stages 2..4) and are ignored by
/// MobileNetV3, which has no stride_list in PaddleClas either. Errors (unknown name,
/// non-positive sizes or strides) come back in ModelStats::error. Thread-safe; takes a few
/// milliseconds to about a second for ResNet101_vd (the weights are allocated and initialised).
ModelStats describeModel(const std::string &name, int classes, int height, int width,
                         bool useLastConv = true, const StrideList &strides = kDefaultStrides);

} // namespace pulc::engine
