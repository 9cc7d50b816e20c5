#pragma once
// Public: pretrained weights for the CLI and the GUI, as plain values. What a weights file is
// (inspectWeights), a PaddleClas PULC model turned into a finished run of a project
// (importModelIntoProject, `pulc import-model`), and a run's weights written in PaddleClas's
// names and layout (exportPdparams, `pulc export --format pdparams`).

#include <cstdint>
#include <string>
#include <vector>

namespace pulc::engine {

/// What a weights file holds, from its names and shapes.
struct WeightsInfo
{
    std::string path;
    std::string format;                  ///< "pdparams" or "checkpoint"
    std::string model;                   ///< e.g. "PPLCNet_x0_25"; "" when no known model fits
    int classes = 0;                     ///< outputs of its fc (0: none)
    bool useLastConv = true;             ///< PP-LCNet
    int tensors = 0;                     ///< arrays in the file
    int64_t values = 0;                  ///< numbers in all arrays
    bool studentPrefix = false;          ///< a distillation checkpoint (Student. keys used)
    std::vector<std::string> classNames; ///< checkpoints only (a .pdparams has no names)
    std::string why;                     ///< when model is "": why no model fits
};

/// Reads `path` (.pdparams, checkpoint, run folder or bundle) and describes it. False with
/// `error` naming the file and the problem.
bool inspectWeights(const std::string &path, WeightsInfo *info, std::string *error);

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

/// The files `pulc export --format pdparams` writes beside `weightsFile` (config.yaml,
/// labels.txt) that exist: what the GUI's Import Model uses without asking.
struct WeightsCompanions
{
    std::string configFile;
    std::string labelsFile;
};
WeightsCompanions weightsCompanions(const std::string &weightsFile);

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
bool importModelIntoProject(const ImportModelRequest &request, ImportModelResult *result,
                            std::string *error);

/// Writes a checkpoint's (or run folder's, or bundle's) weights to `outFile` as a .pdparams in
/// PaddleClas's names and layout. `arraysWritten` receives the array count.
bool exportPdparams(const std::string &modelPath, const std::string &outFile, int *arraysWritten,
                    std::string *error);

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
bool exportRunPdparams(const std::string &projectDir, const std::string &run,
                       const std::string &out, PdparamsExport *result, std::string *error);

/// The PULC scene a weights file's name says it is for: PaddleClas names its files
/// `<scene>_pretrained.pdparams`, so the longest scene name the base name starts with (followed
/// by '_', '.' or nothing); "" when none does.
std::string sceneOfWeightsFileName(const std::string &path);

/// "pdparams" for a file that starts like a pickle (or, when unreadable, is named *.pdparams),
/// otherwise "checkpoint" (a checkpoint file, a run folder or a bundle).
std::string weightsFileFormat(const std::string &path);

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
/// ("exported") the file `path` in the project's `models` table. False with `error`.
bool recordProjectWeightsFile(const std::string &projectDir, const std::string &path,
                              const std::string &role, int64_t runId, std::string *error);

} // namespace pulc::engine
