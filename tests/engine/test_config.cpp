// Scene templates (docs/paddleclas-compat.md, 'Scenes', 'Per-scene recipes' and 'Distillation') and
// PaddleClas-shaped config files.

#include "engine/configfile.h"
#include "engine/pipeline.h"
#include "engine/scenes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <unistd.h>

using namespace pulc::engine;

namespace {

/// applySetting() with its error copied into `error`, so a check can print it.
bool apply(TrainConfig &config, const std::string &key, const std::string &value,
           std::string *error)
{
    const Status applied = applySetting(config, key, value);
    *error = applied.error;
    return applied.ok;
}

/// A "billion laughs" config: each anchor is a list of ten aliases of the previous one, so the
/// file stays a few hundred bytes while `levels` levels expand to 10^levels scalars. The last
/// anchor is the value of Global.epochs, which the reader prints into its error message.
std::string aliasBomb(int levels)
{
    std::string text = "l0: &l0 lol\n";
    for (int i = 1; i <= levels; ++i) {
        const std::string prev = "*l" + std::to_string(i - 1);
        text += "l" + std::to_string(i) + ": &l" + std::to_string(i) + " [";
        for (int k = 0; k < 10; ++k)
            text += (k ? ", " : "") + prev;
        text += "]\n";
    }
    return text + "Global:\n  epochs: *l" + std::to_string(levels) + "\n";
}

size_t totalLength(const ConfigReadResult &r)
{
    size_t n = 0;
    for (const auto *list : {&r.errors, &r.warnings, &r.notes, &r.unsupported})
        for (const std::string &item : *list)
            n += item.size();
    return n;
}

std::string joined(const std::vector<std::string> &list)
{
    std::string text;
    for (const std::string &item : list)
        text += item + "\n";
    return text;
}

void expectStrides(const StrideList &actual, const StrideList &expected)
{
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(actual[i].h, expected[i].h) << "stride " << i;
        EXPECT_EQ(actual[i].w, expected[i].w) << "stride " << i;
    }
}

// Modelled on ppcls/configs/PULC/person_exists/PPLCNet_x1_0.yaml, plus an AMP section.
const char *kPersonExists = R"(# global configs
Global:
  checkpoints: null
  pretrained_model: null
  output_dir: ./output/
  device: gpu
  save_interval: 1
  eval_during_train: True
  eval_interval: 1
  start_eval_epoch: 10
  epochs: 20
  print_batch_step: 10
  use_visualdl: False
  image_shape: [3, 224, 224]
  save_inference_dir: ./inference
  use_dali: False
AMP:
  scale_loss: 128.0
Arch:
  name: PPLCNet_x1_0
  class_num: 2
  pretrained: True
  use_ssld: True
  use_sync_bn: True
Loss:
  Train:
    - CELoss:
        weight: 1.0
  Eval:
    - CELoss:
        weight: 1.0
Optimizer:
  name: Momentum
  momentum: 0.9
  lr:
    name: Cosine
    learning_rate: 0.01
    warmup_epoch: 5
  regularizer:
    name: 'L2'
    coeff: 0.00004
DataLoader:
  Train:
    dataset:
      name: ImageNetDataset
      image_root: ./dataset/person_exists/
      cls_label_path: ./dataset/person_exists/train_list.txt
      transform_ops:
        - DecodeImage:
            to_rgb: True
            channel_first: False
        - RandCropImage:
            size: 192
        - RandFlipImage:
            flip_code: 1
        - TimmAutoAugment:
            prob: 0.0
            config_str: rand-m9-mstd0.5-inc1
            interpolation: bicubic
            img_size: 192
        - NormalizeImage:
            scale: 1.0/255.0
            mean: [0.485, 0.456, 0.406]
            std: [0.229, 0.224, 0.225]
            order: ''
        - RandomErasing:
            EPSILON: 0.1
            sl: 0.02
            sh: 1.0/3.0
            r1: 0.3
            attempt: 10
            use_log_aspect: True
            mode: pixel
    sampler:
      name: DistributedBatchSampler
      batch_size: 64
      drop_last: False
      shuffle: True
    loader:
      num_workers: 1
      use_shared_memory: True
  Eval:
    dataset:
      name: ImageNetDataset
      image_root: ./dataset/person_exists/
      cls_label_path: ./dataset/person_exists/val_list.txt
      transform_ops:
        - DecodeImage:
            to_rgb: True
            channel_first: False
        - ResizeImage:
            resize_short: 256
        - CropImage:
            size: 224
        - NormalizeImage:
            scale: 1.0/255.0
            mean: [0.485, 0.456, 0.406]
            std: [0.229, 0.224, 0.225]
            order: ''
    sampler:
      name: DistributedBatchSampler
      batch_size: 64
    loader:
      num_workers: 4
Infer:
  infer_imgs: deploy/images/PULC/person_exists/objects365_02035329.jpg
  batch_size: 10
  transforms:
    - DecodeImage:
        to_rgb: True
  PostProcess:
    name: ThreshOutput
    threshold: 0.9
    label_0: nobody
    label_1: someone
Metric:
  Train:
    - TopkAcc:
        topk: [1, 2]
  Eval:
    - TprAtFpr:
    - TopkAcc:
        topk: [1, 2]
)";

// Modelled on ppcls/configs/PULC/textline_orientation/PPLCNet_x1_0.yaml.
const char *kTextline = R"(Global:
  device: gpu
  epochs: 20
  image_shape: [3, 80, 160]
Arch:
  name: PPLCNet_x1_0
  class_num: 2
  stride_list: [2, [2, 1], [2, 1], [2, 1], [2, 1]]
Loss:
  Train:
    - CELoss:
        weight: 1.0
Optimizer:
  name: Momentum
  momentum: 0.9
  lr:
    name: Cosine
    learning_rate: 0.8
    warmup_epoch: 5
  regularizer:
    name: 'L2'
    coeff: 0.00004
DataLoader:
  Train:
    dataset:
      name: ImageNetDataset
      cls_label_path: ./dataset/textline_orientation/train_list.txt
      transform_ops:
        - DecodeImage:
            to_rgb: True
            channel_first: False
        - ResizeImage:
            size: [160, 80]
        - TimmAutoAugment:
            prob: 1.0
            config_str: rand-m9-mstd0.5-inc1
            interpolation: bicubic
            img_size: [160, 80]
        - NormalizeImage:
            scale: 1.0/255.0
            mean: [0.485, 0.456, 0.406]
            std: [0.229, 0.224, 0.225]
            order: ''
        - RandomErasing:
            EPSILON: 0.0
    sampler:
      name: DistributedBatchSampler
      batch_size: 256
      drop_last: False
      shuffle: True
  Eval:
    dataset:
      name: ImageNetDataset
      transform_ops:
        - DecodeImage:
            to_rgb: True
            channel_first: False
        - ResizeImage:
            size: [160, 80]
Infer:
  PostProcess:
    name: Topk
    topk: 1
    class_id_map_file: ppcls/utils/PULC_label_list/textline_orientation_label_list.txt
