#include "engine/deploy/foldnet.h"

#include "engine/nets/pplcnet.h"

#include <torch/nn/functional/conv.h>

#include <cmath>

namespace pulc::engine {

namespace {

std::vector<float> toVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.detach().to(torch::kFloat).contiguous();
    const float *p = c.data_ptr<float>();
    return std::vector<float>(p, p + c.numel());
}

/// A plain conv (with or without bias) as a ConvLayer.
ConvLayer plainConv(const torch::nn::Conv2d &conv, Activation activation)
{
    const auto &o = conv->options;
    ConvLayer layer;
    layer.in = static_cast<int>(o.in_channels());
    layer.out = static_cast<int>(o.out_channels());
    layer.kernelH = static_cast<int>((*o.kernel_size())[0]);
    layer.kernelW = static_cast<int>((*o.kernel_size())[1]);
    layer.strideH = static_cast<int>((*o.stride())[0]);
    layer.strideW = static_cast<int>((*o.stride())[1]);
    const auto *padding = c10::get_if<torch::ExpandingArray<2>>(&o.padding());
    if (padding) {
        layer.padH = static_cast<int>((**padding)[0]);
        layer.padW = static_cast<int>((**padding)[1]);
    } else {
        throw std::invalid_argument("a convolution with non-numeric padding");
    }
    layer.groups = static_cast<int>(o.groups());
    layer.activation = activation;
    layer.weight = toVector(conv->weight);
    layer.bias =
        conv->bias.defined() ? toVector(conv->bias) : std::vector<float>(size_t(layer.out), 0.0f);
    return layer;
}

/// Conv -> BN folded: w' = w * gamma / sqrt(var + eps), b' = beta - mean * gamma / sqrt(var + eps).
ConvLayer foldedConv(const ConvBNLayer &block, Activation activation)
{
    ConvLayer layer = plainConv(block->conv, activation);
    const auto &bn = block->bn;
    const torch::Tensor scale =
        (bn->weight / torch::sqrt(bn->running_var + bn->options.eps())).to(torch::kDouble);
    const torch::Tensor shift =
        bn->bias.to(torch::kDouble) - bn->running_mean.to(torch::kDouble) * scale;
    const torch::Tensor convBias = block->conv->bias.defined()
                                       ? block->conv->bias.to(torch::kDouble)
                                       : torch::zeros({layer.out}, torch::kDouble);
    const torch::Tensor w =
        (block->conv->weight.to(torch::kDouble) * scale.view({-1, 1, 1, 1})).to(torch::kFloat);
    layer.weight = toVector(w);
    layer.bias = toVector((convBias * scale + shift).to(torch::kFloat));
    return layer;
}

} // namespace

bool foldNetwork(ClassifierNet &net, const TrainConfig &config, int classes, InferenceGraph *graph,
                 std::string *error)
{
    auto *lcnet = dynamic_cast<PPLCNetImpl *>(&net);
    if (!lcnet) {
        if (error)
            *error = config.model + ": only PP-LCNet models have a native and ONNX export path";
        return false;
    }
    try {
        torch::NoGradGuard noGrad;
        InferenceGraph g;
        g.model = config.model;
        g.height = config.inputHeight;
        g.width = config.inputWidth;
        g.classes = classes;
        g.output =
            config.task == Task::MultiLabel ? OutputActivation::Sigmoid : OutputActivation::Softmax;
        InferenceLayer stem;
        stem.name = "conv1";
        stem.conv = foldedConv(lcnet->conv1, Activation::HardSwish);
        g.layers.push_back(std::move(stem));
        for (size_t stage = 0; stage < lcnet->blocks.size(); ++stage) {
            const torch::nn::ModuleList &list = lcnet->blocks[stage];
            for (size_t i = 0; i < list->size(); ++i) {
                const auto block = list->ptr<DepthwiseSeparableImpl>(i);
                const std::string prefix =
                    "blocks" + std::to_string(stage + 2) + "." + std::to_string(i) + ".";
                InferenceLayer dw;
                dw.name = prefix + "dw_conv";
                dw.conv = foldedConv(block->dw_conv, Activation::HardSwish);
                g.layers.push_back(std::move(dw));
                if (block->se) {
                    InferenceLayer se;
                    se.kind = InferenceLayer::Kind::SqueezeExcite;
                    se.name = prefix + "se";
                    se.seReduce = plainConv(block->se->conv1, Activation::ReLU);
                    se.seExpand = plainConv(block->se->conv2, Activation::HardSigmoid);
                    g.layers.push_back(std::move(se));
                }
                InferenceLayer pw;
                pw.name = prefix + "pw_conv";
                pw.conv = foldedConv(block->pw_conv, Activation::HardSwish);
                g.layers.push_back(std::move(pw));
            }
        }
        InferenceLayer pool;
        pool.kind = InferenceLayer::Kind::GlobalAvgPool;
        pool.name = "avg_pool";
        g.layers.push_back(std::move(pool));
        double fcScale = 1.0;
        if (lcnet->last_conv) {
            InferenceLayer last;
            last.name = "last_conv";
            last.conv = plainConv(lcnet->last_conv, Activation::HardSwish);
            g.layers.push_back(std::move(last));
            // Paddle's downscale_in_infer dropout: x * (1 - p) at inference, folded into fc.
            fcScale = 1.0 - lcnet->options().dropoutProb;
        }
        InferenceLayer fc;
        fc.kind = InferenceLayer::Kind::FullyConnected;
        fc.name = "fc";
        const torch::Tensor weight = lcnet->fc->weight.to(torch::kDouble) * fcScale;
        fc.conv.in = static_cast<int>(lcnet->fc->weight.size(1));
        fc.conv.out = static_cast<int>(lcnet->fc->weight.size(0));
        fc.conv.weight = toVector(weight.to(torch::kFloat));
        fc.conv.bias = lcnet->fc->bias.defined() ? toVector(lcnet->fc->bias)
                                                 : std::vector<float>(size_t(fc.conv.out), 0.0f);
        if (fc.conv.out != classes) {
            if (error)
                *error = config.model + ": the network has " + std::to_string(fc.conv.out) +
                         " outputs but " + std::to_string(classes) + " classes were given";
            return false;
        }
        g.layers.push_back(std::move(fc));
        *graph = std::move(g);
        return true;
    } catch (const std::exception &e) {
        if (error)
            *error = config.model + ": cannot fold the network: " + e.what();
        return false;
    }
}

} // namespace pulc::engine
