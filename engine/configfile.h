#pragma once
// Public: training configs as PaddleClas-shaped YAML (config.yml in every run folder, and the
// user's own PaddleClas files), and single `key=value` settings for `pulc train --set`.
//
// PaddleClas gives the batch size per GPU and the learning rate for all GPUs of a run (4 in PULC's
// recipes); a file is brought to one machine with scaleToOneMachine() (scenes.h) for the number
// of GPUs it was written for (ConfigReadOptions::gpus). Files written by writeConfigYaml() carry
// `PulcStudio: single_machine: true` and hold one machine's numbers.

#include "engine/result.h"
#include "engine/trainconfig.h"

#include <string>
#include <utility>
#include <vector>

namespace pulc::engine {

/// Reason given for keys that name the dataset's files: the project's images, labels and split
/// replace them.
inline constexpr const char *kIgnoredProjectData = "ignored: the project supplies the data";

/// A key that was understood but has no effect here, and why.
struct IgnoredKey
{
    std::string key;    ///< dotted path, e.g. "DataLoader.Train.dataset.cls_label_path"
    std::string reason; ///< starts with "ignored: "
};

/// What readConfigYaml() made of a file. Every key of the file is either applied to `config`,
/// listed in `ignored` with a reason, or listed in `unsupported`.
struct ConfigReadResult
{
    TrainConfig config;                   ///< `base` with the file's settings applied
    std::vector<IgnoredKey> ignored;      ///< understood, not needed (paths, GPU settings...)
    std::vector<std::string> unsupported; ///< dotted paths of settings PULC Studio cannot honour
    std::vector<std::string> notes;       ///< what was adapted, e.g. the one-machine scaling
    /// The GPU count the file's batch and learning rate were taken to be for, and why (1 for a
    /// file of PULC Studio's or without a batch or learning rate).
    int gpus = 1;
    std::string gpusReason;
    std::vector<std::string> warnings; ///< why each unsupported or doubtful key matters
    /// Malformed YAML ("line 3, column 5: ...") or a value of the wrong type or range (naming
    /// the key and what was expected). With errors `config` must not be trained with.
    std::vector<std::string> errors;

    bool ok() const { return errors.empty(); }
    /// True when `key` (a dotted path) is in `ignored`.
    bool isIgnored(const std::string &key) const;
    /// True when `key` (a dotted path) is in `unsupported`.
    bool isUnsupported(const std::string &key) const;
};

/// How to read a file's batch size and learning rate.
struct ConfigReadOptions
{
    /// GPUs the file was written for: its per-GPU batch runs on all of them at its learning
    /// rate. 0 decides from where the file came from: 4 (PULC's recipes) for a file in a
    /// PaddleClas configs folder (a path with "ppcls/configs/") or one for GPUs (Global.device:
    /// gpu, as PaddleClas's files say); 1 otherwise.
    /// Files of PULC Studio's (PulcStudio.single_machine) are always one machine's.
    int gpus = 0;
    /// Where the text came from (readConfigFile() sets it), for the folder rule above.
    std::string path;
};

/// Reads a PaddleClas-shaped YAML config (PULC PPLCNet_x1_0.yaml, *_distillation.yaml, or a
/// config.yml written by writeConfigYaml()) on top of `base`. Sections that are present replace
/// what they describe (a Train transform_ops list without RandFlipImage turns flipping off);
/// absent ones keep `base`. Thread-safe.
ConfigReadResult readConfigYaml(const std::string &text, TrainConfig base = {},
                                const ConfigReadOptions &options = {});

/// readConfigYaml() on the file at `path`; an unreadable file is an error naming the path, and
/// parse errors are prefixed with the path.
ConfigReadResult readConfigFile(const std::string &path, TrainConfig base = {},
                                ConfigReadOptions options = {});

/// The config in PaddleClas's shape (Global, Arch, Loss, Optimizer, DataLoader, Infer, Metric)
/// plus a `PulcStudio:` section for what PaddleClas has no key for. Data paths are left out
/// (the project supplies the data). `classCount` > 0 is written as Arch.class_num. For every
/// config c: readConfigYaml(writeConfigYaml(c)).config equals c field by field.
std::string writeConfigYaml(const TrainConfig &config, int classCount = 0);

/// Sets one setting from text, as `pulc train --set key=value` does. `key` is a short name of
/// settingKeys() or a PaddleClas path of a common one (Global.epochs, Arch.name,
/// Optimizer.lr.learning_rate, DataLoader.Train.sampler.batch_size, ...; values are for one
/// machine, never scaled). On failure the config is unchanged and the error names the key and
/// the expected type or range.
Status applySetting(TrainConfig &config, const std::string &key, const std::string &value);

/// applySetting() for each (key, value) in order, then what they imply: a new `input` without a
/// `train_size` among them trains at the input size too, and without a `resize_short` the eval
/// resize keeps the old ratio to the input (256 for 224 becomes 37 for 32; 0 stays 0). On
/// failure the config is unchanged and the error names the first bad setting.
Status applySettings(TrainConfig &config,
                     const std::vector<std::pair<std::string, std::string>> &settings);

/// Sizes that make a run train one thing and validate another: an eval crop under a quarter of
/// resize_short, a train size over 2x (or under half) the input, a pre-crop smaller than the
/// crop. One English sentence each; empty when the geometry is consistent. Training refuses to
/// start with any.
std::vector<std::string> geometryProblems(const TrainConfig &config);

/// The current value of setting `key` in the text applySetting() accepts ("" for an unknown
/// key). Lists use YAML flow syntax ("[2, [2, 1], ...]"), sizes "HxW".
std::string settingValue(const TrainConfig &config, const std::string &key);

/// One line per short setting name: the name, then a one-line help with the accepted values.
std::vector<std::string> settingKeys();

/// Short names of the settings whose values differ between `a` and `b`; empty when the two
/// configs are equal field by field (every TrainConfig field has a setting).
std::vector<std::string> configDifferences(const TrainConfig &a, const TrainConfig &b);

/// The shortest decimal text that reads back as exactly `value`, in fixed notation unless the
/// value is tiny or huge ("0.0025", "0.00004", "1.0e-12"), so PyYAML reads it as a number.
std::string configNumberText(double value);

/// Parses a number as PaddleClas configs write them, including fractions such as "1.0/255.0".
bool parseConfigNumber(const std::string &text, double *value);

} // namespace pulc::engine
