// Inference latency of the native predictor (oneDNN, BN folded) side by side with ONNX Runtime
// on the same model, exported by our writeOnnxModel; LibTorch eager for reference; and the
// end-to-end path of one 640x480 JPEG (decode, eval pre-processing, forward, top-k). First it
// checks the answers: the exported model in ONNX Runtime and in OpenCV DNN must give the native
// predictor's top-1 and probabilities on random inputs and on the shared demo images.
//
//   infer_bench [--model CHECKPOINT] [--scales 0_25,1_0] [--rounds 3] [--runs 300]
//               [--ort-modules DIR] [--no-check] [--no-ort] [--no-torch] [--no-e2e]
//
// ONNX Runtime runs in a child process (node + npm onnxruntime-node, a benchmark-only
// dependency, through ../shared/bench/ort_latency.js for latency and ort_outputs.js next to
// this file for answers). Ours and ORT alternate in rounds so the
// machine's noise hits both alike; the table shows medians of the per-round medians. Prints
// figures, asserts nothing.
#include "engine/deploy/foldnet.h"
#include "engine/deploy/nativenet.h"
#include "engine/deploy/onnxexport.h"
#include "engine/nets/network.h"
#include "engine/pipeline.h"
#include "engine/train/checkpoint.h"
#include "engine/trainconfig.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <torch/torch.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace pulc::engine;
using Clock = std::chrono::steady_clock;

double quantile(std::vector<double> v, double q)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    return v[static_cast<size_t>(q * (v.size() - 1) + 0.5)];
}

double median(const std::vector<double> &v)
{
    return quantile(v, 0.5);
}

double msSince(Clock::time_point t0)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

struct Options
{
    std::string checkpoint;
    std::vector<std::string> scales{"0_25", "1_0"};
    int rounds = 3;
    int runs = 300;
    std::string ortModules;
    std::string ortScript = PULC_SHARED_DIR "/bench/ort_latency.js";
    /// Next to this source file (CMake compiles it by its absolute path).
    std::string ortOutputsScript = (fs::path(__FILE__).parent_path() / "ort_outputs.js").string();
    bool check = true;
    bool ort = true;
    bool torchPeer = true;
    bool e2e = true;
};

void printHelp()
{
    std::printf(
        "infer_bench: batch-1 latency of the native predictor vs ONNX Runtime (same model,\n"
        "exported with writeOnnxModel), batch-32 throughput, LibTorch eager, end-to-end JPEG;\n"
        "first, the exported model's answers in ONNX Runtime and OpenCV DNN against ours.\n\n"
        "  --model CHECKPOINT  a trained PP-LCNet checkpoint (default: random weights with\n"
        "                      randomised BN statistics, PPLCNet_x0_25 and PPLCNet_x1_0, 224x224)\n"
        "  --scales LIST       scales for random models (default 0_25,1_0)\n"
        "  --rounds N          alternating rounds ours/ORT (default 3)\n"
        "  --runs N            timed batch-1 runs per measurement (default 300)\n"
        "  --ort-modules DIR   node_modules with onnxruntime-node (default $ORT_NODE_MODULES or\n"
        "                      /work/ortbench/node_modules)\n"
        "  --no-check          skip the answers check (ONNX Runtime / OpenCV DNN vs native)\n"
        "  --no-ort, --no-torch, --no-e2e   skip a part\n");
}

