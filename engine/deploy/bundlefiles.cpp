// The text files of a deployment bundle: labels.txt, README.md (model card) and the OpenCV
// example (example/classify.cpp + CMakeLists.txt).
#include "engine/deploy/bundlefiles.h"

#include "engine/deploy/templates/exampletemplates.h"
#include "engine/deploy/textescape.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string_view>

namespace pulc::engine {
namespace {

std::string fixed(double v, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, v);
    return buffer;
}

std::string general(double v)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.6g", v);
    return buffer;
}

/// Markdown table cell text.
std::string cell(const std::string &s)
{
    std::string out;
    for (char c : s)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

std::string taskText(Task task)
{
    switch (task) {
    case Task::SingleLabel:
        return "single-label classification (softmax, top-k)";
    case Task::Binary:
        return "binary classification (softmax, threshold on class 1)";
    case Task::MultiLabel:
        return "multi-label attributes (sigmoid, threshold per attribute)";
    }
    return {};
}

std::string preprocessText(const DeployConfig &d)
{
    std::ostringstream s;
    s << "1. Decode the image and convert BGR to RGB.\n";
    if (d.resizeShort > 0)
        s << "2. ResizeImage resize_short " << d.resizeShort << ": scale so the short side is "
          << d.resizeShort
          << " (sides rounded like Python's round()), bilinear (cv::INTER_LINEAR).\n"
          << "3. CropImage: centre crop " << d.cropWidth << "x" << d.cropHeight
          << " (width x height).\n";
    else
        s << "2. ResizeImage size [" << d.resizeWidth << ", " << d.resizeHeight
          << "]: direct resize to " << d.resizeWidth << "x" << d.resizeHeight
          << " (aspect not kept), bilinear (cv::INTER_LINEAR).\n"
          << (d.cropWidth > 0 ? "3. CropImage: centre crop " + std::to_string(d.cropWidth) + "x" +
                                    std::to_string(d.cropHeight) + ".\n"
                              : std::string("3. No crop.\n"));
    s << "4. NormalizeImage in float32, HWC: (x * " << general(d.scale) << " - mean) / std, mean "
      << general(d.mean[0]) << ", " << general(d.mean[1]) << ", " << general(d.mean[2]) << "; std "
      << general(d.std[0]) << ", " << general(d.std[1]) << ", " << general(d.std[2]) << ".\n"
      << "5. HWC to CHW, add the batch axis: a float tensor [N, 3, "
      << (d.cropHeight > 0 ? d.cropHeight : d.resizeHeight) << ", "
      << (d.cropWidth > 0 ? d.cropWidth : d.resizeWidth) << "].\n";
    return s.str();
}

void metricsTable(std::ostringstream &s, const ModelCard &card)
{
    std::vector<std::string> keys;
    // "images" is in the column headers.
    for (const auto &[key, value] : card.valMetrics) {
        if (key != "images")
            keys.push_back(key);
    }
    for (const auto &[key, value] : card.testMetrics) {
        if (!card.valMetrics.count(key) && key != "images")
            keys.push_back(key);
    }
    std::sort(keys.begin(), keys.end());
    if (keys.empty()) {
        s << "No metrics recorded.\n";
        return;
    }
    s << "| metric | val (" << card.valImages << " images, epoch " << card.bestEpoch << ") | test ("
      << card.testImages << " images) |\n|---|---|---|\n";
    auto value = [](const std::map<std::string, double> &m, const std::string &key) {
        const auto it = m.find(key);
        return it == m.end() || !std::isfinite(it->second) ? std::string("-")
                                                           : fixed(it->second, 4);
    };
    for (const std::string &key : keys)
        s << "| " << key << (key == card.mainMetric ? " (main)" : "") << " | "
          << value(card.valMetrics, key) << " | " << value(card.testMetrics, key) << " |\n";
}

/// `text` with every "{{KEY}}" replaced by its value; a key without a value is a bug of ours.
std::string fillTemplate(std::string_view text,
                         std::initializer_list<std::pair<const char *, std::string>> values)
{
    std::string out;
    size_t pos = 0;
    while (true) {
        const size_t open = text.find("{{", pos);
        // "{{{KEY}}" is a brace followed by a placeholder.
        if (open == std::string_view::npos) {
            out.append(text.substr(pos));
            return out;
        }
        size_t start = open;
        while (start + 2 < text.size() && text[start + 2] == '{')
            ++start;
        const size_t close = text.find("}}", start + 2);
        const std::string_view key = text.substr(start + 2, close - start - 2);
        out.append(text.substr(pos, start - pos));
        const auto found = std::find_if(values.begin(), values.end(),
                                        [&](const auto &v) { return key == v.first; });
        if (found == values.end())
            throw std::logic_error("template placeholder without a value: " + std::string(key));
        out.append(found->second);
        pos = close + 2;
    }
}

} // namespace

