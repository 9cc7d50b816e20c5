// TrainConfig as text: the names of its enums, and every field as a `key=value` setting. Both are
// part of the config.yml format and of `pulc train --set`: renaming one breaks stored runs.

#include "engine/trainconfig.h"

#include "engine/configfile.h"
#include "engine/models.h"
#include "engine/scenes.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <utility>

namespace pulc::engine {

namespace {

/// Case-insensitive lookup of `text` in a {value, name} table; the first name is the canonical
/// one, later ones are accepted aliases.
template<typename Enum, std::size_t N>
bool lookup(const std::pair<Enum, const char *> (&table)[N], const std::string &text, Enum *out)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    for (const auto &[value, name] : table) {
        std::string candidate(name);
        std::transform(candidate.begin(), candidate.end(), candidate.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (candidate == lower) {
            if (out)
                *out = value;
            return true;
        }
    }
    return false;
}

template<typename Enum, std::size_t N>
std::string nameOf(const std::pair<Enum, const char *> (&table)[N], Enum value)
{
    for (const auto &[candidate, name] : table) {
        if (candidate == value)
            return name;
    }
    return {};
}

// First entry per value is what toString writes; the others are read for convenience.
constexpr std::pair<Task, const char *> kTasks[] = {
    {Task::SingleLabel, "single"},     {Task::Binary, "binary"},
    {Task::MultiLabel, "multi"},       {Task::SingleLabel, "single_label"},
    {Task::MultiLabel, "multi_label"}, {Task::MultiLabel, "multilabel"},
};

constexpr std::pair<MainMetric, const char *> kMetrics[] = {
    {MainMetric::Top1, "top1"},
    {MainMetric::TprAtFpr, "tpr_at_fpr"},
    {MainMetric::MeanAcc, "mA"},
    {MainMetric::MeanAcc, "mean_acc"},
};

constexpr std::pair<TrainGeometry, const char *> kGeometries[] = {
    {TrainGeometry::RandCrop, "rand_crop"},
    {TrainGeometry::Resize, "resize"},
    {TrainGeometry::ResizePadCrop, "resize_pad_crop"},
    {TrainGeometry::RandomCrop, "random_crop"},
};

constexpr std::pair<DistillMode, const char *> kDistillModes[] = {
    {DistillMode::None, "none"}, {DistillMode::SklUgi, "skl_ugi"}, {DistillMode::Dml, "dml"},
    {DistillMode::Udml, "udml"}, {DistillMode::SklUgi, "skl-ugi"},
};

} // namespace

std::string toString(Task task)
{
    return nameOf(kTasks, task);
}

bool taskFromString(const std::string &text, Task *task)
{
    return lookup(kTasks, text, task);
}

std::string toString(MainMetric metric)
{
    return nameOf(kMetrics, metric);
}

bool mainMetricFromString(const std::string &text, MainMetric *metric)
{
    return lookup(kMetrics, text, metric);
}

std::string toString(TrainGeometry geometry)
{
    return nameOf(kGeometries, geometry);
}

bool trainGeometryFromString(const std::string &text, TrainGeometry *geometry)
{
    return lookup(kGeometries, text, geometry);
}

std::string toString(DistillMode mode)
{
    return nameOf(kDistillModes, mode);
}

bool distillModeFromString(const std::string &text, DistillMode *mode)
{
    return lookup(kDistillModes, text, mode);
}

bool dropsLastBatch(const TrainConfig &config, int trainImages)
{
    return config.dropLast || (config.batchSize > 1 && trainImages % config.batchSize == 1);
}

int stepsPerEpoch(const TrainConfig &config, int trainImages)
{
    const int batch = std::max(1, config.batchSize);
    int steps = trainImages / batch;
    if (!dropsLastBatch(config, trainImages) && trainImages % batch != 0)
        ++steps;
    if (config.maxStepsPerEpoch > 0)
        steps = std::min(steps, config.maxStepsPerEpoch);
    return std::max(0, steps);
}

// ---- TrainConfig fields as `key=value` text (declared in configfile.h) -------------------------
// One table serves `pulc train --set`, the PulcStudio section of config.yml, the dotted
// PaddleClas aliases and configDifferences(), so a new field needs one row here.

std::string configNumberText(double value)
{
    // Fixed notation where it is readable: PyYAML (PaddleClas) reads "4e-05" as a string, and
    // wants a dot in the mantissa of an exponent form.
    char text[400];
    const double magnitude = std::abs(value);
    if (value == 0.0 || (magnitude >= 1e-9 && magnitude < 1e15)) {
        const auto result =
            std::to_chars(text, text + sizeof text, value, std::chars_format::fixed);
        return std::string(text, result.ptr);
    }
    const auto result =
        std::to_chars(text, text + sizeof text, value, std::chars_format::scientific);
    std::string out(text, result.ptr);
    const auto e = out.find('e');
    if (out.find('.') == std::string::npos)
        out.insert(e, ".0");
    return out;
}

bool parseConfigNumber(const std::string &text, double *value)
{
    // PaddleClas writes some constants as fractions ("1.0/255.0", "1.0/3.0").
    const auto slash = text.find('/');
    if (slash != std::string::npos) {
        double numerator = 0, denominator = 0;
        if (!parseConfigNumber(text.substr(0, slash), &numerator) ||
            !parseConfigNumber(text.substr(slash + 1), &denominator) || denominator == 0.0)
            return false;
        *value = numerator / denominator;
        return true;
    }
    std::string trimmed = text;
    if (!trimmed.empty() && trimmed.front() == '+')
        trimmed.erase(0, 1);
    double parsed = 0;
    const auto result = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), parsed);
    if (trimmed.empty() || result.ec != std::errc() ||
        result.ptr != trimmed.data() + trimmed.size() || !std::isfinite(parsed))
        return false;
    *value = parsed;
    return true;
}

