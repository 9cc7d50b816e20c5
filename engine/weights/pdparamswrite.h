#pragma once

// A checkpoint's weights written as a PaddleClas .pdparams, with what the checkpoint says of
// itself: for exportPdparams() (engine/pretrained.h) and exportRunPdparams()
// (engine/projectjobs.h). No Torch in this header.

#include "engine/result.h"
#include "engine/trainconfig.h"

#include <string>
#include <vector>

namespace pulc::engine {

struct WrittenPdparams
{
    int arrays = 0;
    TrainConfig config;                  ///< the checkpoint's settings
    std::vector<std::string> classNames; ///< in output order
};

/// The weights of `modelPath` (a checkpoint, run folder or bundle) in PaddleClas's names and
/// layout, written to `outFile` (its folder is created). The error names the file.
Result<WrittenPdparams> writePdparams(const std::string &modelPath, const std::string &outFile);

/// Whether `path` ends in ".pdparams" (any case).
bool hasPdparamsExtension(const std::string &path);

} // namespace pulc::engine
