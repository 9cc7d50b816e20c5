#include "engine/nets/network.h"

#include "engine/nets/mobilenetv3.h"
#include "engine/nets/pplcnet.h"
#include "engine/nets/resnetvd.h"
#include "engine/trainconfig.h"

#include <stdexcept>

namespace pulc::engine {
namespace {

std::array<Stride2d, 5> toStride2d(const StrideList &strides)
{
    std::array<Stride2d, 5> out{};
    for (size_t i = 0; i < strides.size(); ++i) {
        if (strides[i].h < 1 || strides[i].w < 1)
            throw std::invalid_argument("strides must be positive");
        out[i] = {strides[i].h, strides[i].w};
    }
    return out;
}

} // namespace

NetworkOptions networkOptions(const TrainConfig &config, const std::string &model, int64_t classes)
{
    NetworkOptions options;
    options.name = model;
    options.classes = classes;
    options.strides = config.strides;
    options.useLastConv = config.useLastConv;
    options.classExpand = config.classExpand;
    options.dropout = config.dropout;
    return options;
}

std::shared_ptr<ClassifierNet> buildNetwork(const NetworkOptions &options)
{
    const ModelSpec *spec = findModel(options.name);
    if (!spec)
        throw std::invalid_argument("unknown model '" + options.name + "'");
    if (options.classes < 1)
        throw std::invalid_argument("the number of classes must be at least 1");
    if (!(options.dropout >= 0.0 && options.dropout < 1.0))
        throw std::invalid_argument("dropout must be in [0, 1), got " +
                                    std::to_string(options.dropout));
    // Validated for every family, so a bad stride list is caught even where it is unused.
    const std::array<Stride2d, 5> strides = toStride2d(options.strides);

    if (spec->family == "PPLCNet") {
        if (options.useLastConv && options.classExpand < 1)
            throw std::invalid_argument("class_expand must be at least 1");
        PPLCNetOptions o;
        o.scale = spec->scale;
        o.classNum = options.classes;
        o.strideList = strides;
        o.useLastConv = options.useLastConv;
        o.classExpand = options.classExpand;
        o.dropoutProb = options.dropout;
        return std::make_shared<PPLCNetImpl>(o);
    }
    if (spec->family == "MobileNetV3_small" || spec->family == "MobileNetV3_large") {
        // PaddleClas's MobileNetV3 takes neither stride_list nor use_last_conv (its **kwargs
        // swallow them), so they are ignored here too.
        if (options.classExpand < 1)
            throw std::invalid_argument("class_expand must be at least 1");
        MobileNetV3Options o;
        o.large = spec->family == "MobileNetV3_large";
        o.scale = spec->scale;
        o.classNum = options.classes;
        o.classExpand = options.classExpand;
        o.dropoutProb = options.dropout;
        return std::make_shared<MobileNetV3Impl>(o);
    }
    if (spec->family == "ResNet_vd") {
        // No dropout, class_expand or last conv in PaddleClas's ResNet: those options are unused.
        ResNetVdOptions o;
        o.depth = spec->name == "ResNet101_vd" ? 101 : 50;
        o.classNum = options.classes;
        o.strideList = strides;
        return std::make_shared<ResNetVdImpl>(o);
    }
    throw std::logic_error("buildNetwork: no builder for family '" + spec->family + "'");
}

} // namespace pulc::engine

namespace pulc::engine {

void useChannelsLast(torch::nn::Module &module)
{
    torch::NoGradGuard noGrad;
    for (auto &p : module.parameters()) {
        if (p.dim() == 4)
            p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
    }
    for (auto &b : module.buffers()) {
        if (b.dim() == 4)
            b.set_data(b.contiguous(torch::MemoryFormat::ChannelsLast));
    }
}

torch::Tensor toChannelsLast(const torch::Tensor &x)
{
    return x.dim() == 4 ? x.contiguous(torch::MemoryFormat::ChannelsLast) : x;
}

} // namespace pulc::engine