namespace {

bool parseInt64(const std::string &text, int64_t *value)
{
    int64_t parsed = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size())
        return false;
    *value = parsed;
    return true;
}

bool parseBool(const std::string &text, bool *value)
{
    std::string lower(text);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (lower == "true" || lower == "yes" || lower == "on" || lower == "1") {
        *value = true;
        return true;
    }
    if (lower == "false" || lower == "no" || lower == "off" || lower == "0") {
        *value = false;
        return true;
    }
    return false;
}

// "HxW" or a single number for a square.
bool parseSize(const std::string &text, int64_t *height, int64_t *width)
{
    const auto x = text.find_first_of("xX");
    if (x == std::string::npos) {
        if (!parseInt64(text, height))
            return false;
        *width = *height;
        return true;
    }
    return parseInt64(text.substr(0, x), height) && parseInt64(text.substr(x + 1), width);
}

std::string quoted(const std::string &value)
{
    return "'" + value + "'";
}

bool fail(std::string *error, const std::string &key, const std::string &expected,
          const std::string &value)
{
    if (error)
        *error = key + ": expected " + expected + ", got " + quoted(value);
    return false;
}

using Getter = std::function<std::string(const TrainConfig &)>;
using Setter = std::function<bool(TrainConfig &, const std::string &, std::string *)>;

struct Field
{
    std::string key;
    std::string help;
    Getter get;
    Setter set;
};

// `ref` is a generic lambda `[](auto &c) -> auto & { return c.member; }`, usable on a const
// config for reading and a mutable one for writing.
template<typename Ref>
Field intField(std::string key, std::string help, Ref ref, int64_t min, int64_t max)
{
    const std::string expected =
        "an integer from " + std::to_string(min) + " to " + std::to_string(max);
    Field field{key, help + " (" + expected + ")", nullptr, nullptr};
    field.get = [ref](const TrainConfig &c) { return std::to_string(ref(c)); };
    field.set = [ref, key, expected, min, max](TrainConfig &c, const std::string &text,
                                               std::string *error) {
        int64_t value = 0;
        if (!parseInt64(text, &value) || value < min || value > max)
            return fail(error, key, expected, text);
        ref(c) = static_cast<std::remove_reference_t<decltype(ref(c))>>(value);
        return true;
    };
    return field;
}

