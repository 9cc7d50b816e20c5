// Reads PaddleClas-shaped training configs (the writer is configwrite.cpp). The reader walks every
// key of the file: each one is applied (through applySetting(), so files and `--set` share one
// validation), ignored with a reason, or reported as unsupported; nothing is dropped silently.

#include "engine/configfile.h"

#include "engine/config/configreader.h"
#include "engine/config/yamllimits.h"
#include "engine/scenes.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <new>
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

namespace configread {

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
        const Status applied = applySetting(c, key, nodeText(node));
        if (!applied) {
            const std::string &message = applied.error;
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
          {"EMA", [this](auto &n, auto &p) { readEma(n, p); }},
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
          {"device",
           [this](const YAML::Node &n, const std::string &p) {
               m_deviceGpu = lower(nodeText(n)) == "gpu";
               r.ignored.push_back({p, kIgnoredOneMachine});
           }},
          {"save_interval", ignore(kIgnoredEvalEveryEpoch)},
          {"save_interval_minutes", setting("save_interval_minutes")},
          {"save_interval_steps", setting("save_interval_steps")},
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
             const Status applied =
                 applySetting(c, teacher ? "teacher_model" : "model", nodeText(n));
             const std::string &message = applied.error;
             if (!applied)
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
             applySetting(c, teacher ? "teacher_checkpoint" : "pretrained", text);
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
                          if (applySetting(probe, "topk", nodeText(v)))
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

// PaddleClas's model EMA ('Model EMA'). The section turns it on; PaddleClas's decay default
// applies when it names none.
void Reader::readEma(const YAML::Node &node, const std::string &path)
{
    if (node.IsNull() || (node.IsMap() && !node["decay"]))
        c.emaDecay = 0.9999;
    walk(node, path, {{"decay", setting("ema_decay")}});
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

    scaleBatchAndLr();
}

void Reader::scaleBatchAndLr()
{
    if (m_singleMachine) {
        r.gpus = 1;
        r.gpusReason = "a PULC Studio config (PulcStudio.single_machine)";
        if (m_batch)
            c.batchSize = *m_batch;
        if (m_lr)
            c.learningRate = *m_lr;
        return;
    }
    if (!m_batch && !m_lr)
        return;
    const int perGpu = m_batch.value_or(c.batchSize);
    if (m_options.gpus > 0) {
        r.gpus = m_options.gpus;
        r.gpusReason = "as asked";
    } else if (m_options.path.find("ppcls/configs/") != std::string::npos) {
        r.gpus = kPaddleGpuCount;
        r.gpusReason = "a file in PaddleClas's configs folder, whose PULC recipes are for " +
                       std::to_string(kPaddleGpuCount) + " GPUs";
    } else if (m_deviceGpu) {
        r.gpus = kPaddleGpuCount;
        r.gpusReason = "a GPU config (Global.device: gpu), and PULC's recipes are for " +
                       std::to_string(kPaddleGpuCount) + " GPUs";
    } else {
        r.gpus = 1;
        r.gpusReason = "not a GPU config, so taken as written for one machine";
    }
    // The batch per GPU on r.gpus GPUs: keep the LR per image (linear scaling).
    const OneMachineRecipe one = scaleToOneMachine(perGpu, m_lr.value_or(0.0), r.gpus);
    c.batchSize = one.batchSize;
    const std::string gpus = std::to_string(r.gpus) + (r.gpus == 1 ? " GPU" : " GPUs");
    if (m_lr) {
        c.learningRate = one.learningRate;
        r.notes.push_back(
            "batch " + std::to_string(perGpu) + " per GPU on " + gpus + " with LR " +
            configNumberText(*m_lr) + " becomes batch " + std::to_string(one.batchSize) +
            " with LR " + configNumberText(one.learningRate) +
            " on this machine (linear scaling; " + gpus + " assumed: " + r.gpusReason + ")");
    } else {
        r.notes.push_back("batch " + std::to_string(perGpu) + " per GPU becomes " +
                          std::to_string(one.batchSize) + " on this machine; the LR is kept");
    }
}

} // namespace configread

using configread::Reader;

namespace {

/// The message for a config text or file of `bytes` over kMaxYamlFileBytes.
std::string tooLargeForConfig(int64_t bytes)
{
    return "too large for a config (" + std::to_string(bytes / (1024 * 1024)) + " MB, limit " +
           std::to_string(kMaxYamlFileBytes / (1024 * 1024)) + " MB)";
}

} // namespace

ConfigReadResult readConfigYaml(const std::string &text, TrainConfig base,
                                const ConfigReadOptions &options)
{
    ConfigReadResult result;
    result.config = std::move(base);
    if (static_cast<int64_t>(text.size()) > kMaxYamlFileBytes) {
        result.errors.push_back(tooLargeForConfig(static_cast<int64_t>(text.size())));
        return result;
    }
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
    } catch (const std::bad_alloc &) {
        result.errors.push_back("out of memory while parsing the YAML");
        return result;
    }
    // The reader prints and re-parses values (nodeText()), which follows every alias: the
    // tree is bounded first, so a small file cannot expand into gigabytes of messages. The
    // bound is here, not in readConfigFile(), because checkpoints embed their config as text.
    if (std::string tooLarge = checkYamlTree(root); !tooLarge.empty()) {
        result.errors.push_back(std::move(tooLarge));
        return result;
    }
    try {
        Reader(result, options).read(root);
    } catch (const YAML::Exception &e) {
        // Bad aliases and similar surface only while walking the tree.
        result.errors.push_back(e.what());
    } catch (const std::bad_alloc &) {
        result.errors.push_back("out of memory while reading the config");
    }
    return result;
}

ConfigReadResult readConfigFile(const std::string &path, TrainConfig base,
                                ConfigReadOptions options)
{
    std::ifstream file(path, std::ios::binary | std::ios::ate);
    auto failed = [&](const std::string &why) {
        ConfigReadResult result;
        result.config = std::move(base);
        result.errors.push_back(path + ": " + why);
        return result;
    };
    if (!file)
        return failed("cannot open the file");
    // Checked before reading: a mistaken path to a video should not be loaded into memory.
    const std::streamoff size = file.tellg();
    if (size > kMaxYamlFileBytes)
        return failed(tooLargeForConfig(size));
    file.seekg(0);
    std::stringstream text;
    text << file.rdbuf();
    if (options.path.empty())
        options.path = path;
    ConfigReadResult result = readConfigYaml(text.str(), std::move(base), options);
    for (std::string &message : result.errors)
        message = path + ": " + message;
    return result;
}

} // namespace pulc::engine
