#pragma once
// Internal to engine/, torch-free: a trained PP-LCNet ready for deployment, with BatchNorm folded
// into the convolutions (every conv has a bias), the head dropout's eval scale (1 - p) folded into
// fc, and the output activation (softmax or sigmoid, docs/paddleclas-compat.md, 'Exported model')
// at the end. The native predictor (nativenet), the ONNX exporter (onnxexport) and their tests all
// read this one description, so the fast path and the exported model cannot drift apart.

#include <string>
#include <vector>

namespace pulc::engine {

enum class Activation {
    None,
    ReLU,
    HardSwish,   ///< x * relu6(x + 3) / 6
    HardSigmoid, ///< relu6(x + 3) / 6 (PaddleClas's SE gate: slope 1/6, offset 0.5)
};

/// A 2-D convolution (or, with kernel 1 on a 1x1 map, a fully connected layer) with its bias and
/// activation. Padding is symmetric.
struct ConvLayer
{
    int in = 0;
    int out = 0;
    int kernelH = 1;
    int kernelW = 1;
    int strideH = 1;
    int strideW = 1;
    int padH = 0;
    int padW = 0;
    int groups = 1; ///< == in == out for a depthwise conv
    Activation activation = Activation::None;
    std::vector<float> weight; ///< [out][in / groups][kernelH][kernelW]
    std::vector<float> bias;   ///< [out]
};

/// One step of the graph, applied to the running [N, C, H, W] tensor.
struct InferenceLayer
{
    enum class Kind {
        Conv,           ///< `conv`
        SqueezeExcite,  ///< x * seExpand(seReduce(GAP(x))) (seReduce: ReLU, seExpand: HardSigmoid)
        GlobalAvgPool,  ///< [N, C, H, W] -> [N, C, 1, 1]
        FullyConnected, ///< flatten, then `conv` as a matrix: weight [out][in], kernel 1x1
    };
    Kind kind = Kind::Conv;
    std::string name; ///< PaddleClas's name of the layer: "conv1", "blocks6.0.dw_conv", "fc"
    ConvLayer conv;
    ConvLayer seReduce;
    ConvLayer seExpand;
};

enum class OutputActivation { Softmax, Sigmoid };

/// The whole network for one fixed input size.
struct InferenceGraph
{
    std::string model; ///< "PPLCNet_x0_25", ...
    int channels = 3;
    int height = 224;
    int width = 224;
    int classes = 0;
    std::vector<InferenceLayer> layers;
    OutputActivation output = OutputActivation::Softmax;
};

} // namespace pulc::engine
