// The Trainer's set-up (engine/train/trainerimpl.h): the networks and their optimisers,
// pretrained weights, the distillation teacher, the model EMA, resume from a checkpoint, and the
// decoded-image cache.
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

Status Trainer::setUp()
{
    const DatasetSnapshot &data = m_job.data;
    m_classes = static_cast<int>(data.classNames.size());
    m_config.task = data.task;
    m_multiLabel = data.task == Task::MultiLabel;
    if (m_classes < (m_multiLabel ? 1 : 2))
        return Status::failure("the project needs at least " +
                               std::string(m_multiLabel ? "1 class" : "2 classes") +
                               " to train (it has " + std::to_string(m_classes) + ")");
    if (m_config.augment.rot90Labels && m_classes != 4)
        return Status::failure(
            "RandomRot90 labels need exactly 4 classes (0, 90, 180, 270 degrees), the "
            "project has " +
            std::to_string(m_classes));
    if (m_config.augment.blurLabels && m_classes != 2)
        return Status::failure(
            "BlurImage labels need exactly 2 classes (clear, blurred), the project has " +
            std::to_string(m_classes));
    const bool labelsFromOps = m_config.augment.rot90Labels || m_config.augment.blurLabels;
    for (const auto &item : data.train) {
        if (labelsFromOps || item.label >= 0 || !item.targets.empty())
            m_trainItems.push_back(item);
    }
    if (m_config.distill.mode == DistillMode::SklUgi && m_config.distill.useUnlabeled &&
        !m_multiLabel) {
        for (const auto &item : data.unlabeled)
            m_trainItems.push_back(item);
        if (!data.unlabeled.empty())
            log(LogLevel::Info, "SKL-UGI: " + std::to_string(data.unlabeled.size()) +
                                    " unlabeled images added to the training list");
    }
    if (m_trainItems.empty())
        return Status::failure(
            "the training split has no labelled images (split the project first)");
    if (m_config.batchSize < 1 || m_config.epochs < 1 || m_config.trainWidth < 1 ||
        m_config.trainHeight < 1 || m_config.inputWidth < 1 || m_config.inputHeight < 1)
        return Status::failure("epochs, batch size and image sizes must be positive");
    // The config reader refuses lr <= 0, so a run started with it could never be resumed.
    if (!(m_config.learningRate > 0.0))
        return Status::failure("the learning rate must be positive (lr = " +
                               configNumberText(m_config.learningRate) + ")");
    // A new run must validate what it trains; a resumed one keeps the sizes it started with.
    if (const auto problems = geometryProblems(m_config); !problems.empty() && !m_job.resume)
        return Status::failure("the image sizes disagree: " + problems.front());
    if (data.val.empty())
        log(LogLevel::Warning, "the validation split is empty: no metrics per epoch, the last "
                               "epoch is kept as the best");
    m_mixing =
        !m_multiLabel && (m_config.augment.mixupProb > 0.0 || m_config.augment.cutmixProb > 0.0);
    if (m_multiLabel) {
        std::vector<std::vector<float>> targets;
        for (const auto &item : m_trainItems)
            targets.push_back(item.targets);
        m_meta.positiveRatio = positiveRatios(targets, m_classes);
        m_positiveRatio = torch::tensor(m_meta.positiveRatio);
    }

    torch::manual_seed(m_config.seed);
    try {
        m_student = buildNetwork(networkOptions(m_config, m_config.model, m_classes));
    } catch (const std::exception &e) {
        return Status::failure(std::string("cannot build the model: ") + e.what());
    }
    // A resumed run restores last.ckpt instead, which already started from these weights.
    if (!m_config.pretrained.empty() && !m_job.resume) {
        if (const Status loaded = loadPretrained(); !loaded)
            return loaded;
    }
    if (const Status teacher = setUpTeacher(); !teacher)
        return teacher;
    // NHWC weights and inputs: oneDNN's channels-last kernels (bench/train_bench).
    useChannelsLast(*m_student);
    if (m_teacher)
        useChannelsLast(*m_teacher);
    m_optimizer = makeSgd(*m_student, m_config);
    if (m_teacherTrains)
        m_teacherOptimizer = makeSgd(*m_teacher, m_config);
    if (const Status ema = setUpEma(); !ema)
        return ema;
    m_meta.config = m_config;
    m_meta.classNames = data.classNames;
    return Status::success();
}

