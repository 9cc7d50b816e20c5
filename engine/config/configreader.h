#pragma once
// Internal to engine/config/configfile.cpp and configreadops.cpp: the reader of
// PaddleClas-shaped YAML configs, split over two files by section.

#include "engine/configfile.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pulc::engine::configread {

inline constexpr const char *kIgnoredRunFolder =
    "ignored: runs and exports are stored in the project";
inline constexpr const char *kIgnoredEvalEveryEpoch =
    "ignored: every epoch is evaluated and the best and last checkpoints are kept";
inline constexpr const char *kIgnoredOneMachine =
    "ignored: PULC Studio trains on one machine's CPU";
inline constexpr const char *kIgnoredWeights =
    "ignored: PULC Studio downloads nothing; set `pretrained` to a .pdparams or checkpoint file";
inline constexpr const char *kIgnoredEvalLoss = "ignored: the evaluation loss follows the task";
inline constexpr const char *kIgnoredEvalLoader =
    "ignored: PULC Studio sizes evaluation batches itself";
inline constexpr const char *kIgnoredInferPrep = "ignored: inference uses the Eval preprocessing";
inline constexpr const char *kIgnoredTrainMetric =
    "ignored: training reports the loss and the main metric";

inline std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return text;
}

// A node as the text applySetting() takes: a scalar as is, anything else in flow style.
inline std::string nodeText(const YAML::Node &node)
{
    if (!node || node.IsNull())
        return {};
    if (node.IsScalar())
        return node.Scalar();
    // Flow syntax whatever the file's style, so "[2, [2, 1]]" compares and parses the same.
    std::string text = node.IsSequence() ? "[" : "{";
    bool first = true;
    for (const auto &item : node) {
        text += first ? "" : ", ";
        first = false;
        text += node.IsSequence() ? nodeText(item)
                                  : nodeText(item.first) + ": " + nodeText(item.second);
    }
    return text + (node.IsSequence() ? "]" : "}");
}

// [w, h] or a single side, as PaddleClas's size arguments.
inline bool readWidthHeight(const YAML::Node &node, int *width, int *height)
{
    double w = 0, h = 0;
    if (node.IsScalar() && parseConfigNumber(node.Scalar(), &w))
        h = w;
    else if (!(node.IsSequence() && node.size() == 2 && node[0].IsScalar() && node[1].IsScalar() &&
               parseConfigNumber(node[0].Scalar(), &w) && parseConfigNumber(node[1].Scalar(), &h)))
        return false;
    if (w < 1 || h < 1 || w > 4096 || h > 4096 || w != std::floor(w) || h != std::floor(h))
        return false;
    *width = static_cast<int>(w);
    *height = static_cast<int>(h);
    return true;
}

class Reader
{
public:
    Reader(ConfigReadResult &result, const ConfigReadOptions &options)
        : r(result)
        , c(result.config)
        , m_options(options)
    {}
    void read(const YAML::Node &root);

private:
    using Handler = std::function<void(const YAML::Node &, const std::string &)>;
    using Handlers = std::vector<std::pair<std::string, Handler>>;

    void walk(const YAML::Node &node, const std::string &path, const Handlers &handlers);
    void forEachOp(const YAML::Node &list, const std::string &path,
                   const std::function<void(const std::string &, const YAML::Node &,
                                            const std::string &)> &visit);
    void unsupported(const std::string &path, const std::string &why);
    void error(const std::string &path, const std::string &expected, const YAML::Node &node);
    Handler ignore(const char *reason);
    Handler setting(const std::string &key);
    Handler expect(std::vector<std::string> allowed);
    Handler expectNumber(double value);
    Handler size(int *width, int *height, std::function<void()> then = {});

    void readGlobal(const YAML::Node &node, const std::string &path);
    void readArch(const YAML::Node &node, const std::string &path);
    Handlers modelHandlers(bool teacher);
    void readLoss(const YAML::Node &node, const std::string &path);
    void readOptimizer(const YAML::Node &node, const std::string &path);
    void readDataLoader(const YAML::Node &node, const std::string &path);
    void readTrainOps(const YAML::Node &list, const std::string &path);
    void readBatchOps(const YAML::Node &list, const std::string &path);
    void readEvalOps(const YAML::Node &list, const std::string &path);
    void readMetric(const YAML::Node &node, const std::string &path);
    void readInfer(const YAML::Node &node, const std::string &path);
    void readEma(const YAML::Node &node, const std::string &path);
    void readPulcStudio(const YAML::Node &node, const std::string &path);
    void finish();

    ConfigReadResult &r;
    TrainConfig &c;
    void scaleBatchAndLr();

    const ConfigReadOptions m_options;
    bool m_singleMachine = false;
    bool m_deviceGpu = false;
    std::optional<int> m_batch;
    std::optional<double> m_lr;
    bool m_multiLabel = false;
    bool m_binaryHint = false;
    int m_classNum = 0;
    bool m_distillArch = false;
    bool m_plainArch = false;
    bool m_teacherTrained = true; // PaddleClas freezes nothing unless freeze_params_list says so
    bool m_distanceLoss = false;
    std::optional<int> m_imageShapeH, m_imageShapeW;
    std::optional<int> m_postTopk;
    bool m_metricTopk = false;
};

} // namespace pulc::engine::configread
