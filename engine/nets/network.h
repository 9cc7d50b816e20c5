#pragma once
// Internal to engine/ (LibTorch). The common face of every classifier the engine trains, so the
// trainer, distillation and the predictor treat PP-LCNet, ResNet_vd and MobileNetV3 alike.

#include "engine/models.h"

#include <torch/nn/module.h>

#include <memory>
#include <string>

namespace pulc::engine {

/// A classifier's outputs for one batch.
struct NetOutput
{
    torch::Tensor logits;  ///< [N, classes]
    torch::Tensor feature; ///< the requested stage's output (UDML), undefined if none asked
};

/// Base of the classifiers. Parameter names are PaddleClas's (docs/paddleclas-compat.md,
/// 'Weight files').
class ClassifierNet : public torch::nn::Module
{
public:
    /// Logits, and when `featureStage` is not empty the output of that stage ("blocks4" for
    /// PP-LCNet; each architecture names its own stages). Throws std::invalid_argument for an
    /// unknown stage name.
    virtual NetOutput run(const torch::Tensor &x, const std::string &featureStage = {}) = 0;

    /// Index into lr_mult_list [stem, stage1, ..., stage5] for a parameter name, or -1 when it
    /// always trains at the base rate (heads, and architectures without lr_mult_list).
    virtual int lrGroupOf(const std::string &parameterName) const = 0;
};

/// What to build.
struct NetworkOptions
{
    std::string name = "PPLCNet_x1_0"; ///< a name from knownModels()
    int64_t classes = 1000;
    StrideList strides = kDefaultStrides; ///< PP-LCNet only (ResNet_vd: used as in PaddleClas)
    bool useLastConv = true;              ///< PP-LCNet only
    int64_t classExpand = 1280;           ///< PP-LCNet / MobileNetV3 last conv width
    double dropout = 0.2;
};

struct TrainConfig;

/// The network `config` describes (strides, last conv, class_expand, dropout) as model `model`
/// (the config's own, or a distillation teacher) with `classes` outputs.
NetworkOptions networkOptions(const TrainConfig &config, const std::string &model, int64_t classes);

/// Builds a freshly initialised network. Throws std::invalid_argument for an unknown name or
/// bad options.
std::shared_ptr<ClassifierNet> buildNetwork(const NetworkOptions &options);

} // namespace pulc::engine

namespace pulc::engine {

/// Moves every 4-D parameter and buffer of `module` to the channels-last (NHWC) memory format.
/// Training steps of PP-LCNet then run through oneDNN's NHWC kernels, 1.3-1.7x faster on this
/// kind of CPU (bench/train_bench); inputs must be made channels-last too (toChannelsLast).
void useChannelsLast(torch::nn::Module &module);

/// `x` in the channels-last memory format (a copy unless it already is).
torch::Tensor toChannelsLast(const torch::Tensor &x);

} // namespace pulc::engine