Status Trainer::loadPretrained()
{
    // The project's classes rarely match the file's (ImageNet's 1000): PaddleClas fine-tunes
    // with a fresh fc then, and so do we.
    LoadWeightsOptions options;
    options.allowHeadMismatch = true;
    LoadWeightsReport report;
    std::string error;
    if (!loadPretrainedInto(*m_student, m_config.model, m_config.pretrained, options, &report,
                            &error))
        return Status::failure("cannot start from pretrained weights: " + error);
    for (const std::string &message : report.messages) {
        const bool head = report.headReinitialised && message.rfind("fc re-initialised", 0) == 0;
        log(head ? LogLevel::Warning : LogLevel::Info, message);
    }
    log(LogLevel::Info, "starting from pretrained weights " + m_config.pretrained + ": " +
                            std::to_string(report.tensorsLoaded) + " tensors loaded");
    return Status::success();
}

Status Trainer::setUpTeacher()
{
    const DistillConfig &distill = m_config.distill;
    if (distill.mode == DistillMode::None)
        return Status::success();
    m_teacherTrains = distill.mode != DistillMode::SklUgi;
    const std::string file =
        !m_job.teacherCheckpoint.empty() ? m_job.teacherCheckpoint : distill.teacherCheckpoint;
    if (file.empty()) {
        if (!m_teacherTrains)
            return Status::failure(
                "SKL-UGI needs a trained teacher: pick a finished run or a checkpoint file");
        // DML / UDML may start both models from scratch (mutual learning).
        try {
            m_teacher = buildNetwork(networkOptions(m_config, distill.teacherModel, m_classes));
        } catch (const std::exception &e) {
            return Status::failure(std::string("cannot build the teacher: ") + e.what());
        }
    } else if (isPickleFile(file)) {
        // A PaddleClas teacher: the configured architecture, loaded strictly. Its fc is never
        // re-initialised, since a teacher's predictions are the student's targets.
        try {
            m_teacher = buildNetwork(networkOptions(m_config, distill.teacherModel, m_classes));
        } catch (const std::exception &e) {
            return Status::failure(std::string("cannot build the teacher: ") + e.what());
        }
        LoadWeightsReport report;
        std::string error;
        if (!loadPretrainedInto(*m_teacher, distill.teacherModel, file, {}, &report, &error))
            return Status::failure("teacher: " + error + " (a teacher must be a " +
                                   distill.teacherModel + " that predicts this project's " +
                                   std::to_string(m_classes) +
                                   " classes; its fc is not re-initialised)");
        for (const std::string &message : report.messages)
            log(LogLevel::Info, "teacher: " + message);
        log(LogLevel::Info, "teacher " + distill.teacherModel + " loaded from " + file + " (" +
                                std::to_string(report.tensorsLoaded) + " tensors)");
    } else {
        LoadedCheckpoint checkpoint;
        std::string error;
        if (!openCheckpoint(file, &checkpoint, &error))
            return Status::failure("teacher: " + error);
        if (checkpoint.meta.classNames.size() != static_cast<size_t>(m_classes))
            return Status::failure("teacher " + file + " has " +
                                   std::to_string(checkpoint.meta.classNames.size()) +
                                   " classes, the project has " + std::to_string(m_classes));
        const TrainConfig &tc = checkpoint.meta.config;
        try {
            m_teacher = buildNetwork(networkOptions(tc, tc.model, m_classes));
        } catch (const std::exception &e) {
            return Status::failure(std::string("cannot build the teacher: ") + e.what());
        }
        if (!restoreModule(checkpoint, "model", *m_teacher, &error))
            return Status::failure("teacher: " + error);
        log(LogLevel::Info, "teacher " + tc.model + " loaded from " + file);
    }
    if (!m_teacherTrains) {
        // Deviation from PaddleClas (docs/paddleclas-compat.md, 'Distillation'), which only freezes
        // the teacher's parameters: the frozen teacher also runs in eval mode, so its BN statistics
        // and dropout do not drift with the student's batches and its targets are the model that
        // was validated.
        for (auto &p : m_teacher->parameters())
            p.set_requires_grad(false);
        m_teacher->eval();
    }
    if (distill.mode == DistillMode::Udml) {
        try {
            const auto probe = torch::zeros({1, 3, m_config.trainHeight, m_config.trainWidth});
            torch::NoGradGuard noGrad;
            m_student->eval();
            m_teacher->eval();
            const auto a = m_student->run(probe, distill.featureStage).feature;
            const auto b = m_teacher->run(probe, distill.featureStage).feature;
            if (a.sizes() != b.sizes())
                return Status::failure(
                    "UDML: the " + distill.featureStage +
                    " features of student and teacher differ in shape; use the same "
                    "architecture for both");
        } catch (const std::exception &e) {
            return Status::failure(std::string("UDML: ") + e.what());
        }
    }
    return Status::success();
}