template<typename Ref>
Field doubleField(std::string key, std::string help, Ref ref, double min, double max,
                  bool minExclusive = false)
{
    const std::string expected = "a number " + std::string(minExclusive ? "> " : ">= ") +
                                 configNumberText(min) +
                                 (std::isinf(max) ? "" : " and <= " + configNumberText(max));
    Field field{key, help + " (" + expected + ")", nullptr, nullptr};
    field.get = [ref](const TrainConfig &c) { return configNumberText(ref(c)); };
    field.set = [=](TrainConfig &c, const std::string &text, std::string *error) {
        double value = 0;
        if (!parseConfigNumber(text, &value) || value < min || value > max ||
            (minExclusive && value == min))
            return fail(error, key, expected, text);
        ref(c) = value;
        return true;
    };
    return field;
}

template<typename Ref> Field boolField(std::string key, std::string help, Ref ref)
{
    Field field{key, help + " (true or false)", nullptr, nullptr};
    field.get = [ref](const TrainConfig &c) { return std::string(ref(c) ? "true" : "false"); };
    field.set = [ref, key](TrainConfig &c, const std::string &text, std::string *error) {
        bool value = false;
        if (!parseBool(text, &value))
            return fail(error, key, "true or false", text);
        ref(c) = value;
        return true;
    };
    return field;
}

template<typename Ref> Field textField(std::string key, std::string help, Ref ref, bool allowEmpty)
{
    Field field{key, help, nullptr, nullptr};
    field.get = [ref](const TrainConfig &c) { return std::string(ref(c)); };
    field.set = [ref, key, allowEmpty](TrainConfig &c, const std::string &text,
                                       std::string *error) {
        if (text.empty() && !allowEmpty)
            return fail(error, key, "a non-empty text", text);
        ref(c) = text;
        return true;
    };
    return field;
}

template<typename Enum, typename Ref>
Field enumField(std::string key, std::string help, Ref ref, std::string names,
                bool (*parse)(const std::string &, Enum *))
{
    Field field{key, help + " (" + names + ")", nullptr, nullptr};
    field.get = [ref](const TrainConfig &c) { return toString(ref(c)); };
    field.set = [=](TrainConfig &c, const std::string &text, std::string *error) {
        Enum value{};
        if (!parse(text, &value))
            return fail(error, key, "one of " + names, text);
        ref(c) = value;
        return true;
    };
    return field;
}

template<typename Ref> Field modelField(std::string key, std::string help, Ref ref)
{
    Field field{key, help, nullptr, nullptr};
    field.get = [ref](const TrainConfig &c) { return std::string(ref(c)); };
    field.set = [ref, key](TrainConfig &c, const std::string &text, std::string *error) {
        if (!findModel(text)) {
            std::string names;
            for (const ModelSpec &spec : knownModels())
                names += (names.empty() ? "" : ", ") + spec.name;
            return fail(error, key, "a known model (" + names + ")", text);
        }
        ref(c) = text;
        return true;
    };
    return field;
}

// Height x width pairs ("input", "train_size", "pad_size").
Field sizeField(std::string key, std::string help, int TrainConfig::*height,
                int TrainConfig::*width, int64_t min)
{
    const std::string expected = "HxW with both sides from " + std::to_string(min) + " to 4096";
    Field field{key, help + " (" + expected + ")", nullptr, nullptr};
    field.get = [=](const TrainConfig &c) {
        return std::to_string(c.*height) + "x" + std::to_string(c.*width);
    };
    field.set = [=](TrainConfig &c, const std::string &text, std::string *error) {
        int64_t h = 0, w = 0;
        if (!parseSize(text, &h, &w) || h < min || w < min || h > 4096 || w > 4096)
            return fail(error, key, expected, text);
        c.*height = static_cast<int>(h);
        c.*width = static_cast<int>(w);
        return true;
    };
    return field;
}

// Augmentation sizes where 0x0 means "not set" ("pad_size", "pre_crop_size").
Field optionalSizeField(std::string key, std::string help, int AugmentConfig::*height,
                        int AugmentConfig::*width)
{
    Field field{key, help, nullptr, nullptr};
    field.get = [=](const TrainConfig &c) {
        return std::to_string(c.augment.*height) + "x" + std::to_string(c.augment.*width);
    };
    field.set = [=](TrainConfig &c, const std::string &text, std::string *error) {
        int64_t h = 0, w = 0;
        if (!parseSize(text, &h, &w) || h < 0 || w < 0 || h > 4096 || w > 4096 ||
            (h == 0) != (w == 0))
            return fail(error, key, "HxW from 1 to 4096, or 0x0", text);
        c.augment.*height = static_cast<int>(h);
        c.augment.*width = static_cast<int>(w);
        return true;
    };
    return field;
}

