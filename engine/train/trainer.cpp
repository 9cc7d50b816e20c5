// train(): the PULC training loop (docs/paddleclas-compat.md, 'Shared training settings',
// 'Losses and metrics' and 'Distillation') over the loader, with distillation, per-epoch
// validation, atomic checkpoints and exact resume.
#include "engine/train/trainerimpl.h"

#include "engine/configfile.h"
#include "engine/data/batchmix.h"
#include "engine/data/decodedcache.h"
#include "engine/data/loader.h"
#include "engine/nets/network.h"
#include "engine/pipeline.h"
#include "engine/train/checkpoint.h"
#include "engine/train/ema.h"
#include "engine/train/losses.h"
#include "engine/train/optimizer.h"
#include "engine/train/runlog.h"
#include "engine/train/schedule.h"
#include "engine/train/scoring.h"
#include "engine/weights/weightmap.h"

#include <ATen/CPUGeneratorImpl.h>

#include <chrono>
#include <cmath>
#include <deque>
#include <filesystem>
#include <fstream>
#include <limits>
#include <memory>
#include <mutex>

namespace pulc::engine {

namespace fs = std::filesystem;

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

BatchTensors tensorsOf(Batch &batch)
{
    BatchTensors t;
    // The loader's NHWC buffer is an [N, 3, H, W] tensor in channels-last strides: no copy.
    const int64_t h = batch.height, w = batch.width;
    t.images = torch::from_blob(batch.data.data(), {batch.size, 3, h, w}, {3 * h * w, 1, 3 * w, 3},
                                torch::kFloat);
    t.labels = torch::from_blob(batch.labels.data(), {batch.size}, torch::kLong);
    if (batch.targetWidth > 0)
        t.targets =
            torch::from_blob(batch.targets.data(), {batch.size, batch.targetWidth}, torch::kFloat);
    return t;
}

SampleFn Trainer::trainSampleFn() const
{
    const auto *items = &m_trainItems;
    const TrainConfig config = m_config;
    const int classes = m_classes;
    const bool multiLabel = m_multiLabel;
    const bool oneHot = m_mixing;
    const std::shared_ptr<const DecodedCache> cache = m_cache;
    const auto *stamps = &m_stamps;
    const int decodeSide = trainDecodeShortSide(m_config);
    return [items, config, classes, multiLabel, oneHot, cache, stamps,
            decodeSide](int index, AugmentRng &rng, LoaderSample &out, std::string &error) {
        const DatasetSnapshot::Item &item = (*items)[index];
        // Cached pixels when the file is unchanged; else the file, decoded no larger than the
        // pipeline needs. The pipeline never writes to its input (the cache is read-only).
        cv::Mat pixels = cache ? cache->find(item.path, (*stamps)[index]) : cv::Mat();
        if (pixels.empty()) {
            AugmentResult rgb = loadRgbFile(item.path, decodeSide);
            if (!rgb.ok()) {
                error = rgb.error;
                return false;
            }
            pixels = rgb.image;
        }
        TrainTransformResult t = trainTransform(pixels, config, rng);
        if (!t.ok()) {
            error = item.path + ": " + t.error;
            return false;
        }
        out.image = t.image;
        out.label = t.labelOverride >= 0 ? t.labelOverride : item.label;
        if (multiLabel) {
            out.targets = item.targets;
            out.targets.resize(classes, -1.0f);
        } else if (oneHot) {
            out.targets.assign(classes, 0.0f);
            if (out.label >= 0 && out.label < classes)
                out.targets[out.label] = 1.0f;
        }
        return true;
    };
}

torch::Tensor Trainer::stepLoss(const BatchTensors &batch, const NetOutput &student,
                                const NetOutput &teacher) const
{
    const DistillConfig &distill = m_config.distill;
    // The ground-truth loss of one model's logits.
    auto groundTruth = [&](const torch::Tensor &logits) -> torch::Tensor {
        if (m_multiLabel)
            return multiLabelLoss(logits, batch.targets, m_positiveRatio);
        if (batch.targets.defined())
            return softTargetCrossEntropy(logits, batch.targets, m_config.labelSmoothing);
        const torch::Tensor labelled = batch.labels >= 0;
        if (labelled.all().item<bool>())
            return crossEntropy(logits, batch.labels, m_config.labelSmoothing);
        if (!labelled.any().item<bool>())
            return logits.sum() * 0.0;
        return crossEntropy(logits.index({labelled}), batch.labels.index({labelled}),
                            m_config.labelSmoothing);
    };
    switch (distill.mode) {
    case DistillMode::None:
        return groundTruth(student.logits);
    case DistillMode::SklUgi: {
        if (m_multiLabel) {
            // vehicle_attribute / table_attribute: the DML term weighted element-wise by the
            // ground truth's exp(ratio) weights (-1 masked), plus the multi-label loss.
            const torch::Tensor weights = multiLabelWeights(batch.targets, m_positiveRatio);
            return distill.dmlWeight * dmlLoss(student.logits, teacher.logits, false, weights) +
                   groundTruth(student.logits);
        }
        torch::Tensor loss = distill.dmlWeight * dmlLoss(student.logits, teacher.logits);
        if (distill.groundTruthWeight > 0.0)
            loss = loss + distill.groundTruthWeight * groundTruth(student.logits);
        return loss;
    }
    case DistillMode::Dml:
    case DistillMode::Udml: {
        torch::Tensor loss = groundTruth(student.logits) + groundTruth(teacher.logits) +
                             distill.dmlWeight * dmlLoss(student.logits, teacher.logits);
        if (distill.mode == DistillMode::Udml)
            loss = loss + distill.featureWeight * featureL2Loss(student.feature, teacher.feature);
        return loss;
    }
    }
    return groundTruth(student.logits);
}

bool Trainer::saveLast(std::string *error)
{
    const std::string path = (fs::path(m_job.runDir) / "last.ckpt").string();
    return saveCheckpoint(path, m_meta, *m_student, m_optimizer.optimizer.get(),
                          m_teacherTrains ? m_teacher.get() : nullptr,
                          m_teacherTrains ? m_teacherOptimizer.optimizer.get() : nullptr,
                          m_ema.get(), error);
}

/// The validation split through each of `nets` (the model, then its EMA): each batch is
/// decoded once and run through all of them. One result per net, in order.
std::vector<EvalResult> Trainer::validate(const std::vector<ClassifierNet *> &nets)
{
    const auto &items = m_job.data.val;
    std::vector<std::vector<std::vector<float>>> probabilities(
        nets.size(), std::vector<std::vector<float>>(items.size()));
    std::vector<std::string> errors(items.size());
    const TrainConfig config = m_config;
    SampleFn fn = [&items, config](int index, AugmentRng &, LoaderSample &out, std::string &error) {
        AugmentResult rgb = loadRgbFile(items[index].path);
        if (rgb.ok())
            rgb = evalTransform(rgb.image, config);
        if (!rgb.ok()) {
            error = rgb.error;
            return false;
        }
        out.image = rgb.image;
        return true;
    };
    LoaderOptions options;
    options.batchSize = std::max(1, m_config.batchSize);
    options.shuffle = false;
    options.workers = m_config.loaderThreads;
    options.prefetchBatches = m_config.prefetchBatches;
    options.seed = m_config.seed;
    BatchLoader loader(static_cast<int>(items.size()), fn, options);
    torch::NoGradGuard noGrad;
    for (ClassifierNet *net : nets)
        net->eval();
    Batch batch;
    while (loader.next(batch)) {
        for (const auto &[index, error] : batch.skipped)
            errors[index] = error;
        if (batch.size == 0)
            continue;
        const BatchTensors t = tensorsOf(batch);
        for (size_t n = 0; n < nets.size(); ++n) {
            torch::Tensor logits = nets[n]->run(t.images).logits;
            torch::Tensor p =
                (m_multiLabel ? torch::sigmoid(logits) : torch::softmax(logits, 1)).contiguous();
            for (int i = 0; i < batch.size; ++i) {
                const float *row = p[i].data_ptr<float>();
                probabilities[n][batch.indices[i]].assign(row, row + m_classes);
            }
        }
        if (aborted())
            break;
    }
    m_student->train();
    std::vector<EvalResult> results(nets.size());
    for (size_t n = 0; n < nets.size(); ++n)
        scoreEvaluation(m_config, m_job.data.task, m_classes, items, probabilities[n], results[n]);
    for (size_t i = 0; i < errors.size(); ++i) {
        if (!errors[i].empty())
            log(LogLevel::Warning, "skipped in validation: " + errors[i]);
    }
    return results;
}

/// Setting up a run: its folder and log, the resumed checkpoint, the networks and optimiser,
/// and the schedule.
Status Trainer::prepare(RunProgress &p)
{
    std::error_code ec;
    fs::create_directories(m_job.runDir, ec);
    if (ec)
        return Status::failure(m_job.runDir + ": cannot create the run folder: " + ec.message());
    if (std::string error = m_runLog.open(m_job.runDir); !error.empty())
        return Status::failure(error);

    // With resume, the checkpoint's config decides the model and the optimizer's groups.
    LoadedCheckpoint checkpoint;
    if (m_job.resume) {
        std::string error;
        const std::string last = (fs::path(m_job.runDir) / "last.ckpt").string();
        if (!openCheckpoint(last, &checkpoint, &error))
            return Status::failure("cannot resume: " + error);
        const int threads = m_config.threads;
        m_config = checkpoint.meta.config;
        m_config.threads = threads;
    }
    if (Status set = setUp(); !set)
        return set;
    if (m_job.resume) {
        if (Status resumed = resumeFrom(checkpoint); !resumed)
            return resumed;
        m_runLog.truncateAfter(m_meta.globalStep);
    } else {
        std::ofstream(fs::path(m_job.runDir) / "config.yml") << writeConfigYaml(m_config);
    }
    at::set_num_threads(std::max(1, m_config.threads));

    p.items = static_cast<int>(m_trainItems.size());
    // BatchNorm cannot train on one image (LibTorch refuses a batch variance of one value), so a
    // last batch of a single image is left out even without drop_last.
    m_dropLast = dropsLastBatch(m_config, p.items);
    if (m_dropLast && !m_config.dropLast)
        log(LogLevel::Info, "the last batch of each epoch would hold a single image, which "
                            "BatchNorm cannot train on: it is left out");
    p.stepsPerEpoch = pulc::engine::stepsPerEpoch(m_config, p.items);
    if (p.stepsPerEpoch < 1)
        return Status::failure("the training split has too few images (" + std::to_string(p.items) +
                               ") for one batch of " + std::to_string(m_config.batchSize) +
                               (m_config.dropLast
                                    ? std::string(" with drop_last")
                                    : std::string(": BatchNorm needs at least 2 images")));
    p.schedule = makeSchedule(m_config, p.stepsPerEpoch);
    p.totalSteps = int64_t(p.stepsPerEpoch) * m_config.epochs;
    log(LogLevel::Info, m_config.model + ": " + std::to_string(p.items) + " training images, " +
                            std::to_string(p.stepsPerEpoch) + " steps per epoch, " +
                            std::to_string(m_config.epochs) + " epochs, batch " +
                            std::to_string(m_config.batchSize) + ", learning rate " +
                            configNumberText(m_config.learningRate) + " (peak, after " +
                            configNumberText(m_config.warmupEpochs) + " warm-up epochs)");

    prepareCache();
    if (aborted())
        return Status::success(); // run() sees the stop at its first step

    p.mix.mixupProb = m_config.augment.mixupProb;
    p.mix.mixupAlpha = m_config.augment.mixupAlpha;
    p.mix.cutmixProb = m_config.augment.cutmixProb;
    p.mix.cutmixAlpha = m_config.augment.cutmixAlpha;

    p.start = Clock::now();
    p.lastSave = p.start;
    m_student->train();
    if (m_teacher)
        m_teacherTrains ? m_teacher->train() : m_teacher->eval();
    return Status::success();
}

LoaderOptions Trainer::loaderOptions(int epoch, const BatchMixParams &mix) const
{
    LoaderOptions options;
    options.batchSize = m_config.batchSize;
    options.dropLast = m_dropLast;
    options.workers = m_config.loaderThreads;
    options.prefetchBatches = m_config.prefetchBatches;
    options.seed = m_config.seed;
    options.epoch = epoch;
    options.firstBatch = m_meta.nextBatch;
    options.maxBatches = m_config.maxStepsPerEpoch;
    // With the cache the loader's work is small and fits in the gaps the step leaves; without
    // it decoding needs its share (train_bench, docs/training.md 'Decoded-image cache').
    options.lowerPriority = m_cache != nullptr;
    if (m_mixing) {
        const int classes = m_classes;
        options.batchFn = [mix, classes](Batch &batch, AugmentRng &rng) {
            if (batch.size > 1)
                mixBatch(batch.data.data(), batch.size, batch.height, batch.width, batch.targets,
                         classes, mix, rng);
        };
    }
    return options;
}

/// One optimiser step on `batch` (its tensors view the batch's buffers), its report, and a
/// mid-epoch checkpoint when one is due.
Status Trainer::trainStep(Batch &batch, int epoch, RunProgress &p)
{
    const BatchTensors t = tensorsOf(batch);
    const double lr = p.schedule.at(m_meta.globalStep);
    setLearningRate(*m_optimizer.optimizer, m_optimizer.groupMultipliers, lr);
    if (m_teacherTrains)
        setLearningRate(*m_teacherOptimizer.optimizer, m_teacherOptimizer.groupMultipliers, lr);
    const std::string stage =
        m_config.distill.mode == DistillMode::Udml ? m_config.distill.featureStage : std::string();
    torch::Tensor loss;
    try {
        const NetOutput student = m_student->run(t.images, stage);
        NetOutput teacher;
        if (m_teacher) {
            if (m_teacherTrains) {
                teacher = m_teacher->run(t.images, stage);
            } else {
                torch::NoGradGuard noGrad;
                teacher = m_teacher->run(t.images);
            }
        }
        loss = stepLoss(t, student, teacher);
        m_optimizer.optimizer->zero_grad();
        if (m_teacherTrains)
            m_teacherOptimizer.optimizer->zero_grad();
        loss.backward();
        m_optimizer.optimizer->step();
        if (m_teacherTrains)
            m_teacherOptimizer.optimizer->step();
        if (m_emaUpdate)
            m_emaUpdate->update();
    } catch (const std::exception &e) {
        return Status::failure(std::string("training step failed: ") + e.what());
    }
    const double lossValue = loss.item<double>();
    if (!std::isfinite(lossValue))
        return Status::failure("the loss became " + std::to_string(lossValue) + " at epoch " +
                               std::to_string(epoch) + "; lower the learning rate");
    ++m_meta.globalStep;
    ++p.stepsThisSession;
    m_meta.epochLossSum += lossValue;
    ++m_meta.epochLossSteps;
    m_meta.nextBatch = batch.number + 1;
    reportStep(batch, epoch, lossValue, lr, p);

    // The same checkpoint a stop writes (nextBatch, the partial epoch's loss, the RNG), so
    // resume continues mid-epoch exactly. Not after the epoch's last step: the epoch's own
    // checkpoint follows at once.
    ++p.stepsSinceSave;
    const bool byMinutes = m_config.saveIntervalMinutes > 0 &&
                           secondsSince(p.lastSave) >= 60.0 * m_config.saveIntervalMinutes;
    const bool bySteps =
        m_config.saveIntervalSteps > 0 && p.stepsSinceSave >= m_config.saveIntervalSteps;
    if ((byMinutes || bySteps) && m_meta.nextBatch < p.stepsPerEpoch) {
        std::string error;
        if (!saveLast(&error))
            return Status::failure(error);
        p.lastSave = Clock::now();
        p.stepsSinceSave = 0;
    }
    return Status::success();
}

/// The step's figures to the run log and the callbacks: loss, learning rate, speed over the
/// last 20 steps, time left.
void Trainer::reportStep(const Batch &batch, int epoch, double loss, double lr, RunProgress &p)
{
    const auto now = Clock::now();
    p.recent.emplace_back(now, batch.size);
    while (p.recent.size() > 20)
        p.recent.pop_front();
    StepInfo step;
    step.epoch = epoch;
    step.step = batch.number + 1;
    step.stepsPerEpoch = p.stepsPerEpoch;
    step.globalStep = m_meta.globalStep;
    step.totalSteps = p.totalSteps;
    step.loss = loss;
    step.learningRate = lr;
    if (p.recent.size() > 1) {
        int images = 0;
        for (size_t i = 1; i < p.recent.size(); ++i)
            images += p.recent[i].second;
        const double span =
            std::chrono::duration<double>(p.recent.back().first - p.recent.front().first).count();
        step.imagesPerSecond = span > 0 ? images / span : 0.0;
    }
    const double perStep = secondsSince(p.start) / double(p.stepsThisSession);
    step.etaSeconds = perStep * double(p.totalSteps - m_meta.globalStep);
    m_runLog.step(step);
    if (m_cb.onStep)
        m_cb.onStep(step);
    if (m_cb.onProgress)
        m_cb.onProgress(double(m_meta.globalStep) / double(p.totalSteps), "train");
}

/// End of an epoch: validate, then checkpoint (last, and best when it improved). `stopped` is
/// set when the user stopped during validation (resume validates this epoch again).
Status Trainer::finishEpoch(int epoch, int skipped, Clock::time_point epochStart, RunProgress &p,
                            bool *stopped)
{
    EpochInfo info;
    info.epoch = epoch;
    info.epochs = m_config.epochs;
    info.trainLoss =
        m_meta.epochLossSteps > 0 ? m_meta.epochLossSum / double(m_meta.epochLossSteps) : 0.0;
    info.skippedImages = skipped;
    if (m_cb.onProgress)
        m_cb.onProgress(double(m_meta.globalStep) / double(p.totalSteps), "eval");
    info.metrics["train_loss"] = info.trainLoss;
    const bool validated = !m_job.data.val.empty();
    double emaValue = -std::numeric_limits<double>::infinity();
    if (validated) {
        std::vector<ClassifierNet *> nets{m_student.get()};
        if (m_ema)
            nets.push_back(m_ema.get());
        const std::vector<EvalResult> evals = validate(nets);
        if (aborted()) {
            *stopped = true;
            return Status::success();
        }
        for (const auto &[key, value] : evals[0].metrics)
            info.metrics[key] = value;
        info.mainMetric = evals[0].mainMetric;
        info.mainValue = evals[0].mainValue;
        if (m_ema) {
            for (const auto &[key, value] : evals[1].metrics)
                info.metrics["ema_" + key] = value;
            emaValue = evals[1].mainValue;
        }
    } else {
        info.mainMetric = "train_loss";
        info.mainValue = -info.trainLoss;
    }
    // Each one's best is tracked, as PaddleClas does; the run keeps the better of the two (the
    // model on a tie, and always without validation, where the EMA has no number).
    if (m_meta.modelBestEpoch == 0 || info.mainValue > m_meta.modelBestValue || !validated) {
        m_meta.modelBestEpoch = epoch;
        m_meta.modelBestValue = info.mainValue;
    }
    const bool emaScored = m_ema && validated;
    if (emaScored && (m_meta.emaBestEpoch == 0 || emaValue > m_meta.emaBestValue)) {
        m_meta.emaBestEpoch = epoch;
        m_meta.emaBestValue = emaValue;
    }
    const bool emaWins = emaScored && emaValue > info.mainValue;
    const double epochValue = emaWins ? emaValue : info.mainValue;
    info.best = m_meta.bestEpoch == 0 || epochValue > m_meta.bestValue || !validated;
    info.bestIsEma = info.best && emaWins;
    m_meta.epochsDone = epoch;
    m_meta.nextBatch = 0;
    m_meta.epochLossSum = 0.0;
    m_meta.epochLossSteps = 0;
    if (info.best) {
        m_meta.bestEpoch = epoch;
        m_meta.bestValue = epochValue;
        m_meta.bestIsEma = emaWins;
    }
    std::string error;
    if (!saveLast(&error))
        return Status::failure(error);
    p.lastSave = Clock::now();
    p.stepsSinceSave = 0;
    if (info.best) {
        const fs::path best = fs::path(m_job.runDir) / "best.ckpt";
        if (emaWins) {
            // The EMA's weights as the "model" part, so evaluation, export and prediction of the
            // run use them unchanged. Nothing resumes from best.ckpt: no optimizer state.
            if (!saveCheckpoint(best.string(), m_meta, *m_ema, nullptr, nullptr, nullptr, nullptr,
                                &error))
                return Status::failure(error);
        } else {
            std::error_code ec;
            fs::copy_file(fs::path(m_job.runDir) / "last.ckpt",
                          fs::path(m_job.runDir) / "best.ckpt.partial",
                          fs::copy_options::overwrite_existing, ec);
            if (!ec)
                fs::rename(fs::path(m_job.runDir) / "best.ckpt.partial", best, ec);
            if (ec)
                return Status::failure(m_job.runDir + "/best.ckpt: cannot write: " + ec.message());
        }
        p.result.bestMetrics = info.metrics;
    }
    info.seconds = secondsSince(epochStart);
    m_runLog.epoch(info);
    if (m_cb.onEpoch)
        m_cb.onEpoch(info);
    return Status::success();
}

/// Writes last.ckpt where the run stands and reports a resumable stop.
TrainResult Trainer::stopped(RunProgress &p)
{
    std::string error;
    if (!saveLast(&error))
        return failure(error);
    log(LogLevel::Info, "stopped in epoch " + std::to_string(m_meta.epochsDone + 1) +
                            " after step " + std::to_string(m_meta.nextBatch) +
                            "; resume continues from here");
    TrainResult &result = p.result;
    result.status = TrainResult::Status::Stopped;
    result.lastCheckpoint = (fs::path(m_job.runDir) / "last.ckpt").string();
    result.epochsDone = m_meta.epochsDone;
    result.bestEpoch = m_meta.bestEpoch;
    result.bestIsEma = m_meta.bestIsEma;
    if (m_meta.bestEpoch > 0)
        result.checkpoint = (fs::path(m_job.runDir) / "best.ckpt").string();
    return result;
}

TrainResult Trainer::finished(RunProgress &p)
{
    TrainResult &result = p.result;
    result.status = TrainResult::Status::Finished;
    result.epochsDone = m_meta.epochsDone;
    result.bestEpoch = m_meta.bestEpoch;
    result.bestIsEma = m_meta.bestIsEma;
    result.checkpoint = (fs::path(m_job.runDir) / "best.ckpt").string();
    result.lastCheckpoint = (fs::path(m_job.runDir) / "last.ckpt").string();
    if (result.bestMetrics.empty()) {
        // Resumed after the best epoch: read its metrics back from the run log.
        result.bestMetrics = m_runLog.epochMetrics(m_meta.bestEpoch);
    }
    if (m_ema && m_meta.emaBestEpoch > 0)
        log(LogLevel::Info, "model EMA: the model's best was epoch " +
                                std::to_string(m_meta.modelBestEpoch) + " (" +
                                configNumberText(m_meta.modelBestValue) + "), the EMA's epoch " +
                                std::to_string(m_meta.emaBestEpoch) + " (" +
                                configNumberText(m_meta.emaBestValue) + ")");
    log(LogLevel::Info, "finished: best epoch " + std::to_string(m_meta.bestEpoch) +
                            (m_meta.bestIsEma ? " (the model EMA's weights)" : ""));
    return result;
}

TrainResult Trainer::run()
{
    RunProgress p;
    if (Status prepared = prepare(p); !prepared)
        return failure(prepared.error);
    if (aborted())
        return stopped(p); // while the cache was being built
    for (int epoch = m_meta.epochsDone + 1; epoch <= m_config.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        BatchLoader loader(p.items, trainSampleFn(), loaderOptions(epoch, p.mix));
        int skipped = 0;
        Batch batch;
        while (loader.next(batch)) {
            for (const auto &[index, error] : batch.skipped) {
                ++skipped;
                log(LogLevel::Warning, "skipped: " + error);
            }
            if (batch.size > 0) {
                if (Status stepped = trainStep(batch, epoch, p); !stepped)
                    return failure(stepped.error);
            }
            if (aborted()) {
                loader.stop();
                return stopped(p);
            }
        }
        bool stop = false;
        if (Status finished = finishEpoch(epoch, skipped, epochStart, p, &stop); !finished)
            return failure(finished.error);
        if (stop)
            return stopped(p);
    }
    return finished(p);
}

TrainResult train(const TrainJob &job, const JobCallbacks &callbacks)
{
    try {
        Trainer trainer(job, callbacks);
        return trainer.run();
    } catch (const std::exception &e) {
        TrainResult result;
        result.status = TrainResult::Status::Failed;
        result.error = std::string("training failed: ") + e.what();
        if (callbacks.onLog)
            callbacks.onLog(LogLevel::Error, result.error);
        return result;
    }
}

} // namespace pulc::engine
