#pragma once
// Public header of pulc::jobs (engine/project/): the engine's jobs on a project folder, for the
// CLI and the GUI; the engine's core (every other header here) knows no project database. They
// open their own connection to the project database in the calling thread (docs/architecture.md,
// 'Threads'), take a snapshot of the samples, record runs and their metrics in the database and
// in the run folder, and call the plain jobs of training.h. Plain C++ types only.

#include "engine/bundle.h"
#include "engine/predictor.h"
#include "engine/pretrained.h"
#include "engine/training.h"

#include <cstdint>
#include <string>
#include <vector>

namespace pulc::engine {

/// The project's samples as training sees them: labelled samples of each split (ok, not
/// removed), and the unlabeled pool. `warnings` (if given) receives what was left out and why.
/// The error names the project when it cannot be read.
Result<DatasetSnapshot> snapshotProject(const std::string &projectDir,
                                        std::vector<std::string> *warnings = nullptr);

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

/// The project's runs by id; an error when the project cannot be read.
Result<std::vector<RunSummary>> listProjectRuns(const std::string &projectDir);

/// The checkpoint to predict with for run `run` (id or name): best.ckpt, or last.ckpt when the
/// run has not finished an epoch with a better result. An error when there is none.
Result<std::string> runCheckpoint(const std::string &projectDir, const std::string &run);

/// Evaluates run `run` on a split ("train", "val" or "test") of the project.
EvalResult evaluateInProject(const std::string &projectDir, const std::string &run,
                             const std::string &split, const JobCallbacks &callbacks = {},
                             int threads = 2);

/// Exports run `run` (id or name) of the project at `projectDir` with exportModel()
/// (engine/bundle.h). Blocks; never throws.
ExportResult exportRun(const std::string &projectDir, const std::string &run,
                       const ExportOptions &options);

/// `pulc import-model`: a PaddleClas weights file as a ready model of a project.
struct ImportModelRequest
{
    std::string file; ///< .pdparams (or a PULC Studio checkpoint)
    std::string projectDir;
    /// Scene template to use; "" = the one the file name starts with
    /// (<scene>_pretrained.pdparams), else the scene of the project's latest run, else
    /// "custom". A checkpoint keeps its own scene unless this is set.
    std::string scene;
    std::string model;   ///< "" = inferred from the shapes; else must fit them
    std::string runName; ///< "" = file's base name ("-2", "-3"... when a run has it)
    /// "key=value" settings applied over the scene template, as `pulc train --set` takes them
    /// (e.g. input=32x32 for a model trained at another size). The file's architecture wins
    /// over them (model, use_last_conv, class_expand).
    std::vector<std::string> settings;
    /// A PaddleClas class_id_map file ("id name" per line, as labels.txt): class names that
    /// win over the template's and the project's. "" = none.
    std::string labelsFile;
    /// A PaddleClas-shaped training config (a PULC PPLCNet_x1_0.yaml, or the config.yaml that
    /// `pulc export --format pdparams` writes beside the weights) read over the scene template
    /// before `settings`: input size, resize, strides, threshold. "" = none.
    std::string configFile;
};

struct ImportModelResult
{
    int64_t runId = 0;
    std::string runName;
    std::string runDir;
    std::string checkpoint; ///< runDir/best.ckpt
    std::string model;
    std::string scene;
    std::vector<std::string> classes;
    std::vector<std::string> messages; ///< notes for the user (class names taken from ...)
};

/// Creates a finished run in the project from `request.file`: the scene template's config
/// (input size, strides, use_last_conv, threshold, post-processing) with the file's model,
/// class names from `labelsFile`, else (a checkpoint) its own, else from the scene template
/// when it has them and their count fits, else the project's classes (and task) when their
/// count fits, else "class_0".. . The run folder gets best.ckpt
/// and config.yml; the weights file is recorded in the project's `models` table. Blocks for
/// about a second; never throws. On failure nothing is left in the project.
Result<ImportModelResult> importModelIntoProject(const ImportModelRequest &request);

/// What exportRunPdparams() wrote.
struct PdparamsExport
{
    std::string file;   ///< the .pdparams, absolute
    std::string labels; ///< labels.txt beside it ("" when `out` named the file itself)
    /// config.yaml beside it ("" when `out` named the file): the run's settings in PaddleClas's
    /// shape with Global.pretrained_model pointing at the weights, so PaddleClas's
    /// `tools/train.py -c config.yaml` fine-tunes from them.
    std::string config;
    int arrays = 0;
    int64_t runId = 0;
    std::string runName;
    std::string model;
    std::vector<std::string> classes;
};

/// `pulc export --format pdparams`: run `run` (id or name) of the project written with
/// exportPdparams(). `out` ending in ".pdparams" is the file; anything else is a folder
/// (created when missing) that receives <run-name>.pdparams, config.yaml and labels.txt ("id name"
/// per line, PaddleClas's class_id_map format). The file is recorded in the project (role
/// "exported"). Files are written atomically; on failure none of them is left half-written. Never
/// throws.
Result<PdparamsExport> exportRunPdparams(const std::string &projectDir, const std::string &run,
                                         const std::string &out);

/// Weights files a project has used: pretrained files of its runs, imported files, exported
/// files, newest first, without duplicates; only files that still exist. For the Train page's
/// "Start from" list.
struct ProjectWeightsFile
{
    std::string path;
    std::string role;  ///< "pretrained", "imported" or "exported"
    int64_t runId = 0; ///< the run it started, came from or was imported as (0: none)
};
std::vector<ProjectWeightsFile> projectWeightsFiles(const std::string &projectDir);

/// Records that run `runId` used (role "pretrained"), came from ("imported") or was written to
/// ("exported") the file `path` in the project's `models` table.
Status recordProjectWeightsFile(const std::string &projectDir, const std::string &path,
                                const std::string &role, int64_t runId);

} // namespace pulc::engine