bool writeTextFileAtomic(const std::string &path, const std::string &text, std::string *error)
{
    const std::string temporary = path + ".partial";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.flush();
        if (!out) {
            std::remove(temporary.c_str());
            if (error)
                *error = path + ": cannot write (disk full or no permission?)";
            return false;
        }
    }
    const int fd = ::open(temporary.c_str(), O_RDONLY);
    const bool synced = fd >= 0 && ::fsync(fd) == 0;
    if (fd >= 0)
        ::close(fd);
    if (!synced || std::rename(temporary.c_str(), path.c_str()) != 0) {
        std::remove(temporary.c_str());
        if (error)
            *error = path + ": cannot write (disk full or no permission?)";
        return false;
    }
    return true;
}

std::string labelsText(const std::vector<std::string> &classNames)
{
    std::string out;
    for (size_t i = 0; i < classNames.size(); ++i)
        out += std::to_string(i) + " " + classNames[i] + "\n";
    return out;
}

bool readLabelsFile(const std::string &path, std::vector<std::string> *classNames,
                    std::string *error)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error)
            *error = path + ": cannot open the label file";
        return false;
    }
    std::vector<std::pair<int, std::string>> entries;
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        if (line.find_first_not_of(" \t") == std::string::npos)
            continue;
        const size_t space = line.find_first_of(" \t");
        const std::string idText = line.substr(0, space);
        int id = -1;
        try {
            size_t used = 0;
            id = std::stoi(idText, &used);
            if (used != idText.size())
                id = -1;
        } catch (const std::exception &) {
            id = -1;
        }
        if (id < 0 || id > 1000000) {
            if (error)
                *error = path + ":" + std::to_string(lineNo) +
                         ": expected \"id name\" with a class id from 0, got '" + line + "'";
            return false;
        }
        entries.emplace_back(id,
                             space == std::string::npos ? std::string() : line.substr(space + 1));
    }
    std::vector<std::string> names(entries.size());
    std::vector<bool> seen(entries.size(), false);
    for (const auto &[id, name] : entries) {
        if (id >= static_cast<int>(entries.size()) || seen[id]) {
            if (error)
                *error = path + ": class ids must be 0.." + std::to_string(entries.size() - 1) +
                         ", each once (id " + std::to_string(id) + ")";
            return false;
        }
        seen[id] = true;
        names[id] = name;
    }
    *classNames = std::move(names);
    return true;
}

