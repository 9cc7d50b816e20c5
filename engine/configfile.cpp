// Reads and writes PaddleClas-shaped training configs. The reader walks every key of the file:
// each one is applied (through applySetting(), so files and `--set` share one validation),
// ignored with a reason, or reported as unsupported; nothing is dropped silently.

#include "configfile.h"

#include "scenes.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <thread>

namespace pulc::engine {

bool ConfigReadResult::isIgnored(const std::string &key) const
{
    return std::any_of(ignored.begin(), ignored.end(),
                       [&key](const IgnoredKey &item) { return item.key == key; });
}

bool ConfigReadResult::isUnsupported(const std::string &key) const
{
    return std::find(unsupported.begin(), unsupported.end(), key) != unsupported.end();
}

namespace {

constexpr const char *kIgnoredRunFolder = "ignored: runs and exports are stored in the project";
constexpr const char *kIgnoredEvalEveryEpoch =
    "ignored: every epoch is evaluated and the best and last checkpoints are kept";
constexpr const char *kIgnoredOneMachine = "ignored: PULC Studio trains on one machine's CPU";
constexpr const char *kIgnoredWeights =
    "ignored: PULC Studio downloads nothing; set `pretrained` to a .pdparams or checkpoint file";
constexpr const char *kIgnoredEvalLoss = "ignored: the evaluation loss follows the task";
constexpr const char *kIgnoredEvalLoader = "ignored: PULC Studio sizes evaluation batches itself";
constexpr const char *kIgnoredInferPrep = "ignored: inference uses the Eval preprocessing";
constexpr const char *kIgnoredTrainMetric =
    "ignored: training reports the loss and the main metric";

std::string lower(std::string text)
{
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    return text;
}

// A node as the text applySetting() takes: a scalar as is, anything else in flow style.
std::string nodeText(const YAML::Node &node)
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
bool readWidthHeight(const YAML::Node &node, int *width, int *height)
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
    explicit Reader(ConfigReadResult &result)
        : r(result)
        , c(result.config)
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
    void readPulcStudio(const YAML::Node &node, const std::string &path);
    void finish();

