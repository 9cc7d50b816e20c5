// evaluate(): a checkpoint on a labelled list, through the same Predictor as `pulc predict`.
#include "engine/training.h"

#include "engine/pipeline.h"
#include "engine/predictor.h"
#include "engine/train/scoring.h"

#include <algorithm>
#include <thread>

namespace pulc::engine {

EvalResult evaluate(const std::string &checkpoint, const std::vector<DatasetSnapshot::Item> &items,
                    Task task, const JobCallbacks &callbacks, int threads,
                    const std::vector<std::string> &classNames)
{
    EvalResult result;
    Predictor predictor;
    if (Status loaded = predictor.load(checkpoint, threads); !loaded) {
        result.error = loaded.error;
        return result;
    }
    const TrainConfig &config = predictor.config();
    if (config.task != task) {
        result.error = checkpoint + ": the model was trained for a " + toString(config.task) +
                       " task, the project is " + toString(task);
        return result;
    }
    if (!classNames.empty() && classNames != predictor.classNames()) {
        result.error = checkpoint + ": the model's classes differ from the project's (classes "
                                    "were added, renamed or reordered since it was trained)";
        return result;
    }
    if (items.empty()) {
        result.error = "no labelled images to evaluate";
        return result;
    }
    const int classes = static_cast<int>(predictor.classNames().size());
    std::vector<std::vector<float>> probabilities(items.size());
    std::vector<std::string> errors(items.size());
    constexpr size_t kChunk = 32;
    const int decoders = std::max(1, threads);
    for (size_t begin = 0; begin < items.size(); begin += kChunk) {
        if (callbacks.shouldAbort && callbacks.shouldAbort()) {
            result.error = "cancelled";
            return result;
        }
        const size_t end = std::min(items.size(), begin + kChunk);
        std::vector<cv::Mat> images(end - begin);
        // Decoding is most of the time for small models: spread it over the threads.
        std::vector<std::thread> workers;
        for (int t = 0; t < decoders; ++t) {
            workers.emplace_back([&, t] {
                for (size_t i = begin + t; i < end; i += decoders) {
                    AugmentResult rgb = loadRgbFile(items[i].path);
                    if (rgb.ok())
                        images[i - begin] = rgb.image;
                    else
                        errors[i] = rgb.error;
                }
            });
        }
        for (auto &worker : workers)
            worker.join();
        std::vector<cv::Mat> decoded;
        std::vector<size_t> where;
        for (size_t i = begin; i < end; ++i) {
            if (!images[i - begin].empty()) {
                decoded.push_back(images[i - begin]);
                where.push_back(i);
            }
        }
        const std::vector<Prediction> predictions = predictor.predictImages(decoded, classes);
        for (size_t k = 0; k < predictions.size(); ++k) {
            if (predictions[k].ok)
                probabilities[where[k]] = predictions[k].scores;
            else
                errors[where[k]] = items[where[k]].path + ": " + predictions[k].error;
        }
        if (callbacks.onProgress)
            callbacks.onProgress(double(end) / double(items.size()), "eval");
    }
    scoreEvaluation(config, task, classes, items, probabilities, result);
    for (size_t i = 0; i < items.size(); ++i) {
        if (errors[i].empty())
            continue;
        if (callbacks.onLog)
            callbacks.onLog(LogLevel::Warning, "skipped: " + errors[i]);
    }
    for (EvalSample &sample : result.samples) {
        if (sample.failed)
            sample.error = errors[sample.index];
    }
    result.items = items;
    result.classNames = predictor.classNames();
    result.threshold = config.threshold;
    return result;
}

} // namespace pulc::engine