std::string stridesText(const StrideList &strides)
{
    std::string text = "[";
    for (std::size_t i = 0; i < strides.size(); ++i) {
        const StrideHW s = strides[i];
        text += (i ? ", " : "") +
                (s.h == s.w ? std::to_string(s.h)
                            : "[" + std::to_string(s.h) + ", " + std::to_string(s.w) + "]");
    }
    return text + "]";
}

bool parseStrides(const std::string &text, StrideList *strides)
{
    try {
        const YAML::Node list = YAML::Load(text);
        if (!list.IsSequence() || list.size() != strides->size())
            return false;
        StrideList parsed;
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            const YAML::Node item = list[i];
            int64_t h = 0, w = 0;
            if (item.IsScalar() && parseInt64(item.Scalar(), &h))
                w = h;
            else if (!(item.IsSequence() && item.size() == 2 && item[0].IsScalar() &&
                       item[1].IsScalar() && parseInt64(item[0].Scalar(), &h) &&
                       parseInt64(item[1].Scalar(), &w)))
                return false;
            if (h < 1 || w < 1 || h > 4 || w > 4)
                return false;
            parsed[i] = {static_cast<int>(h), static_cast<int>(w)};
        }
        *strides = parsed;
        return true;
    } catch (const YAML::Exception &) {
        return false;
    }
}

bool parseLrMult(const std::string &text, std::array<double, 6> *mult)
{
    try {
        const YAML::Node list = YAML::Load(text);
        if (!list.IsSequence() || list.size() != mult->size())
            return false;
        std::array<double, 6> parsed{};
        for (std::size_t i = 0; i < parsed.size(); ++i) {
            if (!list[i].IsScalar() || !parseConfigNumber(list[i].Scalar(), &parsed[i]) ||
                parsed[i] < 0.0)
                return false;
        }
        *mult = parsed;
        return true;
    } catch (const YAML::Exception &) {
        return false;
    }
}