Metric:
  Eval:
    - TopkAcc:
        topk: [1, 2]
)";

// Modelled on ppcls/configs/PULC/safety_helmet/PPLCNet_x1_0_distillation.yaml (UDML).
const char *kSafetyHelmetUdml = R"(Global:
  device: gpu
  epochs: 40
  image_shape: [3, 224, 224]
  to_static: False
Arch:
  name: "DistillationModel"
  class_num: &class_num 2
  pretrained_list:
  freeze_params_list:
  - False
  - False
  use_sync_bn: True
  models:
    - Teacher:
        name: PPLCNet_x1_0
        class_num: *class_num
        pretrained: True
        use_ssld: True
        return_stages: True
        return_patterns: ["blocks3", "blocks4", "blocks5", "blocks6"]
    - Student:
        name: PPLCNet_x1_0
        class_num: *class_num
        pretrained: True
        use_ssld: True
        return_stages: True
        return_patterns: ["blocks3", "blocks4", "blocks5", "blocks6"]
  infer_model_name: "Student"
Loss:
  Train:
    - DistillationGTCELoss:
        weight: 1.0
        key: logits
        model_names: ["Student", "Teacher"]
    - DistillationDMLLoss:
        weight: 1.0
        key: logits
        model_name_pairs:
        - ["Student", "Teacher"]
    - DistillationDistanceLoss:
        weight: 1.0
        key: "blocks4"
        model_name_pairs:
        - ["Student", "Teacher"]
  Eval:
    - CELoss:
        weight: 1.0
Optimizer:
  name: Momentum
  momentum: 0.9
  lr:
    name: Cosine
    learning_rate: 0.015
    warmup_epoch: 5
  regularizer:
    name: 'L2'
    coeff: 0.00003
DataLoader:
  Train:
    dataset:
      name: ImageNetDataset
      transform_ops:
        - RandCropImage:
            size: 192
        - RandFlipImage:
            flip_code: 1
        - TimmAutoAugment:
            prob: 0.5
            config_str: rand-m9-mstd0.5-inc1
        - RandomErasing:
            EPSILON: 0.5
    sampler:
      batch_size: 64
Metric:
  Train:
    - DistillationTopkAcc:
        model_key: "Student"
        topk: [1]
  Eval:
    - TprAtFpr:
        max_fpr: 0.0001
    - TopkAcc:
        topk: [1]
)";

} // namespace

// ---- Scenes -------------------------------------------------------------------------------------

TEST(ScenesTest, ListsEveryPulcSceneAndCustom)
{
    const std::vector<std::string> expected = {"person_exists",
                                               "person_attribute",
                                               "safety_helmet",
                                               "traffic_sign",
                                               "vehicle_attribute",
                                               "car_exists",
                                               "text_image_orientation",
                                               "textline_orientation",
                                               "language_classification",
                                               "table_attribute",
                                               "code_exists",
                                               "clarity_assessment",
                                               "image_orientation",
                                               "custom"};
    ASSERT_EQ(scenes().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(scenes()[i].name, expected[i]);
        EXPECT_FALSE(scenes()[i].title.empty());
        EXPECT_EQ(sceneConfig(expected[i]).scene, expected[i]);
        EXPECT_EQ(findScene(expected[i]), &scenes()[i]);
    }
    EXPECT_EQ(findScene("no_such_scene"), nullptr);
}

TEST(ScenesTest, ClassNamesMatchTheLabelLists)
{
    EXPECT_EQ(findScene("person_attribute")->classNames.size(), 26u);
    EXPECT_EQ(findScene("person_attribute")->classNames[22], "Female");
    EXPECT_EQ(findScene("vehicle_attribute")->classNames.size(), 19u);
    EXPECT_EQ(findScene("vehicle_attribute")->classNames[10], "sedan");
    EXPECT_EQ(findScene("table_attribute")->classNames.size(), 6u);
    const SceneInfo *signs = findScene("traffic_sign");
    ASSERT_EQ(signs->classNames.size(), 232u);
    EXPECT_EQ(signs->classNames.front(), "pl80");
    EXPECT_EQ(signs->classNames[3], "ph4.2");
    EXPECT_EQ(signs->classNames.back(), "pw4");
    const SceneInfo *language = findScene("language_classification");
    ASSERT_EQ(language->classNames.size(), 10u);
    EXPECT_EQ(language->classNames[1], "chinese_cht");
    EXPECT_EQ(language->classNames[9], "latin");
    const SceneInfo *person = findScene("person_exists");
    EXPECT_EQ(person->task, Task::Binary);
    EXPECT_EQ(person->classNames, (std::vector<std::string>{"nobody", "someone"}));
    EXPECT_EQ(person->positiveClass, 1);
    EXPECT_EQ(findScene("clarity_assessment")->classNames[1], "blur");
    EXPECT_TRUE(findScene("custom")->classNames.empty());
}

TEST(ScenesTest, OneMachineScalingKeepsTheLearningRatePerImage)
{
    EXPECT_EQ(scaleToOneMachine(64, 0.01).batchSize, 64);
    EXPECT_DOUBLE_EQ(scaleToOneMachine(64, 0.01).learningRate, 0.0025);
    EXPECT_EQ(scaleToOneMachine(256, 0.8).batchSize, 64);
    EXPECT_DOUBLE_EQ(scaleToOneMachine(256, 0.8).learningRate, 0.05);
    EXPECT_DOUBLE_EQ(scaleToOneMachine(32, 0.1).learningRate, 0.025);
    EXPECT_EQ(scaleToOneMachine(0, 0.1).batchSize, 0);
    EXPECT_NE(findScene("textline_orientation")->description.find("batch 64 with LR 0.05"),
              std::string::npos)
        << findScene("textline_orientation")->description;
}

TEST(ScenesTest, PersonExistsRecipe)
{
    const TrainConfig c = sceneConfig("person_exists");
    EXPECT_EQ(c.task, Task::Binary);
    EXPECT_EQ(c.epochs, 20);
    EXPECT_EQ(c.batchSize, 64);
    EXPECT_DOUBLE_EQ(c.learningRate, 0.0025);
    EXPECT_DOUBLE_EQ(c.weightDecay, 4e-5);
    EXPECT_DOUBLE_EQ(c.labelSmoothing, 0.0);
    EXPECT_EQ(c.trainHeight, 192);
    EXPECT_EQ(c.trainWidth, 192);
    EXPECT_EQ(c.inputHeight, 224);
    EXPECT_EQ(c.resizeShort, 256);
    EXPECT_EQ(c.augment.geometry, TrainGeometry::RandCrop);
    EXPECT_DOUBLE_EQ(c.augment.flipProb, 0.5);
    EXPECT_DOUBLE_EQ(c.augment.autoAugmentProb, 0.0);
    EXPECT_DOUBLE_EQ(c.augment.erasingProb, 0.1);
    EXPECT_EQ(c.mainMetric, MainMetric::TprAtFpr);
    EXPECT_DOUBLE_EQ(c.maxFpr, 0.001);
    EXPECT_EQ(c.distill.mode, DistillMode::None);
    EXPECT_EQ(c.distill.teacherModel, "ResNet101_vd");
}

