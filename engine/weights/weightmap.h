#pragma once
// Internal to engine/ (LibTorch). PaddleClas state dicts (.pdparams, read by weightsfile.h) onto
// our networks and back. Our parameter names are PaddleClas's (docs/paddleclas-compat.md,
// 'Weight files'), so the mapping is:
//   - BN `_mean` / `_variance` <-> torch `running_mean` / `running_var`; torch's
//     `num_batches_tracked` has no Paddle counterpart (set to 0 on load, not written);
//   - `fc.weight` is [in, out] in Paddle (a Linear), [out, in] here: transposed both ways;
//   - a distillation checkpoint's `Student.` keys are used, with the prefix removed, when the
//     file has them (`Teacher.` keys are ignored);
//   - "StructuredToParameterName@@" and other non-array entries are skipped by the reader.
// PP-LCNet, ResNet_vd and MobileNetV3 (small/large) follow PaddleClas's legendary_models names.

#include "engine/nets/network.h"
#include "engine/readers/weightsfile.h"

#include <string>
#include <vector>

namespace pulc::engine {

/// What the names and shapes of a Paddle state dict say about the network that wrote it.
struct PaddleNetGuess
{
    std::string model;          ///< a knownModels() name ("PPLCNet_x0_25"), "" when unknown
    int64_t classes = 0;        ///< fc outputs (fc.bias size), 0 when there is no fc
    bool useLastConv = true;    ///< PP-LCNet: whether last_conv.weight is present
    int64_t classExpand = 1280; ///< PP-LCNet / MobileNetV3: last_conv's output channels
    bool studentPrefix = false; ///< keys were `Student.`-prefixed (distillation checkpoint)
    std::string why;            ///< when model is "": what did not fit
};

/// Keys with `Student.` removed when the file is a distillation checkpoint (see above), else as
/// stored. Order is kept.
std::vector<NamedArray> studentArrays(const WeightsFile &file, bool *hadPrefix = nullptr);

/// Infers the architecture from shapes: for PP-LCNet the scale from the width of
/// blocks6's last pointwise conv (unique per scale), ResNet_vd depth from the block count,
/// MobileNetV3 small/large and scale from the block count and stem width.
PaddleNetGuess guessPaddleNet(const WeightsFile &file);

struct LoadWeightsOptions
{
    /// When the file's fc has another number of classes than the network: keep the network's
    /// freshly initialised fc (PaddleClas's behaviour when fine-tuning) instead of failing.
    bool allowHeadMismatch = false;
};

struct LoadWeightsReport
{
    int tensorsLoaded = 0;
    bool headReinitialised = false;    ///< fc kept its initialisation (class count differs)
    std::vector<std::string> messages; ///< English, for the run log ("fc re-initialised: ...")
};

/// Copies a Paddle state dict into `net` (a network built by buildNetwork() as `modelName`).
/// Every parameter and buffer of `net` must be found with the right shape, except fc under
/// allowHeadMismatch; the first missing key or mismatching shape is named in `error` with the
/// file's shape, the network's shape and, when the shapes suggest another model, that model's
/// name ("the file looks like PPLCNet_x0_25"). Unused keys of the file are an error too (a
/// file of another architecture). float16/64 were converted to float32 by the reader.
bool loadPaddleWeights(ClassifierNet &net, const std::string &modelName, const WeightsFile &file,
                       const std::string &sourceName, const LoadWeightsOptions &options,
                       LoadWeightsReport *report, std::string *error);

/// The network's weights as PaddleClas names and lays them out (inverse of loadPaddleWeights):
/// `_mean` / `_variance`, fc.weight transposed to [in, out], no num_batches_tracked. Contiguous
/// float32, in the network's parameter-then-buffer order.
std::vector<NamedArray> paddleStateDict(ClassifierNet &net);

/// Starting weights for training: `path` may be a .pdparams file (checked by its pickle header),
/// a PULC Studio checkpoint, a run folder or a bundle (resolveModelPath). Checkpoints are loaded
/// like .pdparams: same shape checks, fc kept when the class count differs and allowed.
bool loadPretrainedInto(ClassifierNet &net, const std::string &modelName, const std::string &path,
                        const LoadWeightsOptions &options, LoadWeightsReport *report,
                        std::string *error);

/// Whether the file at `path` starts like a pickle (a .pdparams), whatever its extension; false
/// for a folder, a missing file or a LibTorch checkpoint (a zip archive).
bool isPickleFile(const std::string &path);

/// Our parameter or buffer name as PaddleClas spells it (`running_mean` -> `_mean`,
/// `running_var` -> `_variance`); other names are unchanged.
std::string paddleNameOf(const std::string &torchName);

} // namespace pulc::engine