const std::vector<Field> &fields()
{
    static const std::vector<Field> table = [] {
        constexpr double kInf = std::numeric_limits<double>::infinity();
        std::vector<Field> f;
        Field scene = textField(
            "scene", "scene template the run started from",
            [](auto &c) -> auto & { return c.scene; }, false);
        scene.set = [](TrainConfig &c, const std::string &text, std::string *error) {
            if (!findScene(text))
                return fail(error, "scene", "a scene name (see `pulc scenes`)", text);
            c.scene = text;
            return true;
        };
        f.push_back(scene);
        f.push_back(enumField(
            "task", "what the model predicts", [](auto &c) -> auto & { return c.task; },
            "single, binary, multi", &taskFromString));
        f.push_back(modelField(
            "model", "architecture, named as in PaddleClas",
            [](auto &c) -> auto & { return c.model; }));
        f.push_back(sizeField("input", "evaluation and inference size", &TrainConfig::inputHeight,
                              &TrainConfig::inputWidth, 16));
        f.push_back(intField(
            "resize_short",
            "eval short side before the centre crop, 0: direct "
            "resize to the input size",
            [](auto &c) -> auto & { return c.resizeShort; }, 0, 4096));
        f.push_back(sizeField("train_size", "training crop / resize size",
                              &TrainConfig::trainHeight, &TrainConfig::trainWidth, 16));
        Field strides{"strides", "stride_list, e.g. [2, [2, 1], [2, 1], [2, 1], [2, 1]]",
                      [](const TrainConfig &c) { return stridesText(c.strides); }, nullptr};
        strides.set = [](TrainConfig &c, const std::string &text, std::string *error) {
            return parseStrides(text, &c.strides) ||
                   fail(error, "strides", "5 strides, each 1-4 or [h, w]", text);
        };
        f.push_back(strides);
        f.push_back(boolField(
            "use_last_conv", "1x1 conv before the classifier",
            [](auto &c) -> auto & { return c.useLastConv; }));
        f.push_back(intField(
            "class_expand", "width of the last conv",
            [](auto &c) -> auto & { return c.classExpand; }, 1, 8192));
        f.push_back(doubleField(
            "dropout", "head dropout probability", [](auto &c) -> auto & { return c.dropout; }, 0.0,
            0.95));
        Field lrMult{"lr_mult", "LR multipliers [conv1, blocks2 .. blocks6]",
                     [](const TrainConfig &c) {
                         std::string text = "[";
                         for (std::size_t i = 0; i < c.lrMult.size(); ++i)
                             text += (i ? ", " : "") + configNumberText(c.lrMult[i]);
                         return text + "]";
                     },
                     nullptr};
        lrMult.set = [](TrainConfig &c, const std::string &text, std::string *error) {
            return parseLrMult(text, &c.lrMult) ||
                   fail(error, "lr_mult", "a list of 6 numbers >= 0", text);
        };
        f.push_back(lrMult);
        f.push_back(intField(
            "epochs", "training epochs", [](auto &c) -> auto & { return c.epochs; }, 1, 100000));
        f.push_back(intField(
            "batch_size", "images per step on this machine",
            [](auto &c) -> auto & { return c.batchSize; }, 1, 4096));
        f.push_back(doubleField(
            "lr", "peak learning rate for batch_size on this machine",
            [](auto &c) -> auto & { return c.learningRate; }, 0.0, 100.0, true));
        f.push_back(doubleField(
            "warmup_epochs", "linear warm-up epochs",
            [](auto &c) -> auto & { return c.warmupEpochs; }, 0.0, kInf));
        f.push_back(doubleField(
            "momentum", "SGD momentum", [](auto &c) -> auto & { return c.momentum; }, 0.0, 0.999));
        f.push_back(doubleField(
            "weight_decay", "L2 coefficient (not on BN)",
            [](auto &c) -> auto & { return c.weightDecay; }, 0.0, 1.0));
        f.push_back(doubleField(
            "label_smoothing", "CE label smoothing epsilon",
            [](auto &c) -> auto & { return c.labelSmoothing; }, 0.0, 0.5));
        f.push_back(boolField(
            "drop_last", "drop the last incomplete batch",
            [](auto &c) -> auto & { return c.dropLast; }));
        // Not doubleField: 0 is "off", and 1 (an average that never moves) is refused.
        Field ema{"ema_decay",
                  "model EMA decay, 0: off (PaddleClas EMA.decay, e.g. 0.9999) (0, or a number "
                  "> 0 and < 1)",
                  [](const TrainConfig &c) { return configNumberText(c.emaDecay); }, nullptr};
        ema.set = [](TrainConfig &c, const std::string &text, std::string *error) {
            double value = 0;
            if (!parseConfigNumber(text, &value) || value < 0.0 || value >= 1.0)
                return fail(error, "ema_decay", "0 (off) or a number > 0 and < 1", text);
            c.emaDecay = value;
            return true;
        };
        f.push_back(ema);
        f.push_back(enumField(
            "metric", "the number that picks the best epoch",
            [](auto &c) -> auto & { return c.mainMetric; }, "top1, tpr_at_fpr, mA",
            &mainMetricFromString));
        f.push_back(doubleField(
            "max_fpr", "FPR bound of tpr_at_fpr", [](auto &c) -> auto & { return c.maxFpr; }, 0.0,
            1.0, true));
        f.push_back(intField(
            "topk", "k of top-k accuracy and predictions", [](auto &c) -> auto & { return c.topk; },
            1, 100));
        f.push_back(doubleField(
            "threshold", "binary / attribute decision threshold",
            [](auto &c) -> auto & { return c.threshold; }, 0.0, 1.0));
        f.push_back(enumField(
            "geometry", "training geometry", [](auto &c) -> auto & { return c.augment.geometry; },
            "rand_crop, resize, resize_pad_crop, random_crop", &trainGeometryFromString));
        f.push_back(doubleField(
            "rand_crop_scale_min", "RandCropImage's smallest area fraction",
            [](auto &c) -> auto & { return c.augment.randCropScaleMin; }, 0.0, 1.0, true));
        f.push_back(optionalSizeField("pad_size",
                                      "Padv2 canvas of resize_pad_crop, 0x0: train size + 20",
                                      &AugmentConfig::padHeight, &AugmentConfig::padWidth));
        f.push_back(optionalSizeField(
            "pre_crop_size",
            "what rand_crop / resize / resize_pad_crop produce before a RandomCropImage cuts "
            "the train size, 0x0: no RandomCropImage",
            &AugmentConfig::preCropHeight, &AugmentConfig::preCropWidth));
        f.push_back(doubleField(
            "flip_prob", "horizontal flip probability",
            [](auto &c) -> auto & { return c.augment.flipProb; }, 0.0, 1.0));
        f.push_back(boolField(
            "flip_before_autoaugment", "flip before RandAugment, not last",
            [](auto &c) -> auto & { return c.augment.flipBeforeAutoAugment; }));
        f.push_back(doubleField(
            "autoaugment_prob", "TimmAutoAugment probability",
            [](auto &c) -> auto & { return c.augment.autoAugmentProb; }, 0.0, 1.0));
        f.push_back(doubleField(
            "autoaugment_magnitude", "RandAugment magnitude m",
            [](auto &c) -> auto & { return c.augment.autoAugmentMagnitude; }, 0.0, 10.0));
        f.push_back(doubleField(
            "autoaugment_magnitude_std", "RandAugment magnitude std",
            [](auto &c) -> auto & { return c.augment.autoAugmentMagnitudeStd; }, 0.0, 10.0));
        f.push_back(doubleField(
            "erasing_prob", "RandomErasing EPSILON",
            [](auto &c) -> auto & { return c.augment.erasingProb; }, 0.0, 1.0));
        f.push_back(boolField(
            "blur", "BlurImage labels (clarity): blurred = 1",
            [](auto &c) -> auto & { return c.augment.blurLabels; }));
        f.push_back(doubleField(
            "blur_ratio", "share of images BlurImage blurs",
            [](auto &c) -> auto & { return c.augment.blurRatio; }, 0.0, 1.0));
        f.push_back(boolField(
            "rot90", "RandomRot90 labels (image orientation): label = k",
            [](auto &c) -> auto & { return c.augment.rot90Labels; }));
        f.push_back(doubleField(
            "mixup_prob", "batch Mixup probability",
            [](auto &c) -> auto & { return c.augment.mixupProb; }, 0.0, 1.0));
        f.push_back(doubleField(
            "mixup_alpha", "Mixup Beta alpha",
            [](auto &c) -> auto & { return c.augment.mixupAlpha; }, 0.0, kInf, true));
        f.push_back(doubleField(
            "cutmix_prob", "batch CutMix probability",
            [](auto &c) -> auto & { return c.augment.cutmixProb; }, 0.0, 1.0));
        f.push_back(doubleField(
            "cutmix_alpha", "CutMix Beta alpha",
            [](auto &c) -> auto & { return c.augment.cutmixAlpha; }, 0.0, kInf, true));
        f.push_back(enumField(
            "distill", "distillation mode", [](auto &c) -> auto & { return c.distill.mode; },
            "none, skl_ugi, dml, udml", &distillModeFromString));
        f.push_back(modelField(
            "teacher_model", "teacher architecture",
            [](auto &c) -> auto & { return c.distill.teacherModel; }));
        Field teacherRun{"teacher_run", "finished run of this project to distil from, 0: none",
                         [](const TrainConfig &c) { return std::to_string(c.distill.teacherRun); },
                         nullptr};
        teacherRun.set = [](TrainConfig &c, const std::string &text, std::string *error) {
            int64_t run = 0;
            if (!parseInt64(text, &run) || run < 0)
                return fail(error, "teacher_run", "a run id >= 0", text);
            c.distill.teacherRun = run;
            return true;
        };
        f.push_back(teacherRun);
        f.push_back(textField(
            "teacher_checkpoint", "teacher weights file",
            [](auto &c) -> auto & { return c.distill.teacherCheckpoint; }, true));
        f.push_back(boolField(
            "use_unlabeled", "SKL-UGI: add the project's unlabeled images",
            [](auto &c) -> auto & { return c.distill.useUnlabeled; }));
        f.push_back(doubleField(
            "dml_weight", "weight of the symmetric-KL term",
            [](auto &c) -> auto & { return c.distill.dmlWeight; }, 0.0, kInf));
        f.push_back(doubleField(
            "gt_weight", "weight of the ground-truth loss while distilling",
            [](auto &c) -> auto & { return c.distill.groundTruthWeight; }, 0.0, kInf));
        f.push_back(doubleField(
            "feature_weight", "UDML: weight of the feature L2 term",
            [](auto &c) -> auto & { return c.distill.featureWeight; }, 0.0, kInf));
        f.push_back(textField(
            "feature_stage", "UDML: stage whose output is compared",
            [](auto &c) -> auto & { return c.distill.featureStage; }, false));
        f.push_back(intField(
            "threads", "intra-op threads of the model step",
            [](auto &c) -> auto & { return c.threads; }, 1, 1024));
        f.push_back(intField(
            "loader_threads", "image decoding workers",
            [](auto &c) -> auto & { return c.loaderThreads; }, 1, 1024));
        f.push_back(intField(
            "prefetch_batches", "batches the loader keeps ready",
            [](auto &c) -> auto & { return c.prefetchBatches; }, 1, 1024));
        f.push_back(intField(
            "decode_cache_mb",
            "size bound of the project's decoded-image cache in MiB, 0: decode every epoch",
            [](auto &c) -> auto & { return c.decodeCacheMb; }, 0, 1 << 20));
        f.push_back(intField(
            "seed", "random seed", [](auto &c) -> auto & { return c.seed; }, 0, 4294967295LL));
        f.push_back(intField(
            "max_steps_per_epoch", "stop each epoch after N steps, 0: all",
            [](auto &c) -> auto & { return c.maxStepsPerEpoch; }, 0, 1 << 30));
        f.push_back(intField(
            "save_interval_minutes", "also checkpoint within an epoch every N minutes, 0: off",
            [](auto &c) -> auto & { return c.saveIntervalMinutes; }, 0, 10080));
        f.push_back(intField(
            "save_interval_steps", "also checkpoint within an epoch every N steps, 0: off",
            [](auto &c) -> auto & { return c.saveIntervalSteps; }, 0, 1 << 30));
        f.push_back(textField(
            "pretrained", "weights to start from (.pdparams or checkpoint)",
            [](auto &c) -> auto & { return c.pretrained; }, true));
        return f;
    }();
    return table;
}