TEST(ScenesTest, SafetyHelmetAndCarExistsRecipes)
{
    const TrainConfig helmet = sceneConfig("safety_helmet");
    EXPECT_EQ(helmet.epochs, 40);
    EXPECT_DOUBLE_EQ(helmet.learningRate, 0.025 / 4);
    EXPECT_DOUBLE_EQ(helmet.weightDecay, 3e-5);
    EXPECT_DOUBLE_EQ(helmet.labelSmoothing, 0.1);
    EXPECT_EQ(helmet.trainWidth, 176);
    EXPECT_DOUBLE_EQ(helmet.augment.autoAugmentProb, 0.5);
    EXPECT_DOUBLE_EQ(helmet.maxFpr, 1e-4);
    EXPECT_EQ(helmet.distill.mode, DistillMode::None);
    EXPECT_EQ(helmet.distill.teacherModel, "PPLCNet_x1_0");
    EXPECT_EQ(helmet.distill.featureStage, "blocks4");

    const TrainConfig car = sceneConfig("car_exists");
    EXPECT_DOUBLE_EQ(car.learningRate, 0.0125 / 4);
    EXPECT_DOUBLE_EQ(car.augment.autoAugmentProb, 0.5);
    EXPECT_DOUBLE_EQ(car.augment.erasingProb, 0.5);
    EXPECT_DOUBLE_EQ(car.maxFpr, 0.01);

    const TrainConfig code = sceneConfig("code_exists");
    EXPECT_EQ(code.task, Task::Binary);
    EXPECT_EQ(code.mainMetric, MainMetric::Top1);

    const TrainConfig signs = sceneConfig("traffic_sign");
    EXPECT_EQ(signs.epochs, 10);
    EXPECT_DOUBLE_EQ(signs.augment.flipProb, 0.0);
    EXPECT_EQ(signs.topk, 5);
    EXPECT_EQ(sceneConfig("table_attribute").distill.teacherModel, "ResNet50_vd");
}

TEST(ScenesTest, TextLineScenesKeepWidthResolution)
{
    for (const char *name : {"textline_orientation", "language_classification"}) {
        SCOPED_TRACE(name);
        const TrainConfig c = sceneConfig(name);
        expectStrides(c.strides, kTextLineStrides);
        EXPECT_EQ(c.inputHeight, 80);
        EXPECT_EQ(c.inputWidth, 160);
        EXPECT_EQ(c.trainHeight, 80);
        EXPECT_EQ(c.trainWidth, 160);
        EXPECT_EQ(c.resizeShort, 0);
        EXPECT_EQ(c.augment.geometry, TrainGeometry::Resize);
        EXPECT_EQ(c.batchSize, 64);
        EXPECT_DOUBLE_EQ(c.learningRate, 0.05);
        EXPECT_DOUBLE_EQ(c.augment.autoAugmentProb, 1.0);
    }
    const TrainConfig textline = sceneConfig("textline_orientation");
    EXPECT_EQ(textline.task, Task::Binary);
    EXPECT_EQ(textline.mainMetric, MainMetric::Top1);
    EXPECT_DOUBLE_EQ(textline.augment.flipProb, 0.0);
    const TrainConfig language = sceneConfig("language_classification");
    EXPECT_EQ(language.epochs, 30);
    EXPECT_EQ(language.lrMult, (std::array<double, 6>{0.0, 0.4, 0.4, 0.8, 0.8, 1.0}));
    EXPECT_DOUBLE_EQ(language.augment.erasingProb, 1.0);
    EXPECT_DOUBLE_EQ(language.labelSmoothing, 0.1);
    EXPECT_TRUE(language.augment.flipBeforeAutoAugment);
    EXPECT_EQ(language.topk, 2);
    expectStrides(sceneConfig("person_exists").strides, kDefaultStrides);
}

TEST(ScenesTest, LabelMakingScenes)
{
    const TrainConfig clarity = sceneConfig("clarity_assessment");
    EXPECT_FALSE(clarity.useLastConv);
    EXPECT_TRUE(clarity.augment.blurLabels);
    EXPECT_DOUBLE_EQ(clarity.augment.blurRatio, 0.5);
    EXPECT_FALSE(clarity.augment.rot90Labels);
    EXPECT_EQ(clarity.augment.geometry, TrainGeometry::Resize);
    EXPECT_DOUBLE_EQ(clarity.learningRate, 0.14 * 64 / 1024);

    const TrainConfig orientation = sceneConfig("image_orientation");
    EXPECT_FALSE(orientation.useLastConv);
    EXPECT_TRUE(orientation.augment.rot90Labels);
    EXPECT_FALSE(orientation.augment.blurLabels);
    EXPECT_EQ(orientation.epochs, 60);
    EXPECT_DOUBLE_EQ(orientation.augment.flipProb, 0.0);
    EXPECT_TRUE(sceneConfig("person_exists").useLastConv);
}

TEST(ScenesTest, AttributeScenesPadThenCrop)
{
    const TrainConfig person = sceneConfig("person_attribute");
    EXPECT_EQ(person.task, Task::MultiLabel);
    EXPECT_EQ(person.mainMetric, MainMetric::MeanAcc);
    EXPECT_EQ(person.inputHeight, 256);
    EXPECT_EQ(person.inputWidth, 192);
    EXPECT_EQ(person.resizeShort, 0);
    EXPECT_EQ(person.augment.geometry, TrainGeometry::ResizePadCrop);
    EXPECT_EQ(person.augment.padWidth, 212);
    EXPECT_EQ(person.augment.padHeight, 276);
    EXPECT_DOUBLE_EQ(person.augment.autoAugmentProb, 0.8);
    EXPECT_DOUBLE_EQ(person.augment.erasingProb, 0.4);
    EXPECT_TRUE(person.dropLast);
    EXPECT_DOUBLE_EQ(person.weightDecay, 5e-4);
    const TrainConfig vehicle = sceneConfig("vehicle_attribute");
    EXPECT_EQ(vehicle.inputHeight, 192);
    EXPECT_EQ(vehicle.inputWidth, 256);
    EXPECT_EQ(vehicle.augment.padWidth, 276);
    EXPECT_EQ(vehicle.augment.padHeight, 212);
    EXPECT_EQ(vehicle.epochs, 30);
}

TEST(ScenesTest, UnknownSceneIsCustomAndCustomIsTheDefaults)
{
    EXPECT_EQ(sceneConfig("nope").scene, "custom");
    EXPECT_TRUE(configDifferences(sceneConfig("custom"), TrainConfig{}).empty())
        << joined(configDifferences(sceneConfig("custom"), TrainConfig{}));
    EXPECT_EQ(configDifferences(sceneConfig("person_exists"), TrainConfig{}).empty(), false);
}

