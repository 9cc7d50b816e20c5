// Writes a TrainConfig as a PaddleClas-shaped YAML config (Global, Arch, Loss, Optimizer,
// DataLoader, Metric, Infer) plus a PulcStudio section for what PaddleClas has no key for.
// The reader is configfile.cpp.

#include "engine/configfile.h"

#include "engine/scenes.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <string>
#include <vector>

namespace pulc::engine {

namespace {

YAML::Node number(double value)
{
    return YAML::Node(configNumberText(value));
}

YAML::Node integer(int64_t value)
{
    return YAML::Node(std::to_string(value));
}

YAML::Node boolean(bool value)
{
    return YAML::Node(value ? "True" : "False");
}

YAML::Node flowList(std::initializer_list<YAML::Node> items)
{
    YAML::Node list(YAML::NodeType::Sequence);
    for (const YAML::Node &item : items)
        list.push_back(item);
    list.SetStyle(YAML::EmitterStyle::Flow);
    return list;
}

YAML::Node flowText(const std::string &text)
{
    YAML::Node node = YAML::Load(text);
    node.SetStyle(YAML::EmitterStyle::Flow);
    return node;
}

// PaddleClas sizes: one number for a square, else [w, h].
YAML::Node widthHeight(int width, int height)
{
    return width == height ? integer(width) : flowList({integer(width), integer(height)});
}

YAML::Node op(const char *name, const YAML::Node &args = YAML::Node(YAML::NodeType::Null))
{
    YAML::Node node;
    node[name] = args;
    return node;
}

YAML::Node normalizeOp()
{
    YAML::Node args;
    args["scale"] = "1.0/255.0";
    args["mean"] = flowList({number(0.485), number(0.456), number(0.406)});
    args["std"] = flowList({number(0.229), number(0.224), number(0.225)});
    args["order"] = "";
    return op("NormalizeImage", args);
}

YAML::Node decodeOp()
{
    YAML::Node args;
    args["to_rgb"] = boolean(true);
    args["channel_first"] = boolean(false);
    return op("DecodeImage", args);
}

// Arch keys of the trained model (plain Arch or the Student).
YAML::Node modelArch(const TrainConfig &c, int classCount)
{
    YAML::Node arch;
    arch["name"] = c.model;
    if (classCount > 0)
        arch["class_num"] = integer(classCount);
    arch["use_last_conv"] = boolean(c.useLastConv);
    arch["class_expand"] = integer(c.classExpand);
    arch["dropout_prob"] = number(c.dropout);
    arch["stride_list"] = flowText(settingValue(c, "strides"));
    arch["lr_mult_list"] = flowText(settingValue(c, "lr_mult"));
    return arch;
}

void writeArch(YAML::Node root, const TrainConfig &c, int classCount)
{
    const DistillConfig &d = c.distill;
    if (d.mode == DistillMode::None) {
        root["Arch"] = modelArch(c, classCount);
        return;
    }
    YAML::Node arch = root["Arch"];
    arch["name"] = "DistillationModel";
    if (classCount > 0)
        arch["class_num"] = integer(classCount);
    arch["freeze_params_list"] = flowList({boolean(d.mode == DistillMode::SklUgi), boolean(false)});
    YAML::Node teacher;
    teacher["name"] = d.teacherModel;
    if (classCount > 0)
        teacher["class_num"] = integer(classCount);
    YAML::Node student = modelArch(c, classCount);
    if (d.mode == DistillMode::Udml) {
        teacher["return_patterns"] = flowList({YAML::Node(d.featureStage)});
        student["return_patterns"] = flowList({YAML::Node(d.featureStage)});
    }
    arch["models"].push_back(op("Teacher", teacher));
    arch["models"].push_back(op("Student", student));
    arch["infer_model_name"] = "Student";
}

void writeLoss(YAML::Node root, const TrainConfig &c)
{
    const DistillConfig &d = c.distill;
    const bool multi = c.task == Task::MultiLabel;
    YAML::Node train = root["Loss"]["Train"];
    const auto multiLabelArgs = [](double weight) {
        YAML::Node args;
        args["weight"] = number(weight);
        args["weight_ratio"] = boolean(true);
        args["size_sum"] = boolean(true);
        return args;
    };
    YAML::Node ce;
    ce["weight"] = number(1.0);
    if (d.mode == DistillMode::None) {
        if (multi) {
            train.push_back(op("MultiLabelLoss", multiLabelArgs(1.0)));
        } else {
            if (c.labelSmoothing > 0)
                ce["epsilon"] = number(c.labelSmoothing);
            train.push_back(op("CELoss", ce));
        }
    } else {
        const bool both = d.mode != DistillMode::SklUgi;
        const YAML::Node pairs =
            flowList({flowList({YAML::Node("Student"), YAML::Node("Teacher")})});
        if (d.groundTruthWeight > 0 && multi) {
            YAML::Node args = multiLabelArgs(d.groundTruthWeight);
            args["model_names"] = flowList({YAML::Node("Student")});
            train.push_back(op("DistillationMultiLabelLoss", args));
        } else if (d.groundTruthWeight > 0) {
            YAML::Node args;
            args["weight"] = number(d.groundTruthWeight);
            if (c.labelSmoothing > 0)
                args["epsilon"] = number(c.labelSmoothing);
            args["model_names"] = both ? flowList({YAML::Node("Student"), YAML::Node("Teacher")})
                                       : flowList({YAML::Node("Student")});
            train.push_back(op("DistillationGTCELoss", args));
        }
        if (d.dmlWeight > 0) {
            YAML::Node args;
            args["weight"] = number(d.dmlWeight);
            args["model_name_pairs"] = pairs;
            train.push_back(op("DistillationDMLLoss", args));
        }
        if (d.mode == DistillMode::Udml && d.featureWeight > 0) {
            YAML::Node args;
            args["weight"] = number(d.featureWeight);
            args["key"] = d.featureStage;
            args["mode"] = "l2";
            args["model_name_pairs"] = pairs;
            train.push_back(op("DistillationDistanceLoss", args));
        }
    }
    YAML::Node evalCe;
    evalCe["weight"] = number(1.0);
    root["Loss"]["Eval"].push_back(multi ? op("MultiLabelLoss", multiLabelArgs(1.0))
                                         : op("CELoss", evalCe));
}

YAML::Node trainOps(const TrainConfig &c)
{
    const AugmentConfig &a = c.augment;
    YAML::Node ops(YAML::NodeType::Sequence);
    ops.push_back(decodeOp());
    if (a.blurLabels) {
        YAML::Node args;
        args["ratio"] = number(a.blurRatio);
        ops.push_back(op("BlurImage", args));
    }
    const bool randomCropFirst = a.geometry == TrainGeometry::RandomCrop;
    const bool preCrop = !randomCropFirst && a.preCropWidth > 0 && a.preCropHeight > 0;
    const int stageW = preCrop ? a.preCropWidth : c.trainWidth;
    const int stageH = preCrop ? a.preCropHeight : c.trainHeight;
    YAML::Node crop;
    crop["size"] = flowList({integer(c.trainWidth), integer(c.trainHeight)});
    YAML::Node geometry;
    geometry["size"] = a.geometry == TrainGeometry::RandCrop
                           ? widthHeight(stageW, stageH)
                           : flowList({integer(stageW), integer(stageH)});
    if (randomCropFirst) {
        ops.push_back(op("RandomCropImage", crop));
    } else if (a.geometry == TrainGeometry::RandCrop) {
        if (a.randCropScaleMin != AugmentConfig{}.randCropScaleMin)
            geometry["scale"] = flowList({number(a.randCropScaleMin), number(1.0)});
        ops.push_back(op("RandCropImage", geometry));
    } else {
        ops.push_back(op("ResizeImage", geometry));
    }
    YAML::Node flipArgs;
    flipArgs["flip_code"] = integer(1);
    if (a.flipProb > 0 && a.flipBeforeAutoAugment)
        ops.push_back(op("RandFlipImage", flipArgs));
    YAML::Node randAugment;
    randAugment["prob"] = number(a.autoAugmentProb);
    randAugment["config_str"] = "rand-m" + configNumberText(a.autoAugmentMagnitude) + "-mstd" +
                                configNumberText(a.autoAugmentMagnitudeStd) + "-inc1";
    randAugment["interpolation"] = "bicubic";
    randAugment["img_size"] = widthHeight(stageW, stageH);
    ops.push_back(op("TimmAutoAugment", randAugment));
    if (a.geometry == TrainGeometry::ResizePadCrop) {
        YAML::Node pad;
        pad["size"] = flowList({integer(a.padWidth > 0 ? a.padWidth : stageW + 20),
                                integer(a.padHeight > 0 ? a.padHeight : stageH + 20)});
        pad["pad_mode"] = integer(1);
        pad["fill_value"] = integer(0);
        ops.push_back(op("Padv2", pad));
        ops.push_back(op("RandomCropImage", crop));
    } else if (preCrop) {
        ops.push_back(op("RandomCropImage", crop));
    }
    if (a.flipProb > 0 && !a.flipBeforeAutoAugment)
        ops.push_back(op("RandFlipImage", flipArgs));
    ops.push_back(normalizeOp());
    YAML::Node erasing;
    erasing["EPSILON"] = number(a.erasingProb);
    erasing["sl"] = number(0.02);
    erasing["sh"] = "1.0/3.0";
    erasing["r1"] = number(0.3);
    erasing["attempt"] = integer(10);
    erasing["use_log_aspect"] = boolean(true);
    erasing["mode"] = "pixel";
    ops.push_back(op("RandomErasing", erasing));
    if (a.rot90Labels)
        ops.push_back(op("RandomRot90"));
    return ops;
}

YAML::Node evalOps(const TrainConfig &c)
{
    YAML::Node ops(YAML::NodeType::Sequence);
    ops.push_back(decodeOp());
    YAML::Node resize;
    if (c.resizeShort > 0) {
        resize["resize_short"] = integer(c.resizeShort);
        ops.push_back(op("ResizeImage", resize));
        YAML::Node crop;
        crop["size"] = widthHeight(c.inputWidth, c.inputHeight);
        ops.push_back(op("CropImage", crop));
    } else {
        resize["size"] = flowList({integer(c.inputWidth), integer(c.inputHeight)});
        ops.push_back(op("ResizeImage", resize));
    }
    ops.push_back(normalizeOp());
    return ops;
}

void writeDataLoader(YAML::Node root, const TrainConfig &c)
{
    const AugmentConfig &a = c.augment;
    const char *dataset = c.task == Task::MultiLabel ? "MultiLabelDataset" : "ImageNetDataset";
    YAML::Node train = root["DataLoader"]["Train"];
    train["dataset"]["name"] = dataset;
    train["dataset"]["transform_ops"] = trainOps(c);
    if (a.mixupProb > 0 || a.cutmixProb > 0) {
        YAML::Node sampler;
        const auto mix = [&sampler](const char *name, double alpha, double prob) {
            if (prob <= 0)
                return;
            sampler[name]["alpha"] = number(alpha);
            sampler[name]["prob"] = number(prob);
        };
        mix("MixupOperator", a.mixupAlpha, a.mixupProb);
        mix("CutmixOperator", a.cutmixAlpha, a.cutmixProb);
        train["dataset"]["batch_transform_ops"].push_back(op("OpSampler", sampler));
    }
    train["sampler"]["name"] = "DistributedBatchSampler";
    train["sampler"]["batch_size"] = integer(c.batchSize);
    train["sampler"]["drop_last"] = boolean(c.dropLast);
    train["sampler"]["shuffle"] = boolean(true);
    train["loader"]["num_workers"] = integer(c.loaderThreads);
    YAML::Node eval = root["DataLoader"]["Eval"];
    eval["dataset"]["name"] = dataset;
    eval["dataset"]["transform_ops"] = evalOps(c);
}

YAML::Node paddleSections(const TrainConfig &c, int classCount)
{
    YAML::Node root;
    root["Global"]["pretrained_model"] =
        c.pretrained.empty() ? YAML::Node(YAML::NodeType::Null) : YAML::Node(c.pretrained);
    root["Global"]["epochs"] = integer(c.epochs);
    root["Global"]["image_shape"] =
        flowList({integer(3), integer(c.inputHeight), integer(c.inputWidth)});
    root["Global"]["seed"] = integer(c.seed);
    if (classCount <= 0 && c.task == Task::Binary)
        classCount = 2;
    writeArch(root, c, classCount);
    writeLoss(root, c);
    YAML::Node optimizer = root["Optimizer"];
    optimizer["name"] = "Momentum";
    optimizer["momentum"] = number(c.momentum);
    optimizer["lr"]["name"] = "Cosine";
    optimizer["lr"]["learning_rate"] = number(c.learningRate);
    optimizer["lr"]["warmup_epoch"] = number(c.warmupEpochs);
    optimizer["regularizer"]["name"] = "L2";
    optimizer["regularizer"]["coeff"] = number(c.weightDecay);
    writeDataLoader(root, c);
    if (c.emaDecay > 0)
        root["EMA"]["decay"] = number(c.emaDecay);
    YAML::Node post = root["Infer"]["PostProcess"];
    if (c.task == Task::SingleLabel) {
        post["name"] = "Topk";
        post["topk"] = integer(c.topk);
    } else {
        post["name"] = c.task == Task::Binary ? "ThreshOutput" : "MultiLabelThreshOutput";
        post["threshold"] = number(c.threshold);
    }
    YAML::Node metrics = root["Metric"]["Eval"];
    if (c.mainMetric == MainMetric::TprAtFpr) {
        YAML::Node args;
        args["max_fpr"] = number(c.maxFpr);
        metrics.push_back(op("TprAtFpr", args));
    } else if (c.mainMetric == MainMetric::MeanAcc) {
        metrics.push_back(op("ATTRMetric"));
    }
    if (c.mainMetric != MainMetric::MeanAcc) {
        YAML::Node topk(YAML::NodeType::Sequence);
        topk.push_back(integer(1));
        if (c.topk > 1)
            topk.push_back(integer(c.topk));
        topk.SetStyle(YAML::EmitterStyle::Flow);
        YAML::Node args;
        args["topk"] = topk;
        metrics.push_back(op("TopkAcc", args));
    }
    return root;
}

std::string emit(const YAML::Node &root)
{
    YAML::Emitter out;
    out.SetIndent(2);
    out << root;
    return std::string(out.c_str()) + "\n";
}

// Two configs that differ from the defaults and from each other in every field: a field the
// PaddleClas sections do not carry reads back as one of these, so it shows up as a difference.
std::vector<TrainConfig> probes()
{
    TrainConfig odd = sceneConfig("language_classification");
    for (const char *setting : {"task=multi",
                                "metric=mA",
                                "max_fpr=0.123",
                                "topk=3",
                                "threshold=0.77",
                                "resize_short=300",
                                "use_last_conv=false",
                                "class_expand=640",
                                "dropout=0.11",
                                "warmup_epochs=1.5",
                                "geometry=resize_pad_crop",
                                "rand_crop_scale_min=0.3",
                                "pad_size=7x9",
                                "pre_crop_size=5x11",
                                "flip_prob=0.3",
                                "flip_before_autoaugment=true",
                                "autoaugment_magnitude=3",
                                "autoaugment_magnitude_std=0.2",
                                "blur_ratio=0.3",
                                "mixup_alpha=0.3",
                                "cutmix_alpha=0.3",
                                "distill=udml",
                                "teacher_model=ResNet50_vd",
                                "teacher_run=77",
                                "teacher_checkpoint=probe",
                                "use_unlabeled=false",
                                "dml_weight=0.3",
                                "gt_weight=0.3",
                                "feature_weight=0.3",
                                "feature_stage=probe",
                                "threads=3",
                                "loader_threads=3",
                                "prefetch_batches=3",
                                "decode_cache_mb=3",
                                "seed=3",
                                "max_steps_per_epoch=3",
                                "save_interval_minutes=3",
                                "save_interval_steps=3",
                                "pretrained=probe",
                                "label_smoothing=0.3",
                                "ema_decay=0.3"}) {
        const std::string text(setting);
        const auto eq = text.find('=');
        applySetting(odd, text.substr(0, eq), text.substr(eq + 1));
    }
    return {TrainConfig{}, odd};
}

} // namespace

std::string writeConfigYaml(const TrainConfig &config, int classCount)
{
    YAML::Node root = paddleSections(config, classCount);
    YAML::Node studio = root["PulcStudio"];
    for (const char *key : {"scene", "task", "threads", "loader_threads", "prefetch_batches",
                            "max_steps_per_epoch", "save_interval_minutes", "save_interval_steps",
                            "teacher_run", "teacher_checkpoint", "use_unlabeled"})
        studio[key] = settingValue(config, key);
    studio["single_machine"] = boolean(true);
    // Whatever the PaddleClas sections cannot say is added to PulcStudio, found by reading the
    // text back onto configs that differ in every field. Two rounds settle it: added keys only
    // ever fix fields.
    for (int round = 0; round < 2; ++round) {
        for (const TrainConfig &probe : probes()) {
            const TrainConfig back = readConfigYaml(emit(root), probe).config;
            for (const std::string &key : configDifferences(back, config)) {
                const std::string value = settingValue(config, key);
                studio[key] = value.rfind('[', 0) == 0 ? flowText(value) : YAML::Node(value);
            }
        }
    }
    return "# PULC Studio training config, in PaddleClas's shape. Batch size and learning rate\n"
           "# are for one machine (PulcStudio.single_machine); PulcStudio holds settings\n"
           "# PaddleClas has no key for and wins over the sections above.\n" +
           emit(root);
}

} // namespace pulc::engine
