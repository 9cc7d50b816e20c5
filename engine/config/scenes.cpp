// The PULC scene templates. Every number is from PaddleClas's plain PPLCNet_x1_0.yaml of each scene
// and its distillation config (docs/paddleclas-compat.md, 'Per-scene recipes' and 'Distillation');
// class names are those of PaddleClas's ppcls/utils/PULC_label_list ('Scenes' and 'Post-processing'
// there), copied here so the app needs no data files at run time.

#include "engine/scenes.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

namespace pulc::engine {

OneMachineRecipe scaleToOneMachine(int perGpuBatch, double baseLr, int gpus)
{
    if (perGpuBatch <= 0 || gpus <= 0)
        return {};
    OneMachineRecipe recipe;
    recipe.batchSize = std::min(perGpuBatch, kOneMachineMaxBatch);
    recipe.learningRate = baseLr * recipe.batchSize / (static_cast<double>(gpus) * perGpuBatch);
    return recipe;
}

namespace {

// The published optimisation settings, before the one-machine scaling.
void optimise(TrainConfig &c, int epochs, int perGpuBatch, double baseLr, double weightDecay,
              double labelSmoothing = 0.0)
{
    const OneMachineRecipe one = scaleToOneMachine(perGpuBatch, baseLr);
    c.epochs = epochs;
    c.batchSize = one.batchSize;
    c.learningRate = one.learningRate;
    c.weightDecay = weightDecay;
    c.labelSmoothing = labelSmoothing;
}

// Square scenes: RandCropImage(trainSize) for training; ResizeImage(resize_short 256) and a 224
// centre crop for evaluation (docs/paddleclas-compat.md, 'Shared training settings').
void square(TrainConfig &c, int trainSize)
{
    c.inputHeight = c.inputWidth = 224;
    c.resizeShort = 256;
    c.trainHeight = c.trainWidth = trainSize;
    c.augment.geometry = TrainGeometry::RandCrop;
}

// Direct resize to height x width for training and evaluation, no crop.
void direct(TrainConfig &c, int height, int width)
{
    c.inputHeight = c.trainHeight = height;
    c.inputWidth = c.trainWidth = width;
    c.resizeShort = 0;
    c.augment.geometry = TrainGeometry::Resize;
}

// Text lines are 80x160 and keep width resolution: stride_list [2, [2,1] x 4].
void textLine(TrainConfig &c)
{
    direct(c, 80, 160);
    c.strides = kTextLineStrides;
}

// Attribute scenes: Resize -> TimmAutoAugment -> Padv2(pad) -> RandomCropImage -> flip, mA,
// weighted BCE, drop_last; the distillation keeps a ground-truth loss (docs/paddleclas-compat.md,
// 'Distillation').
void attribute(TrainConfig &c, int height, int width, int padWidth, int padHeight)
{
    c.task = Task::MultiLabel;
    direct(c, height, width);
    c.augment.geometry = TrainGeometry::ResizePadCrop;
    c.augment.padWidth = padWidth;
    c.augment.padHeight = padHeight;
    c.augment.flipBeforeAutoAugment = false;
    c.dropLast = true;
    c.mainMetric = MainMetric::MeanAcc;
    c.distill.useUnlabeled = false;
    c.distill.groundTruthWeight = 1.0;
}

void binaryTpr(TrainConfig &c, double maxFpr)
{
    c.task = Task::Binary;
    c.mainMetric = MainMetric::TprAtFpr;
    c.maxFpr = maxFpr;
    c.topk = 1;
}

// In PaddleClas's square configs RandFlipImage comes right after the crop, before
// TimmAutoAugment; only the attribute scenes flip last.
void flip(TrainConfig &c, bool on)
{
    c.augment.flipProb = on ? 0.5 : 0.0;
    c.augment.flipBeforeAutoAugment = on;
}

struct SceneDef
{
    SceneInfo info;
    void (*recipe)(TrainConfig &);
};

// The 4-GPU per-GPU batch / LR are repeated in SceneInfo so the UI can show where the scaled
// values come from; the recipes below pass the same numbers to optimise().
const std::vector<SceneDef> &definitions()
{
    static const std::vector<SceneDef> defs = {
        {{"person_exists",
          "Person exists",
          "Is there a person in the image? Trained on an MS-COCO subset, validated on "
          "Objects365; best epoch by TPR at FPR <= 1/1000.",
          Task::Binary,
          {"nobody", "someone"},
          1,
          0.5,
          64,
          0.01},
         [](TrainConfig &c) {
             binaryTpr(c, 0.001);
             optimise(c, 20, 64, 0.01, 4e-5);
             square(c, 192);
             flip(c, true);
             c.augment.erasingProb = 0.1;
         }},
        {{"person_attribute",
          "Person attributes",
          "26 attributes of a cropped pedestrian (PA-100K): hat, glasses, sleeves, clothing, "
          "bags, age, gender, orientation. Best epoch by mA.",
          Task::MultiLabel,
          {"Hat",
           "Glasses",
           "ShortSleeve",
           "LongSleeve",
           "UpperStride",
           "UpperLogo",
           "UpperPlaid",
           "UpperSplice",
           "LowerStripe",
           "LowerPattern",
           "LongCoat",
           "Trousers",
           "Shorts",
           "Skirt&Dress",
           "Boots",
           "HandBag",
           "ShoulderBag",
           "Backpack",
           "HoldObjectsInFront",
           "AgeLess18",
           "Age18-60",
           "AgeOver60",
           "Female",
           "Front",
           "Side",
           "Back"},
          -1,
          0.5,
          64,
          0.01},
         [](TrainConfig &c) {
             attribute(c, 256, 192, 212, 276);
             optimise(c, 20, 64, 0.01, 5e-4);
             c.augment.flipProb = 0.5;
             c.augment.autoAugmentProb = 0.8;
             c.augment.erasingProb = 0.4;
         }},
        {{"safety_helmet",
          "Safety helmet",
          "Is a cropped head wearing a safety helmet? Best epoch by TPR at FPR <= 1/10000. "
          "Its distillation is UDML with a second PPLCNet_x1_0.",
          Task::Binary,
          {"wearing_helmet", "unwearing_helmet"},
          1,
          0.5,
          64,
          0.025},
         [](TrainConfig &c) {
             binaryTpr(c, 1e-4);
             optimise(c, 40, 64, 0.025, 3e-5, 0.1);
             square(c, 176);
             flip(c, true);
             c.augment.autoAugmentProb = 0.5;
             c.augment.erasingProb = 0.1;
             c.distill.teacherModel = "PPLCNet_x1_0";
             c.distill.groundTruthWeight = 1.0;
             c.distill.featureStage = "blocks4";
         }},
        {{"traffic_sign",
          "Traffic sign",
          "232 Tsinghua-Tencent 100K sign codes on sign crops; no flip (mirrored signs change "
          "meaning). Best epoch by top-1.",
          Task::SingleLabel,
          {}, // filled from kTrafficSignCodes below
          -1,
          0.5,
          64,
          0.02},
         [](TrainConfig &c) {
             optimise(c, 10, 64, 0.02, 4e-5);
             square(c, 224);
             flip(c, false);
             c.augment.autoAugmentProb = 0.5;
         }},
        {{"vehicle_attribute",
          "Vehicle attributes",
          "10 colours and 9 body types of a cropped vehicle (VeRi). Best epoch by mA.",
          Task::MultiLabel,
          {"yellow", "orange", "green", "gray", "red", "blue", "white", "golden", "brown", "black",
           "sedan", "suv", "van", "hatchback", "mpv", "pickup", "bus", "truck", "estate"},
          -1,
          0.5,
          64,
          0.0125},
         [](TrainConfig &c) {
             attribute(c, 192, 256, 276, 212);
             optimise(c, 30, 64, 0.0125, 5e-4);
             c.augment.flipProb = 0.5;
             c.augment.erasingProb = 0.5;
         }},
        {{"car_exists",
          "Car exists",
          "Is there a car in the image? Objects365 images. Best epoch by TPR at FPR <= 1/100.",
          Task::Binary,
          {"no_car", "contains_car"},
          1,
          0.5,
          64,
          0.0125},
         [](TrainConfig &c) {
             binaryTpr(c, 0.01);
             optimise(c, 20, 64, 0.0125, 4e-5);
             square(c, 192);
             flip(c, true);
             c.augment.autoAugmentProb = 0.5;
             c.augment.erasingProb = 0.5;
         }},
        {{"text_image_orientation",
          "Text image orientation",
          "Is a document image rotated by 0, 90, 180 or 270 degrees clockwise? Best epoch by "
          "top-1.",
          Task::SingleLabel,
          {"0", "90", "180", "270"},
          -1,
          0.5,
          256,
          0.4},
         [](TrainConfig &c) {
             optimise(c, 60, 256, 0.4, 3e-5, 0.1);
             square(c, 224);
             flip(c, false);
             c.topk = 2;
         }},
        {{"textline_orientation",
          "Text line orientation",
          "Is a text line upright or upside down? 80x160 input with stride_list "
          "[2,[2,1],[2,1],[2,1],[2,1]]. Best epoch by top-1.",
          Task::Binary,
          {"0_degree", "180_degree"},
          1,
          0.5,
          256,
          0.8},
         [](TrainConfig &c) {
             c.task = Task::Binary;
             c.topk = 1;
             optimise(c, 20, 256, 0.8, 4e-5);
             textLine(c);
             flip(c, false);
             c.augment.autoAugmentProb = 1.0;
         }},
        {{"language_classification",
          "Text line language",
          "Which of 10 scripts a text line is written in. 80x160 input, text-line strides, "
          "stem frozen (lr_mult 0). Best epoch by top-1.",
          Task::SingleLabel,
          {"arabic", "chinese_cht", "cyrillic", "devanagari", "japan", "ka", "korean", "ta", "te",
           "latin"},
          -1,
          0.5,
          256,
          0.8},
         [](TrainConfig &c) {
             optimise(c, 30, 256, 0.8, 3e-5, 0.1);
             textLine(c);
             flip(c, true);
             c.augment.autoAugmentProb = 1.0;
             c.augment.erasingProb = 1.0;
             c.lrMult = {0.0, 0.4, 0.4, 0.8, 0.8, 1.0};
             c.topk = 2;
         }},
        {{"table_attribute",
          "Table attributes",
          "6 yes/no attributes of a table image (WTW): scanned, few numbers, black-and-white, "
          "clear, unobstructed, horizontal. Best epoch by mA.",
          Task::MultiLabel,
          {"Scanned", "Little", "Black-and-White", "Clear", "Without-Obstacles", "Horizontal"},
          -1,
          0.5,
          64,
          0.01},
         [](TrainConfig &c) {
             c.task = Task::MultiLabel;
             c.mainMetric = MainMetric::MeanAcc;
             c.dropLast = true;
             optimise(c, 20, 64, 0.01, 5e-4);
             direct(c, 224, 224);
             c.augment.flipProb = 0.5;
             c.augment.flipBeforeAutoAugment = false;
             c.distill.teacherModel = "ResNet50_vd";
             c.distill.useUnlabeled = false;
             c.distill.groundTruthWeight = 1.0;
         }},
        {{"code_exists",
          "Code exists",
          "Does the image contain a QR code, bar code or mini-program code? Best epoch by top-1.",
          Task::Binary,
          {"no_code", "contains_code"},
          1,
          0.5,
          64,
          0.01},
         [](TrainConfig &c) {
             c.task = Task::Binary;
             c.topk = 1;
             optimise(c, 20, 64, 0.01, 4e-5);
             square(c, 192);
             flip(c, true);
             c.augment.erasingProb = 0.1;
         }},
        {{"clarity_assessment",
          "Clarity",
          "Is the image sharp or blurred? Labels are made while training: half the images are "
          "blurred and labelled 1, whatever the dataset says. Best epoch by top-1.",
          Task::Binary,
          {"clear", "blur"},
          1,
          0.5,
          256,
          0.14},
         [](TrainConfig &c) {
             c.task = Task::Binary;
             c.topk = 1;
             optimise(c, 20, 256, 0.14, 3e-5, 0.1);
             direct(c, 224, 224);
             c.resizeShort = 256; // a square scene: resize_short 256 + centre crop at eval
             flip(c, true);
             c.augment.blurLabels = true;
             c.augment.blurRatio = 0.5;
             c.useLastConv = false;
         }},
        {{"image_orientation",
          "Image orientation",
          "Is a photo rotated by 0, 90, 180 or 270 degrees counter-clockwise? Labels are made "
          "while training by rotating each image (RandomRot90). Best epoch by top-1.",
          Task::SingleLabel,
          {"0°", "90°", "180°", "270°"},
          -1,
          0.5,
          256,
          0.14},
         [](TrainConfig &c) {
             optimise(c, 60, 256, 0.14, 3e-5, 0.1);
             square(c, 224);
             flip(c, false);
             c.augment.rot90Labels = true;
             c.useLastConv = false;
             c.topk = 2;
         }},
        // Custom: the TrainConfig defaults. LR 0.01 at batch 32 is 0.08 per 256 images, in the
        // middle of the PULC recipes' 0.01-0.1 per 256 for fine-tuning the SSLD weights, and
        // below ImageNet's from-scratch 0.1 per 256.
        {{"custom",
          "Custom",
          "Your own classes from your dataset: single-label, 224x224 (train RandCrop 224, "
          "flip), 20 epochs, batch 32, LR 0.01, no RandAugment or erasing.",
          Task::SingleLabel,
          {},
          -1,
          0.5,
          0,
          0.0},
         [](TrainConfig &c) {
             c.augment.autoAugmentProb = 0.0;
             c.augment.erasingProb = 0.0;
         }},
    };
    return defs;
}

// TT100K codes of ppcls/utils/PULC_label_list/traffic_sign_label_list.txt, in id order.
constexpr const char *kTrafficSignCodes =
    "pl80 w9 p6 ph4.2 i8 w14 w33 pa13 im w58 pl90 il70 p5 pm55 pl60 ip p11 pdd wc i2r w30 "
    "pmr p23 pl15 pm10 pss w1 p4 w38 w50 w34 pw3.5 iz w39 w11 p1n pr70 pd pnl pg ph5.3 w66 "
    "il80 pb pbm pm5 w24 w67 w49 pm40 ph4 w45 i4 w37 ph2.6 pl70 ph5.5 i14 i11 p7 p29 pne "
    "pr60 pm13 ph4.5 p12 p3 w40 pl5 w13 pr10 p14 i4l pr30 pw4.2 w16 p17 ph3 i9 w15 w35 pa8 "
    "pt pr45 w17 pl30 pcs pctl pr50 ph4.4 pm46 pm35 i15 pa12 pclr i1 pcd pbp pcr w28 ps pm8 "
    "w18 w2 w52 ph2.9 ph1.8 pe p20 w36 p10 pn pa14 w54 ph3.2 p2 ph2.5 w62 w55 pw3 pw4.5 i12 "
    "ph4.3 phclr i10 pr5 i13 w10 p26 w26 p8 w5 w42 il50 p13 pr40 p25 w41 pl20 ph4.8 pnlc "
    "ph3.3 w29 ph2.1 w53 pm30 p24 p21 pl40 w27 pmb pc i6 pr20 p18 ph3.8 pm50 pm25 i2 w22 w47 "
    "w56 pl120 ph2.8 i7 w12 pm1.5 pm2.5 w32 pm15 ph5 w19 pw3.2 pw2.5 pl10 il60 w57 w48 w60 "
    "pl100 pr80 p16 pl110 w59 w64 w20 ph2 p9 il100 w31 w65 ph2.4 pr100 p19 ph3.5 pa10 pcl "
    "pl35 p15 w7 pa6 phcs w43 p28 w6 w3 w25 pl25 il110 p1 w46 pn-2 w51 w44 w63 w23 pm20 w8 "
    "pmblr w4 i5 il90 w21 p27 pl50 pl65 w61 ph2.2 pm2 i3 pa18 pw4";

std::string formatNumber(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%g", value);
    return text;
}

} // namespace

const std::vector<SceneInfo> &scenes()
{
    static const std::vector<SceneInfo> list = [] {
        std::vector<SceneInfo> out;
        for (const SceneDef &def : definitions()) {
            SceneInfo info = def.info;
            if (info.name == "traffic_sign") {
                std::istringstream codes(kTrafficSignCodes);
                for (std::string code; codes >> code;)
                    info.classNames.push_back(code);
            }
            if (info.paddleBatchPerGpu > 0) {
                const OneMachineRecipe one =
                    scaleToOneMachine(info.paddleBatchPerGpu, info.paddleLearningRate);
                info.description += " Recipe: PaddleClas PPLCNet_x1_0.yaml, batch " +
                                    std::to_string(info.paddleBatchPerGpu) + " per GPU on " +
                                    std::to_string(kPaddleGpuCount) + " GPUs with LR " +
                                    formatNumber(info.paddleLearningRate) +
                                    "; on one machine batch " + std::to_string(one.batchSize) +
                                    " with LR " + formatNumber(one.learningRate) +
                                    " (linear scaling).";
            }
            out.push_back(std::move(info));
        }
        return out;
    }();
    return list;
}

const SceneInfo *findScene(const std::string &name)
{
    for (const SceneInfo &info : scenes()) {
        if (info.name == name)
            return &info;
    }
    return nullptr;
}

TrainConfig sceneConfig(const std::string &scene)
{
    const auto &defs = definitions();
    auto it = std::find_if(defs.begin(), defs.end(),
                           [&scene](const SceneDef &def) { return def.info.name == scene; });
    if (it == defs.end())
        it = std::find_if(defs.begin(), defs.end(),
                          [](const SceneDef &def) { return def.info.name == "custom"; });
    TrainConfig config;
    config.scene = it->info.name;
    config.task = it->info.task;
    config.threshold = it->info.defaultThreshold;
    it->recipe(config);
    return config;
}

} // namespace pulc::engine