// `pulc train --set` also takes the PaddleClas paths of the common settings (one-machine values).
constexpr std::pair<const char *, const char *> kDottedAliases[] = {
    {"Global.epochs", "epochs"},
    {"Global.seed", "seed"},
    {"Global.save_interval_minutes", "save_interval_minutes"},
    {"Global.save_interval_steps", "save_interval_steps"},
    {"Global.pretrained_model", "pretrained"},
    {"Arch.name", "model"},
    {"Arch.stride_list", "strides"},
    {"Arch.lr_mult_list", "lr_mult"},
    {"Arch.use_last_conv", "use_last_conv"},
    {"Arch.class_expand", "class_expand"},
    {"Arch.dropout_prob", "dropout"},
    {"Optimizer.momentum", "momentum"},
    {"Optimizer.lr.learning_rate", "lr"},
    {"Optimizer.lr.warmup_epoch", "warmup_epochs"},
    {"Optimizer.regularizer.coeff", "weight_decay"},
    {"EMA.decay", "ema_decay"},
    {"DataLoader.Train.sampler.batch_size", "batch_size"},
    {"DataLoader.Train.sampler.drop_last", "drop_last"},
    {"DataLoader.Train.loader.num_workers", "loader_threads"},
    {"Loss.Train.CELoss.epsilon", "label_smoothing"},
    {"Metric.Eval.TprAtFpr.max_fpr", "max_fpr"},
    {"Infer.PostProcess.threshold", "threshold"},
    {"Infer.PostProcess.topk", "topk"},
};