// ---- Config files -------------------------------------------------------------------------------

TEST(ConfigFileTest, ReadsPersonExists)
{
    const ConfigReadResult r = readConfigYaml(kPersonExists);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    const TrainConfig &c = r.config;
    EXPECT_EQ(c.task, Task::Binary);
    EXPECT_EQ(c.epochs, 20);
    EXPECT_EQ(c.batchSize, 64);
    EXPECT_DOUBLE_EQ(c.learningRate, 0.0025);
    EXPECT_DOUBLE_EQ(c.weightDecay, 4e-5);
    EXPECT_DOUBLE_EQ(c.warmupEpochs, 5.0);
    EXPECT_EQ(c.trainHeight, 192);
    EXPECT_EQ(c.inputHeight, 224);
    EXPECT_EQ(c.resizeShort, 256);
    EXPECT_DOUBLE_EQ(c.augment.flipProb, 0.5);
    EXPECT_TRUE(c.augment.flipBeforeAutoAugment);
    EXPECT_DOUBLE_EQ(c.augment.erasingProb, 0.1);
    EXPECT_EQ(c.mainMetric, MainMetric::TprAtFpr);
    EXPECT_DOUBLE_EQ(c.maxFpr, 0.001);
    EXPECT_DOUBLE_EQ(c.threshold, 0.9);
    EXPECT_EQ(c.topk, 2);
    EXPECT_EQ(c.loaderThreads, 1);
    // The only setting PULC Studio cannot honour is mixed precision.
    EXPECT_EQ(r.unsupported, (std::vector<std::string>{"AMP"})) << joined(r.warnings);
    for (const char *key : {"DataLoader.Train.dataset.cls_label_path",
                            "DataLoader.Train.dataset.image_root", "Infer.PostProcess.label_0"})
        EXPECT_TRUE(r.isIgnored(key)) << key;
    for (const IgnoredKey &item : r.ignored) {
        if (item.key == "DataLoader.Train.dataset.cls_label_path") {
            EXPECT_EQ(item.reason, kIgnoredProjectData);
        }
        if (item.key == "Global.use_visualdl") {
            EXPECT_NE(item.reason, kIgnoredProjectData);
        }
    }
    for (const char *key : {"Global.use_visualdl", "Global.device", "Arch.use_sync_bn",
                            "Arch.class_num", "Loss.Eval", "DataLoader.Eval.sampler"})
        EXPECT_TRUE(r.isIgnored(key)) << key;
    EXPECT_FALSE(r.isIgnored("Global.epochs"));
    ASSERT_FALSE(r.notes.empty());
    EXPECT_NE(joined(r.notes).find("LR 0.0025"), std::string::npos) << joined(r.notes);
}

TEST(ConfigFileTest, ReadsTextlineOrientation)
{
    const ConfigReadResult r = readConfigYaml(kTextline, sceneConfig("person_exists"));
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_TRUE(r.unsupported.empty()) << joined(r.warnings);
    const TrainConfig &c = r.config;
    expectStrides(c.strides, kTextLineStrides);
    EXPECT_EQ(c.inputHeight, 80);
    EXPECT_EQ(c.inputWidth, 160);
    EXPECT_EQ(c.resizeShort, 0);
    EXPECT_EQ(c.augment.geometry, TrainGeometry::Resize);
    EXPECT_EQ(c.trainHeight, 80);
    EXPECT_EQ(c.trainWidth, 160);
    EXPECT_DOUBLE_EQ(c.augment.flipProb, 0.0); // the list has no RandFlipImage
    EXPECT_DOUBLE_EQ(c.augment.autoAugmentProb, 1.0);
    EXPECT_DOUBLE_EQ(c.augment.erasingProb, 0.0);
    EXPECT_EQ(c.batchSize, 64);
    EXPECT_DOUBLE_EQ(c.learningRate, 0.05);
    EXPECT_EQ(c.task, Task::Binary);
    EXPECT_EQ(c.mainMetric, MainMetric::Top1); // TprAtFpr of the base is replaced
    EXPECT_EQ(c.topk, 2);                      // Metric.Eval.TopkAcc wins over Infer's 1
    EXPECT_TRUE(r.isIgnored("Infer.PostProcess.class_id_map_file"));
}

TEST(ConfigFileTest, ReadsUdmlDistillation)
{
    const ConfigReadResult r = readConfigYaml(kSafetyHelmetUdml);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_TRUE(r.unsupported.empty()) << joined(r.warnings);
    const TrainConfig &c = r.config;
    EXPECT_EQ(c.distill.mode, DistillMode::Udml);
    EXPECT_EQ(c.distill.teacherModel, "PPLCNet_x1_0");
    EXPECT_EQ(c.model, "PPLCNet_x1_0");
    EXPECT_EQ(c.distill.featureStage, "blocks4");
    EXPECT_DOUBLE_EQ(c.distill.featureWeight, 1.0);
    EXPECT_DOUBLE_EQ(c.distill.dmlWeight, 1.0);
    EXPECT_DOUBLE_EQ(c.distill.groundTruthWeight, 1.0);
    EXPECT_EQ(c.epochs, 40);
    EXPECT_DOUBLE_EQ(c.learningRate, 0.015 / 4);
    EXPECT_DOUBLE_EQ(c.weightDecay, 3e-5);
    EXPECT_DOUBLE_EQ(c.maxFpr, 1e-4);
    EXPECT_DOUBLE_EQ(c.augment.erasingProb, 0.5);
    EXPECT_EQ(c.task, Task::Binary);
    EXPECT_TRUE(r.isIgnored("Arch.models.Teacher.return_patterns"));
    EXPECT_TRUE(r.isIgnored("Arch.models.Student.pretrained"));
    EXPECT_TRUE(r.isIgnored("Metric.Train"));
}

TEST(ConfigFileTest, FrozenTeacherWithDmlOnlyIsSklUgi)
{
    const char *yaml = R"(Arch:
  name: "DistillationModel"
  class_num: &class_num 2
  freeze_params_list:
  - True
  - False
  models:
    - Teacher:
        name: ResNet50_vd
        class_num: *class_num
        stride_list: [2, [2, 1], [2, 1], [2, 1], [2, 1]]
    - Student:
        name: PPLCNet_x1_0
        class_num: *class_num
        lr_mult_list : [0.0, 0.4, 0.4, 0.8, 0.8, 1.0]
  infer_model_name: "Student"
Loss:
  Train:
    - DistillationDMLLoss:
        weight: 1.0
        model_name_pairs:
        - ["Student", "Teacher"]
)";
    const ConfigReadResult r = readConfigYaml(yaml, sceneConfig("safety_helmet"));
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_EQ(r.config.distill.mode, DistillMode::SklUgi);
    EXPECT_EQ(r.config.distill.teacherModel, "ResNet50_vd");
    EXPECT_DOUBLE_EQ(r.config.distill.groundTruthWeight, 0.0);
    EXPECT_DOUBLE_EQ(r.config.lrMult[1], 0.4);
    // The teacher's own stride list is a setting PULC Studio has no place for.
    EXPECT_EQ(r.unsupported, (std::vector<std::string>{"Arch.models.Teacher.stride_list"}));
}

