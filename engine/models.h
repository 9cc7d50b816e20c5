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
    std::string family; // "PPLCNet"
    double scale = 1.0; // width multiplier
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

/// Every model the engine can build, smallest first. Thread-safe.
const std::vector<ModelSpec> &knownModels();

/// The model called `name`, or nullptr when there is none. Thread-safe.
const ModelSpec *findModel(const std::string &name);

/// Size and cost of one model configuration.
struct ModelStats
{
    /// Trainable parameters: conv weights, BN gamma/beta, SE biases, fc weight and bias. BN
    /// running statistics are buffers and not counted (as in the spec's "params calc").
    int64_t parameters = 0;
    /// Multiply-accumulates for one image: every conv as out_h*out_w*out_c*(in_c/groups)*k*k
    /// (including the SE convs and last_conv) plus fc in*out. BN, activations, pooling and the
    /// SE multiply are not counted (the spec's 155.7 M for x1.0 at 224x224).
    int64_t macs = 0;
    /// Empty on success; otherwise why the numbers could not be computed.
    std::string error;

    bool ok() const { return error.empty(); }
};

/// Builds the model `name` with `classes` outputs and counts its parameters and MACs for a
/// `height` x `width` input. Errors (unknown name, non-positive sizes or strides) come back in
/// ModelStats::error. Thread-safe; takes a few milliseconds to a fraction of a second (the weights
/// are allocated and initialised).
ModelStats describeModel(const std::string &name, int classes, int height, int width,
                         bool useLastConv = true, const StrideList &strides = kDefaultStrides);

} // namespace pulc::engine
