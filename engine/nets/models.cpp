#include "engine/models.h"

#include "engine/nets/mobilenetv3.h"
#include "engine/nets/network.h"
#include "engine/nets/pplcnet.h"
#include "engine/nets/resnetvd.h"

#include <c10/util/Exception.h>

#include <stdexcept>

namespace pulc::engine {
namespace {

using Scale = std::pair<const char *, double>;

std::vector<std::string> numberedStages(const char *prefix, int first, int last)
{
    std::vector<std::string> names;
    for (int i = first; i <= last; ++i)
        names.push_back(prefix + std::to_string(i));
    return names;
}

std::vector<ModelSpec> makeModelList()
{
    // PaddleClas spells the scale with an underscore for the point: 0.25 -> "x0_25".
    const Scale lcnetScales[] = {{"0_25", 0.25}, {"0_35", 0.35}, {"0_5", 0.5}, {"0_75", 0.75},
                                 {"1_0", 1.0},   {"1_5", 1.5},   {"2_0", 2.0}, {"2_5", 2.5}};
    const Scale mobileScales[] = {
        {"0_35", 0.35}, {"0_5", 0.5}, {"0_75", 0.75}, {"1_0", 1.0}, {"1_25", 1.25}};
    std::vector<ModelSpec> models;
    for (const auto &[suffix, scale] : lcnetScales)
        models.push_back(
            {std::string("PPLCNet_x") + suffix, "PPLCNet", scale, numberedStages("blocks", 2, 6)});
    for (const char *size : {"small", "large"}) {
        const std::string family = std::string("MobileNetV3_") + size;
        const int stages = family == "MobileNetV3_large" ? 5 : 4;
        for (const auto &[suffix, scale] : mobileScales)
            models.push_back(
                {family + "_x" + suffix, family, scale, numberedStages("stage", 1, stages)});
    }
    for (const char *name : {"ResNet50_vd", "ResNet101_vd"})
        models.push_back({name, "ResNet_vd", 1.0, numberedStages("stage", 1, 4)});
    return models;
}

/// countMacs of whichever architecture `net` is.
int64_t networkMacs(const ClassifierNet &net, int64_t height, int64_t width)
{
    if (const auto *lcnet = dynamic_cast<const PPLCNetImpl *>(&net))
        return lcnet->countMacs(height, width);
    if (const auto *mobile = dynamic_cast<const MobileNetV3Impl *>(&net))
        return mobile->countMacs(height, width);
    if (const auto *resnet = dynamic_cast<const ResNetVdImpl *>(&net))
        return resnet->countMacs(height, width);
    throw std::logic_error("no MAC count for this network type");
}

} // namespace

const std::vector<ModelSpec> &knownModels()
{
    static const std::vector<ModelSpec> models = makeModelList();
    return models;
}

const ModelSpec *findModel(const std::string &name)
{
    for (const ModelSpec &m : knownModels()) {
        if (m.name == name)
            return &m;
    }
    return nullptr;
}

ModelStats describeModel(const std::string &name, int classes, int height, int width,
                         bool useLastConv, const StrideList &strides)
{
    ModelStats stats;
    if (height < 1 || width < 1) {
        stats.error = "the input size must be positive";
        return stats;
    }
    NetworkOptions options;
    options.name = name;
    options.classes = classes;
    options.useLastConv = useLastConv;
    options.strides = strides;
    try {
        const std::shared_ptr<ClassifierNet> net = buildNetwork(options);
        for (const torch::Tensor &p : net->parameters())
            stats.parameters += p.numel();
        stats.macs = networkMacs(*net, height, width);
    } catch (const c10::Error &e) {
        stats.error = e.what_without_backtrace();
    } catch (const std::exception &e) {
        stats.error = e.what();
    }
    return stats;
}

} // namespace pulc::engine
