#pragma once
// Internal to engine/ (LibTorch): any weights file a user may point at (a PaddleClas .pdparams,
// a PULC Studio checkpoint, a run folder, a bundle) read as one Paddle-named state dict, so
// inspect, import and export treat them alike (pretrained.h).

#include "engine/readers/weightsfile.h"
#include "engine/train/checkpoint.h"

#include <string>

namespace pulc::engine {

/// One weights file, read.
struct WeightsSource
{
    std::string path;           ///< as given
    std::string format;         ///< "pdparams" or "checkpoint"
    WeightsFile file;           ///< the arrays in PaddleClas's names and layout
    CheckpointMeta meta;        ///< checkpoints only: config and class names
    std::string checkpointPath; ///< checkpoints only: the file actually read
};

/// Reads `path`: a file that starts like a pickle (or is named *.pdparams) with
/// readWeightsFile(), anything else as a checkpoint (resolveModelPath, openCheckpoint, its
/// network rebuilt and turned into PaddleClas's names). False with `error` naming the file:
/// missing, damaged, or neither a .pdparams nor a checkpoint. Never throws.
bool readWeightsSource(const std::string &path, WeightsSource *out, std::string *error);

} // namespace pulc::engine
