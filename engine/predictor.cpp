#include "predictor.h"

#include "checkpoint.h"
#include "network.h"
#include "pipeline.h"
#include "scoring.h"

#include <algorithm>
#include <chrono>
#include <numeric>

namespace pulc::engine {

struct Predictor::Impl
{
    std::string error;
    CheckpointMeta meta;
    std::shared_ptr<ClassifierNet> net;
    int threads = 2;
};

Predictor::Predictor()
    : d(std::make_unique<Impl>())
{}
Predictor::~Predictor() = default;
Predictor::Predictor(Predictor &&) noexcept = default;
Predictor &Predictor::operator=(Predictor &&) noexcept = default;

bool Predictor::load(const std::string &checkpointPath, int threads)
{
    d = std::make_unique<Impl>();
    d->threads = std::max(1, threads);
    LoadedCheckpoint checkpoint;
    if (!openCheckpoint(checkpointPath, &checkpoint, &d->error))
        return false;
    const TrainConfig &config = checkpoint.meta.config;
    NetworkOptions options;
    options.name = config.model;
    options.classes = static_cast<int64_t>(checkpoint.meta.classNames.size());
    options.strides = config.strides;
    options.useLastConv = config.useLastConv;
    options.classExpand = config.classExpand;
    options.dropout = config.dropout;
    try {
        d->net = buildNetwork(options);
    } catch (const std::exception &e) {
        d->error = checkpointPath + ": cannot build its model: " + e.what();
        return false;
    }
    if (!restoreModule(checkpoint, "model", *d->net, &d->error)) {
        d->net.reset();
        return false;
    }
    d->net->eval();
    d->meta = checkpoint.meta;
    return true;
}

const std::string &Predictor::error() const
{
    return d->error;
}

bool Predictor::isLoaded() const
{
    return d->net != nullptr;
}

const TrainConfig &Predictor::config() const
{
    return d->meta.config;
}

const std::vector<std::string> &Predictor::classNames() const
{
    return d->meta.classNames;
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
    if (!d->net) {
        for (Prediction &p : out)
            p.error = "no model loaded";
        return out;
    }
    const TrainConfig &config = d->meta.config;
    const int classes = static_cast<int>(d->meta.classNames.size());
    const int h = config.inputHeight;
    const int w = config.inputWidth;
    std::vector<int> good;
    std::vector<float> data;
    data.reserve(rgb.size() * 3 * size_t(h) * size_t(w));
    for (size_t i = 0; i < rgb.size(); ++i) {
        const AugmentResult x = evalTransform(rgb[i], config);
        if (!x.ok()) {
            out[i].error = x.error;
            continue;
        }
        good.push_back(static_cast<int>(i));
        const size_t offset = data.size();
        data.resize(offset + 3 * size_t(h) * size_t(w));
        // HWC -> CHW.
        float *dst = data.data() + offset;
        for (int r = 0; r < h; ++r) {
            const auto *row = x.image.ptr<cv::Vec3f>(r);
            for (int c = 0; c < w; ++c)
                for (int ch = 0; ch < 3; ++ch)
                    dst[(size_t(ch) * h + r) * w + c] = row[c][ch];
        }
    }
    if (good.empty())
        return out;
    try {
        at::set_num_threads(d->threads);
        c10::InferenceMode inference;
        const torch::Tensor x =
            torch::from_blob(data.data(), {int64_t(good.size()), 3, h, w}, torch::kFloat);
        const torch::Tensor logits = d->net->run(x).logits;
        const torch::Tensor probs =
            (config.task == Task::MultiLabel ? torch::sigmoid(logits) : torch::softmax(logits, 1))
                .contiguous();
        for (size_t k = 0; k < good.size(); ++k) {
            Prediction &p = out[good[k]];
            const float *row = probs[int64_t(k)].data_ptr<float>();
            p.scores.assign(row, row + classes);
            p.ok = true;
            std::vector<int> order(classes);
            std::iota(order.begin(), order.end(), 0);
            std::stable_sort(order.begin(), order.end(),
                             [&](int a, int b) { return p.scores[a] > p.scores[b]; });
            const int keep =
                config.task == Task::MultiLabel ? classes : std::clamp(topk, 1, classes);
            if (config.task == Task::MultiLabel) {
                for (int c = 0; c < classes; ++c) {
                    p.top.push_back({c, d->meta.classNames[c], p.scores[c]});
                    p.attributes.push_back(p.scores[c] >= config.threshold ? 1 : 0);
                }
            } else {
                for (int j = 0; j < keep; ++j)
                    p.top.push_back({order[j], d->meta.classNames[order[j]], p.scores[order[j]]});
                p.decision = config.task == Task::Binary
                                 ? binaryDecision(p.scores, config.threshold)
                                 : order.front();
            }
        }
    } catch (const std::exception &e) {
        for (int i : good) {
            out[i].ok = false;
            out[i].error = std::string("inference failed: ") + e.what();
        }
    }
    return out;
}

} // namespace pulc::engine