/// The model EMA ('Model EMA' in docs/paddleclas-compat.md): a second student that starts as a
/// copy of the first (after its pretrained weights) and follows it after every step.
Status Trainer::setUpEma()
{
    if (m_config.emaDecay <= 0.0)
        return Status::success();
    if (m_config.emaDecay >= 1.0)
        return Status::failure("ema_decay must be below 1 (it is " +
                               configNumberText(m_config.emaDecay) + ")");
    // Building draws initial weights from torch's RNG, which also draws the dropout masks: it
    // is put back, so turning EMA on leaves the model's own training unchanged.
    auto generator = at::detail::getDefaultCPUGenerator();
    at::Tensor rng;
    {
        std::lock_guard<std::mutex> lock(generator.mutex());
        rng = generator.get_state();
    }
    try {
        m_ema = buildNetwork(networkOptions(m_config, m_config.model, m_classes));
        useChannelsLast(*m_ema);
        for (auto &parameter : m_ema->parameters())
            parameter.set_requires_grad(false);
        m_ema->eval();
        m_emaUpdate = std::make_unique<ModelEma>(*m_student, *m_ema, m_config.emaDecay);
    } catch (const std::exception &e) {
        return Status::failure(std::string("cannot build the model EMA: ") + e.what());
    }
    {
        std::lock_guard<std::mutex> lock(generator.mutex());
        generator.set_state(rng);
    }
    m_emaUpdate->reset();
    log(LogLevel::Info, "model EMA on (decay " + configNumberText(m_config.emaDecay) +
                            "): the average is validated beside the model every epoch and the "
                            "better of the two is kept");
    return Status::success();
}

Status Trainer::resumeFrom(LoadedCheckpoint &checkpoint)
{
    std::string error;
    const int threads = m_config.threads;
    const int loaderThreads = m_config.loaderThreads;
    m_meta = checkpoint.meta;
    m_config = checkpoint.meta.config;
    m_config.threads = threads;
    m_config.loaderThreads = loaderThreads;
    if (m_meta.classNames != m_job.data.classNames)
        return Status::failure(checkpoint.path +
                               ": the project's classes changed since the run started");
    if (!restoreModule(checkpoint, "model", *m_student, &error) ||
        !restoreOptimizer(checkpoint, "optimizer", *m_optimizer.optimizer, &error))
        return Status::failure(error);
    if (m_teacherTrains &&
        (!restoreModule(checkpoint, "teacher", *m_teacher, &error) ||
         !restoreOptimizer(checkpoint, "teacher_optimizer", *m_teacherOptimizer.optimizer, &error)))
        return Status::failure(error);
    if (m_ema) {
        if (hasModulePart(checkpoint, "ema")) {
            if (!restoreModule(checkpoint, "ema", *m_ema, &error))
                return Status::failure(error);
        } else {
            m_emaUpdate->reset();
            log(LogLevel::Warning, checkpoint.path +
                                       " holds no model EMA (written before EMA was on or by "
                                       "an older PULC Studio): the EMA starts from the current "
                                       "weights");
        }
    }
    if (!restoreRng(checkpoint, &error))
        return Status::failure(error);
    if (!m_meta.positiveRatio.empty())
        m_positiveRatio = torch::tensor(m_meta.positiveRatio);
    log(LogLevel::Info,
        "resuming after epoch " + std::to_string(m_meta.epochsDone) +
            (m_meta.nextBatch > 0 ? ", batch " + std::to_string(m_meta.nextBatch) : std::string()));
    return Status::success();
}