const Field *findField(const std::string &key)
{
    std::string name = key;
    for (const auto &[dotted, shortName] : kDottedAliases) {
        if (key == dotted)
            name = shortName;
    }
    for (const Field &field : fields()) {
        if (field.key == name)
            return &field;
    }
    return nullptr;
}

} // namespace

Status applySetting(TrainConfig &config, const std::string &key, const std::string &value)
{
    const Field *field = findField(key);
    if (!field)
        return Status::failure(key + ": unknown setting (`pulc train --help` lists them)");
    TrainConfig changed = config; // a failed setter leaves the config untouched
    if (std::string error; !field->set(changed, value, &error))
        return Status::failure(error);
    config = std::move(changed);
    return Status::success();
}

Status applySettings(TrainConfig &config,
                     const std::vector<std::pair<std::string, std::string>> &settings)
{
    TrainConfig changed = config;
    bool input = false, trainSize = false, resizeShort = false;
    for (const auto &[key, value] : settings) {
        if (Status set = applySetting(changed, key, value); !set)
            return set;
        const Field *field = findField(key);
        input = input || field->key == "input";
        trainSize = trainSize || field->key == "train_size";
        resizeShort = resizeShort || field->key == "resize_short";
    }
    if (input && !trainSize) {
        changed.trainHeight = changed.inputHeight;
        changed.trainWidth = changed.inputWidth;
    }
    if (input && !resizeShort && config.resizeShort > 0) {
        // Keep the template's margin between the eval resize and its centre crop (256/224).
        const int before = std::min(config.inputHeight, config.inputWidth);
        const int after = std::min(changed.inputHeight, changed.inputWidth);
        changed.resizeShort = static_cast<int>(
            std::lround(static_cast<double>(config.resizeShort) * after / std::max(1, before)));
    }
    config = std::move(changed);
    return Status::success();
}

