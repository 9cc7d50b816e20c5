#pragma once
// Public: the training and evaluation jobs, in the shape of whisper.cpp's API
// (docs/architecture.md, 'Engine API'): a config struct, one entry call per job, callbacks for
// progress, steps, epochs, log lines and abort. Plain C++ types only. The calls block; the host
// decides which thread runs them (the CLI's main thread, a QThread worker in the GUI). Callbacks
// run on that same thread.

#include "engine/trainconfig.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace pulc::engine {

/// An immutable copy of what training needs from a project, never a database handle
/// (docs/architecture.md, 'Threads').
struct DatasetSnapshot
{
    struct Item
    {
        std::string path;           ///< absolute
        int64_t sampleId = 0;       ///< the project's sample id, 0 when not from a project
        int label = -1;             ///< single-label / binary: class index; -1 unlabeled
        std::vector<float> targets; ///< multi-label: 1, 0 or -1 (ignored) per class
    };
    Task task = Task::SingleLabel;
    std::vector<std::string> classNames; ///< index = label
    std::vector<Item> train;
    std::vector<Item> val;
    std::vector<Item> test;
    std::vector<Item> unlabeled; ///< images without labels (SKL-UGI's pool)
};

/// One optimisation step, reported after it.
struct StepInfo
{
    int epoch = 0; ///< 1-based
    int step = 0;  ///< 1-based within the epoch
    int stepsPerEpoch = 0;
    int64_t globalStep = 0; ///< 1-based over the run
    int64_t totalSteps = 0;
    double loss = 0.0;
    double learningRate = 0.0;
    double imagesPerSecond = 0.0; ///< over the last steps
    double etaSeconds = 0.0;      ///< for the whole run
};

/// One finished epoch, with the validation metrics.
struct EpochInfo
{
    int epoch = 0; ///< 1-based
    int epochs = 0;
    double trainLoss = 0.0; ///< mean over the epoch's steps
    /// By name: "top1", "top5", "tpr_at_fpr", "threshold", "mA", "val_loss", ... With model
    /// EMA (TrainConfig::emaDecay) the average's metrics too, prefixed "ema_" ("ema_top1").
    std::map<std::string, double> metrics;
    std::string mainMetric; ///< the name of the main one in `metrics` (the model's)
    double mainValue = 0.0;
    /// The best epoch so far, over the model and its EMA (best.ckpt was written with the
    /// better of the two).
    bool best = false;
    bool bestIsEma = false; ///< with `best`: the EMA scored it, and best.ckpt holds the EMA
    double seconds = 0.0;
    int skippedImages = 0; ///< unreadable images met this epoch (logged, not fatal)
};

enum class LogLevel { Info, Warning, Error };

/// Callbacks of a job; any may be empty. They run on the job's thread, between steps.
struct JobCallbacks
{
    std::function<void(const StepInfo &)> onStep;
    std::function<void(const EpochInfo &)> onEpoch;
    std::function<void(LogLevel, const std::string &)> onLog;
    /// Fraction 0..1 of the whole job and a short phase name ("train", "eval", "load").
    std::function<void(double, const std::string &)> onProgress;
    /// Polled between steps; true stops the job after the current step with a checkpoint.
    std::function<bool()> shouldAbort;
};

/// How a training job ended.
struct TrainResult
{
    enum class Status { Finished, Stopped, Failed };
    Status status = Status::Failed;
    std::string error; ///< English, names the file or setting (Failed only)
    int bestEpoch = 0;
    std::map<std::string, double> bestMetrics; ///< the best epoch's EpochInfo::metrics
    bool bestIsEma = false;     ///< best.ckpt holds the model EMA's weights (its "ema_" metrics)
    std::string checkpoint;     ///< best.ckpt (or last.ckpt when no epoch finished evaluating)
    std::string lastCheckpoint; ///< last.ckpt: what resume continues from
    int epochsDone = 0;
};

/// Where a training job writes and where it may resume from.
struct TrainJob
{
    TrainConfig config;
    DatasetSnapshot data;
    /// The run folder: config.yml, metrics.jsonl, last.ckpt, best.ckpt are written here.
    std::string runDir;
    /// Continue from runDir/last.ckpt (its config wins over `config`, except threads).
    bool resume = false;
    /// Where the project keeps its decoded-image cache (config.decodeCacheMb bounds it); empty:
    /// no cache, training images are decoded every epoch.
    std::string cacheDir;
    /// For DistillMode SKL-UGI/DML/UDML: the teacher's checkpoint file (a finished run's
    /// best.ckpt); empty when config.distill.teacherCheckpoint says it.
    std::string teacherCheckpoint;
};

/// Trains. Blocks until done, stopped by shouldAbort, or failed; never throws. Writes
/// runDir/metrics.jsonl (one JSON object per line: {"event":"step",...} / {"event":"epoch",...})
/// and checkpoints atomically each epoch (last.ckpt) and for the best epoch (best.ckpt).
TrainResult train(const TrainJob &job, const JobCallbacks &callbacks = {});

/// One image's outcome in an evaluation.
struct EvalSample
{
    int index = 0;             ///< into the evaluated item list
    std::vector<float> scores; ///< softmax (single/binary) or sigmoid (multi-label) outputs
    int predicted = -1;        ///< argmax, or for binary the thresholded decision
    double loss = 0.0;         ///< the sample's loss against its label (for "top losses")
    bool failed = false;       ///< unreadable image (scores empty)
    std::string error;
};

/// Metrics of a model on a list of labelled images.
struct EvalResult
{
    bool ok = false;
    std::string error;
    std::map<std::string, double> metrics; ///< as EpochInfo::metrics
    std::string mainMetric;
    double mainValue = 0.0;
    /// confusion[true][predicted] (single-label and binary).
    std::vector<std::vector<int64_t>> confusion;
    /// Per class (or attribute): precision, recall, F1, support.
    struct ClassMetrics
    {
        double precision = 0, recall = 0, f1 = 0;
        int64_t support = 0;
    };
    std::vector<ClassMetrics> perClass;
    std::vector<EvalSample> samples;
    /// The evaluated images (EvalSample::index points here), with their project sample ids,
    /// so a host can show and relabel them.
    std::vector<DatasetSnapshot::Item> items;
    std::vector<std::string> classNames; ///< the model's, index = label
    double threshold = 0.5;              ///< the model's binary / attribute decision threshold
};

/// Evaluates the checkpoint on `items` (labelled) with the checkpoint's own eval
/// pre-processing. When `classNames` is not empty it must equal the checkpoint's (the labels
/// index it). Never throws; progress and abort through the callbacks.
EvalResult evaluate(const std::string &checkpoint, const std::vector<DatasetSnapshot::Item> &items,
                    Task task, const JobCallbacks &callbacks = {}, int threads = 2,
                    const std::vector<std::string> &classNames = {});

} // namespace pulc::engine
