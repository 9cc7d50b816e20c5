#pragma once
// Public: the engine's jobs on a project folder, for the CLI and the GUI. They open their own
// connection to the project database in the calling thread (docs/architecture.md, 'Threads'), take
// a snapshot of the samples, record runs and their metrics in the database and in the run folder,
// and call the plain jobs of training.h. Plain C++ types only.

#include "engine/predictor.h"
#include "engine/training.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pulc::engine {

/// The project's samples as training sees them: labelled samples of each split (ok, not
/// removed), and the unlabeled pool. `warnings` receives what was left out and why.
/// Returns false with `error` naming the project when it cannot be read.
bool snapshotProject(const std::string &projectDir, DatasetSnapshot *snapshot,
                     std::vector<std::string> *warnings, std::string *error);

/// A training run to start or continue.
struct ProjectTrainRequest
{
    TrainConfig config;
    std::string runName;    ///< empty: "run-<id>"
    std::string resumeRun;  ///< id or name of a stopped run to continue (config is then ignored)
    std::string teacherRun; ///< id or name of a finished run to distil from
};

/// How it went, and where it was recorded.
struct ProjectTrainOutcome
{
    TrainResult result;
    int64_t runId = 0;
    std::string runName;
    std::string runDir;
};

/// Creates (or reopens) the run in the project's `runs` table and folder, trains, and records
/// status, best epoch, and per-step and per-epoch metrics. Blocks; never throws.
ProjectTrainOutcome trainInProject(const std::string &projectDir,
                                   const ProjectTrainRequest &request,
                                   const JobCallbacks &callbacks = {});

/// A run as listed by `pulc runs` and the GUI.
struct RunSummary
{
    int64_t id = 0;
    /// As stored, except "interrupted" for a "running" run whose process is gone (killed).
    std::string name, scene, model, status, createdAt, startedAt, finishedAt;
    int bestEpoch = 0;
    std::string mainMetric;
    double bestValue = 0.0;
    bool hasBest = false;
    std::string dir; ///< absolute
};

/// The project's runs by id. False with `error` when the project cannot be read.
bool listProjectRuns(const std::string &projectDir, std::vector<RunSummary> *runs,
                     std::string *error);

/// The checkpoint to predict with for run `run` (id or name): best.ckpt, or last.ckpt when the
/// run has not finished an epoch with a better result. Empty with `error` when there is none.
std::string runCheckpoint(const std::string &projectDir, const std::string &run,
                          std::string *error);

/// Evaluates run `run` on a split ("train", "val" or "test") of the project.
EvalResult evaluateInProject(const std::string &projectDir, const std::string &run,
                             const std::string &split, const JobCallbacks &callbacks = {},
                             int threads = 2);

} // namespace pulc::engine