    ConfigReadResult &r;
    TrainConfig &c;
    bool m_singleMachine = false;
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

void Reader::unsupported(const std::string &path, const std::string &why)
{
    if (!r.isUnsupported(path))
        r.unsupported.push_back(path);
    r.warnings.push_back(path + ": " + (why.empty() ? "not supported by PULC Studio" : why));
}

void Reader::error(const std::string &path, const std::string &expected, const YAML::Node &node)
{
    const YAML::Mark mark = node.Mark();
    std::string where;
    if (mark.line >= 0)
        where = " (line " + std::to_string(mark.line + 1) + ")";
    r.errors.push_back(path + ": expected " + expected + ", got " + "'" + nodeText(node) + "'" +
                       where);
}

void Reader::walk(const YAML::Node &node, const std::string &path, const Handlers &handlers)
{
    if (node.IsNull())
        return;
    if (!node.IsMap()) {
        error(path, "a mapping of keys", node);
        return;
    }
    for (const auto &item : node) {
        const std::string key = item.first.Scalar();
        const std::string full = path.empty() ? key : path + "." + key;
        auto it = std::find_if(handlers.begin(), handlers.end(),
                               [&key](const auto &handler) { return handler.first == key; });
        if (it == handlers.end())
            unsupported(full, {});
        else
            it->second(item.second, full);
    }
}

// PaddleClas op lists: "- OpName: {args}" items, visited in order with the args node.
void Reader::forEachOp(
    const YAML::Node &list, const std::string &path,
    const std::function<void(const std::string &, const YAML::Node &, const std::string &)> &visit)
{
    if (!list.IsSequence()) {
        if (!list.IsNull())
            error(path, "a list of operators", list);
        return;
    }
    for (const auto &item : list) {
        if (!item.IsMap() || item.size() != 1) {
            error(path, "one '- Name: {arguments}' entry per operator", item);
            continue;
        }
        const auto op = *item.begin();
        const std::string name = op.first.Scalar();
        visit(name, op.second, path + "." + name);
    }
}

Reader::Handler Reader::ignore(const char *reason)
{
    return [this, reason](const YAML::Node &, const std::string &path) {
        r.ignored.push_back({path, reason});
    };
}

Reader::Handler Reader::setting(const std::string &key)
{
    return [this, key](const YAML::Node &node, const std::string &path) {
        std::string message;
        if (!applySetting(c, key, nodeText(node), &message)) {
            // applySetting names the short key; the file's reader wants the file's path.
            const auto colon = message.find(": expected ");
            const YAML::Mark mark = node.Mark();
            r.errors.push_back(
                path + (colon == std::string::npos ? ": " + message : message.substr(colon)) +
                (mark.line >= 0 ? " (line " + std::to_string(mark.line + 1) + ")" : ""));
        }
    };
}

// A key whose value PULC Studio cannot change: accepted when it is one of `allowed` (compared
// without case, numbers by value), unsupported otherwise.
Reader::Handler Reader::expect(std::vector<std::string> allowed)
{
    return [this, allowed](const YAML::Node &node, const std::string &path) {
        const std::string text = lower(nodeText(node));
        for (const std::string &value : allowed) {
            double a = 0, b = 0;
            if (text == lower(value) ||
                (parseConfigNumber(text, &a) && parseConfigNumber(value, &b) &&
                 std::abs(a - b) <= 1e-6 * std::max(1.0, std::abs(b))))
                return;
        }
        std::string list;
        for (const std::string &value : allowed)
            list += (list.empty() ? "" : ", ") + (value.empty() ? "''" : value);
        unsupported(path,
                    "'" + nodeText(node) + "' is not supported (PULC Studio uses " + list + ")");
    };
}

Reader::Handler Reader::expectNumber(double value)
{
    return expect({configNumberText(value)});
}

Reader::Handler Reader::size(int *width, int *height, std::function<void()> then)
{
    return [this, width, height, then](const YAML::Node &node, const std::string &path) {
        if (!readWidthHeight(node, width, height))
            return error(path, "a size in pixels or [width, height]", node);
        if (then)
            then();
    };
}

void Reader::read(const YAML::Node &root)
{
    if (root.IsNull())
        return;
    if (!root.IsMap()) {
        error("(top level)", "a mapping of sections", root);
        return;
    }
    const YAML::Node studio = root["PulcStudio"];
    if (studio && studio.IsMap()) {
        const YAML::Node flag = studio["single_machine"];
        m_singleMachine = flag && flag.IsScalar() && lower(flag.Scalar()) == "true";
    }
    walk(root, {},
         {{"Global", [this](auto &n, auto &p) { readGlobal(n, p); }},
          {"Arch", [this](auto &n, auto &p) { readArch(n, p); }},
          {"Loss", [this](auto &n, auto &p) { readLoss(n, p); }},
          {"Optimizer", [this](auto &n, auto &p) { readOptimizer(n, p); }},
          {"DataLoader", [this](auto &n, auto &p) { readDataLoader(n, p); }},
          {"Metric", [this](auto &n, auto &p) { readMetric(n, p); }},
          {"Infer", [this](auto &n, auto &p) { readInfer(n, p); }},
          {"PulcStudio", [](auto &, auto &) {}}});
    finish();
    if (studio)
        readPulcStudio(studio, "PulcStudio");
}

void Reader::readGlobal(const YAML::Node &node, const std::string &path)
{
    walk(node, path,
         {{"checkpoints", ignore("ignored: resume a run from its run folder")},
          {"pretrained_model", setting("pretrained")},
          {"output_dir", ignore(kIgnoredRunFolder)},
          {"save_inference_dir", ignore(kIgnoredRunFolder)},
          {"device", ignore(kIgnoredOneMachine)},
          {"save_interval", ignore(kIgnoredEvalEveryEpoch)},
          {"eval_during_train", ignore(kIgnoredEvalEveryEpoch)},
          {"eval_interval", ignore(kIgnoredEvalEveryEpoch)},
          {"start_eval_epoch", ignore(kIgnoredEvalEveryEpoch)},
          {"print_batch_step", ignore("ignored: progress is reported every step")},
          {"use_visualdl", ignore("ignored: metrics are shown in the app and kept in the run")},
          {"epochs", setting("epochs")},
          {"seed", setting("seed")},
          {"use_dali", expect({"false"})},
          {"to_static", expect({"false"})},
          {"use_multilabel",
           [this](const YAML::Node &n, const std::string &) {
               m_multiLabel = m_multiLabel || lower(nodeText(n)) == "true";
           }},
          {"image_shape", [this](const YAML::Node &n, const std::string &p) {
               double ch = 0, h = 0, w = 0;
               if (!(n.IsSequence() && n.size() == 3 && parseConfigNumber(nodeText(n[0]), &ch) &&
                     parseConfigNumber(nodeText(n[1]), &h) &&
                     parseConfigNumber(nodeText(n[2]), &w) && ch == 3 && h >= 16 && w >= 16))
                   return error(p, "[3, height, width]", n);
               m_imageShapeH = static_cast<int>(h);
               m_imageShapeW = static_cast<int>(w);
               c.inputHeight = *m_imageShapeH;
               c.inputWidth = *m_imageShapeW;
           }}});
}

// Keys of a plain Arch section and of the Student in a DistillationModel.
Reader::Handlers Reader::modelHandlers(bool teacher)
{
    Handlers h = {
        {"class_num",
         [this](const YAML::Node &n, const std::string &p) {
             double count = 0;
             if (parseConfigNumber(nodeText(n), &count))
                 m_classNum = static_cast<int>(count);
             r.ignored.push_back({p, "ignored: the project's classes set the number of outputs"});
         }},
        {"use_ssld", ignore(kIgnoredWeights)},
        {"name",
         [this, teacher](const YAML::Node &n, const std::string &p) {
             std::string message;
             if (!applySetting(c, teacher ? "teacher_model" : "model", nodeText(n), &message))
                 unsupported(p, message.substr(message.find(':') + 2) + "; keeping " +
                                    (teacher ? c.distill.teacherModel : c.model));
         }},
        {"pretrained",
         [this, teacher](const YAML::Node &n, const std::string &p) {
             const std::string text = nodeText(n);
             if (n.IsNull() || lower(text) == "true" || lower(text) == "false") {
                 r.ignored.push_back({p, kIgnoredWeights});
                 return;
             }
             applySetting(c, teacher ? "teacher_checkpoint" : "pretrained", text, nullptr);
         }},
        {"return_patterns", ignore("ignored: the compared stage is DistillationDistanceLoss.key")},
        {"return_stages", ignore("ignored: the compared stage is DistillationDistanceLoss.key")},
    };
    if (!teacher) {
        h.push_back({"use_sync_bn", ignore(kIgnoredOneMachine)});
        h.push_back({"stride_list", setting("strides")});
        h.push_back({"lr_mult_list", setting("lr_mult")});
        h.push_back({"use_last_conv", setting("use_last_conv")});
        h.push_back({"class_expand", setting("class_expand")});
        h.push_back({"dropout_prob", setting("dropout")});
    }
    return h;
}

void Reader::readArch(const YAML::Node &node, const std::string &path)
{
    const bool distill =
        node.IsMap() && node["name"] && nodeText(node["name"]) == "DistillationModel";
    if (!distill) {
        m_plainArch = node.IsMap();
        return walk(node, path, modelHandlers(false));
    }
    m_distillArch = true;
    Handlers h = modelHandlers(false);
    std::erase_if(h, [](const auto &item) { return item.first == "name"; });
    h.push_back({"name", [](auto &, auto &) {}});
    h.push_back({"infer_model_name", expect({"Student"})});
    h.push_back({"pretrained_list", expect({""})});
    h.push_back({"freeze_params_list", [this](const YAML::Node &n, const std::string &p) {
                     if (n.IsNull())
                         return;
                     if (!n.IsSequence() || n.size() != 2)
                         return error(p, "[teacher frozen, student frozen]", n);
                     m_teacherTrained = lower(nodeText(n[0])) != "true";
                     if (lower(nodeText(n[1])) == "true")
                         unsupported(p + "[1]", "a frozen student cannot learn");
                 }});
    h.push_back({"models", [this](const YAML::Node &n, const std::string &p) {
                     forEachOp(n, p,
                               [this](const std::string &role, const YAML::Node &args,
                                      const std::string &rolePath) {
                                   if (role == "Teacher" || role == "Student")
                                       walk(args, rolePath, modelHandlers(role == "Teacher"));
                                   else
                                       unsupported(rolePath,
                                                   "only a Teacher and a Student are supported");
                               });
                 }});
    walk(node, path, h);
}

void Reader::readLoss(const YAML::Node &node, const std::string &path)
{
    walk(node, path,
         {{"Eval", ignore(kIgnoredEvalLoss)},
          {"Train", [this](const YAML::Node &list, const std::string &trainPath) {
               // The list replaces the base's losses: what it does not name is off.
               c.labelSmoothing = 0.0;
               const bool distill =
                   list.IsSequence() &&
                   std::any_of(list.begin(), list.end(), [](const YAML::Node &item) {
                       return item.IsMap() && item.size() == 1 &&
                              item.begin()->first.Scalar().rfind("Distillation", 0) == 0;
                   });
               if (distill) {
                   c.distill.dmlWeight = 0.0;
                   c.distill.groundTruthWeight = 0.0;
                   c.distill.featureWeight = 0.0;
               }
               const Handler pairs = expect({"[[Student, Teacher]]"});
               const Handler logits = expect({"logits"});
               forEachOp(
                   list, trainPath,
                   [&](const std::string &name, const YAML::Node &args, const std::string &p) {
                       Handlers h = {{"weight", expectNumber(1.0)}};
                       if (name == "CELoss") {
                           h.push_back({"epsilon", setting("label_smoothing")});
                       } else if (name == "MultiLabelLoss" ||
                                  name == "DistillationMultiLabelLoss") {
                           m_multiLabel = true;
                           h.push_back({"weight_ratio", expect({"true"})});
                           h.push_back({"size_sum", expect({"true"})});
                           if (name != "MultiLabelLoss") {
                               h[0].second = setting("gt_weight");
                               h.push_back({"model_names", expect({"[Student]"})});
                           }
                       } else if (name == "DistillationGTCELoss") {
                           h[0].second = setting("gt_weight");
                           h.push_back({"epsilon", setting("label_smoothing")});
                           h.push_back({"key", logits});
                           h.push_back(
                               {"model_names", [this](const YAML::Node &n, const std::string &np) {
                                    const std::string text = nodeText(n);
                                    if (text == "[Student, Teacher]")
                                        m_teacherTrained = true;
                                    else if (text != "[Student]")
                                        unsupported(np, "expected [Student] or [Student, Teacher]");
                                }});
                       } else if (name == "DistillationDMLLoss") {
                           h[0].second = setting("dml_weight");
                           h.push_back({"model_name_pairs", pairs});
                           h.push_back({"key", logits});
                           h.push_back({"act", expect({"softmax"})});
                           // The multi-label DML of vehicle/table attributes weights by label
                           // ratio.
                           h.push_back(
                               {"weight_ratio", ignore("ignored: DML weighting follows the task")});
                           h.push_back({"sum_across_class_dim", expect({"false"})});
                       } else if (name == "DistillationDistanceLoss") {
                           m_distanceLoss = true;
                           h[0].second = setting("feature_weight");
                           h.push_back({"key", setting("feature_stage")});
                           h.push_back({"mode", expect({"l2"})});
                           h.push_back({"model_name_pairs", pairs});
                       } else {
                           return unsupported(
                               p, "loss not supported (CELoss, MultiLabelLoss and the "
                                  "Distillation DML/GTCE/MultiLabel/Distance losses are)");
                       }
                       walk(args, p, h);
                   });
           }}});
}

void Reader::readOptimizer(const YAML::Node &node, const std::string &path)
{
    const auto number = [this](std::optional<double> *target) {
        return [this, target](const YAML::Node &n, const std::string &p) {
            double value = 0;
            if (!parseConfigNumber(nodeText(n), &value) || value <= 0)
                return error(p, "a number > 0", n);
            *target = value;
        };
    };
    walk(node, path,
         {{"name", expect({"Momentum"})},
          {"momentum", setting("momentum")},
          {"lr",
           [this, number](const YAML::Node &n, const std::string &p) {
               walk(n, p,
                    {{"name", expect({"Cosine"})},
                     {"learning_rate", number(&m_lr)},
                     {"warmup_epoch", setting("warmup_epochs")},
                     {"eta_min", expectNumber(0.0)},
                     {"warmup_start_lr", expectNumber(0.0)},
                     {"by_epoch", expect({"false"})}});
           }},
          {"regularizer", [this](const YAML::Node &n, const std::string &p) {
               walk(n, p, {{"name", expect({"L2"})}, {"coeff", setting("weight_decay")}});
           }}});
}

void Reader::readDataLoader(const YAML::Node &node, const std::string &path)
{
    const Handler data = ignore(kIgnoredProjectData);
    const Handlers datasetCommon = {
        {"name",
         [this](const YAML::Node &n, const std::string &p) {
             if (nodeText(n) == "MultiLabelDataset")
                 m_multiLabel = true;
             r.ignored.push_back({p, kIgnoredProjectData});
         }},
        {"image_root", data},
        {"cls_label_path", data},
        {"sample_list_path", data},
        {"label_key", data},
        {"delimiter", data},
        {"label_ratio", data},
    };
    Handlers train = datasetCommon;
    train.push_back({"transform_ops", [this](auto &n, auto &p) { readTrainOps(n, p); }});
    train.push_back({"batch_transform_ops", [this](auto &n, auto &p) { readBatchOps(n, p); }});
    Handlers eval = datasetCommon;
    eval.push_back({"transform_ops", [this](auto &n, auto &p) { readEvalOps(n, p); }});

    walk(node, path,
         {{"Train",
           [=, this](const YAML::Node &n, const std::string &p) {
               walk(n, p,
                    {{"dataset",
                      [=, this](const YAML::Node &d, const std::string &dp) {
                          // A dataset without batch_transform_ops mixes nothing.
                          c.augment.mixupProb = c.augment.cutmixProb = 0.0;
                          walk(d, dp, train);
                      }},
                     {"sampler",
                      [this](const YAML::Node &s, const std::string &sp) {
                          walk(s, sp,
                               {{"name", expect({"DistributedBatchSampler", "BatchSampler"})},
                                {"batch_size",
                                 [this](const YAML::Node &b, const std::string &bp) {
                                     double value = 0;
                                     if (!parseConfigNumber(nodeText(b), &value) || value < 1 ||
                                         value != std::floor(value) || value > 4096)
                                         return error(bp, "an integer from 1 to 4096", b);
                                     m_batch = static_cast<int>(value);
                                 }},
                                {"drop_last", setting("drop_last")},
                                {"shuffle", expect({"true"})}});
                      }},
                     {"loader", [this](const YAML::Node &l, const std::string &lp) {
                          walk(l, lp,
                               {{"num_workers",
                                 [this](const YAML::Node &w, const std::string &wp) {
                                     double value = 0;
                                     if (!parseConfigNumber(nodeText(w), &value) || value < 0)
                                         return error(wp, "an integer >= 0", w);
                                     // Paddle's counts are per GPU process on a server.
                                     const int cores = std::max(
                                         1, static_cast<int>(std::thread::hardware_concurrency()));
                                     c.loaderThreads =
                                         std::clamp(static_cast<int>(value), 1, cores);
                                     if (c.loaderThreads != value)
                                         r.notes.push_back(wp + ": " + nodeText(w) + " workers " +
                                                           "become " +
                                                           std::to_string(c.loaderThreads) +
                                                           " loader threads on this machine");
                                 }},
                                {"use_shared_memory",
                                 ignore("ignored: loader workers are threads")}});
                      }}});
           }},
          {"Eval", [=, this](const YAML::Node &n, const std::string &p) {
               walk(n, p,
                    {{"dataset",
                      [=, this](const YAML::Node &d, const std::string &dp) { walk(d, dp, eval); }},
                     {"sampler", ignore(kIgnoredEvalLoader)},
                     {"loader", ignore(kIgnoredEvalLoader)}});
           }}});
}

// Sizes in PaddleClas ops are [w, h]; TrainConfig holds height and width.
void Reader::readTrainOps(const YAML::Node &list, const std::string &path)
{
    // The list is the whole training augmentation: what it does not name is off.
    AugmentConfig &a = c.augment;
    const AugmentConfig defaults;
    a.flipProb = 0.0;
    a.autoAugmentProb = 0.0;
    a.autoAugmentMagnitude = defaults.autoAugmentMagnitude;
    a.autoAugmentMagnitudeStd = defaults.autoAugmentMagnitudeStd;
    a.erasingProb = 0.0;
    a.blurLabels = false;
    a.rot90Labels = false;
    a.randCropScaleMin = defaults.randCropScaleMin;
    a.padWidth = a.padHeight = 0;
    bool sawCrop = false, sawResize = false, sawAutoAugment = false, sawPad = false;
    int cropW = 0, cropH = 0;
    const Handler bilinear = expect({"bilinear", "cv2.INTER_LINEAR", "1"});
    const Handler cv2 = expect({"cv2"});
    const Handlers normalize = {{"scale", expectNumber(1.0 / 255.0)},
                                {"mean", expect({"[0.485, 0.456, 0.406]"})},
                                {"std", expect({"[0.229, 0.224, 0.225]"})},
                                {"order", expect({"", "hwc"})}};
    forEachOp(
        list, path, [&](const std::string &name, const YAML::Node &args, const std::string &p) {
            if (name == "DecodeImage") {
                walk(args, p, {{"to_rgb", expect({"true"})}, {"channel_first", expect({"false"})}});
            } else if (name == "RandCropImage") {
                sawCrop = true;
                a.geometry = TrainGeometry::RandCrop;
                walk(args, p,
                     {{"size", size(&c.trainWidth, &c.trainHeight)},
                      {"scale",
                       [&](const YAML::Node &n, const std::string &sp) {
                           double lo = 0, hi = 0;
                           if (!(n.IsSequence() && n.size() == 2 &&
                                 parseConfigNumber(nodeText(n[0]), &lo) &&
                                 parseConfigNumber(nodeText(n[1]), &hi)))
                               return error(sp, "[min, max] area fractions", n);
                           applySetting(c, "rand_crop_scale_min", nodeText(n[0]), nullptr);
                           if (hi != 1.0)
                               unsupported(sp, "the largest crop is always the whole image (1.0)");
                       }},
                      {"ratio", expect({"[0.75, 1.3333333333333333]", "[0.75, 1.33]"})},
                      {"interpolation", bilinear},
                      {"backend", cv2},
                      {"use_log_aspect", expect({"false"})}});
            } else if (name == "ResizeImage") {
                sawResize = true;
                if (!sawCrop)
                    a.geometry = TrainGeometry::Resize;
                walk(args, p,
                     {{"size", size(&c.trainWidth, &c.trainHeight)},
                      {"resize_short",
                       [this](const YAML::Node &, const std::string &rp) {
                           unsupported(rp, "training resizes to a fixed size");
                       }},
                      {"interpolation", bilinear},
                      {"backend", cv2}});
            } else if (name == "RandFlipImage") {
                a.flipProb = 0.5;
                a.flipBeforeAutoAugment = !sawAutoAugment;
                walk(args, p, {{"flip_code", expect({"1"})}});
            } else if (name == "TimmAutoAugment") {
                sawAutoAugment = true;
                a.autoAugmentProb = 1.0; // PaddleClas's default when `prob` is absent
                walk(args, p,
                     {{"prob", setting("autoaugment_prob")},
                      {"interpolation", expect({"bicubic"})},
                      {"img_size", ignore("ignored: RandAugment works at the training size")},
                      {"config_str", [&](const YAML::Node &n, const std::string &cp) {
                           // rand-m9-mstd0.5-inc1: only the magnitude and its std may change.
                           std::stringstream parts(nodeText(n));
                           std::string part;
                           bool ok = std::getline(parts, part, '-') && part == "rand";
                           bool increasing = false;
                           while (ok && std::getline(parts, part, '-')) {
                               if (part.rfind("mstd", 0) == 0)
                                   ok = applySetting(c, "autoaugment_magnitude_std", part.substr(4),
                                                     nullptr);
                               else if (part.rfind("m", 0) == 0)
                                   ok = applySetting(c, "autoaugment_magnitude", part.substr(1),
                                                     nullptr);
                               else if (part == "inc1")
                                   increasing = true;
                               else
                                   ok = part == "n2";
                           }
                           if (!ok || !increasing)
                               unsupported(cp, "only rand-m<M>-mstd<S>-inc1 (2 ops) is supported");
                       }}});
            } else if (name == "NormalizeImage") {
                walk(args, p, normalize);
            } else if (name == "RandomErasing") {
                walk(args, p,
                     {{"EPSILON", setting("erasing_prob")},
                      {"sl", expectNumber(0.02)},
                      {"sh", expectNumber(1.0 / 3.0)},
                      {"r1", expectNumber(0.3)},
                      {"attempt", expectNumber(10)},
                      {"use_log_aspect", expect({"true"})},
                      {"mode", expect({"pixel"})}});
            } else if (name == "Padv2") {
                sawPad = true;
                a.geometry = TrainGeometry::ResizePadCrop;
                walk(args, p,
                     {{"size", size(&a.padWidth, &a.padHeight)},
                      {"pad_mode", expect({"1"})},
                      {"fill_value", expect({"0"})}});
            } else if (name == "RandomCropImage") {
                walk(args, p, {{"size", size(&cropW, &cropH, [&] {
                                    if (cropW != c.trainWidth || cropH != c.trainHeight)
                                        unsupported(p + ".size",
                                                    "the crop must match ResizeImage's "
                                                    "size");
                                })}});
            } else if (name == "BlurImage") {
                a.blurLabels = true;
                a.blurRatio = defaults.blurRatio;
                walk(args, p,
                     {{"ratio", setting("blur_ratio")},
                      {"motion_max_ksize", expectNumber(12)},
                      {"motion_max_angle", expectNumber(45)},
                      {"gaussian_max_ksize", expectNumber(12)}});
            } else if (name == "RandomRot90") {
                a.rot90Labels = true;
                walk(args, p, {});
            } else if (name == "ToCHWImage") {
                walk(args, p, {});
            } else {
                unsupported(p, "augmentation operator not supported");
            }
        });
    if (sawPad && !sawResize)
        r.warnings.push_back(path + ": Padv2 without ResizeImage; the training size is used");
}

void Reader::readBatchOps(const YAML::Node &list, const std::string &path)
{
    AugmentConfig &a = c.augment;
    const auto mix = [this](const char *alphaKey, const char *probKey, bool sampled) {
        return [this, alphaKey, probKey, sampled](const YAML::Node &args, const std::string &p) {
            // Without OpSampler the operator runs on every batch.
            applySetting(c, probKey, "1", nullptr);
            walk(args, p, {{"alpha", setting(alphaKey)}, {"prob", setting(probKey)}});
            if (!sampled && args.IsMap() && args["prob"])
                unsupported(p + ".prob", "a probability needs OpSampler");
        };
    };
    forEachOp(list, path,
              [&](const std::string &name, const YAML::Node &args, const std::string &p) {
                  if (name == "MixupOperator")
                      mix("mixup_alpha", "mixup_prob", false)(args, p);
                  else if (name == "CutmixOperator")
                      mix("cutmix_alpha", "cutmix_prob", false)(args, p);
                  else if (name == "OpSampler")
                      walk(args, p,
                           {{"MixupOperator", mix("mixup_alpha", "mixup_prob", true)},
                            {"CutmixOperator", mix("cutmix_alpha", "cutmix_prob", true)}});
                  else
                      unsupported(p, "batch operator not supported (Mixup, Cutmix, OpSampler are)");
              });
    if (a.mixupProb + a.cutmixProb > 1.0 + 1e-9)
        r.errors.push_back(path + ": Mixup and Cutmix probabilities add up to more than 1");
}

void Reader::readEvalOps(const YAML::Node &list, const std::string &path)
{
    const Handler bilinear = expect({"bilinear", "cv2.INTER_LINEAR", "1"});
    forEachOp(
        list, path, [&](const std::string &name, const YAML::Node &args, const std::string &p) {
            if (name == "ResizeImage") {
                walk(args, p,
                     {{"resize_short", setting("resize_short")},
                      {"size", size(&c.inputWidth, &c.inputHeight, [this] { c.resizeShort = 0; })},
                      {"interpolation", bilinear},
                      {"backend", expect({"cv2"})}});
            } else if (name == "CropImage") {
                walk(args, p, {{"size", size(&c.inputWidth, &c.inputHeight)}});
            } else if (name == "DecodeImage") {
                walk(args, p, {{"to_rgb", expect({"true"})}, {"channel_first", expect({"false"})}});
            } else if (name == "NormalizeImage") {
                walk(args, p,
                     {{"scale", expectNumber(1.0 / 255.0)},
                      {"mean", expect({"[0.485, 0.456, 0.406]"})},
                      {"std", expect({"[0.229, 0.224, 0.225]"})},
                      {"order", expect({"", "hwc"})}});
            } else if (name == "ToCHWImage") {
                walk(args, p, {});
            } else {
                unsupported(p, "evaluation operator not supported");
            }
        });
}

void Reader::readMetric(const YAML::Node &node, const std::string &path)
{
    walk(node, path,
         {{"Train", ignore(kIgnoredTrainMetric)},
          {"Eval", [this](const YAML::Node &list, const std::string &evalPath) {
               bool tpr = false, attr = false;
               forEachOp(
                   list, evalPath,
                   [&](const std::string &name, const YAML::Node &args, const std::string &p) {
                       if (name == "TopkAcc") {
                           m_metricTopk = true;
                           walk(args, p,
                                {{"topk", [this](const YAML::Node &n, const std::string &tp) {
                                      // topk: [1, 2] reports top-1 and top-2; keep the k.
                                      const YAML::Node last =
                                          n.IsSequence() && n.size() > 0 ? n[n.size() - 1] : n;
                                      setting("topk")(last, tp);
                                  }}});
                       } else if (name == "TprAtFpr") {
                           tpr = true;
                           m_binaryHint = true;
                           c.maxFpr = 0.001; // PaddleClas's default max_fpr
                           walk(args, p, {{"max_fpr", setting("max_fpr")}});
                       } else if (name == "ATTRMetric") {
                           attr = true;
                           m_multiLabel = true;
                           walk(args, p, {});
                       } else {
                           unsupported(p,
                                       "metric not supported (TopkAcc, TprAtFpr, ATTRMetric are)");
                       }
                   });
               c.mainMetric =
                   tpr ? MainMetric::TprAtFpr : (attr ? MainMetric::MeanAcc : MainMetric::Top1);
           }}});
}

void Reader::readInfer(const YAML::Node &node, const std::string &path)
{
    const Handler names = ignore("ignored: class names come from the project");
    walk(node, path,
         {{"infer_imgs",
           ignore("ignored: pick images to predict in the app or with `pulc predict`")},
          {"batch_size", ignore(kIgnoredInferPrep)},
          {"transforms", ignore(kIgnoredInferPrep)},
          {"PostProcess", [=, this](const YAML::Node &n, const std::string &p) {
               walk(n, p,
                    {{"name",
                      [this](const YAML::Node &v, const std::string &vp) {
                          const std::string name = nodeText(v);
                          if (name == "ThreshOutput")
                              m_binaryHint = true;
                          expect({"Topk", "ThreshOutput", "MultiLabelThreshOutput",
                                  "PersonAttribute", "VehicleAttribute", "TableAttribute"})(v, vp);
                      }},
                     {"topk",
                      [this](const YAML::Node &v, const std::string &vp) {
                          // Metric.Eval.TopkAcc wins: it is what training reports.
                          TrainConfig probe = c;
                          std::string message;
                          if (applySetting(probe, "topk", nodeText(v), &message))
                              m_postTopk = probe.topk;
                          else
                              setting("topk")(v, vp);
                      }},
                     {"threshold", setting("threshold")},
                     {"label_0", names},
                     {"label_1", names},
                     {"class_id_map_file", names},
                     {"default_label_index", expect({"0"})},
                     {"savepath", ignore(kIgnoredRunFolder)},
                     {"save_dir", ignore(kIgnoredRunFolder)}});
           }}});
}

// Our own section: any short setting name, plus the flag that says the numbers are one
// machine's. It is read last so it wins over what the PaddleClas sections implied.
void Reader::readPulcStudio(const YAML::Node &node, const std::string &path)
{
    if (node.IsNull())
        return;
    if (!node.IsMap())
        return error(path, "a mapping of settings", node);
    for (const auto &item : node) {
        const std::string key = item.first.Scalar();
        const std::string full = path + "." + key;
        if (key == "single_machine") {
            if (!item.second.IsScalar() ||
                (lower(item.second.Scalar()) != "true" && lower(item.second.Scalar()) != "false"))
                error(full, "true or false", item.second);
        } else if (key == "distill" && item.second.IsMap()) {
            readPulcStudio(item.second, full);
        } else if (!settingValue(TrainConfig{}, key).empty() || key == "teacher_checkpoint" ||
                   key == "pretrained") {
            setting(key)(item.second, full);
        } else {
            unsupported(full, "unknown PULC Studio setting");
        }
    }
}

void Reader::finish()
{
    // Task: explicit multi-label signals win; then two classes or a binary-only metric.
    if (m_multiLabel)
        c.task = Task::MultiLabel;
    else if (m_classNum == 2 || m_binaryHint)
        c.task = Task::Binary;
    else if (m_classNum > 2)
        c.task = Task::SingleLabel;

    if (m_postTopk && !m_metricTopk)
        c.topk = *m_postTopk;

    if (m_distillArch)
        c.distill.mode = m_distanceLoss
                             ? DistillMode::Udml
                             : (m_teacherTrained ? DistillMode::Dml : DistillMode::SklUgi);
    else if (m_plainArch)
        c.distill.mode = DistillMode::None;

    if (m_imageShapeH && (*m_imageShapeH != c.inputHeight || *m_imageShapeW != c.inputWidth))
        r.warnings.push_back("Global.image_shape: " + std::to_string(*m_imageShapeH) + "x" +
                             std::to_string(*m_imageShapeW) + " differs from the Eval size " +
                             std::to_string(c.inputHeight) + "x" + std::to_string(c.inputWidth) +
                             "; the Eval size is used");

    if (m_singleMachine) {
        if (m_batch)
            c.batchSize = *m_batch;
        if (m_lr)
            c.learningRate = *m_lr;
        return;
    }
    if (!m_batch && !m_lr)
        return;
    // PaddleClas: batch per GPU on 4 GPUs. Keep the LR per image (linear scaling).
    const int perGpu = m_batch.value_or(c.batchSize);
    const OneMachineRecipe one = scaleToOneMachine(perGpu, m_lr.value_or(0.0));
    c.batchSize = one.batchSize;
    if (m_lr) {
        c.learningRate = one.learningRate;
        r.notes.push_back("batch " + std::to_string(perGpu) + " per GPU on " +
                          std::to_string(kPaddleGpuCount) + " GPUs with LR " +
                          configNumberText(*m_lr) + " becomes batch " +
                          std::to_string(one.batchSize) + " with LR " +
                          configNumberText(one.learningRate) + " on this machine (linear scaling)");
    } else {
        r.notes.push_back("batch " + std::to_string(perGpu) + " per GPU becomes " +
                          std::to_string(one.batchSize) + " on this machine; the LR is kept");
    }
}

} // namespace

ConfigReadResult readConfigYaml(const std::string &text, TrainConfig base)
{
    ConfigReadResult result;
    result.config = std::move(base);
    YAML::Node root;
    try {
        root = YAML::Load(text);
    } catch (const YAML::ParserException &e) {
        result.errors.push_back("line " + std::to_string(e.mark.line + 1) + ", column " +
                                std::to_string(e.mark.column + 1) + ": " + e.msg);
        return result;
    } catch (const YAML::Exception &e) {
        result.errors.push_back(e.what());
        return result;
    }
    try {
        Reader(result).read(root);
    } catch (const YAML::Exception &e) {
        // Bad aliases and similar surface only while walking the tree.
        result.errors.push_back(e.what());
    }
    return result;
}

ConfigReadResult readConfigFile(const std::string &path, TrainConfig base)
{
    std::ifstream file(path, std::ios::binary);
    if (!file) {
        ConfigReadResult result;
        result.config = std::move(base);
        result.errors.push_back(path + ": cannot open the file");
        return result;
    }
    std::stringstream text;
    text << file.rdbuf();
    ConfigReadResult result = readConfigYaml(text.str(), std::move(base));
    for (std::string &message : result.errors)
        message = path + ": " + message;
    return result;
}

// ---- Writing ------------------------------------------------------------------------------------

namespace {

YAML::Node number(double value)
{
    return YAML::Node(configNumberText(value));
}

YAML::Node integer(int64_t value)
{
    return YAML::Node(std::to_string(value));
}

YAML::Node boolean(bool value)
{
    return YAML::Node(value ? "True" : "False");
}

YAML::Node flowList(std::initializer_list<YAML::Node> items)
{
    YAML::Node list(YAML::NodeType::Sequence);
    for (const YAML::Node &item : items)
        list.push_back(item);
    list.SetStyle(YAML::EmitterStyle::Flow);
    return list;
}

YAML::Node flowText(const std::string &text)
{
    YAML::Node node = YAML::Load(text);
    node.SetStyle(YAML::EmitterStyle::Flow);
    return node;
}

// PaddleClas sizes: one number for a square, else [w, h].
YAML::Node widthHeight(int width, int height)
{
    return width == height ? integer(width) : flowList({integer(width), integer(height)});
}

YAML::Node op(const char *name, const YAML::Node &args = YAML::Node(YAML::NodeType::Null))
{
    YAML::Node node;
    node[name] = args;
    return node;
}

YAML::Node normalizeOp()
{
    YAML::Node args;
    args["scale"] = "1.0/255.0";
    args["mean"] = flowList({number(0.485), number(0.456), number(0.406)});
    args["std"] = flowList({number(0.229), number(0.224), number(0.225)});
    args["order"] = "";
    return op("NormalizeImage", args);
}

YAML::Node decodeOp()
{
    YAML::Node args;
    args["to_rgb"] = boolean(true);
    args["channel_first"] = boolean(false);
    return op("DecodeImage", args);
}

// Arch keys of the trained model (plain Arch or the Student).
YAML::Node modelArch(const TrainConfig &c, int classCount)
{
    YAML::Node arch;
    arch["name"] = c.model;
    if (classCount > 0)
        arch["class_num"] = integer(classCount);
    arch["use_last_conv"] = boolean(c.useLastConv);
    arch["class_expand"] = integer(c.classExpand);
    arch["dropout_prob"] = number(c.dropout);
    arch["stride_list"] = flowText(settingValue(c, "strides"));
    arch["lr_mult_list"] = flowText(settingValue(c, "lr_mult"));
    return arch;
}

void writeArch(YAML::Node root, const TrainConfig &c, int classCount)
{
    const DistillConfig &d = c.distill;
    if (d.mode == DistillMode::None) {
        root["Arch"] = modelArch(c, classCount);
        return;
    }
    YAML::Node arch = root["Arch"];
    arch["name"] = "DistillationModel";
    if (classCount > 0)
        arch["class_num"] = integer(classCount);
    arch["freeze_params_list"] = flowList({boolean(d.mode == DistillMode::SklUgi), boolean(false)});
    YAML::Node teacher;
    teacher["name"] = d.teacherModel;
    if (classCount > 0)
        teacher["class_num"] = integer(classCount);
    YAML::Node student = modelArch(c, classCount);
    if (d.mode == DistillMode::Udml) {
        teacher["return_patterns"] = flowList({YAML::Node(d.featureStage)});
        student["return_patterns"] = flowList({YAML::Node(d.featureStage)});
    }
    arch["models"].push_back(op("Teacher", teacher));
    arch["models"].push_back(op("Student", student));
    arch["infer_model_name"] = "Student";
}

void writeLoss(YAML::Node root, const TrainConfig &c)
{
    const DistillConfig &d = c.distill;
    const bool multi = c.task == Task::MultiLabel;
    YAML::Node train = root["Loss"]["Train"];
    const auto multiLabelArgs = [](double weight) {
        YAML::Node args;
        args["weight"] = number(weight);
        args["weight_ratio"] = boolean(true);
        args["size_sum"] = boolean(true);
        return args;
    };
    YAML::Node ce;
    ce["weight"] = number(1.0);
    if (d.mode == DistillMode::None) {
        if (multi) {
            train.push_back(op("MultiLabelLoss", multiLabelArgs(1.0)));
        } else {
            if (c.labelSmoothing > 0)
                ce["epsilon"] = number(c.labelSmoothing);
            train.push_back(op("CELoss", ce));
        }
    } else {
        const bool both = d.mode != DistillMode::SklUgi;
        const YAML::Node pairs =
            flowList({flowList({YAML::Node("Student"), YAML::Node("Teacher")})});
        if (d.groundTruthWeight > 0 && multi) {
            YAML::Node args = multiLabelArgs(d.groundTruthWeight);
            args["model_names"] = flowList({YAML::Node("Student")});
            train.push_back(op("DistillationMultiLabelLoss", args));
        } else if (d.groundTruthWeight > 0) {
            YAML::Node args;
            args["weight"] = number(d.groundTruthWeight);
            if (c.labelSmoothing > 0)
                args["epsilon"] = number(c.labelSmoothing);
            args["model_names"] = both ? flowList({YAML::Node("Student"), YAML::Node("Teacher")})
                                       : flowList({YAML::Node("Student")});
            train.push_back(op("DistillationGTCELoss", args));
        }
        if (d.dmlWeight > 0) {
            YAML::Node args;
            args["weight"] = number(d.dmlWeight);
            args["model_name_pairs"] = pairs;
            train.push_back(op("DistillationDMLLoss", args));
        }
        if (d.mode == DistillMode::Udml && d.featureWeight > 0) {
            YAML::Node args;
            args["weight"] = number(d.featureWeight);
            args["key"] = d.featureStage;
            args["mode"] = "l2";
            args["model_name_pairs"] = pairs;
            train.push_back(op("DistillationDistanceLoss", args));
        }
    }
    YAML::Node evalCe;
    evalCe["weight"] = number(1.0);
    root["Loss"]["Eval"].push_back(multi ? op("MultiLabelLoss", multiLabelArgs(1.0))
                                         : op("CELoss", evalCe));
}

YAML::Node trainOps(const TrainConfig &c)
{
    const AugmentConfig &a = c.augment;
    YAML::Node ops(YAML::NodeType::Sequence);
    ops.push_back(decodeOp());
    if (a.blurLabels) {
        YAML::Node args;
        args["ratio"] = number(a.blurRatio);
        ops.push_back(op("BlurImage", args));
    }
    YAML::Node geometry;
    geometry["size"] = a.geometry == TrainGeometry::RandCrop
                           ? widthHeight(c.trainWidth, c.trainHeight)
                           : flowList({integer(c.trainWidth), integer(c.trainHeight)});
    if (a.geometry == TrainGeometry::RandCrop) {
        if (a.randCropScaleMin != AugmentConfig{}.randCropScaleMin)
            geometry["scale"] = flowList({number(a.randCropScaleMin), number(1.0)});
        ops.push_back(op("RandCropImage", geometry));
    } else {
        ops.push_back(op("ResizeImage", geometry));
    }
    YAML::Node flipArgs;
    flipArgs["flip_code"] = integer(1);
    if (a.flipProb > 0 && a.flipBeforeAutoAugment)
        ops.push_back(op("RandFlipImage", flipArgs));
    YAML::Node randAugment;
    randAugment["prob"] = number(a.autoAugmentProb);
    randAugment["config_str"] = "rand-m" + configNumberText(a.autoAugmentMagnitude) + "-mstd" +
                                configNumberText(a.autoAugmentMagnitudeStd) + "-inc1";
    randAugment["interpolation"] = "bicubic";
    randAugment["img_size"] = widthHeight(c.trainWidth, c.trainHeight);
    ops.push_back(op("TimmAutoAugment", randAugment));
    if (a.geometry == TrainGeometry::ResizePadCrop) {
        YAML::Node pad;
        pad["size"] = flowList({integer(a.padWidth > 0 ? a.padWidth : c.trainWidth + 20),
                                integer(a.padHeight > 0 ? a.padHeight : c.trainHeight + 20)});
        pad["pad_mode"] = integer(1);
        pad["fill_value"] = integer(0);
        ops.push_back(op("Padv2", pad));
        YAML::Node crop;
        crop["size"] = flowList({integer(c.trainWidth), integer(c.trainHeight)});
        ops.push_back(op("RandomCropImage", crop));
    }
    if (a.flipProb > 0 && !a.flipBeforeAutoAugment)
        ops.push_back(op("RandFlipImage", flipArgs));
    ops.push_back(normalizeOp());
    YAML::Node erasing;
    erasing["EPSILON"] = number(a.erasingProb);
    erasing["sl"] = number(0.02);
    erasing["sh"] = "1.0/3.0";
    erasing["r1"] = number(0.3);
    erasing["attempt"] = integer(10);
    erasing["use_log_aspect"] = boolean(true);
    erasing["mode"] = "pixel";
    ops.push_back(op("RandomErasing", erasing));
    if (a.rot90Labels)
        ops.push_back(op("RandomRot90"));
    return ops;
}

YAML::Node evalOps(const TrainConfig &c)
{
    YAML::Node ops(YAML::NodeType::Sequence);
    ops.push_back(decodeOp());
    YAML::Node resize;
    if (c.resizeShort > 0) {
        resize["resize_short"] = integer(c.resizeShort);
        ops.push_back(op("ResizeImage", resize));
        YAML::Node crop;
        crop["size"] = widthHeight(c.inputWidth, c.inputHeight);
        ops.push_back(op("CropImage", crop));
    } else {
        resize["size"] = flowList({integer(c.inputWidth), integer(c.inputHeight)});
        ops.push_back(op("ResizeImage", resize));
    }
    ops.push_back(normalizeOp());
    return ops;
}

void writeDataLoader(YAML::Node root, const TrainConfig &c)
{
    const AugmentConfig &a = c.augment;
    const char *dataset = c.task == Task::MultiLabel ? "MultiLabelDataset" : "ImageNetDataset";
    YAML::Node train = root["DataLoader"]["Train"];
    train["dataset"]["name"] = dataset;
    train["dataset"]["transform_ops"] = trainOps(c);
    if (a.mixupProb > 0 || a.cutmixProb > 0) {
        YAML::Node sampler;
        const auto mix = [&sampler](const char *name, double alpha, double prob) {
            if (prob <= 0)
                return;
            sampler[name]["alpha"] = number(alpha);
            sampler[name]["prob"] = number(prob);
        };
        mix("MixupOperator", a.mixupAlpha, a.mixupProb);
        mix("CutmixOperator", a.cutmixAlpha, a.cutmixProb);
        train["dataset"]["batch_transform_ops"].push_back(op("OpSampler", sampler));
    }
    train["sampler"]["name"] = "DistributedBatchSampler";
    train["sampler"]["batch_size"] = integer(c.batchSize);
    train["sampler"]["drop_last"] = boolean(c.dropLast);
    train["sampler"]["shuffle"] = boolean(true);
    train["loader"]["num_workers"] = integer(c.loaderThreads);
    YAML::Node eval = root["DataLoader"]["Eval"];
    eval["dataset"]["name"] = dataset;
    eval["dataset"]["transform_ops"] = evalOps(c);
}

YAML::Node paddleSections(const TrainConfig &c, int classCount)
{
    YAML::Node root;
    root["Global"]["pretrained_model"] =
        c.pretrained.empty() ? YAML::Node(YAML::NodeType::Null) : YAML::Node(c.pretrained);
    root["Global"]["epochs"] = integer(c.epochs);
    root["Global"]["image_shape"] =
        flowList({integer(3), integer(c.inputHeight), integer(c.inputWidth)});
    root["Global"]["seed"] = integer(c.seed);
    if (classCount <= 0 && c.task == Task::Binary)
        classCount = 2;
    writeArch(root, c, classCount);
    writeLoss(root, c);
    YAML::Node optimizer = root["Optimizer"];
    optimizer["name"] = "Momentum";
    optimizer["momentum"] = number(c.momentum);
    optimizer["lr"]["name"] = "Cosine";
    optimizer["lr"]["learning_rate"] = number(c.learningRate);
    optimizer["lr"]["warmup_epoch"] = number(c.warmupEpochs);
    optimizer["regularizer"]["name"] = "L2";
    optimizer["regularizer"]["coeff"] = number(c.weightDecay);
    writeDataLoader(root, c);
    YAML::Node post = root["Infer"]["PostProcess"];
    if (c.task == Task::SingleLabel) {
        post["name"] = "Topk";
        post["topk"] = integer(c.topk);
    } else {
        post["name"] = c.task == Task::Binary ? "ThreshOutput" : "MultiLabelThreshOutput";
        post["threshold"] = number(c.threshold);
    }
    YAML::Node metrics = root["Metric"]["Eval"];
    if (c.mainMetric == MainMetric::TprAtFpr) {
        YAML::Node args;
        args["max_fpr"] = number(c.maxFpr);
        metrics.push_back(op("TprAtFpr", args));
    } else if (c.mainMetric == MainMetric::MeanAcc) {
        metrics.push_back(op("ATTRMetric"));
    }
    if (c.mainMetric != MainMetric::MeanAcc) {
        YAML::Node topk(YAML::NodeType::Sequence);
        topk.push_back(integer(1));
        if (c.topk > 1)
            topk.push_back(integer(c.topk));
        topk.SetStyle(YAML::EmitterStyle::Flow);
        YAML::Node args;
        args["topk"] = topk;
        metrics.push_back(op("TopkAcc", args));
    }
    return root;
}

std::string emit(const YAML::Node &root)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << root;
    return std::string(out.c_str()) + "\n";
}

// Two configs that differ from the defaults and from each other in every field: a field the
// PaddleClas sections do not carry reads back as one of these, so it shows up as a difference.
std::vector<TrainConfig> probes()
{
    TrainConfig odd = sceneConfig("language_classification");
    for (const char *setting : {"task=multi",
                                "metric=mA",
                                "max_fpr=0.123",
                                "topk=3",
                                "threshold=0.77",
                                "resize_short=300",
                                "use_last_conv=false",
                                "class_expand=640",
                                "dropout=0.11",
                                "warmup_epochs=1.5",
                                "geometry=resize_pad_crop",
                                "rand_crop_scale_min=0.3",
                                "pad_size=7x9",
                                "flip_prob=0.3",
                                "flip_before_autoaugment=true",
                                "autoaugment_magnitude=3",
                                "autoaugment_magnitude_std=0.2",
                                "blur_ratio=0.3",
                                "mixup_alpha=0.3",
                                "cutmix_alpha=0.3",
                                "distill=udml",
                                "teacher_model=ResNet50_vd",
                                "teacher_run=77",
                                "teacher_checkpoint=probe",
                                "use_unlabeled=false",
                                "dml_weight=0.3",
                                "gt_weight=0.3",
                                "feature_weight=0.3",
                                "feature_stage=probe",
                                "threads=3",
                                "loader_threads=3",
                                "prefetch_batches=3",
                                "seed=3",
                                "max_steps_per_epoch=3",
                                "pretrained=probe",
                                "label_smoothing=0.3"}) {
        const std::string text(setting);
        const auto eq = text.find('=');
        applySetting(odd, text.substr(0, eq), text.substr(eq + 1), nullptr);
    }
    return {TrainConfig{}, odd};
}

} // namespace

