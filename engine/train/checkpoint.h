#pragma once
// Internal to engine/ (LibTorch). A run's checkpoint file: the weights, the optimizer's
// momentum, where the run stands, the torch RNG, and the run's config and class names, so a
// checkpoint alone is enough to resume, evaluate or predict. Written atomically.

#include "engine/trainconfig.h"

#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>
#include <torch/serialize/input-archive.h>

#include <limits>
#include <string>
#include <vector>

namespace pulc::engine {

/// Everything in a checkpoint besides tensors.
struct CheckpointMeta
{
    TrainConfig config;
    std::vector<std::string> classNames;
    int epochsDone = 0;     ///< epochs finished (and evaluated)
    int nextBatch = 0;      ///< batch to continue with in epoch epochsDone+1 (0: epoch start)
    int64_t globalStep = 0; ///< optimisation steps done
    /// The best epoch so far and its main metric, over the model and (with EMA) its average:
    /// best.ckpt holds the weights that scored it.
    int bestEpoch = 0;
    double bestValue = -std::numeric_limits<double>::infinity();
    bool bestIsEma = false; ///< best.ckpt holds the EMA's weights, not the model's
    /// With EMA, each one's own best (PaddleClas tracks both): 0 / -inf before the first.
    int modelBestEpoch = 0;
    double modelBestValue = -std::numeric_limits<double>::infinity();
    int emaBestEpoch = 0;
    double emaBestValue = -std::numeric_limits<double>::infinity();
    double epochLossSum = 0.0; ///< partial epoch's loss sum and steps (mid-epoch stop)
    int64_t epochLossSteps = 0;
    std::vector<float> positiveRatio; ///< multi-label loss weights of the training list
};

/// Writes `path` atomically (a temporary file, fsync, rename): a crash leaves the old
/// checkpoint or the new one. `teacher` and its optimizer are saved too when the teacher is
/// trained (DML, UDML), and `ema` (part "ema") when the run keeps a model EMA; pass nullptr
/// otherwise.
bool saveCheckpoint(const std::string &path, const CheckpointMeta &meta, torch::nn::Module &model,
                    torch::optim::Optimizer *optimizer, torch::nn::Module *teacher,
                    torch::optim::Optimizer *teacherOptimizer, torch::nn::Module *ema,
                    std::string *error);

/// An opened checkpoint: the metadata, and the archive to restore tensors from.
struct LoadedCheckpoint
{
    std::string path;
    CheckpointMeta meta;
    torch::serialize::InputArchive archive;
};

/// Opens and checks a checkpoint; the error names the file and says whether it is missing,
/// damaged, or not a PULC Studio checkpoint.
bool openCheckpoint(const std::string &path, LoadedCheckpoint *out, std::string *error);

/// The saved weights of part "model" or "teacher" as they are stored: dotted torch names
/// (running_mean, num_batches_tracked, fc.weight as [out, in]) and tensors, in the saved order
/// (parameters, then buffers). For loaders that match names themselves (pretrained weights,
/// which keep a fresh fc when the class count differs). False with `error` naming the file.
bool readModuleTensors(LoadedCheckpoint &checkpoint, const std::string &part,
                       std::vector<std::string> *names, std::vector<at::Tensor> *tensors,
                       std::string *error);

/// Whether the checkpoint holds a part ("teacher", "ema"); checkpoints before EMA have no "ema".
bool hasModulePart(LoadedCheckpoint &checkpoint, const std::string &part);

/// Copies the saved weights into `model` ("model", "teacher" or "ema" part). Every parameter and
/// buffer must be present with the same shape; the first mismatch is named in the error.
bool restoreModule(LoadedCheckpoint &checkpoint, const std::string &part, torch::nn::Module &model,
                   std::string *error);

/// Restores an optimizer's state (momentum buffers): part "optimizer" or "teacher_optimizer".
bool restoreOptimizer(LoadedCheckpoint &checkpoint, const std::string &part,
                      torch::optim::Optimizer &optimizer, std::string *error);

/// Restores torch's default CPU generator (dropout masks) to the saved state.
bool restoreRng(LoadedCheckpoint &checkpoint, std::string *error);

} // namespace pulc::engine