/// Opens the project's decoded-image cache for this run's decode size, checks it, and builds it
/// again (reusing what is still right) when a training image is missing from it or changed. A
/// cache that cannot be used is logged and the run decodes its images instead.
void Trainer::prepareCache()
{
    const int side = trainDecodeShortSide(m_config);
    if (m_job.cacheDir.empty() || m_config.decodeCacheMb <= 0 || side <= 0)
        return;
    const Clock::time_point start = Clock::now();
    m_stamps.resize(m_trainItems.size());
    for (size_t i = 0; i < m_trainItems.size(); ++i)
        m_stamps[i] = fileStamp(m_trainItems[i].path);
    const std::string file = decodedCacheFile(m_job.cacheDir, side);
    const int64_t limit = int64_t(m_config.decodeCacheMb) * 1024 * 1024;
    std::unique_ptr<DecodedCache> cache;
    if (auto opened = DecodedCache::open(file)) {
        cache = std::move(*opened);
        for (const std::string &bad : cache->verify())
            log(LogLevel::Warning, file + ": the cached pixels of " + bad +
                                       " are damaged; the image is decoded from its file");
    } else if (fs::exists(file)) {
        log(LogLevel::Warning, opened.error() + "; it is built again");
    }
    size_t known = 0;
    for (size_t i = 0; i < m_trainItems.size(); ++i)
        known += cache && cache->knows(m_trainItems[i].path, m_stamps[i]) ? 1 : 0;
    const bool limitChanged = cache && cache->overLimit() > 0 && cache->maxBytes() != limit;
    if (!cache || known < m_trainItems.size() || limitChanged) {
        std::vector<std::string> paths;
        paths.reserve(m_trainItems.size());
        for (const auto &item : m_trainItems)
            paths.push_back(item.path);
        CacheBuildOptions options;
        options.shortSide = side;
        options.maxBytes = limit;
        options.threads = std::max(1, m_config.loaderThreads);
        options.progress = [this](int done, int total) {
            if (m_cb.onProgress)
                m_cb.onProgress(double(done) / std::max(1, total), "cache");
            return !aborted();
        };
        log(LogLevel::Info, "caching the training images decoded (short side " +
                                std::to_string(side) + ") in " + file +
                                ", so later epochs need not decode them");
        auto built = buildDecodedCache(file, paths, cache.get(), options);
        cache.reset(); // the new file replaced the old one; its mapping is no longer needed
        if (!built) {
            if (!aborted())
                log(LogLevel::Warning, built.error() + "; training decodes the images instead");
            return;
        }
        if (built->overLimit > 0)
            log(LogLevel::Warning, std::to_string(built->overLimit) +
                                       " images did not fit in the cache's " +
                                       std::to_string(m_config.decodeCacheMb) +
                                       " MiB (decode_cache_mb); they are decoded every epoch");
        auto reopened = DecodedCache::open(file);
        if (!reopened) {
            log(LogLevel::Warning, reopened.error() + "; training decodes the images instead");
            return;
        }
        cache = std::move(*reopened);
        cache->verify();
    }
    size_t hits = 0;
    for (size_t i = 0; i < m_trainItems.size(); ++i)
        hits += cache->find(m_trainItems[i].path, m_stamps[i]).empty() ? 0 : 1;
    log(LogLevel::Info, "decoded-image cache: " + std::to_string(hits) + " of " +
                            std::to_string(m_trainItems.size()) + " training images (" +
                            std::to_string(cache->fileBytes() / (1024 * 1024)) + " MiB, ready in " +
                            std::to_string(int(std::lround(secondsSince(start)))) + " s)");
    m_cache = std::move(cache);
}

} // namespace pulc::engine