std::string writeConfigYaml(const TrainConfig &config, int classCount)
{
    YAML::Node root = paddleSections(config, classCount);
    YAML::Node studio = root["PulcStudio"];
    for (const char *key :
         {"scene", "task", "threads", "loader_threads", "prefetch_batches", "max_steps_per_epoch",
          "teacher_run", "teacher_checkpoint", "use_unlabeled"})
        studio[key] = settingValue(config, key);
    studio["single_machine"] = boolean(true);
    // Whatever the PaddleClas sections cannot say is added to PulcStudio, found by reading the
    // text back onto configs that differ in every field. Two rounds settle it: added keys only
    // ever fix fields.
    for (int round = 0; round < 2; ++round) {
        for (const TrainConfig &probe : probes()) {
            const TrainConfig back = readConfigYaml(emit(root), probe).config;
            for (const std::string &key : configDifferences(back, config)) {
                const std::string value = settingValue(config, key);
                studio[key] = value.rfind('[', 0) == 0 ? flowText(value) : YAML::Node(value);
            }
        }
    }
    return "# PULC Studio training config, in PaddleClas's shape. Batch size and learning rate\n"
           "# are for one machine (PulcStudio.single_machine); PulcStudio holds settings\n"
           "# PaddleClas has no key for and wins over the sections above.\n" +
           emit(root);
}

} // namespace pulc::engine