TEST(ConfigFileTest, UnsupportedSettingsAreListedNotDropped)
{
    const char *yaml = R"(Optimizer:
  name: AdamW
  beta1: 0.9
  lr:
    name: Cosine
    learning_rate: 1e-4
    eta_min: 2e-6
DataLoader:
  Train:
    dataset:
      name: ImageNetDataset
      transform_ops:
        - RandCropImage:
            size: 224
        - GridMask:
            d1: 96
      batch_transform_ops:
        - OpSampler:
            MixupOperator:
              alpha: 0.8
              prob: 0.5
            CutmixOperator:
              alpha: 1.0
              prob: 0.5
    sampler:
      batch_size: 128
Loss:
  Train:
    - SoftTargetCrossEntropy:
)";
    const ConfigReadResult r = readConfigYaml(yaml);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    for (const char *key :
         {"Optimizer.name", "Optimizer.beta1", "Optimizer.lr.eta_min",
          "DataLoader.Train.dataset.transform_ops.GridMask", "Loss.Train.SoftTargetCrossEntropy"})
        EXPECT_TRUE(r.isUnsupported(key)) << key << "\n" << joined(r.unsupported);
    EXPECT_EQ(r.unsupported.size(), 5u) << joined(r.unsupported);
    EXPECT_EQ(r.warnings.size(), 5u);
    EXPECT_DOUBLE_EQ(r.config.augment.mixupProb, 0.5);
    EXPECT_DOUBLE_EQ(r.config.augment.mixupAlpha, 0.8);
    EXPECT_DOUBLE_EQ(r.config.augment.cutmixProb, 0.5);
    EXPECT_DOUBLE_EQ(r.config.augment.cutmixAlpha, 1.0);
    // Not a GPU config (no Global.device: gpu): written for one machine, so only
    // the batch above 64 scales the LR.
    EXPECT_EQ(r.gpus, 1);
    EXPECT_EQ(r.config.batchSize, 64);
    EXPECT_DOUBLE_EQ(r.config.learningRate, 1e-4 * 64 / 128);
}

TEST(ConfigFileTest, GpuCountComesFromTheFileOrTheCaller)
{
    const std::string yaml = R"(Optimizer:
  lr:
    name: Cosine
    learning_rate: 0.1
DataLoader:
  Train:
    sampler:
      batch_size: 32
)";
    // Not for GPUs: one machine's numbers, kept.
    ConfigReadResult r = readConfigYaml(yaml);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_EQ(r.gpus, 1);
    EXPECT_DOUBLE_EQ(r.config.learningRate, 0.1);
    EXPECT_EQ(r.config.batchSize, 32);
    EXPECT_NE(joined(r.notes).find("1 GPU assumed"), std::string::npos) << joined(r.notes);

    // The caller says 4: linear scaling to one machine's batch.
    ConfigReadOptions four;
    four.gpus = 4;
    r = readConfigYaml(yaml, {}, four);
    EXPECT_EQ(r.gpus, 4);
    EXPECT_DOUBLE_EQ(r.config.learningRate, 0.025);
    EXPECT_NE(joined(r.notes).find("LR 0.025"), std::string::npos) << joined(r.notes);

    // A file in PaddleClas's configs folder is a 4-GPU recipe.
    ConfigReadOptions inPaddle;
    inPaddle.path = "/src/PaddleClas/ppcls/configs/PULC/person_exists/PPLCNet_x1_0.yaml";
    r = readConfigYaml(yaml, {}, inPaddle);
    EXPECT_EQ(r.gpus, 4);
    EXPECT_DOUBLE_EQ(r.config.learningRate, 0.025);

    // A GPU config (PaddleClas's own say so), wherever it lies, is taken as PULC's 4 GPUs.
    r = readConfigYaml("Global:\n  device: gpu\n" + yaml);
    EXPECT_EQ(r.gpus, 4);
    EXPECT_NE(r.gpusReason.find("Global.device: gpu"), std::string::npos) << r.gpusReason;
    EXPECT_DOUBLE_EQ(r.config.learningRate, 0.025);
    r = readConfigYaml(kPersonExists);
    EXPECT_EQ(r.gpus, 4);
}

TEST(ConfigFileTest, RandomCropImageAfterResizeCutsTheTrainSize)
{
    const char *yaml = R"(DataLoader:
  Train:
    dataset:
      transform_ops:
        - DecodeImage:
            to_rgb: True
        - ResizeImage:
            size: 36
        - RandomCropImage:
            size: 32
        - RandFlipImage:
            flip_code: 1
        - NormalizeImage:
            scale: 1.0/255.0
)";
    const ConfigReadResult r = readConfigYaml(yaml);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_TRUE(r.unsupported.empty()) << joined(r.unsupported) << joined(r.warnings);
    const TrainConfig &c = r.config;
    EXPECT_EQ(c.augment.geometry, TrainGeometry::Resize);
    EXPECT_EQ(c.augment.preCropWidth, 36);
    EXPECT_EQ(c.augment.preCropHeight, 36);
    EXPECT_EQ(c.trainWidth, 32);
    EXPECT_EQ(c.trainHeight, 32);
    EXPECT_EQ(trainStageSize(c), cv::Size(36, 36));
    // What the file says is what is written back, and read again the same.
    const std::string written = writeConfigYaml(c);
    EXPECT_NE(written.find("RandomCropImage"), std::string::npos) << written;
    const ConfigReadResult back = readConfigYaml(written);
    ASSERT_TRUE(back.ok()) << joined(back.errors);
    EXPECT_TRUE(configDifferences(back.config, c).empty())
        << joined(configDifferences(back.config, c));

    // The pipeline: a 50x40 image resized to 36x36, then a 32x32 crop.
    AugmentRng rng(3);
    const TrainTransformResult t =
        trainTransform(cv::Mat(40, 50, CV_8UC3, cv::Scalar(9, 9, 9)), c, rng);
    ASSERT_TRUE(t.ok()) << t.error;
    EXPECT_EQ(t.image.size(), cv::Size(32, 32));
}

