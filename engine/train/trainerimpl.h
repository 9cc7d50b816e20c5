#pragma once
// Internal to engine/: the Trainer behind train() (engine/training.h). Its set-up (the networks,
// pretrained weights, the teacher, the model EMA, resume, the decoded-image cache) is in
// train/trainersetup.cpp; the loop (loader, steps, validation, checkpoints) in train/trainer.cpp.

#include "engine/training.h"

#include "engine/data/batchmix.h"
#include "engine/data/decodedcache.h"
#include "engine/data/loader.h"
#include "engine/nets/network.h"
#include "engine/train/checkpoint.h"
#include "engine/train/ema.h"
#include "engine/train/optimizer.h"
#include "engine/train/runlog.h"
#include "engine/train/schedule.h"

#include <chrono>
#include <deque>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace pulc::engine {

/// Seconds since `start` on the steady clock.
double secondsSince(std::chrono::steady_clock::time_point start);

/// What the step needs from a batch, as tensors over the loader's buffers (no copy).
struct BatchTensors
{
    torch::Tensor images;  ///< [N, 3, H, W]
    torch::Tensor labels;  ///< [N] int64 (-1: unlabeled)
    torch::Tensor targets; ///< [N, C] soft / multi-label targets, undefined when none
};

BatchTensors tensorsOf(Batch &batch);

/// A run in progress: the models, optimizers and bookkeeping train() works with.
class Trainer
{
public:
    using Clock = std::chrono::steady_clock;

    Trainer(const TrainJob &job, const JobCallbacks &callbacks)
        : m_job(job)
        , m_cb(callbacks)
        , m_config(job.config)
    {}

    TrainResult run();

private:
    void log(LogLevel level, const std::string &message)
    {
        if (m_cb.onLog)
            m_cb.onLog(level, message);
        m_runLog.log(level, message);
    }
    bool aborted() const { return m_cb.shouldAbort && m_cb.shouldAbort(); }
    TrainResult failure(const std::string &message)
    {
        log(LogLevel::Error, message);
        TrainResult result;
        result.status = TrainResult::Status::Failed;
        result.error = message;
        result.epochsDone = m_meta.epochsDone;
        return result;
    }

    Status setUp();
    Status loadPretrained();
    Status setUpTeacher();
    Status setUpEma();
    Status resumeFrom(LoadedCheckpoint &checkpoint);
    SampleFn trainSampleFn() const;
    torch::Tensor stepLoss(const BatchTensors &batch, const NetOutput &student,
                           const NetOutput &teacher) const;
    bool saveLast(std::string *error);
    std::vector<EvalResult> validate(const std::vector<ClassifierNet *> &nets);

    /// What one session of run() carries between its steps and epochs.
    struct RunProgress
    {
        int items = 0;
        int stepsPerEpoch = 0;
        int64_t totalSteps = 0;
        LrSchedule schedule;
        BatchMixParams mix;
        Clock::time_point start;
        int64_t stepsThisSession = 0;
        // Checkpoints within an epoch: a stop writes one, but a killed process (power cut, OOM
        // killer) writes nothing, and without these it would lose the whole epoch in flight.
        Clock::time_point lastSave;
        int64_t stepsSinceSave = 0;
        std::deque<std::pair<Clock::time_point, int>> recent; ///< (end time, images) of steps
        TrainResult result;
    };
    Status prepare(RunProgress &p);
    void prepareCache();
    LoaderOptions loaderOptions(int epoch, const BatchMixParams &mix) const;
    Status trainStep(Batch &batch, int epoch, RunProgress &p);
    void reportStep(const Batch &batch, int epoch, double loss, double lr, RunProgress &p);
    Status finishEpoch(int epoch, int skipped, Clock::time_point epochStart, RunProgress &p,
                       bool *stopped);
    TrainResult stopped(RunProgress &p);
    TrainResult finished(RunProgress &p);

    const TrainJob &m_job;
    const JobCallbacks &m_cb;
    TrainConfig m_config;
    bool m_dropLast =
        false; ///< config.dropLast, or forced when the last batch would hold one image
    CheckpointMeta m_meta;
    int m_classes = 0;
    bool m_multiLabel = false;
    bool m_mixing = false;
    std::vector<DatasetSnapshot::Item> m_trainItems;
    /// The decoded-image cache (null: none) and each training item's file stamp for it.
    std::shared_ptr<const DecodedCache> m_cache;
    std::vector<FileStamp> m_stamps;

    std::shared_ptr<ClassifierNet> m_student;
    std::shared_ptr<ClassifierNet> m_teacher;
    bool m_teacherTrains = false;
    std::shared_ptr<ClassifierNet> m_ema; ///< the model EMA's network (emaDecay > 0)
    std::unique_ptr<ModelEma> m_emaUpdate;
    SgdSetup m_optimizer;
    SgdSetup m_teacherOptimizer;
    torch::Tensor m_positiveRatio;
    RunLog m_runLog;
};

} // namespace pulc::engine
