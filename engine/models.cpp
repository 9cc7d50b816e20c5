#include "models.h"

#include "pplcnet.h"

#include <c10/util/Exception.h>

namespace pulc::engine {
namespace {

std::vector<ModelSpec> makeModelList()
{
    // PaddleClas spells the scale with an underscore for the point: 0.25 -> "x0_25".
    const std::pair<const char *, double> scales[] = {{"0_25", 0.25}, {"0_35", 0.35}, {"0_5", 0.5},
                                                      {"0_75", 0.75}, {"1_0", 1.0},   {"1_5", 1.5},
                                                      {"2_0", 2.0},   {"2_5", 2.5}};
    std::vector<ModelSpec> models;
    for (const auto &[suffix, scale] : scales)
        models.push_back({std::string("PPLCNet_x") + suffix, "PPLCNet", scale});
    return models;
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
    const ModelSpec *spec = findModel(name);
    if (!spec) {
        stats.error = "unknown model '" + name + "'";
        return stats;
    }
    if (classes < 1) {
        stats.error = "the number of classes must be at least 1";
        return stats;
    }
    if (height < 1 || width < 1) {
        stats.error = "the input size must be positive";
        return stats;
    }
    PPLCNetOptions options;
    options.scale = spec->scale;
    options.classNum = classes;
    options.useLastConv = useLastConv;
    for (size_t i = 0; i < strides.size(); ++i) {
        if (strides[i].h < 1 || strides[i].w < 1) {
            stats.error = "strides must be positive";
            return stats;
        }
        options.strideList[i] = {strides[i].h, strides[i].w};
    }
    try {
        const PPLCNet model(options);
        for (const torch::Tensor &p : model->parameters())
            stats.parameters += p.numel();
        stats.macs = model->countMacs(height, width);
    } catch (const c10::Error &e) {
        stats.error = e.what_without_backtrace();
    } catch (const std::exception &e) {
        stats.error = e.what();
    }
    return stats;
}

} // namespace pulc::engine