TEST(ConfigFileTest, RandomCropImageAloneCropsTheDecodedImage)
{
    const char *yaml = R"(DataLoader:
  Train:
    dataset:
      transform_ops:
        - DecodeImage:
            to_rgb: True
        - RandomCropImage:
            size: [24, 20]
        - NormalizeImage:
)";
    const ConfigReadResult r = readConfigYaml(yaml);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_TRUE(r.unsupported.empty()) << joined(r.warnings);
    EXPECT_EQ(r.config.augment.geometry, TrainGeometry::RandomCrop);
    EXPECT_EQ(r.config.trainWidth, 24);
    EXPECT_EQ(r.config.trainHeight, 20);
    EXPECT_EQ(trainDecodeShortSide(r.config), 0); // needs the original pixels
    AugmentRng rng(3);
    const TrainTransformResult t =
        trainTransform(cv::Mat(28, 28, CV_8UC3, cv::Scalar(1, 2, 3)), r.config, rng);
    ASSERT_TRUE(t.ok()) << t.error;
    EXPECT_EQ(t.image.size(), cv::Size(24, 20));
    // Too small an image fails naming the operator, like PaddleClas.
    const TrainTransformResult small =
        trainTransform(cv::Mat(10, 10, CV_8UC3, cv::Scalar(1, 2, 3)), r.config, rng);
    EXPECT_NE(small.error.find("RandomCropImage"), std::string::npos) << small.error;
}

TEST(ConfigFileTest, OperatorsInAnotherOrderAreUnsupported)
{
    const char *yaml = R"(DataLoader:
  Train:
    dataset:
      transform_ops:
        - DecodeImage:
        - NormalizeImage:
        - RandCropImage:
            size: 32
        - ResizeImage:
            size: 32
)";
    const ConfigReadResult r = readConfigYaml(yaml);
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_TRUE(r.isUnsupported("DataLoader.Train.dataset.transform_ops.RandCropImage"))
        << joined(r.unsupported);
    EXPECT_TRUE(r.isUnsupported("DataLoader.Train.dataset.transform_ops.ResizeImage"))
        << joined(r.unsupported);
    EXPECT_NE(joined(r.warnings).find("RandCropImage after NormalizeImage"), std::string::npos)
        << joined(r.warnings);
}

TEST(ConfigFileTest, InputAloneImpliesTrainSizeAndEvalResize)
{
    TrainConfig c = sceneConfig("custom"); // 224 input, 256 resize_short, 224 train
    ASSERT_TRUE(applySettings(c, {{"input", "32x32"}}));
    EXPECT_EQ(c.trainWidth, 32);
    EXPECT_EQ(c.trainHeight, 32);
    EXPECT_EQ(c.resizeShort, 37); // 256/224 of 32
    EXPECT_TRUE(geometryProblems(c).empty()) << joined(geometryProblems(c));

    // Explicit settings win, in any order.
    TrainConfig d = sceneConfig("custom");
    ASSERT_TRUE(
        applySettings(d, {{"train_size", "40x40"}, {"input", "32x32"}, {"resize_short", "0"}}));
    EXPECT_EQ(d.trainWidth, 40);
    EXPECT_EQ(d.resizeShort, 0);

    // A bad value leaves the config as it was and names the key.
    TrainConfig e = sceneConfig("custom");
    const Status bad = applySettings(e, {{"input", "32x32"}, {"epochs", "-1"}});
    EXPECT_FALSE(bad);
    EXPECT_NE(bad.error.find("epochs"), std::string::npos) << bad.error;
    EXPECT_EQ(e.inputWidth, 224);
}

TEST(ConfigFileTest, GeometryProblemsCatchTrainAndEvalDisagreeing)
{
    TrainConfig c = sceneConfig("custom");
    EXPECT_TRUE(geometryProblems(c).empty()) << joined(geometryProblems(c));
    // --set input=32x32 applied alone, the old way: 224 training, 32 of a 256 resize in eval.
    ASSERT_TRUE(applySetting(c, "input", "32x32"));
    const std::vector<std::string> problems = geometryProblems(c);
    ASSERT_EQ(problems.size(), 2u) << joined(problems);
    EXPECT_NE(problems[0].find("under a quarter of resize_short 256"), std::string::npos);
    EXPECT_NE(problems[1].find("training at 224x224"), std::string::npos);

    TrainConfig crop = sceneConfig("custom");
    ASSERT_TRUE(applySetting(crop, "pre_crop_size", "200x200"));
    EXPECT_EQ(geometryProblems(crop).size(), 1u);
}

TEST(ConfigFileTest, MalformedYamlGivesTheLine)
{
    const ConfigReadResult r = readConfigYaml("Global:\n  epochs: 20\n  image_shape: [3, 224\n"
                                              "Arch:\n  name: PPLCNet_x1_0\n");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0].rfind("line 4, column", 0), 0u) << r.errors[0];
    EXPECT_FALSE(r.ok());
}

TEST(ConfigFileTest, WrongTypesNameTheKey)
{
    const ConfigReadResult r = readConfigYaml("Global:\n  epochs: twenty\n"
                                              "Optimizer:\n  lr:\n    learning_rate: fast\n"
                                              "Arch:\n  stride_list: [2, 2]\n");
    ASSERT_EQ(r.errors.size(), 3u) << joined(r.errors);
    EXPECT_EQ(r.errors[0].rfind("Global.epochs: expected an integer from 1", 0), 0u) << r.errors[0];
    EXPECT_NE(r.errors[0].find("'twenty' (line 2)"), std::string::npos) << r.errors[0];
    EXPECT_EQ(r.errors[1].rfind("Optimizer.lr.learning_rate: expected a number > 0", 0), 0u)
        << r.errors[1];
    EXPECT_EQ(r.errors[2].rfind("Arch.stride_list: expected 5 strides", 0), 0u) << r.errors[2];
}

TEST(ConfigFileTest, MissingFileIsAnError)
{
    const ConfigReadResult r = readConfigFile("/nonexistent/pulc/config.yml");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], "/nonexistent/pulc/config.yml: cannot open the file");
}

