#pragma once
// Internal to engine/ (LibTorch). ResNet50_vd and ResNet101_vd as PaddleClas builds them
// (ppcls/arch/backbone/legendary_models/resnet.py, version "vd"): a deep stem of three 3x3
// ConvBN (32, 32, 64 channels), 3x3 max pool, bottleneck blocks [3,4,6,3] or [3,4,23,3], and
// shortcuts that downsample by a 2x2 average pool before their 1x1 conv (the "D" tweak).
//
// State-dict mapping: the keys are PaddleClas's, one to one.
//   stem.{0,1,2}.conv.weight, stem.{i}.bn.{weight,bias,_mean,_variance}
//   blocks.{j}.conv{0,1,2}.conv.weight, blocks.{j}.conv{0,1,2}.bn.*   (j = 0 .. 15 or 32,
//   blocks.{j}.short.conv.weight, blocks.{j}.short.bn.*                one flat list as Paddle's
//   fc.weight, fc.bias                                                 nn.Sequential)
// Paddle's BN `_mean` / `_variance` are torch's `running_mean` / `running_var`, and Paddle stores
// fc.weight as [2048, classes] (transpose it). `short` exists on the first block of each stage.

#include "engine/nets/network.h"
#include "engine/nets/pplcnetlayers.h"

#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/linear.h>

#include <array>
#include <string>
#include <vector>

namespace pulc::engine {

/// PaddleClas's ResNet ConvBNLayer: [2x2 average pool in vd mode] -> conv (no bias) -> BN ->
/// [ReLU]. In vd mode the pool takes the stride and the conv runs at stride 1, so a strided
/// 1x1 shortcut sees every input pixel instead of one in four.
class ResNetConvBNImpl : public torch::nn::Module
{
public:
    ResNetConvBNImpl(int64_t inChannels, int64_t outChannels, int64_t kernel, Stride2d stride,
                     bool relu, bool vdMode = false);
    torch::Tensor forward(torch::Tensor x);

    /// Output size of the vd average pool for an input size `size` and stride `stride`:
    /// Paddle's padding="SAME" gives ceil(size / stride).
    static int64_t pooledSize(int64_t size, int64_t stride);

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d bn{nullptr};
    Stride2d poolStride{1, 1}; ///< the stride the vd average pool applies
    bool vdMode = false;

private:
    bool m_relu = false;
};
TORCH_MODULE(ResNetConvBN);

/// Bottleneck: conv0 1x1 -> conv1 3x3 (stride) -> conv2 1x1 (x4 channels), added to the
/// identity or to `short`, then ReLU.
class BottleneckBlockImpl : public torch::nn::Module
{
public:
    /// `projection`: the block needs `short` (first block of a stage); `ifFirst`: the very first
    /// block of the network, whose stride-1 shortcut is a plain 1x1 conv without the pool.
    BottleneckBlockImpl(int64_t inChannels, int64_t filters, Stride2d stride, bool projection,
                        bool ifFirst);
    torch::Tensor forward(torch::Tensor x);

    ResNetConvBN conv0{nullptr};
    ResNetConvBN conv1{nullptr};
    ResNetConvBN conv2{nullptr};
    ResNetConvBN shortcut{nullptr}; ///< registered as "short", Paddle's name; null if identity
};
TORCH_MODULE(BottleneckBlock);

/// Constructor arguments of PaddleClas's ResNet (version "vd").
struct ResNetVdOptions
{
    int depth = 50; ///< 50 or 101
    int64_t classNum = 1000;
    /// Paddle's stride_list: [0] first stem conv, [1] max pool, [2..4] first block of stages
    /// 2..4 (stage 1 always has stride 1).
    std::array<Stride2d, 5> strideList{};
};

/// ResNet50_vd / ResNet101_vd. Feature stages for run() are "stage1" .. "stage4", the output of
/// the last block of each stage: PaddleClas's MODEL_STAGES_PATTERN (blocks[2], blocks[6],
/// blocks[12], blocks[15] for ResNet50), i.e. return_stages index + 1.
class ResNetVdImpl : public ClassifierNet
{
public:
    /// Throws std::invalid_argument for a depth other than 50 or 101.
    explicit ResNetVdImpl(const ResNetVdOptions &options);

    /// [N, 3, H, W] -> logits [N, class_num].
    torch::Tensor forward(torch::Tensor x);

    /// Logits and, on request, the output of "stage1" .. "stage4". Throws
    /// std::invalid_argument for any other stage name.
    NetOutput run(const torch::Tensor &x, const std::string &featureStage = {}) override;

    /// Index into PaddleClas's lr_mult_list [stem, stage1, ..., stage4]: 0 for stem.*, the
    /// stage (1..4) of blocks.{j}.*, -1 for fc.
    int lrGroupOf(const std::string &parameterName) const override;

    /// MACs for one H x W image under PP-LCNet's rule (convs and fc; BN, ReLU, pooling and the
    /// residual adds not counted).
    int64_t countMacs(int64_t height, int64_t width) const;

    torch::nn::ModuleList stem;
    torch::nn::ModuleList blocks;
    torch::nn::Linear fc{nullptr};

private:
    ResNetVdOptions m_options;
    std::vector<int> m_stageOfBlock; ///< 1..4 for each entry of `blocks`
};
TORCH_MODULE(ResNetVd);

} // namespace pulc::engine
