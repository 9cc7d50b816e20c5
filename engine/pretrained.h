#pragma once
// Public: pretrained weights for the CLI and the GUI, as plain values. What a weights file is
// (inspectWeights) and a checkpoint's weights written in PaddleClas's names and layout
// (exportPdparams). Their project-level jobs (importModelIntoProject, exportRunPdparams) are in
// engine/projectjobs.h.

#include "engine/result.h"

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

/// Reads `path` (.pdparams, checkpoint, run folder or bundle) and describes it. The error names
/// the file and the problem.
Result<WeightsInfo> inspectWeights(const std::string &path);

/// The files `pulc export --format pdparams` writes beside `weightsFile` (config.yaml,
/// labels.txt) that exist: what the GUI's Import Model uses without asking.
struct WeightsCompanions
{
    std::string configFile;
    std::string labelsFile;
};
WeightsCompanions weightsCompanions(const std::string &weightsFile);

/// Writes a checkpoint's (or run folder's, or bundle's) weights to `outFile` as a .pdparams in
/// PaddleClas's names and layout. Returns the number of arrays written.
Result<int> exportPdparams(const std::string &modelPath, const std::string &outFile);

/// The PULC scene a weights file's name says it is for: PaddleClas names its files
/// `<scene>_pretrained.pdparams`, so the longest scene name the base name starts with (followed
/// by '_', '.' or nothing); "" when none does.
std::string sceneOfWeightsFileName(const std::string &path);

/// "pdparams" for a file that starts like a pickle (or, when unreadable, is named *.pdparams),
/// otherwise "checkpoint" (a checkpoint file, a run folder or a bundle).
std::string weightsFileFormat(const std::string &path);

} // namespace pulc::engine