// Six levels are a million scalars: before the bound, the epochs error quoted all of them
// (megabytes of text); nine levels would take gigabytes. --config, import-model --config and
// the config.yaml beside a .pdparams are read by readConfigFile(), which names the file.
TEST(ConfigFileTest, AliasBombIsRefusedNamingTheFile)
{
    const std::string bomb = aliasBomb(6);
    ASSERT_LT(bomb.size(), 500u);
    const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                       ("pulc_bomb_" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(path) << bomb;
    const ConfigReadResult r = readConfigFile(path.string());
    std::filesystem::remove(path);
    ASSERT_EQ(r.errors.size(), 1u) << totalLength(r) << " bytes of messages";
    EXPECT_EQ(r.errors[0], path.string() +
                               ": the YAML expands to more than 200000 nodes through its "
                               "aliases (*name), far more than any config holds");
    EXPECT_LT(totalLength(r), 1000u);
}

// A checkpoint's embedded config goes through readConfigYaml(): a billion-laughs file (nine
// levels, 10^9 scalars once expanded), long strings aliased many times, and an anchor used
// inside itself (an endless tree, which used to recurse until the stack overflowed) all give
// one short error.
TEST(ConfigFileTest, AliasExpansionIsBoundedForConfigText)
{
    const ConfigReadResult laughs = readConfigYaml(aliasBomb(9));
    ASSERT_EQ(laughs.errors.size(), 1u);
    EXPECT_NE(laughs.errors[0].find("more than 200000 nodes"), std::string::npos);

    std::string longText = "s: &s " + std::string(100000, 'x') + "\nl: &l [";
    for (int k = 0; k < 100; ++k)
        longText += std::string(k ? ", " : "") + "*s";
    const ConfigReadResult wide = readConfigYaml(longText + "]\nGlobal:\n  epochs: *l\n");
    ASSERT_EQ(wide.errors.size(), 1u);
    EXPECT_EQ(wide.errors[0], "the YAML expands to more than 8 MB of text through its aliases "
                              "(*name), far more than any config holds");

    const ConfigReadResult cycle = readConfigYaml("Global:\n  epochs: &a [1, *a]\n");
    ASSERT_EQ(cycle.errors.size(), 1u);
    EXPECT_NE(cycle.errors[0].find("nests deeper than 64 levels"), std::string::npos)
        << cycle.errors[0];

    const ConfigReadResult huge = readConfigYaml(std::string(5 * 1024 * 1024, '#'));
    ASSERT_EQ(huge.errors.size(), 1u);
    EXPECT_EQ(huge.errors[0], "too large for a config (5 MB, limit 4 MB)");
}

TEST(ConfigFileTest, WriteReadRoundTripForEveryScene)
{
    std::vector<TrainConfig> configs;
    for (const SceneInfo &scene : scenes())
        configs.push_back(sceneConfig(scene.name));
    // Distillation modes, mixing and settings PaddleClas has no key for.
    TrainConfig odd = sceneConfig("car_exists");
    for (const char *setting :
         {"distill=skl_ugi", "teacher_run=12", "label_smoothing=0.1", "flip_prob=0.3",
          "mixup_prob=0.2", "cutmix_alpha=0.7", "threads=3", "seed=99", "max_steps_per_epoch=5",
          "pretrained=/tmp/w.pdparams", "pad_size=30x40", "autoaugment_magnitude=7.5",
          "save_interval_minutes=0", "save_interval_steps=50", "ema_decay=0.9998"})
        ASSERT_TRUE(applySetting(odd,
                                 std::string(setting).substr(0, std::string(setting).find('=')),
                                 std::string(setting).substr(std::string(setting).find('=') + 1)))
            << setting;
    configs.push_back(odd);
    TrainConfig dml = sceneConfig("person_attribute");
    dml.distill.mode = DistillMode::Dml;
    dml.augment.padWidth = dml.augment.padHeight = 0;
    configs.push_back(dml);
    TrainConfig udml = sceneConfig("safety_helmet");
    udml.distill.mode = DistillMode::Udml;
    udml.augment.cutmixProb = 0.5;
    configs.push_back(udml);

    for (const TrainConfig &config : configs) {
        SCOPED_TRACE(config.scene);
        const std::string text = writeConfigYaml(config, 7);
        for (const TrainConfig &base : {TrainConfig{}, sceneConfig("language_classification")}) {
            const ConfigReadResult r = readConfigYaml(text, base);
            ASSERT_TRUE(r.ok()) << joined(r.errors) << text;
            EXPECT_TRUE(r.unsupported.empty()) << joined(r.warnings) << text;
            EXPECT_TRUE(configDifferences(r.config, config).empty())
                << joined(configDifferences(r.config, config)) << text;
            EXPECT_EQ(r.config.learningRate, config.learningRate);
            EXPECT_EQ(r.config.augment.padWidth, config.augment.padWidth);
        }
    }
}

TEST(ConfigFileTest, WritesPaddleClasShape)
{
    const std::string text = writeConfigYaml(sceneConfig("textline_orientation"), 2);
    for (const char *line :
         {"\nGlobal:\n", "  epochs: 20\n", "  image_shape: [3, 80, 160]\n", "  class_num: 2\n",
          "  stride_list: [2, [2, 1], [2, 1], [2, 1], [2, 1]]\n", "    learning_rate: 0.05\n",
          "      batch_size: 64\n", "            size: [160, 80]\n", "    coeff: 0.00004\n",
          "\nPulcStudio:\n", "  scene: textline_orientation\n", "  single_machine: True\n"})
        EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
    // Data paths come from the project.
    EXPECT_EQ(text.find("cls_label_path"), std::string::npos);
    // What PaddleClas can say stays in its sections, not in PulcStudio.
    const std::string studio = text.substr(text.find("\nPulcStudio:\n"));
    EXPECT_EQ(studio.find("strides"), std::string::npos) << studio;
    EXPECT_EQ(studio.find("lr:"), std::string::npos) << studio;

    TrainConfig distill = sceneConfig("textline_orientation");
    distill.distill.mode = DistillMode::SklUgi;
    const std::string distillText = writeConfigYaml(distill, 2);
    for (const char *line : {"  name: DistillationModel\n", "  freeze_params_list: [True, False]\n",
                             "    - Teacher:\n        name: ResNet101_vd\n",
                             "    - Student:\n        name: PPLCNet_x1_0\n",
                             "        stride_list: [2, [2, 1], [2, 1], [2, 1], [2, 1]]\n",
                             "    - DistillationDMLLoss:\n        weight: 1\n"})
        EXPECT_NE(distillText.find(line), std::string::npos) << line << "\n" << distillText;
}

TEST(ConfigFileTest, ModelEmaSectionReadsWritesAndSets)
{
    ConfigReadResult r = readConfigYaml("EMA:\n  decay: 0.9997\n");
    ASSERT_TRUE(r.ok()) << joined(r.errors);
    EXPECT_DOUBLE_EQ(r.config.emaDecay, 0.9997);
    EXPECT_TRUE(r.unsupported.empty()) << joined(r.warnings);

    // PaddleClas's default decay when the section names none.
    EXPECT_DOUBLE_EQ(readConfigYaml("EMA: {}\n").config.emaDecay, 0.9999);
    EXPECT_DOUBLE_EQ(readConfigYaml("Global:\n  epochs: 3\n").config.emaDecay, 0.0);

    r = readConfigYaml("EMA:\n  decay: 0.99\n  ema_warmup: true\n");
    EXPECT_DOUBLE_EQ(r.config.emaDecay, 0.99);
    EXPECT_TRUE(r.isUnsupported("EMA.ema_warmup")) << joined(r.warnings);

    r = readConfigYaml("EMA:\n  decay: 1.5\n");
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0],
              "EMA.decay: expected 0 (off) or a number > 0 and < 1, got '1.5' (line 2)");

    TrainConfig c;
    std::string error;
    EXPECT_TRUE(apply(c, "ema_decay", "0.999", &error)) << error;
    EXPECT_DOUBLE_EQ(c.emaDecay, 0.999);
    EXPECT_TRUE(apply(c, "EMA.decay", "0.9999", &error)) << error;
    EXPECT_DOUBLE_EQ(c.emaDecay, 0.9999);
    EXPECT_EQ(settingValue(c, "ema_decay"), "0.9999");
    for (const char *bad : {"1", "-0.1", "x"}) {
        EXPECT_FALSE(apply(c, "ema_decay", bad, &error)) << bad;
        EXPECT_EQ(error, std::string("ema_decay: expected 0 (off) or a number > 0 and < 1, got '") +
                             bad + "'");
    }
    EXPECT_DOUBLE_EQ(c.emaDecay, 0.9999);
    EXPECT_TRUE(apply(c, "ema_decay", "0", &error)) << error;
    EXPECT_EQ(c.emaDecay, 0.0);

    TrainConfig on = sceneConfig("person_exists");
    on.emaDecay = 0.9999;
    const std::string text = writeConfigYaml(on, 2);
    EXPECT_NE(text.find("\nEMA:\n  decay: 0.9999\n"), std::string::npos) << text;
    EXPECT_EQ(readConfigYaml(text).config.emaDecay, 0.9999);
    const std::string off = writeConfigYaml(sceneConfig("person_exists"), 2);
    EXPECT_EQ(off.find("\nEMA:"), std::string::npos) << off;
    // A file without the section read over a config with EMA on still says off.
    EXPECT_EQ(readConfigYaml(off, on).config.emaDecay, 0.0);
}

