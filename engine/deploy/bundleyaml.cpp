// inference.yml: the deploy config of a bundle, in the shape of PaddleClas's
// deploy/configs/PULC/<scene>/inference_<scene>.yaml (docs/paddleclas-compat.md,
// 'Inference pre-processing' and 'Post-processing'), and the pre-processing it describes.
#include "engine/bundle.h"
#include "engine/config/yamllimits.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/deploy/textescape.h"

#include <opencv2/imgproc.hpp>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <sstream>

namespace pulc::engine {
namespace {

namespace fs = std::filesystem;

constexpr double kScale = 1.0 / 255.0;

/// A scalar that YAML (and Python's yaml) reads back as the same string.
std::string yamlString(const std::string &s)
{
    static const char *const kWords[] = {"true", "false", "yes", "no", "on",
                                         "off",  "null",  "y",   "n",  "~"};
    bool plain = !s.empty() && (std::isalpha(static_cast<unsigned char>(s[0])) || s[0] == '_');
    for (char c : s)
        plain = plain &&
                (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
    std::string lower = s;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    for (const char *word : kWords)
        plain = plain && lower != word;
    return plain ? s : quoted(s, QuoteRules::Yaml);
}

std::string number(double v)
{
    std::ostringstream s;
    s.precision(9);
    s << v;
    return s.str();
}

std::string list(const std::vector<double> &values)
{
    std::string out = "[";
    for (size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + number(values[i]);
    return out + "]";
}

std::string sizeValue(int w, int h)
{
    return w == h ? std::to_string(w) : "[" + std::to_string(w) + ", " + std::to_string(h) + "]";
}

/// Reads a YAML file; each failure names the file, the key and, when known, the line.
class YamlReader
{
public:
    explicit YamlReader(std::string path)
        : m_path(std::move(path))
    {}

    bool fail(const std::string &key, const std::string &problem, const YAML::Node &node = {})
    {
        m_error = m_path;
        if (node.IsDefined() && node.Mark().line >= 0)
            m_error += ":" + std::to_string(node.Mark().line + 1);
        m_error += ": " + key + ": " + problem;
        return false;
    }

    bool number(const YAML::Node &node, const std::string &key, double *out)
    {
        if (!node.IsScalar())
            return fail(key, "expected a number", node);
        const std::string text = node.Scalar();
        // PaddleClas writes `scale: 1.0/255.0`, which its loader evaluates.
        const size_t slash = text.find('/');
        try {
            size_t used = 0;
            if (slash != std::string::npos) {
                const double a = std::stod(text.substr(0, slash), &used);
                const double b = std::stod(text.substr(slash + 1));
                if (b == 0.0)
                    return fail(key, "division by zero in '" + text + "'", node);
                *out = a / b;
            } else {
                *out = std::stod(text, &used);
                if (used != text.size())
                    throw std::invalid_argument(text);
            }
        } catch (const std::exception &) {
            return fail(key, "expected a number, got '" + text + "'", node);
        }
        if (!std::isfinite(*out))
            return fail(key, "expected a finite number, got '" + text + "'", node);
        return true;
    }

    bool integer(const YAML::Node &node, const std::string &key, int *out, int min = 1)
    {
        double v = 0;
        if (!number(node, key, &v))
            return false;
        if (v != std::floor(v) || v < min || v > 100000)
            return fail(key, "expected a whole number >= " + std::to_string(min), node);
        *out = static_cast<int>(v);
        return true;
    }

    /// `size: 224` or `size: [w, h]`.
    bool size(const YAML::Node &node, const std::string &key, int *w, int *h)
    {
        if (node.IsSequence()) {
            if (node.size() != 2)
                return fail(key, "expected a size or [width, height]", node);
            return integer(node[0], key + "[0]", w) && integer(node[1], key + "[1]", h);
        }
        if (!integer(node, key, w))
            return false;
        *h = *w;
        return true;
    }

    bool triple(const YAML::Node &node, const std::string &key, std::vector<double> *out)
    {
        if (!node.IsSequence() || node.size() != 3)
            return fail(key, "expected 3 numbers", node);
        out->assign(3, 0.0);
        for (int i = 0; i < 3; ++i) {
            if (!number(node[i], key + "[" + std::to_string(i) + "]", &(*out)[i]))
                return false;
        }
        return true;
    }

    bool text(const YAML::Node &node, const std::string &key, std::string *out)
    {
        if (!node.IsScalar())
            return fail(key, "expected a text", node);
        *out = node.Scalar();
        return true;
    }

    const std::string &path() const { return m_path; }
    const std::string &error() const { return m_error; }

private:
    std::string m_path;
    std::string m_error;
};

/// The class_id_map_file, relative to the YAML's folder or a folder above it.
std::string findLabelFile(const std::string &yamlPath, const std::string &name)
{
    const fs::path file(name);
    if (file.is_absolute())
        return fs::exists(file) ? name : std::string();
    std::error_code ec;
    fs::path dir = fs::absolute(fs::path(yamlPath), ec).parent_path();
    while (!dir.empty()) {
        const fs::path candidate = dir / file;
        if (fs::is_regular_file(candidate, ec))
            return candidate.lexically_normal().string();
        if (dir == dir.root_path() || dir.parent_path() == dir)
            break;
        dir = dir.parent_path();
    }
    return {};
}

bool readPreProcess(YamlReader &r, const YAML::Node &ops, DeployConfig *d)
{
    const std::string base = "PreProcess.transform_ops";
    if (!ops.IsSequence())
        return r.fail(base, "expected a list of operators", ops);
    bool resized = false;
    bool normalized = false;
    d->cropWidth = d->cropHeight = 0;
    for (size_t i = 0; i < ops.size(); ++i) {
        const YAML::Node op = ops[i];
        const std::string at = base + "[" + std::to_string(i) + "]";
        if (!op.IsMap() || op.size() != 1)
            return r.fail(at, "expected one operator name with its settings", op);
        const std::string name = op.begin()->first.Scalar();
        const YAML::Node args = op.begin()->second;
        const std::string key = at + "." + name;
        if (name == "ToCHWImage")
            continue;
        if (!args.IsMap())
            return r.fail(key, "expected the operator's settings", args);
        if (name == "ResizeImage") {
            if (args["resize_short"]) {
                if (!r.integer(args["resize_short"], key + ".resize_short", &d->resizeShort))
                    return false;
                d->resizeWidth = d->resizeHeight = 0;
            } else if (args["size"]) {
                if (!r.size(args["size"], key + ".size", &d->resizeWidth, &d->resizeHeight))
                    return false;
                d->resizeShort = 0;
            } else {
                return r.fail(key, "expected resize_short or size", args);
            }
            resized = true;
        } else if (name == "CropImage") {
            if (!args["size"])
                return r.fail(key + ".size", "missing", args);
            if (!r.size(args["size"], key + ".size", &d->cropWidth, &d->cropHeight))
                return false;
        } else if (name == "NormalizeImage") {
            if (args["scale"] && !r.number(args["scale"], key + ".scale", &d->scale))
                return false;
            if (args["mean"] && !r.triple(args["mean"], key + ".mean", &d->mean))
                return false;
            if (args["std"] && !r.triple(args["std"], key + ".std", &d->std))
                return false;
            for (double s : d->std) {
                if (s == 0.0)
                    return r.fail(key + ".std", "must not be 0", args["std"]);
            }
            if (args["order"] && args["order"].IsScalar() && !args["order"].Scalar().empty() &&
                args["order"].Scalar() != "hwc")
                return r.fail(key + ".order", "only HWC input ('' or hwc) is supported",
                              args["order"]);
            normalized = true;
        } else {
            return r.fail(key,
                          "unsupported pre-processing operator (expected ResizeImage, "
                          "CropImage, NormalizeImage, ToCHWImage)",
                          op);
        }
    }
    if (!resized)
        return r.fail(base, "no ResizeImage operator", ops);
    if (!normalized)
        return r.fail(base, "no NormalizeImage operator", ops);
    if (d->resizeShort == 0 && d->cropWidth == 0) {
        d->cropWidth = 0;
        d->cropHeight = 0;
    }
    return true;
}

bool readPostProcess(YamlReader &r, const YAML::Node &post, DeployConfig *d)
{
    if (!post.IsMap())
        return r.fail("PostProcess", "missing or not a mapping", post);
    std::string kind;
    if (!post["main_indicator"])
        return r.fail("PostProcess.main_indicator", "missing", post);
    if (!r.text(post["main_indicator"], "PostProcess.main_indicator", &kind))
        return false;
    const YAML::Node args = post[kind];
    const std::string key = "PostProcess." + kind;
    if (!args.IsMap())
        return r.fail(key, "missing (main_indicator names it)", post);
    auto threshold = [&](const char *name) {
        return !args[name] || r.number(args[name], key + "." + name, &d->threshold);
    };
    d->classIdMapFile.clear();
    if (kind == "Topk") {
        d->task = Task::SingleLabel;
        if (args["topk"] && !r.integer(args["topk"], key + ".topk", &d->topk))
            return false;
        if (args["class_id_map_file"] &&
            !r.text(args["class_id_map_file"], key + ".class_id_map_file", &d->classIdMapFile))
            return false;
    } else if (kind == "ThreshOutput") {
        d->task = Task::Binary;
        if (!threshold("threshold"))
            return false;
        std::string label0 = "0";
        std::string label1 = "1";
        if (args["label_0"] && !r.text(args["label_0"], key + ".label_0", &label0))
            return false;
        if (args["label_1"] && !r.text(args["label_1"], key + ".label_1", &label1))
            return false;
        d->classNames = {label0, label1};
    } else if (kind == "MultiLabelThreshOutput") {
        d->task = Task::MultiLabel;
        if (!threshold("threshold"))
            return false;
        if (args["class_id_map_file"] &&
            !r.text(args["class_id_map_file"], key + ".class_id_map_file", &d->classIdMapFile))
            return false;
    } else if (kind == "PersonAttribute") {
        d->task = Task::MultiLabel;
        if (!threshold("threshold"))
            return false;
    } else if (kind == "VehicleAttribute") {
        d->task = Task::MultiLabel;
        if (!threshold("color_threshold"))
            return false;
    } else if (kind == "TableAttribute") {
        d->task = Task::MultiLabel;
        if (!threshold("source_threshold"))
            return false;
    } else {
        return r.fail("PostProcess.main_indicator",
                      "unsupported post-processing '" + kind +
                          "' (expected Topk, ThreshOutput, MultiLabelThreshOutput, "
                          "PersonAttribute, VehicleAttribute or TableAttribute)",
                      post["main_indicator"]);
    }
    if (d->threshold < 0.0 || d->threshold > 1.0)
        return r.fail(key + ".threshold", "expected a value from 0 to 1", args);
    return true;
}

} // namespace

DeployConfig deployConfigOf(const TrainConfig &config, const std::vector<std::string> &classNames)
{
    DeployConfig d;
    if (config.resizeShort > 0) {
        d.resizeShort = config.resizeShort;
        d.resizeWidth = d.resizeHeight = 0;
        d.cropWidth = config.inputWidth;
        d.cropHeight = config.inputHeight;
    } else {
        d.resizeShort = 0;
        d.resizeWidth = config.inputWidth;
        d.resizeHeight = config.inputHeight;
        d.cropWidth = d.cropHeight = 0;
    }
    d.scale = kScale;
    d.task = config.task;
    const int classes = std::max(1, static_cast<int>(classNames.size()));
    d.topk = std::clamp(config.topk, 1, classes);
    d.threshold = config.threshold;
    d.classNames = classNames;
    d.classIdMapFile = config.task == Task::Binary ? std::string() : std::string("labels.txt");
    d.cpuThreads = std::max(1, config.threads);
    return d;
}

Status writeInferenceYaml(const DeployConfig &d, const std::string &path)
{
    std::ostringstream y;
    y << "# Deploy config of model.onnx, in the shape of PaddleClas's\n"
         "# deploy/configs/PULC/<scene>/inference_<scene>.yaml. Written by PULC Studio "
      << PULC_VERSION
      << ".\n"
         "# Pre-processing: decode as RGB, the transform_ops below in order (INTER_LINEAR\n"
         "# resizes, resize_short rounds like Python's round()), HWC -> CHW.\n"
         "Global:\n"
         "  inference_model_dir: \".\"\n"
         "  model_file: model.onnx\n"
         "  batch_size: 1\n"
         "  use_gpu: False\n"
         "  enable_mkldnn: True\n"
      << "  cpu_num_threads: " << std::max(1, d.cpuThreads) << "\n"
      << "  enable_benchmark: False\n"
         "  use_fp16: False\n"
         "  ir_optim: True\n"
         "  use_tensorrt: False\n"
         "  gpu_mem: 8000\n"
         "  enable_profile: False\n"
         "\n"
         "PreProcess:\n"
         "  transform_ops:\n"
         "    - ResizeImage:\n";
    if (d.resizeShort > 0)
        y << "        resize_short: " << d.resizeShort << "\n";
    else
        y << "        size: [" << d.resizeWidth << ", " << d.resizeHeight << "]\n";
    if (d.cropWidth > 0 && d.cropHeight > 0)
        y << "    - CropImage:\n        size: " << sizeValue(d.cropWidth, d.cropHeight) << "\n";
    y << "    - NormalizeImage:\n"
      << "        scale: "
      << (std::abs(d.scale - kScale) < 1e-12 ? std::string("0.00392157") : number(d.scale)) << "\n"
      << "        mean: " << list(d.mean) << "\n"
      << "        std: " << list(d.std) << "\n"
      << "        order: ''\n"
         "        channel_num: 3\n"
         "    - ToCHWImage:\n"
         "\n"
         "PostProcess:\n";
    const std::string mapFile = d.classIdMapFile.empty() ? "labels.txt" : d.classIdMapFile;
    switch (d.task) {
    case Task::SingleLabel:
        y << "  main_indicator: Topk\n  Topk:\n"
          << "    topk: " << d.topk << "\n"
          << "    class_id_map_file: " << yamlString(mapFile) << "\n";
        break;
    case Task::Binary:
        y << "  main_indicator: ThreshOutput\n  ThreshOutput:\n"
          << "    threshold: " << number(d.threshold) << "\n"
          << "    label_0: " << yamlString(d.classNames.size() > 0 ? d.classNames[0] : "0") << "\n"
          << "    label_1: " << yamlString(d.classNames.size() > 1 ? d.classNames[1] : "1") << "\n";
        break;
    case Task::MultiLabel:
        y << "  main_indicator: MultiLabelThreshOutput\n  MultiLabelThreshOutput:\n"
          << "    threshold: " << number(d.threshold) << "\n"
          << "    class_id_map_file: " << yamlString(mapFile) << "\n";
        break;
    }
    y << "\n# Class (attribute) names by output index.\nlabel_list:\n";
    for (const std::string &name : d.classNames)
        y << "  - " << yamlString(name) << "\n";
    std::string error;
    if (!writeTextFileAtomic(path, y.str(), &error))
        return Status::failure(error);
    return Status::success();
}

namespace {

bool readInferenceYamlInto(const std::string &path, DeployConfig *deploy, std::string *error)
{
    YamlReader r(path);
    auto failed = [&] {
        if (error)
            *error = r.error();
        return false;
    };
    if (!fs::is_regular_file(path)) {
        if (error)
            *error = path + ": " + (fs::exists(path) ? "not a file" : "no such file");
        return false;
    }
    std::error_code sizeError;
    if (const auto size = fs::file_size(path, sizeError);
        !sizeError && size > static_cast<uintmax_t>(kMaxYamlFileBytes)) {
        if (error)
            *error = path + ": too large for an inference config (" +
                     std::to_string(size / (1024 * 1024)) + " MB)";
        return false;
    }
    YAML::Node root;
    try {
        root = YAML::LoadFile(path);
    } catch (const YAML::Exception &e) {
        if (error)
            *error = path + ":" + std::to_string(e.mark.line + 1) + ": not valid YAML: " + e.msg;
        return false;
    } catch (const std::bad_alloc &) {
        if (error)
            *error = path + ": out of memory while parsing the YAML";
        return false;
    }
    // label_list items may all be aliases of one long name: bound the expanded tree first.
    if (const std::string tooLarge = checkYamlTree(root); !tooLarge.empty()) {
        if (error)
            *error = path + ": " + tooLarge;
        return false;
    }
    if (!root.IsMap()) {
        r.fail("(top level)", "expected a mapping with PreProcess and PostProcess", root);
        return failed();
    }
    DeployConfig d;
    if (const YAML::Node global = root["Global"]; global.IsMap() && global["cpu_num_threads"]) {
        if (!r.integer(global["cpu_num_threads"], "Global.cpu_num_threads", &d.cpuThreads))
            return failed();
    }
    const YAML::Node pre = root["PreProcess"];
    if (!pre.IsMap() || !pre["transform_ops"]) {
        r.fail("PreProcess.transform_ops", "missing", pre);
        return failed();
    }
    if (!readPreProcess(r, pre["transform_ops"], &d))
        return failed();
    d.classNames.clear();
    if (!readPostProcess(r, root["PostProcess"], &d))
        return failed();

    if (d.classNames.empty() && !d.classIdMapFile.empty()) {
        const std::string file = findLabelFile(path, d.classIdMapFile);
        if (!file.empty()) {
            std::string labelError;
            if (!readLabelsFile(file, &d.classNames, &labelError)) {
                if (error)
                    *error = path + ": class_id_map_file: " + labelError;
                return false;
            }
        }
    }
    if (d.classNames.empty()) {
        if (const YAML::Node labels = root["label_list"]; labels) {
            if (!labels.IsSequence()) {
                r.fail("label_list", "expected a list of names", labels);
                return failed();
            }
            for (size_t i = 0; i < labels.size(); ++i) {
                std::string name;
                if (!r.text(labels[i], "label_list[" + std::to_string(i) + "]", &name))
                    return failed();
                d.classNames.push_back(name);
            }
        }
    }
    *deploy = d;
    return true;
}

} // namespace

Result<DeployConfig> readInferenceYaml(const std::string &path)
{
    DeployConfig deploy;
    std::string error;
    if (!readInferenceYamlInto(path, &deploy, &error))
        return Result<DeployConfig>::failure(error);
    return deploy;
}

AugmentResult deployTransform(const cv::Mat &rgb, const DeployConfig &deploy)
{
    AugmentResult sized;
    if (deploy.resizeShort > 0)
        sized = resizeShort(rgb, deploy.resizeShort);
    else
        sized = resizeImage(rgb, cv::Size(deploy.resizeWidth, deploy.resizeHeight));
    if (sized.ok() && deploy.cropWidth > 0 && deploy.cropHeight > 0)
        sized = cropImage(sized.image, cv::Size(deploy.cropWidth, deploy.cropHeight));
    if (!sized.ok())
        return sized;
    if (deploy.mean.size() != 3 || deploy.std.size() != 3)
        return AugmentResult::failure("NormalizeImage: mean and std need 3 values");
    NormalizeParams params;
    params.scale = static_cast<float>(deploy.scale);
    for (int c = 0; c < 3; ++c) {
        params.mean[c] = static_cast<float>(deploy.mean[c]);
        params.std[c] = static_cast<float>(deploy.std[c]);
    }
    return normalizeImage(sized.image, params);
}

} // namespace pulc::engine
