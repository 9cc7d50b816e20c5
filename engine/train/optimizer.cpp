#include "engine/train/optimizer.h"

#include <torch/nn/modules/batchnorm.h>

#include <algorithm>
#include <iterator>
#include <sstream>
#include <unordered_set>

namespace pulc::engine {

namespace {

bool isBatchNorm(const torch::nn::Module &module)
{
    return dynamic_cast<const torch::nn::BatchNorm1dImpl *>(&module) ||
           dynamic_cast<const torch::nn::BatchNorm2dImpl *>(&module) ||
           dynamic_cast<const torch::nn::BatchNorm3dImpl *>(&module);
}

struct GroupDraft
{
    double multiplier = 1.0;
    bool decayed = true;
    std::vector<torch::Tensor> params;
    std::vector<std::string> names;
};

std::string describe(const GroupDraft &group, double weightDecay)
{
    std::ostringstream out;
    out << "lr x" << group.multiplier << ", weight decay " << (group.decayed ? weightDecay : 0.0)
        << ": " << group.params.size() << (group.params.size() == 1 ? " tensor (" : " tensors (");
    constexpr size_t kShown = 3;
    for (size_t i = 0; i < std::min(kShown, group.names.size()); ++i)
        out << (i ? ", " : "") << group.names[i];
    out << (group.names.size() > kShown ? ", ...)" : ")");
    return out.str();
}

} // namespace

SgdSetup makeSgd(ClassifierNet &net, const TrainConfig &config)
{
    std::unordered_set<const void *> batchNormParams;
    // include_self=false: the net itself is no BatchNorm, and may not be held by a shared_ptr.
    for (const auto &module : net.modules(/*include_self=*/false)) {
        if (!isBatchNorm(*module))
            continue;
        for (const torch::Tensor &p : module->parameters(/*recurse=*/false))
            batchNormParams.insert(p.unsafeGetTensorImpl());
    }

    std::vector<GroupDraft> drafts;
    for (const auto &item : net.named_parameters(/*recurse=*/true)) {
        const torch::Tensor &p = item.value();
        if (!p.requires_grad())
            continue;
        const int stage = net.lrGroupOf(item.key());
        const double multiplier = stage >= 0 && stage < static_cast<int>(config.lrMult.size())
                                      ? config.lrMult[static_cast<size_t>(stage)]
                                      : 1.0;
        const bool decayed = !batchNormParams.contains(p.unsafeGetTensorImpl());
        auto it = std::find_if(drafts.begin(), drafts.end(), [&](const GroupDraft &g) {
            return g.multiplier == multiplier && g.decayed == decayed;
        });
        if (it == drafts.end()) {
            drafts.push_back({multiplier, decayed, {}, {}});
            it = std::prev(drafts.end());
        }
        it->params.push_back(p);
        it->names.push_back(item.key());
    }

    SgdSetup setup;
    std::vector<torch::optim::OptimizerParamGroup> groups;
    for (const GroupDraft &draft : drafts) {
        auto options =
            std::make_unique<torch::optim::SGDOptions>(config.learningRate * draft.multiplier);
        options->momentum(config.momentum).weight_decay(draft.decayed ? config.weightDecay : 0.0);
        groups.emplace_back(draft.params, std::move(options));
        setup.groupMultipliers.push_back(draft.multiplier);
        setup.description.push_back(describe(draft, config.weightDecay));
    }
    torch::optim::SGDOptions defaults(config.learningRate);
    defaults.momentum(config.momentum).weight_decay(config.weightDecay);
    setup.optimizer = std::make_unique<torch::optim::SGD>(std::move(groups), defaults);
    return setup;
}

void setLearningRate(torch::optim::SGD &optimizer, const std::vector<double> &groupMultipliers,
                     double lr)
{
    auto &groups = optimizer.param_groups();
    for (size_t i = 0; i < groups.size(); ++i) {
        const double multiplier = i < groupMultipliers.size() ? groupMultipliers[i] : 1.0;
        static_cast<torch::optim::SGDOptions &>(groups[i].options()).lr(lr * multiplier);
    }
}

} // namespace pulc::engine
