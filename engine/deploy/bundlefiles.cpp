// The text files of a deployment bundle: labels.txt, README.md (model card) and the OpenCV
// example (example/classify.cpp + CMakeLists.txt).
#include "engine/deploy/bundlefiles.h"

#include "engine/deploy/textescape.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sstream>

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
    const int inputW = d.cropWidth > 0 ? d.cropWidth : d.resizeWidth;
    const int inputH = d.cropHeight > 0 ? d.cropHeight : d.resizeHeight;
    const char *task = d.task == Task::SingleLabel ? "kSingleLabel"
                       : d.task == Task::Binary    ? "kBinary"
                                                   : "kMultiLabel";
    std::ostringstream s;
    s.precision(9);
    s << "// Classifies one image with model.onnx through OpenCV DNN, with the pre- and\n"
         "// post-processing of this export (inference.yml). Written by PULC Studio "
      << PULC_VERSION
      << ".\n"
         "// Build: cmake -S example -B example/build && cmake --build example/build\n"
         "// Run:   example/build/classify IMAGE [BUNDLE_FOLDER]\n"
         "#include <opencv2/core.hpp>\n"
         "#include <opencv2/dnn.hpp>\n"
         "#include <opencv2/imgcodecs.hpp>\n"
         "#include <opencv2/imgproc.hpp>\n"
         "\n"
         "#include <algorithm>\n"
         "#include <cfenv>\n"
         "#include <cmath>\n"
         "#include <cstdio>\n"
         "#include <fstream>\n"
         "#include <numeric>\n"
         "#include <string>\n"
         "#include <vector>\n"
         "\n"
         "namespace {\n"
         "\n"
         "// Pre-processing (inference.yml PreProcess).\n"
      << "constexpr int kResizeShort = " << d.resizeShort
      << "; // 0: resize straight to kResizeWidth x kResizeHeight\n"
      << "constexpr int kResizeWidth = " << d.resizeWidth << ";\n"
      << "constexpr int kResizeHeight = " << d.resizeHeight << ";\n"
      << "constexpr int kCropWidth = " << d.cropWidth << "; // 0: no crop\n"
      << "constexpr int kCropHeight = " << d.cropHeight << ";\n"
      << "constexpr int kInputWidth = " << inputW << ";\n"
      << "constexpr int kInputHeight = " << inputH << ";\n"
      << "constexpr float kScale = " << d.scale << "f;\n"
      << "constexpr float kMean[3] = {" << d.mean[0] << "f, " << d.mean[1] << "f, " << d.mean[2]
      << "f};\n"
      << "constexpr float kStd[3] = {" << d.std[0] << "f, " << d.std[1] << "f, " << d.std[2]
      << "f};\n"
      << "\n// Post-processing (inference.yml PostProcess).\n"
      << "enum Task { kSingleLabel, kBinary, kMultiLabel };\n"
      << "constexpr Task kTask = " << task << ";\n"
      << "constexpr int kTopk = " << d.topk << ";\n"
      << "constexpr double kThreshold = " << d.threshold << ";\n"
      << "const char *const kFallbackNames[] = {";
    for (size_t i = 0; i < d.classNames.size(); ++i)
        s << (i ? ", " : "") << quoted(d.classNames[i], QuoteRules::Cpp);
    if (d.classNames.empty())
        s << "nullptr";
    s << "};\n";
    s << R"EX(
/// labels.txt: "id name" per line; the names compiled in when the file is missing.
std::vector<std::string> readLabels(const std::string &path)
{
    std::vector<std::string> names;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r')
            line.pop_back();
        const size_t space = line.find(' ');
        if (space == std::string::npos)
            continue;
        const size_t id = std::stoul(line.substr(0, space));
        if (names.size() <= id)
            names.resize(id + 1);
        names[id] = line.substr(space + 1);
    }
    if (names.empty()) {
        for (const char *name : kFallbackNames) {
            if (name)
                names.push_back(name);
        }
    }
    return names;
}