bool parseArgs(int argc, char **argv, Options *o)
{
    const char *env = std::getenv("ORT_NODE_MODULES");
    o->ortModules = env && *env ? env : "/work/ortbench/node_modules";
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto next = [&]() -> std::string {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return argv[++i];
        };
        if (a == "--help" || a == "-h") {
            printHelp();
            std::exit(0);
        } else if (a == "--model") {
            o->checkpoint = next();
        } else if (a == "--scales") {
            o->scales.clear();
            std::string list = next();
            size_t start = 0;
            while (start <= list.size()) {
                const size_t comma = list.find(',', start);
                const std::string item = list.substr(
                    start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!item.empty())
                    o->scales.push_back(item);
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        } else if (a == "--rounds") {
            o->rounds = std::max(1, std::atoi(next().c_str()));
        } else if (a == "--runs") {
            o->runs = std::max(10, std::atoi(next().c_str()));
        } else if (a == "--ort-modules") {
            o->ortModules = next();
        } else if (a == "--no-check") {
            o->check = false;
        } else if (a == "--no-ort") {
            o->ort = false;
        } else if (a == "--no-torch") {
            o->torchPeer = false;
        } else if (a == "--no-e2e") {
            o->e2e = false;
        } else {
            std::fprintf(stderr, "unknown option %s (see --help)\n", a.c_str());
            return false;
        }
    }
    return true;
}

/// A model under test: the LibTorch network (eager reference) and its folded graph.
struct Model
{
    std::string label;
    TrainConfig config;
    std::shared_ptr<ClassifierNet> net;
    InferenceGraph graph;
    std::string onnxPath;
};

void randomiseBatchNorm(torch::nn::Module &net)
{
    torch::NoGradGuard noGrad;
    for (auto &module : net.modules(false)) {
        if (auto *bn = module->as<torch::nn::BatchNorm2dImpl>()) {
            bn->running_mean.uniform_(-0.3, 0.3);
            bn->running_var.uniform_(0.5, 2.0);
            bn->weight.uniform_(0.5, 1.5);
            bn->bias.uniform_(-0.3, 0.3);
        }
    }
}