TEST(ConfigFileTest, NumbersReadAsNumbersInPyYaml)
{
    EXPECT_EQ(configNumberText(4e-5), "0.00004");
    EXPECT_EQ(configNumberText(0.0025), "0.0025");
    EXPECT_EQ(configNumberText(1e-12), "1.0e-12");
    EXPECT_EQ(configNumberText(20), "20");
    double value = 0;
    ASSERT_TRUE(parseConfigNumber("1.0/255.0", &value));
    EXPECT_DOUBLE_EQ(value, 1.0 / 255.0);
    EXPECT_FALSE(parseConfigNumber("1.0/0", &value));
    EXPECT_FALSE(parseConfigNumber("0.1x", &value));
}

TEST(ConfigFileTest, ApplySettingAcceptsShortNamesAndPaddlePaths)
{
    TrainConfig c;
    std::string error;
    EXPECT_TRUE(apply(c, "epochs", "30", &error)) << error;
    EXPECT_EQ(c.epochs, 30);
    EXPECT_TRUE(apply(c, "Optimizer.lr.learning_rate", "0.05", &error)) << error;
    EXPECT_DOUBLE_EQ(c.learningRate, 0.05);
    EXPECT_TRUE(apply(c, "input", "80x160", &error)) << error;
    EXPECT_EQ(c.inputHeight, 80);
    EXPECT_EQ(c.inputWidth, 160);
    EXPECT_TRUE(apply(c, "strides", "[2, [2, 1], [2, 1], [2, 1], [2, 1]]", &error));
    expectStrides(c.strides, kTextLineStrides);
    EXPECT_TRUE(apply(c, "distill", "udml", &error));
    EXPECT_EQ(c.distill.mode, DistillMode::Udml);
    EXPECT_TRUE(apply(c, "Arch.name", "PPLCNet_x0_5", &error)) << error;
    EXPECT_EQ(c.model, "PPLCNet_x0_5");
    EXPECT_TRUE(apply(c, "weight_decay", "1.0/10000", &error)) << error;
    EXPECT_DOUBLE_EQ(c.weightDecay, 1e-4);
    EXPECT_TRUE(apply(c, "blur", "True", &error));
    EXPECT_TRUE(c.augment.blurLabels);
    EXPECT_EQ(settingValue(c, "input"), "80x160");
    EXPECT_EQ(settingValue(c, "lr"), "0.05");
}

TEST(ConfigFileTest, ApplySettingRejectsBadValuesAndLeavesTheConfig)
{
    const TrainConfig before = sceneConfig("person_exists");
    TrainConfig c = before;
    std::string error;
    EXPECT_FALSE(apply(c, "epochs", "0", &error));
    EXPECT_EQ(error, "epochs: expected an integer from 1 to 100000, got '0'");
    EXPECT_FALSE(apply(c, "flip_prob", "1.5", &error));
    EXPECT_EQ(error, "flip_prob: expected a number >= 0 and <= 1, got '1.5'");
    EXPECT_FALSE(apply(c, "lr", "abc", &error));
    EXPECT_EQ(error.rfind("lr: expected a number > 0", 0), 0u) << error;
    EXPECT_FALSE(apply(c, "input", "80by160", &error));
    EXPECT_EQ(error.rfind("input: expected HxW", 0), 0u) << error;
    EXPECT_FALSE(apply(c, "distill", "kd", &error));
    EXPECT_EQ(error, "distill: expected one of none, skl_ugi, dml, udml, got 'kd'");
    EXPECT_FALSE(apply(c, "model", "ResNet9000", &error));
    EXPECT_NE(error.find("PPLCNet_x1_0"), std::string::npos) << error;
    EXPECT_FALSE(apply(c, "lr_mult", "[1, 1]", &error));
    EXPECT_FALSE(apply(c, "no_such_key", "1", &error));
    EXPECT_EQ(error, "no_such_key: unknown setting (`pulc train --help` lists them)");
    EXPECT_TRUE(configDifferences(c, before).empty()) << joined(configDifferences(c, before));
}

TEST(ConfigFileTest, SettingKeysHaveHelp)
{
    const std::vector<std::string> keys = settingKeys();
    for (const char *name :
         {"epochs", "batch_size", "lr", "warmup_epochs", "weight_decay", "label_smoothing", "model",
          "input", "train_size", "threads", "seed", "flip_prob", "autoaugment_prob", "erasing_prob",
          "mixup_prob", "cutmix_prob", "blur", "distill", "teacher_run"}) {
        const auto it = std::find_if(keys.begin(), keys.end(), [name](const std::string &line) {
            return line.rfind(std::string(name) + " ", 0) == 0;
        });
        ASSERT_NE(it, keys.end()) << name;
        EXPECT_GT(it->size(), std::string(name).size() + 10) << *it;
    }
}

TEST(StepsPerEpochTest, CountsAsTheTrainerDoes)
{
    TrainConfig config;
    config.batchSize = 8;
    EXPECT_EQ(stepsPerEpoch(config, 16), 2);
    EXPECT_EQ(stepsPerEpoch(config, 18), 3) << "a last batch of 2 is trained";
    EXPECT_EQ(stepsPerEpoch(config, 17), 2) << "a last batch of 1 is left out (BatchNorm)";
    EXPECT_TRUE(dropsLastBatch(config, 17));
    EXPECT_FALSE(dropsLastBatch(config, 18));
    EXPECT_EQ(stepsPerEpoch(config, 1), 0) << "one image cannot make a batch";
    config.dropLast = true;
    EXPECT_EQ(stepsPerEpoch(config, 18), 2);
    EXPECT_EQ(stepsPerEpoch(config, 7), 0);
    config.dropLast = false;
    config.maxStepsPerEpoch = 1;
    EXPECT_EQ(stepsPerEpoch(config, 18), 1);
    config.maxStepsPerEpoch = 0;
    config.batchSize = 1;
    EXPECT_EQ(stepsPerEpoch(config, 5), 5) << "batch 1 has no smaller last batch";
}