/// RGB image -> [1, 3, H, W] float blob, exactly as PULC Studio's evaluation does it.
cv::Mat preprocess(const cv::Mat &rgb)
{
    cv::Mat sized;
    if (kResizeShort > 0) {
        const double percent = double(kResizeShort) / std::min(rgb.cols, rgb.rows);
        std::fesetround(FE_TONEAREST); // Python's round(): half to even
        const int w = int(std::nearbyint(rgb.cols * percent));
        const int h = int(std::nearbyint(rgb.rows * percent));
        cv::resize(rgb, sized, cv::Size(w, h), 0, 0, cv::INTER_LINEAR);
    } else {
        cv::resize(rgb, sized, cv::Size(kResizeWidth, kResizeHeight), 0, 0, cv::INTER_LINEAR);
    }
    if (kCropWidth > 0 && kCropHeight > 0) {
        const int x = (sized.cols - kCropWidth) / 2;
        const int y = (sized.rows - kCropHeight) / 2;
        sized = sized(cv::Rect(x, y, kCropWidth, kCropHeight)).clone();
    }
    const int size[] = {1, 3, kInputHeight, kInputWidth};
    cv::Mat blob(4, size, CV_32F);
    float *dst = blob.ptr<float>();
    for (int r = 0; r < kInputHeight; ++r) {
        const cv::Vec3b *row = sized.ptr<cv::Vec3b>(r);
        for (int c = 0; c < kInputWidth; ++c)
            for (int ch = 0; ch < 3; ++ch)
                dst[(ch * kInputHeight + r) * kInputWidth + c] =
                    (float(row[c][ch]) * kScale - kMean[ch]) / kStd[ch];
    }
    return blob;
}

std::string nameOf(const std::vector<std::string> &names, int id)
{
    return id >= 0 && id < int(names.size()) ? names[id] : std::to_string(id);
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s IMAGE [BUNDLE_FOLDER]\n", argv[0]);
        return 2;
    }
    const std::string bundle = argc > 2 ? argv[2] : PULC_BUNDLE_DIR;
    const cv::Mat bgr = cv::imread(argv[1], cv::IMREAD_COLOR);
    if (bgr.empty() || bgr.cols < 1 || bgr.rows < 1) {
        std::fprintf(stderr, "%s: cannot read the image\n", argv[1]);
        return 1;
    }
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    cv::dnn::Net net;
    try {
        net = cv::dnn::readNetFromONNX(bundle + "/model.onnx");
    } catch (const cv::Exception &e) {
        std::fprintf(stderr, "%s/model.onnx: cannot load: %s\n", bundle.c_str(), e.what());
        return 1;
    }
    net.setInput(preprocess(rgb));
    const cv::Mat out = net.forward();
    const float *p = out.ptr<float>();
    const int classes = int(out.total());
    const std::vector<std::string> names = readLabels(bundle + "/labels.txt");

    if (kTask == kBinary) {
        // PaddleClas's ThreshOutput: class 1 when p[1] >= threshold.
        const int decision = p[1] >= kThreshold ? 1 : 0;
        std::printf("decision %d %.5f %s (p[1] %.5f, threshold %g)\n", decision,
                    decision ? p[1] : 1.0f - p[1], nameOf(names, decision).c_str(), p[1],
                    kThreshold);
    } else if (kTask == kMultiLabel) {
        // MultiLabelThreshOutput: every attribute with p >= threshold.
        for (int c = 0; c < classes; ++c)
            std::printf("%d %d %.5f %s\n", c, p[c] >= kThreshold ? 1 : 0, p[c],
                        nameOf(names, c).c_str());
    } else {
        std::vector<int> order(classes);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return p[a] > p[b]; });
        for (int k = 0; k < std::min(kTopk, classes); ++k)
            std::printf("top%d %d %.5f %s\n", k + 1, order[k], p[order[k]],
                        nameOf(names, order[k]).c_str());
    }
    return 0;
}
)EX";
    return s.str();
}

std::string exampleCMakeLists()
{
    return R"EX(# Builds the bundle's example: cmake -S example -B example/build && cmake --build example/build
cmake_minimum_required(VERSION 3.16)
project(pulc_bundle_example LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
find_package(OpenCV REQUIRED COMPONENTS core imgproc imgcodecs dnn)
add_executable(classify classify.cpp)
target_link_libraries(classify PRIVATE ${OpenCV_LIBS})
# The bundle folder (model.onnx, labels.txt) when none is given on the command line.
get_filename_component(PULC_BUNDLE_DIR "${CMAKE_CURRENT_SOURCE_DIR}/.." ABSOLUTE)
target_compile_definitions(classify PRIVATE PULC_BUNDLE_DIR="${PULC_BUNDLE_DIR}")
)EX";
}

} // namespace pulc::engine