std::string modelCardText(const ModelCard &card)
{
    const TrainConfig &c = card.config;
    const DeployConfig &d = card.deploy;
    const int inputW = d.cropWidth > 0 ? d.cropWidth : d.resizeWidth;
    const int inputH = d.cropHeight > 0 ? d.cropHeight : d.resizeHeight;
    std::ostringstream s;
    s << "# " << (card.sceneTitle.empty() ? c.scene : card.sceneTitle) << ": " << c.model
      << " (run " << card.runName << ")\n\n"
      << "Exported by PULC Studio " << PULC_VERSION << " on " << card.exportedAt << " from run "
      << card.runId << " (\"" << card.runName << "\").\n\n"
      << "## Model\n\n"
      << "- Scene: " << c.scene << "\n"
      << "- Task: " << taskText(c.task) << "\n"
      << "- Architecture: " << c.model << ", input 3x" << inputH << "x" << inputW
      << " (channels x height x width)\n"
      << "- Output: " << (c.task == Task::MultiLabel ? "sigmoid" : "softmax")
      << " probabilities [N, " << d.classNames.size() << "]";
    if (c.task == Task::SingleLabel)
        s << "; top-" << d.topk << " is reported\n";
    else if (c.task == Task::Binary)
        s << "; decision: " << (d.classNames.size() > 1 ? d.classNames[1] : "class 1")
          << " when p[1] >= " << general(d.threshold) << ", else "
          << (d.classNames.empty() ? "class 0" : d.classNames[0]) << "\n";
    else
        s << "; an attribute is present when its p >= " << general(d.threshold) << "\n";
    s << "\n## Classes\n\n| id | name |\n|---|---|\n";
    for (size_t i = 0; i < d.classNames.size(); ++i)
        s << "| " << i << " | " << cell(d.classNames[i]) << " |\n";

    s << "\n## Metrics\n\n";
    metricsTable(s, card);

    s << "\n## Pre-processing\n\n" << preprocessText(d);
    if (c.task != Task::SingleLabel)
        s << "\nThreshold: " << general(d.threshold)
          << " (inference.yml; `pulc predict --threshold` overrides it).\n";

    s << "\n## Speed\n\n";
    if (card.latencyMs > 0.0)
        s << "Median latency of one input-sized image (batch 1: normalisation, forward, "
             "post-processing; decoding and resizing excluded) with PULC Studio's "
          << card.backend << " predictor, " << card.threads << " thread"
          << (card.threads == 1 ? "" : "s") << ", measured at export on "
          << (card.machine.empty() ? std::string("this machine") : card.machine) << ": "
          << fixed(card.latencyMs, 2) << " ms.\n";
    else
        s << "Not measured.\n";

    s << "\n## Training\n\n"
      << "| setting | value |\n|---|---|\n"
      << "| model | " << c.model << " |\n"
      << "| epochs | " << c.epochs << " (best epoch " << card.bestEpoch << ") |\n"
      << "| batch size | " << c.batchSize << " |\n"
      << "| learning rate | " << general(c.learningRate) << " (warmup " << general(c.warmupEpochs)
      << " epochs) |\n"
      << "| weight decay | " << general(c.weightDecay) << " |\n"
      << "| train size | " << c.trainWidth << "x" << c.trainHeight << " |\n"
      << "| augmentation | " << toString(c.augment.geometry) << ", flip "
      << general(c.augment.flipProb) << ", auto-augment " << general(c.augment.autoAugmentProb)
      << ", random erasing " << general(c.augment.erasingProb)
      << (c.augment.mixupProb > 0 ? ", mixup " + general(c.augment.mixupProb) : std::string())
      << (c.augment.cutmixProb > 0 ? ", cutmix " + general(c.augment.cutmixProb) : std::string())
      << (c.augment.blurLabels ? ", blur labels" : "")
      << (c.augment.rot90Labels ? ", rot90 labels" : "") << " |\n"
      << "| label smoothing | " << general(c.labelSmoothing) << " |\n"
      << "| distillation | " << toString(c.distill.mode)
      << (c.distill.mode != DistillMode::None ? " (teacher " + c.distill.teacherModel + ")"
                                              : std::string())
      << " |\n"
      << "| seed | " << c.seed << " |\n";

    s << "\n## Files\n\n";
    for (const std::string &file : card.files) {
        std::string what;
        if (file == "model.onnx")
            what = "ONNX opset 13, input \"x\" [batch, 3, " + std::to_string(inputH) + ", " +
                   std::to_string(inputW) + "] (dynamic batch), output probabilities";
        else if (file == "inference.yml")
            what = "deploy config in PaddleClas's shape (pre- and post-processing)";
        else if (file == "labels.txt")
            what = "\"id name\" per class";
        else if (file == "model.ckpt")
            what = "LibTorch checkpoint: `pulc predict --model` and PULC Studio load it";
        else if (file == "README.md")
            what = "this model card";
        else if (file == "example/classify.cpp")
            what = "C++ example with OpenCV DNN";
        else if (file == "example/CMakeLists.txt")
            what = "builds the example";
        s << "- `" << file << "`" << (what.empty() ? "" : ": " + what) << "\n";
    }

    s << "\n## Use\n\n"
      << "With PULC Studio: `pulc predict --model THIS_FOLDER IMAGE...`\n\n"
      << "With OpenCV 4 and a C++17 compiler (no PULC Studio needed):\n\n"
      << "```sh\ncmake -S example -B example/build -DCMAKE_BUILD_TYPE=Release\n"
      << "cmake --build example/build\n./example/build/classify IMAGE [THIS_FOLDER]\n```\n";

    s << "\n## Parity\n\n";
    if (card.parityChecked) {
        const ParityReport &p = card.parity;
        s << "model.onnx through OpenCV DNN, fed by the pre-processing read back from "
             "inference.yml, against PULC Studio's predictor on the validation split: "
          << p.agreeing << " of " << p.images << " decisions agree ("
          << fixed(100.0 * p.agreement, 2) << "%), max probability difference "
          << general(p.maxProbabilityDifference) << ".\n";
        for (const std::string &path : p.disagreeing)
            s << "- disagrees: `" << path << "`\n";
    } else {
        s << "Not checked at export.\n";
    }
    return s.str();
}

