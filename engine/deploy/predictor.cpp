#include "engine/predictor.h"

#include "engine/bundle.h"
#include "engine/deploy/foldnet.h"
#include "engine/deploy/nativenet.h"
#include "engine/nets/network.h"
#include "engine/pipeline.h"
#include "engine/train/checkpoint.h"
#include "engine/train/scoring.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <numeric>

namespace pulc::engine {

struct Predictor::Impl
{
    std::string checkpointPath;
    CheckpointMeta meta;
    std::shared_ptr<ClassifierNet> net; ///< LibTorch path (architectures without a native one)
    NativeNet native;                   ///< PP-LCNet: BN folded, oneDNN
    int threads = 2;
    std::vector<float> input;  ///< reused batch buffer (NHWC for native, NCHW for LibTorch)
    std::vector<float> output; ///< reused probabilities

    bool loaded() const { return net != nullptr || native.isBuilt(); }
};

Predictor::Predictor()
    : d(std::make_unique<Impl>())
{}
Predictor::~Predictor() = default;
Predictor::Predictor(Predictor &&) noexcept = default;
Predictor &Predictor::operator=(Predictor &&) noexcept = default;

Status Predictor::load(const std::string &modelPath, int threads)
{
    d = std::make_unique<Impl>();
    d->threads = std::max(1, threads);
    const Result<std::string> resolved = resolveModelPath(modelPath);
    if (!resolved)
        return Status::failure(resolved.error());
    const std::string &checkpointPath = *resolved;
    std::string error;
    LoadedCheckpoint checkpoint;
    if (!openCheckpoint(checkpointPath, &checkpoint, &error))
        return Status::failure(error);
    const TrainConfig &config = checkpoint.meta.config;
    std::shared_ptr<ClassifierNet> net;
    try {
        net = buildNetwork(networkOptions(config, config.model,
                                          static_cast<int64_t>(checkpoint.meta.classNames.size())));
    } catch (const std::exception &e) {
        return Status::failure(checkpointPath + ": cannot build its model: " + e.what());
    }
    if (!restoreModule(checkpoint, "model", *net, &error))
        return Status::failure(error);
    net->eval();
    d->meta = checkpoint.meta;
    d->checkpointPath = checkpointPath;
    // The native path unless the architecture has none, or PULC_PREDICTOR=libtorch asks for the
    // reference path (benchmarks and bug reports compare the two).
    const char *forced = std::getenv("PULC_PREDICTOR");
    const bool wantNative = !(forced && std::string(forced) == "libtorch");
    InferenceGraph graph;
    std::string nativeError;
    if (wantNative &&
        foldNetwork(*net, config, static_cast<int>(checkpoint.meta.classNames.size()), &graph,
                    &nativeError) &&
        d->native.build(graph, d->threads, &nativeError)) {
        // One forward pass now, so the first image is not the one that pays for oneDNN's
        // first-run set-up (about 0.25 s measured from `pulc predict`'s first image).
        std::vector<float> zeros(size_t(3) * size_t(graph.height) * size_t(graph.width), 0.0f);
        std::vector<float> out(size_t(graph.classes));
        d->native.run(zeros.data(), 1, InputLayout::Nhwc, out.data(), false, &nativeError);
        return Status::success(); // the LibTorch module is no longer needed
    }
    d->net = std::move(net);
    return Status::success();
}

bool Predictor::isLoaded() const
{
    return d->loaded();
}

const TrainConfig &Predictor::config() const
{
    return d->meta.config;
}

const std::vector<std::string> &Predictor::classNames() const
{
    return d->meta.classNames;
}

const std::string &Predictor::checkpointPath() const
{
    return d->checkpointPath;
}

std::string Predictor::backend() const
{
    if (d->native.isBuilt())
        return "native";
    return d->net ? "libtorch" : std::string();
}

void Predictor::setThreads(int threads)
{
    d->threads = std::max(1, threads);
    if (d->native.isBuilt())
        d->native.setThreads(d->threads);
}

int Predictor::threads() const
{
    return d->threads;
}

void Predictor::setThreshold(double threshold)
{
    d->meta.config.threshold = threshold;
}

Prediction Predictor::predictFile(const std::string &path, int topk)
{
    const auto start = std::chrono::steady_clock::now();
    const AugmentResult rgb = loadRgbFile(path);
    if (!rgb.ok()) {
        Prediction failed;
        failed.error = rgb.error;
        return failed;
    }
    Prediction p = predictImage(rgb.image, topk);
    if (!p.ok)
        p.error = path + ": " + p.error;
    p.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return p;
}

Prediction Predictor::predictImage(const cv::Mat &rgb, int topk)
{
    const auto start = std::chrono::steady_clock::now();
    Prediction p = std::move(predictImages({rgb}, topk).front());
    p.milliseconds =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    return p;
}

std::vector<Prediction> Predictor::predictImages(const std::vector<cv::Mat> &rgb, int topk)
{
    std::vector<Prediction> out(rgb.size());
    if (!d->loaded()) {
        for (Prediction &p : out)
            p.error = "no model loaded";
        return out;
    }
    const TrainConfig &config = d->meta.config;
    const int classes = static_cast<int>(d->meta.classNames.size());
    const int h = config.inputHeight;
    const int w = config.inputWidth;
    const size_t plane = size_t(h) * size_t(w);
    const bool native = d->native.isBuilt();
    std::vector<int> good;
    good.reserve(rgb.size());
    d->input.resize(rgb.size() * 3 * plane); // grows once, then reused
    float *batch = d->input.data();
    for (size_t i = 0; i < rgb.size(); ++i) {
        const AugmentResult x = evalTransform(rgb[i], config);
        if (!x.ok()) {
            out[i].error = x.error;
            continue;
        }
        float *dst = batch + good.size() * 3 * plane;
        good.push_back(static_cast<int>(i));
        if (native) {
            // NHWC straight from the CV_32FC3 rows; the native net reorders it in one step.
            for (int r = 0; r < h; ++r)
                std::memcpy(dst + size_t(r) * w * 3, x.image.ptr<float>(r),
                            sizeof(float) * 3 * size_t(w));
        } else {
            for (int r = 0; r < h; ++r) {
                const auto *row = x.image.ptr<cv::Vec3f>(r);
                for (int c = 0; c < w; ++c)
                    for (int ch = 0; ch < 3; ++ch)
                        dst[(size_t(ch) * h + r) * w + c] = row[c][ch];
            }
        }
    }
    if (good.empty())
        return out;
    const int n = static_cast<int>(good.size());
    d->output.resize(size_t(n) * size_t(classes));
    std::string failure;
    if (native) {
        if (!d->native.run(batch, n, InputLayout::Nhwc, d->output.data(), false, &failure))
            failure = "inference failed: " + failure;
    } else {
        try {
            at::set_num_threads(d->threads);
            c10::InferenceMode inference;
            const torch::Tensor x = torch::from_blob(batch, {n, 3, h, w}, torch::kFloat);
            const torch::Tensor logits = d->net->run(x).logits;
            const torch::Tensor probs =
                (config.task == Task::MultiLabel ? torch::sigmoid(logits)
                                                 : torch::softmax(logits, 1))
                    .contiguous();
            std::memcpy(d->output.data(), probs.data_ptr<float>(),
                        sizeof(float) * size_t(n) * size_t(classes));
        } catch (const std::exception &e) {
            failure = std::string("inference failed: ") + e.what();
        }
    }
    if (!failure.empty()) {
        for (int i : good)
            out[i].error = failure;
        return out;
    }
    for (int k = 0; k < n; ++k) {
        Prediction &p = out[good[k]];
        const float *row = d->output.data() + size_t(k) * size_t(classes);
        p.scores.assign(row, row + classes);
        p.ok = true;
        std::vector<int> order(classes);
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return p.scores[a] > p.scores[b]; });
        if (config.task == Task::MultiLabel) {
            for (int c = 0; c < classes; ++c) {
                p.top.push_back({c, d->meta.classNames[c], p.scores[c]});
                p.attributes.push_back(p.scores[c] >= config.threshold ? 1 : 0);
            }
        } else {
            const int keep = std::clamp(topk, 1, classes);
            for (int j = 0; j < keep; ++j)
                p.top.push_back({order[j], d->meta.classNames[order[j]], p.scores[order[j]]});
            p.decision = config.task == Task::Binary ? binaryDecision(p.scores, config.threshold)
                                                     : order.front();
        }
    }
    return out;
}

} // namespace pulc::engine