bool makeModel(const Options &o, const std::string &scale, const fs::path &dir, Model *m)
{
    std::string error;
    int classes = 1000;
    if (!o.checkpoint.empty()) {
        LoadedCheckpoint checkpoint;
        if (!openCheckpoint(o.checkpoint, &checkpoint, &error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return false;
        }
        m->config = checkpoint.meta.config;
        classes = static_cast<int>(checkpoint.meta.classNames.size());
        NetworkOptions net;
        net.name = m->config.model;
        net.classes = classes;
        net.strides = m->config.strides;
        net.useLastConv = m->config.useLastConv;
        net.classExpand = m->config.classExpand;
        net.dropout = m->config.dropout;
        m->net = buildNetwork(net);
        if (!restoreModule(checkpoint, "model", *m->net, &error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return false;
        }
        m->label = fs::path(o.checkpoint).filename().string() + " (" + m->config.model + ")";
    } else {
        torch::manual_seed(1);
        m->config.model = "PPLCNet_x" + scale;
        NetworkOptions net;
        net.name = m->config.model;
        net.classes = classes;
        m->net = buildNetwork(net);
        randomiseBatchNorm(*m->net);
        m->label = m->config.model;
    }
    m->net->eval();
    if (!foldNetwork(*m->net, m->config, classes, &m->graph, &error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return false;
    }
    m->onnxPath = (dir / (m->config.model + ".onnx")).string();
    OnnxExportOptions exportOptions;
    if (!writeOnnxModel(m->graph, m->onnxPath, exportOptions, &error)) {
        std::fprintf(stderr, "ONNX export failed: %s\n", error.c_str());
        m->onnxPath.clear();
    }
    return true;
}

struct Latency
{
    double median = 0.0;
    double p90 = 0.0;
    bool ok = false;
};

std::vector<float> randomInput(const InferenceGraph &g, int batch)
{
    std::vector<float> x(static_cast<size_t>(batch) * g.channels * g.height * g.width);
    std::mt19937 rng(3);
    std::uniform_real_distribution<float> u(-1.0f, 1.0f);
    for (float &v : x)
        v = u(rng);
    return x;
}

Latency timeNative(NativeNet &net, int batch, int runs, int warmup)
{
    const InferenceGraph &g = net.graph();
    const std::vector<float> x = randomInput(g, batch);
    std::vector<float> out(static_cast<size_t>(batch) * g.classes);
    std::string error;
    std::vector<double> t;
    for (int i = 0; i < warmup + runs; ++i) {
        const auto t0 = Clock::now();
        if (!net.run(x.data(), batch, InputLayout::Nchw, out.data(), false, &error)) {
            std::fprintf(stderr, "native run failed: %s\n", error.c_str());
            return {};
        }
        if (i >= warmup)
            t.push_back(msSince(t0));
    }
    return {median(t), quantile(t, 0.9), true};
}

double jsonNumber(const std::string &json, const std::string &key)
{
    const size_t at = json.find("\"" + key + "\":");
    if (at == std::string::npos)
        return -1.0;
    return std::atof(json.c_str() + at + key.size() + 3);
}

/// ORT in a child process; empty result (ok false) when node or the module is missing.
Latency timeOrt(const Options &o, const std::string &model, int threads, int batch, int runs,
                int warmup)
{
    const std::string cmd = "NODE_PATH='" + o.ortModules + "' node '" + o.ortScript +
                            "' --model '" + model + "' --threads " + std::to_string(threads) +
                            " --batch " + std::to_string(batch) + " --runs " +
                            std::to_string(runs) + " --warmup " + std::to_string(warmup) + " 2>&1";
    FILE *pipe = popen(cmd.c_str(), "r");
    if (!pipe)
        return {};
    std::string text;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    const int status = pclose(pipe);
    const size_t brace = text.find('{');
    if (status != 0 || brace == std::string::npos) {
        std::fprintf(stderr, "ONNX Runtime failed: %s\n", text.c_str());
        return {};
    }
    return {jsonNumber(text, "median_ms"), jsonNumber(text, "p90_ms"), true};
}

Latency timeTorch(Model &m, int threads, int runs)
{
    at::set_num_threads(threads);
    torch::InferenceMode guard;
    const torch::Tensor x = torch::randn({1, 3, m.config.inputHeight, m.config.inputWidth});
    std::vector<double> t;
    for (int i = 0; i < runs + 5; ++i) {
        const auto t0 = Clock::now();
        const torch::Tensor y = torch::softmax(m.net->run(x).logits, 1);
        if (i >= 5)
            t.push_back(msSince(t0));
    }
    return {median(t), quantile(t, 0.9), true};
}

bool ortAvailable(const Options &o)
{
    if (!o.ort)
        return false;
    if (std::system("command -v node >/dev/null 2>&1") != 0) {
        std::printf("node not found: ONNX Runtime skipped\n");
        return false;
    }
    if (!fs::exists(fs::path(o.ortModules) / "onnxruntime-node")) {
        std::printf("onnxruntime-node not found in %s: ONNX Runtime skipped\n",
                    o.ortModules.c_str());
        return false;
    }
    if (!fs::exists(o.ortScript)) {
        std::printf("%s not found: ONNX Runtime skipped\n", o.ortScript.c_str());
        return false;
    }
    return true;
}

// ---- Answers: the exported model in ONNX Runtime and OpenCV DNN against the native predictor.

/// A batch of NCHW inputs for the answers check.
struct InputSet
{
    std::string name;
    int count = 0;
    std::vector<float> nchw;
};

InputSet randomSet(const InferenceGraph &g, int count)
{
    InputSet set{"random", count, {}};
    set.nchw.resize(static_cast<size_t>(count) * g.channels * g.height * g.width);
    std::mt19937 rng(11);
    std::uniform_real_distribution<float> u(-2.0f, 2.0f);
    for (float &v : set.nchw)
        v = u(rng);
    return set;
}

/// Every .jpg / .png under the shared PaddleClas tree, sorted, at most `limit`.
std::vector<fs::path> demoImages(size_t limit)
{
    std::vector<fs::path> files;
    const fs::path root = PULC_SHARED_DIR "/data/paddleclas";
    std::error_code ec;
    for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
        if (!it->is_regular_file(ec))
            continue;
        std::string ext = it->path().extension().string();
        std::transform(ext.begin(), ext.end(), ext.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (ext == ".jpg" || ext == ".png")
            files.push_back(it->path());
    }
    std::sort(files.begin(), files.end());
    if (files.size() > limit)
        files.resize(limit);
    return files;
}

/// The demo images through the model's eval pre-processing (resize_short, centre crop,
/// normalise), as NCHW planes. An image that fails to load is reported and left out.
InputSet imageSet(const Model &m, const std::vector<fs::path> &files)
{
    TrainConfig config = m.config;
    config.inputHeight = m.graph.height;
    config.inputWidth = m.graph.width;
    const int h = m.graph.height;
    const int w = m.graph.width;
    InputSet set{"images", 0, {}};
    for (const fs::path &file : files) {
        const AugmentResult rgb = loadRgbFile(file.string());
        const AugmentResult x = rgb.ok() ? evalTransform(rgb.image, config) : rgb;
        if (!x.ok() || x.image.type() != CV_32FC3 || x.image.rows != h || x.image.cols != w) {
            std::printf("  %s: left out (%s)\n", file.string().c_str(),
                        x.ok() ? "pre-processing gave an unexpected image" : x.error.c_str());
            continue;
        }
        std::vector<cv::Mat> planes;
        cv::split(x.image, planes);
        for (const cv::Mat &plane : planes)
            for (int r = 0; r < h; ++r)
                set.nchw.insert(set.nchw.end(), plane.ptr<float>(r), plane.ptr<float>(r) + w);
        ++set.count;
    }
    return set;
}

bool writeFloats(const fs::path &path, const std::vector<float> &v, std::string *error)
{
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char *>(v.data()),
              static_cast<std::streamsize>(v.size() * sizeof(float)));
    if (!out) {
        *error = path.string() + ": cannot write";
        return false;
    }
    return true;
}

/// Runs `set` through ONNX Runtime (ort_outputs.js in a child process) as one batch.
bool runOrtOutputs(const Options &o, const Model &m, const InputSet &set, const fs::path &dir,
                   std::vector<float> *out, std::string *error)
{
    const fs::path in = dir / "answers_in.bin";
    const fs::path result = dir / "answers_out.bin";
    std::error_code ignored;
    fs::remove(result, ignored);
    if (!writeFloats(in, set.nchw, error))
        return false;
    const InferenceGraph &g = m.graph;
    const std::string cmd =
        "NODE_PATH='" + o.ortModules + "' node '" + o.ortOutputsScript + "' --model '" +
        m.onnxPath + "' --input '" + in.string() + "' --output '" + result.string() + "' --shape " +
        std::to_string(set.count) + "," + std::to_string(g.channels) + "," +
        std::to_string(g.height) + "," + std::to_string(g.width) + " --threads 2 2>&1";
    FILE *pipe = popen(cmd.c_str(), "r");
    if (!pipe) {
        *error = "cannot start node";
        return false;
    }
    std::string text;
    char buffer[4096];
    while (fgets(buffer, sizeof buffer, pipe))
        text += buffer;
    if (pclose(pipe) != 0) {
        *error = "ort_outputs.js failed: " + text;
        return false;
    }
    const size_t expected = static_cast<size_t>(set.count) * g.classes;
    std::ifstream file(result, std::ios::binary | std::ios::ate);
    if (!file || static_cast<size_t>(file.tellg()) != expected * sizeof(float)) {
        *error = result.string() + ": expected " + std::to_string(expected) +
                 " float32 outputs; ort_outputs.js said: " + text;
        return false;
    }
    out->resize(expected);
    file.seekg(0);
    file.read(reinterpret_cast<char *>(out->data()),
              static_cast<std::streamsize>(expected * sizeof(float)));
    return static_cast<bool>(file);
}

/// What the native predictor answers for one input set: probabilities, log-probabilities
/// computed in double from its logits, and the gap between its best and second logit.
struct NativeAnswers
{
    std::vector<float> probs;
    std::vector<double> logProbs;
    double minMargin = std::numeric_limits<double>::infinity();
    int distinctTop1 = 0; ///< how many different classes win: 1 makes top-1 agreement weak
};

bool runNative(NativeNet &net, const InputSet &set, NativeAnswers *a, std::string *error)
{
    const InferenceGraph &g = net.graph();
    const int classes = g.classes;
    std::vector<float> logits(static_cast<size_t>(set.count) * classes);
    a->probs.resize(logits.size());
    if (!net.run(set.nchw.data(), set.count, InputLayout::Nchw, a->probs.data(), false, error) ||
        !net.run(set.nchw.data(), set.count, InputLayout::Nchw, logits.data(), true, error))
        return false;
    a->logProbs.resize(logits.size());
    std::vector<bool> wins(classes, false);
    for (int n = 0; n < set.count; ++n) {
        const float *z = logits.data() + static_cast<size_t>(n) * classes;
        double *lp = a->logProbs.data() + static_cast<size_t>(n) * classes;
        if (g.output == OutputActivation::Softmax) {
            const double top = *std::max_element(z, z + classes);
            double sum = 0.0;
            for (int k = 0; k < classes; ++k)
                sum += std::exp(z[k] - top);
            const double lse = top + std::log(sum);
            for (int k = 0; k < classes; ++k)
                lp[k] = z[k] - lse;
        } else { // log sigmoid, stable on both sides
            for (int k = 0; k < classes; ++k)
                lp[k] = z[k] >= 0 ? -std::log1p(std::exp(-double(z[k])))
                                  : z[k] - std::log1p(std::exp(double(z[k])));
        }
        wins[std::max_element(z, z + classes) - z] = true;
        if (classes >= 2) {
            std::vector<float> sorted(z, z + classes);
            std::partial_sort(sorted.begin(), sorted.begin() + 2, sorted.end(),
                              std::greater<float>());
            a->minMargin = std::min(a->minMargin, double(sorted[0]) - sorted[1]);
        }
    }
    a->distinctTop1 = static_cast<int>(std::count(wins.begin(), wins.end(), true));
    return true;
}

struct Agreement
{
    int images = 0;
    int top1Agree = 0;
    double maxProbDiff = 0.0;
    double maxTop5LogProbDiff = 0.0; ///< over the native top-5 classes of each image
};

/// A NaN counts as an infinite difference, so it cannot hide behind std::max.
double absDiff(double a, double b)
{
    const double d = std::fabs(a - b);
    return std::isnan(d) ? std::numeric_limits<double>::infinity() : d;
}

Agreement compareAnswers(const NativeAnswers &native, const std::vector<float> &peer, int count,
                         int classes)
{
    Agreement r;
    r.images = count;
    std::vector<int> order(classes);
    for (int n = 0; n < count; ++n) {
        const size_t row = static_cast<size_t>(n) * classes;
        const float *p = native.probs.data() + row;
        const float *q = peer.data() + row;
        for (int k = 0; k < classes; ++k)
            r.maxProbDiff = std::max(r.maxProbDiff, absDiff(p[k], q[k]));
        if (std::max_element(p, p + classes) - p == std::max_element(q, q + classes) - q)
            ++r.top1Agree;
        for (int k = 0; k < classes; ++k)
            order[k] = k;
        const int topk = std::min(5, classes);
        std::partial_sort(order.begin(), order.begin() + topk, order.end(), [&](int a, int b) {
            return native.logProbs[row + a] > native.logProbs[row + b];
        });
        for (int i = 0; i < topk; ++i) {
            const int k = order[i];
            r.maxTop5LogProbDiff = std::max(
                r.maxTop5LogProbDiff, absDiff(native.logProbs[row + k], std::log(double(q[k]))));
        }
    }
    return r;
}

void printAgreement(const std::string &label, const InputSet &set, const char *peer,
                    const NativeAnswers &native, const Agreement &a)
{
    std::printf("%-22s %-7s %-12s %6d %8d/%-3d %11.3g %12.3g %11.3g %8d  %s\n", label.c_str(),
                set.name.c_str(), peer, a.images, a.top1Agree, a.images, a.maxProbDiff,
                a.maxTop5LogProbDiff, native.minMargin, native.distinctTop1,
                a.top1Agree == a.images ? "yes" : "NO");
    std::fflush(stdout);
}

void answersTable(const Options &o, std::vector<Model> &models, bool ort, const fs::path &dir)
{
    const auto t0 = Clock::now();
    std::printf("\nONNX Runtime answers: the exported model in ONNX Runtime (ort_outputs.js, CPU, "
                "graph optimisation 'all', 2 threads) and in OpenCV DNN, against the native "
                "predictor (2 threads); one batch per input set\n");
    std::printf("  random: 8 NCHW inputs uniform in [-2, 2]; images: demo images under "
                "data/paddleclas through evalTransform\n");
    std::printf("  max|dp|: largest probability difference; max|dlogp|5: largest "
                "log-probability difference over native's top 5 (native's from its logits);\n"
                "  min margin: smallest gap between native's best and second logit (a top-1 flip "
                "needs an error of about half of it); classes: distinct native top-1 classes\n");
    if (!ort)
        std::printf("  (ONNX Runtime unavailable or --no-ort: OpenCV DNN only)\n");
    const std::vector<fs::path> files = demoImages(32);
    std::printf("%-22s %-7s %-12s %6s %12s %11s %12s %11s %8s  %s\n", "model", "inputs", "peer",
                "images", "top-1 agree", "max|dp|", "max|dlogp|5", "min margin", "classes",
                "all top-1");
    for (Model &m : models) {
        if (m.onnxPath.empty()) {
            std::printf("%-22s no ONNX model (export failed)\n", m.label.c_str());
            continue;
        }
        NativeNet net;
        OnnxDnnModel dnn;
        std::string error;
        if (!net.build(m.graph, 2, &error)) {
            std::printf("%-22s native: %s\n", m.label.c_str(), error.c_str());
            continue;
        }
        const bool dnnOk = dnn.load(m.onnxPath, &error);
        if (!dnnOk)
            std::printf("%-22s OpenCV DNN: %s\n", m.label.c_str(), error.c_str());
        for (const InputSet &set : {randomSet(m.graph, 8), imageSet(m, files)}) {
            if (set.count == 0) {
                std::printf("%-22s %-7s no inputs\n", m.label.c_str(), set.name.c_str());
                continue;
            }
            NativeAnswers native;
            if (!runNative(net, set, &native, &error)) {
                std::printf("%-22s %-7s native: %s\n", m.label.c_str(), set.name.c_str(),
                            error.c_str());
                continue;
            }
            std::vector<float> peer;
            if (ort) {
                if (runOrtOutputs(o, m, set, dir, &peer, &error))
                    printAgreement(m.label, set, "onnxruntime", native,
                                   compareAnswers(native, peer, set.count, m.graph.classes));
                else
                    std::printf("%-22s %-7s onnxruntime: %s\n", m.label.c_str(), set.name.c_str(),
                                error.c_str());
            }
            if (dnnOk) {
                const size_t expected = static_cast<size_t>(set.count) * m.graph.classes;
                if (dnn.run(set.nchw.data(), set.count, m.graph.channels, m.graph.height,
                            m.graph.width, &peer, &error) &&
                    peer.size() == expected)
                    printAgreement(m.label, set, "opencv-dnn", native,
                                   compareAnswers(native, peer, set.count, m.graph.classes));
                else
                    std::printf("%-22s %-7s opencv-dnn: %s (%zu outputs, expected %zu)\n",
                                m.label.c_str(), set.name.c_str(), error.c_str(), peer.size(),
                                expected);
            }
        }
    }
    std::printf("  (answers check took %.1f s)\n", msSince(t0) / 1000.0);
}

void latencyTable(const Options &o, std::vector<Model> &models, bool ort)
{
    std::printf("\nBatch-1 latency, ms (median of %d rounds' medians of %d runs; p90 in "
                "brackets)\n",
                o.rounds, o.runs);
    std::printf("%-22s %7s %18s %18s %8s\n", "model", "threads", "native", "onnxruntime",
                "ours/ORT");
    for (Model &m : models) {
        for (int threads : {1, 2}) {
            NativeNet net;
            std::string error;
            if (!net.build(m.graph, threads, &error)) {
                std::printf("%s: %s\n", m.label.c_str(), error.c_str());
                continue;
            }
            std::vector<double> oursMed, oursP90, ortMed, ortP90;
            for (int r = 0; r < o.rounds; ++r) {
                const Latency ours = timeNative(net, 1, o.runs, 30);
                oursMed.push_back(ours.median);
                oursP90.push_back(ours.p90);
                if (ort && !m.onnxPath.empty()) {
                    const Latency peer = timeOrt(o, m.onnxPath, threads, 1, o.runs, 30);
                    if (peer.ok) {
                        ortMed.push_back(peer.median);
                        ortP90.push_back(peer.p90);
                    }
                }
            }
            char peer[64] = "-";
            char ratio[32] = "-";
            if (!ortMed.empty()) {
                std::snprintf(peer, sizeof peer, "%.3f [%.3f]", median(ortMed), median(ortP90));
                std::snprintf(ratio, sizeof ratio, "%.2f", median(oursMed) / median(ortMed));
            }
            char ours[64];
            std::snprintf(ours, sizeof ours, "%.3f [%.3f]", median(oursMed), median(oursP90));
            std::printf("%-22s %7d %18s %18s %8s\n", m.label.c_str(), threads, ours, peer, ratio);
            std::fflush(stdout);
        }
    }
}

void throughputTable(const Options &o, std::vector<Model> &models, bool ort)
{
    constexpr int kBatch = 32;
    std::printf("\nBatch-%d throughput, images/s (2 threads, median of %d rounds)\n", kBatch,
                o.rounds);
    std::printf("%-22s %12s %12s %8s\n", "model", "native", "onnxruntime", "ours/ORT");
    for (Model &m : models) {
        NativeNet net;
        std::string error;
        if (!net.build(m.graph, 2, &error, kBatch)) {
            std::printf("%s: %s\n", m.label.c_str(), error.c_str());
            continue;
        }
        std::vector<double> ours, peer;
        for (int r = 0; r < o.rounds; ++r) {
            ours.push_back(kBatch * 1000.0 / timeNative(net, kBatch, 10, 2).median);
            if (ort && !m.onnxPath.empty()) {
                const Latency l = timeOrt(o, m.onnxPath, 2, kBatch, 10, 2);
                if (l.ok)
                    peer.push_back(kBatch * 1000.0 / l.median);
            }
        }
        char peerText[32] = "-";
        char ratio[32] = "-";
        if (!peer.empty()) {
            std::snprintf(peerText, sizeof peerText, "%.0f", median(peer));
            // Throughput: ORT's time over ours, so the ratio reads like the latency one.
            std::snprintf(ratio, sizeof ratio, "%.2f", median(peer) / median(ours));
        }
        std::printf("%-22s %12.0f %12s %8s\n", m.label.c_str(), median(ours), peerText, ratio);
        std::fflush(stdout);
    }
}

void torchTable(std::vector<Model> &models)
{
    std::printf("\nLibTorch eager batch 1 (reference), ms median [p90]\n");
    for (Model &m : models) {
        for (int threads : {1, 2}) {
            const Latency l = timeTorch(m, threads, 30);
            std::printf("%-22s %7d %8.3f [%.3f]\n", m.label.c_str(), threads, l.median, l.p90);
            std::fflush(stdout);
        }
    }
}

/// A 640x480 JPEG made from one of the shared demo images.
std::string makeJpeg(const fs::path &dir)
{
    const fs::path source =
        PULC_SHARED_DIR "/data/paddleclas/deploy/images/PULC/person_attribute/090004.jpg";
    cv::Mat image = cv::imread(source.string(), cv::IMREAD_COLOR);
    if (image.empty()) {
        image = cv::Mat(480, 640, CV_8UC3);
        cv::randu(image, 0, 255);
    }
    cv::resize(image, image, cv::Size(640, 480), 0, 0, cv::INTER_AREA);
    const fs::path out = dir / "e2e_640x480.jpg";
    cv::imwrite(out.string(), image, {cv::IMWRITE_JPEG_QUALITY, 90});
    return out.string();
}

void endToEnd(Model &m, const fs::path &dir)
{
    const std::string jpeg = makeJpeg(dir);
    TrainConfig config = m.config;
    config.resizeShort = 256; // PULC-like eval: resize_short 256, centre crop 224
    config.inputHeight = m.graph.height;
    config.inputWidth = m.graph.width;
    NativeNet net;
    std::string error;
    if (!net.build(m.graph, 2, &error)) {
        std::printf("%s\n", error.c_str());
        return;
    }
    std::vector<double> decode, pre, forward, post, total;
    std::vector<float> probs(m.graph.classes);
    std::vector<int> order(m.graph.classes);
    for (int i = 0; i < 105; ++i) {
        const auto t0 = Clock::now();
        const AugmentResult rgb = loadRgbFile(jpeg);
        const auto t1 = Clock::now();
        const AugmentResult x = evalTransform(rgb.image, config);
        const auto t2 = Clock::now();
        if (!rgb.ok() || !x.ok() || !x.image.isContinuous() ||
            !net.run(x.image.ptr<float>(), 1, InputLayout::Nhwc, probs.data(), false, &error)) {
            std::printf("end-to-end failed: %s %s %s\n", rgb.error.c_str(), x.error.c_str(),
                        error.c_str());
            return;
        }
        const auto t3 = Clock::now();
        for (int k = 0; k < m.graph.classes; ++k)
            order[k] = k;
        const int topk = std::min(5, m.graph.classes);
        std::partial_sort(order.begin(), order.begin() + topk, order.end(),
                          [&](int a, int b) { return probs[a] > probs[b]; });
        const auto t4 = Clock::now();
        if (i < 5)
            continue;
        using Ms = std::chrono::duration<double, std::milli>;
        decode.push_back(Ms(t1 - t0).count());
        pre.push_back(Ms(t2 - t1).count());
        forward.push_back(Ms(t3 - t2).count());
        post.push_back(Ms(t4 - t3).count());
        total.push_back(Ms(t4 - t0).count());
    }
    std::printf("\nEnd to end, %s, 640x480 JPEG, 2 threads, median ms of 100\n", m.label.c_str());
    std::printf("  decode %.3f  pre-process %.3f  forward %.3f  top-5 %.3f  total %.3f\n",
                median(decode), median(pre), median(forward), median(post), median(total));
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    if (!parseArgs(argc, argv, &o))
        return 2;
    const fs::path dir = fs::temp_directory_path() / ("infer_bench_" + std::to_string(getpid()));
    fs::create_directories(dir);
    std::vector<Model> models;
    const std::vector<std::string> scales =
        o.checkpoint.empty() ? o.scales : std::vector<std::string>{""};
    for (const std::string &scale : scales) {
        Model m;
        if (!makeModel(o, scale, dir, &m))
            return 1;
        std::printf("%s: %dx%d, %d classes, ONNX %s\n", m.label.c_str(), m.graph.width,
                    m.graph.height, m.graph.classes,
                    m.onnxPath.empty() ? "export failed" : m.onnxPath.c_str());
        models.push_back(std::move(m));
    }
    const bool ort = ortAvailable(o);
    if (o.check) {
        const bool ortAnswers = ort && fs::exists(o.ortOutputsScript);
        if (ort && !ortAnswers)
            std::printf("%s not found: ONNX Runtime answers skipped\n", o.ortOutputsScript.c_str());
        answersTable(o, models, ortAnswers, dir);
    }
    latencyTable(o, models, ort);
    throughputTable(o, models, ort);
    if (o.torchPeer)
        torchTable(models);
    if (o.e2e)
        endToEnd(models.back(), dir);
    std::error_code ignored;
    fs::remove_all(dir, ignored);
    return 0;
}