std::vector<std::string> geometryProblems(const TrainConfig &c)
{
    std::vector<std::string> problems;
    const auto size = [](int w, int h) { return std::to_string(w) + "x" + std::to_string(h); };
    const int inputShort = std::min(c.inputWidth, c.inputHeight);
    if (c.resizeShort > 0 && 4 * inputShort < c.resizeShort)
        problems.push_back("the evaluation crop " + size(c.inputWidth, c.inputHeight) +
                           " is under a quarter of resize_short " + std::to_string(c.resizeShort) +
                           ": validation would see a small patch of each image (set "
                           "resize_short near the input size, or 0 for a direct resize)");
    if (c.resizeShort > 0 && c.resizeShort < inputShort)
        problems.push_back("resize_short " + std::to_string(c.resizeShort) +
                           " is smaller than the evaluation crop " +
                           size(c.inputWidth, c.inputHeight));
    if (c.trainWidth > 2 * c.inputWidth || c.trainHeight > 2 * c.inputHeight ||
        2 * c.trainWidth < c.inputWidth || 2 * c.trainHeight < c.inputHeight)
        problems.push_back("training at " + size(c.trainWidth, c.trainHeight) +
                           " and evaluating at " + size(c.inputWidth, c.inputHeight) +
                           " differ by more than 2x: the model would be validated on images of "
                           "another scale than it learns (set train_size near input)");
    const AugmentConfig &a = c.augment;
    if (a.geometry != TrainGeometry::RandomCrop && a.preCropWidth > 0 &&
        (a.preCropWidth < c.trainWidth || a.preCropHeight < c.trainHeight))
        problems.push_back("pre_crop_size " + size(a.preCropWidth, a.preCropHeight) +
                           " is smaller than the train size " + size(c.trainWidth, c.trainHeight) +
                           " RandomCropImage cuts from it");
    return problems;
}

std::string settingValue(const TrainConfig &config, const std::string &key)
{
    const Field *field = findField(key);
    return field ? field->get(config) : std::string();
}

std::vector<std::string> settingKeys()
{
    std::vector<std::string> lines;
    for (const Field &field : fields()) {
        std::string line = field.key;
        line.resize(std::max<std::size_t>(line.size() + 2, 27), ' ');
        lines.push_back(line + field.help);
    }
    return lines;
}

std::vector<std::string> configDifferences(const TrainConfig &a, const TrainConfig &b)
{
    std::vector<std::string> keys;
    for (const Field &field : fields()) {
        if (field.get(a) != field.get(b))
            keys.push_back(field.key);
    }
    return keys;
}

} // namespace pulc::engine
