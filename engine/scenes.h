#pragma once
// Public: the PULC scene templates (docs/paddleclas-compat.md, 'Scenes', 'Per-scene recipes' and
// 'Distillation') a new project starts from, and the rule that turns PaddleClas's 4-GPU batch sizes
// and learning rates into one machine's.

#include "engine/trainconfig.h"

#include <string>
#include <vector>

namespace pulc::engine {

/// PaddleClas's PULC configs give the batch size per GPU and assume this many GPUs
/// (docs/paddleclas-compat.md, 'Shared training settings').
inline constexpr int kPaddleGpuCount = 4;
/// The largest batch one machine trains with when a config asks for more per GPU.
inline constexpr int kOneMachineMaxBatch = 64;

/// A PaddleClas 4-GPU batch size and learning rate brought to one machine.
struct OneMachineRecipe
{
    int batchSize = 0;
    double learningRate = 0.0;
};

/// batch = min(perGpuBatch, 64) and, by the linear scaling rule, LR = baseLr * batch /
/// (4 * perGpuBatch): the LR per image stays what the 4-GPU recipe used. With a per-GPU batch of 64
/// or less this is the PaddleClas maintainers' advice to divide the LR by 4 on one GPU
/// (docs/paddleclas-compat.md, 'Shared training settings'). A non-positive perGpuBatch gives
/// {0, 0}.
/// `gpus` is the number of GPUs the recipe was written for (PULC's own: 4).
OneMachineRecipe scaleToOneMachine(int perGpuBatch, double baseLr, int gpus = kPaddleGpuCount);

/// What a scene is for and what its classes mean; the numbers of its recipe come from
/// sceneConfig().
struct SceneInfo
{
    std::string name;        ///< PaddleClas's scene name, e.g. "person_exists"; "custom" too
    std::string title;       ///< short English title for lists
    std::string description; ///< one paragraph: the task, the data, the recipe's origin
    Task task = Task::SingleLabel;
    /// Class (or, for multi-label, attribute) names in output order. Empty when the user's
    /// dataset supplies them (custom).
    std::vector<std::string> classNames;
    int positiveClass = -1;        ///< binary scenes: the class TPR and the threshold refer to
    double defaultThreshold = 0.5; ///< binary / multi-label decision threshold at inference
    int paddleBatchPerGpu = 0;     ///< the published config's per-GPU batch (0 for custom)
    double paddleLearningRate = 0; ///< the published config's LR for 4 GPUs (0 for custom)
};

/// Every PULC scene in PaddleClas's order (docs/paddleclas-compat.md, 'Scenes'), then "custom".
/// Thread-safe (built once).
const std::vector<SceneInfo> &scenes();

/// The scene called `name`, or nullptr. Thread-safe.
const SceneInfo *findScene(const std::string &name);

/// The training recipe of scene `scene` (its plain, non-distillation config:
/// docs/paddleclas-compat.md, 'Per-scene recipes') for one machine: batch and LR scaled by
/// scaleToOneMachine(), the distillation defaults ('Distillation' there) filled in with mode None.
/// An unknown name gives the "custom" recipe with `scene` set to "custom". Thread-safe.
TrainConfig sceneConfig(const std::string &scene);

} // namespace pulc::engine