std::string exampleSource(const DeployConfig &d)
{
    auto number = [](double value) {
        std::ostringstream s;
        s.precision(9);
        s << value;
        return s.str();
    };
    std::string names;
    for (size_t i = 0; i < d.classNames.size(); ++i)
        names += (i ? ", " : "") + quoted(d.classNames[i], QuoteRules::Cpp);
    if (d.classNames.empty())
        names = "nullptr";
    return fillTemplate(
        templates::kClassifyCpp,
        {{"VERSION", PULC_VERSION},
         {"RESIZE_SHORT", std::to_string(d.resizeShort)},
         {"RESIZE_WIDTH", std::to_string(d.resizeWidth)},
         {"RESIZE_HEIGHT", std::to_string(d.resizeHeight)},
         {"CROP_WIDTH", std::to_string(d.cropWidth)},
         {"CROP_HEIGHT", std::to_string(d.cropHeight)},
         {"INPUT_WIDTH", std::to_string(d.cropWidth > 0 ? d.cropWidth : d.resizeWidth)},
         {"INPUT_HEIGHT", std::to_string(d.cropHeight > 0 ? d.cropHeight : d.resizeHeight)},
         {"SCALE", number(d.scale)},
         {"MEAN_0", number(d.mean[0])},
         {"MEAN_1", number(d.mean[1])},
         {"MEAN_2", number(d.mean[2])},
         {"STD_0", number(d.std[0])},
         {"STD_1", number(d.std[1])},
         {"STD_2", number(d.std[2])},
         {"TASK", d.task == Task::SingleLabel ? "kSingleLabel"
                  : d.task == Task::Binary    ? "kBinary"
                                              : "kMultiLabel"},
         {"TOPK", std::to_string(d.topk)},
         {"THRESHOLD", number(d.threshold)},
         {"CLASS_NAMES", names}});
}

std::string exampleCMakeLists()
{
    return templates::kExampleCMakeLists;
}

} // namespace pulc::engine
