#pragma once
// Public: everything that defines a training run, as plain values. A scene template (scenes.h)
// fills it with PaddleClas's PULC recipe; YAML config files and `--set key=value` (configfile.h)
// change it. The PaddleClas facts cited below by section are in docs/paddleclas-compat.md.

#include "engine/models.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace pulc::engine {

/// What the model predicts; decides the loss, the metrics and the post-processing.
enum class Task {
    SingleLabel, ///< softmax over classes, CE loss, top-k
    Binary,      ///< two classes (class 1 positive), CE loss, TPR at FPR and a threshold
    MultiLabel,  ///< independent attributes, weighted BCE ('Losses and metrics'), mA
};

/// The number the best epoch is chosen by (the last column of 'Scenes').
enum class MainMetric {
    Top1,     ///< top-1 accuracy
    TprAtFpr, ///< max TPR with FPR <= maxFpr (binary)
    MeanAcc,  ///< mA: mean over attributes of (TPR + TNR) / 2 (multi-label)
};

/// How a training image is brought to the training size ('Per-scene recipes'). With
/// AugmentConfig::preCropWidth/Height set, the first operator goes to that size instead and a
/// RandomCropImage(trainSize) follows TimmAutoAugment (PaddleClas's plain random crop).
enum class TrainGeometry {
    RandCrop,      ///< RandCropImage(trainSize): random area and aspect, then resize
    Resize,        ///< ResizeImage(size=[w,h]) straight to trainSize
    ResizePadCrop, ///< Resize to trainSize, TimmAutoAugment, Padv2(padSize), RandomCrop(trainSize)
    RandomCrop,    ///< RandomCropImage(trainSize) of the decoded image, no resize at all
};

/// The training-time augmentation of one run: every operator and probability of
/// 'Augmentation operators'.
struct AugmentConfig
{
    TrainGeometry geometry = TrainGeometry::RandCrop;
    double randCropScaleMin = 0.08; ///< RandCropImage's lower area bound
    int padWidth = 0;               ///< Padv2 canvas for ResizePadCrop (0: train size + 20)
    int padHeight = 0;
    /// The size RandCropImage or ResizeImage produces when a RandomCropImage(trainSize) follows
    /// (e.g. ResizeImage 36 then RandomCropImage 32); 0: no RandomCropImage (ResizePadCrop
    /// always crops, from its Padv2 canvas). Ignored by the RandomCrop geometry.
    int preCropWidth = 0;
    int preCropHeight = 0;

    double flipProb = 0.5;              ///< RandFlipImage; 0 turns it off
    bool flipBeforeAutoAugment = false; ///< language_classification's op order

    double autoAugmentProb = 0.0;         ///< TimmAutoAugment prob (rand-m9-mstd0.5-inc1)
    double autoAugmentMagnitude = 9.0;    ///< m
    double autoAugmentMagnitudeStd = 0.5; ///< mstd

    double erasingProb = 0.0; ///< RandomErasing EPSILON (after normalisation)

    /// BlurImage (clarity_assessment): with probability blurRatio the image is blurred and its
    /// label becomes 1; otherwise label 0. Replaces the dataset's labels.
    bool blurLabels = false;
    double blurRatio = 0.5;

    /// RandomRot90 as the last op (image_orientation): label = k. Replaces the dataset's labels.
    bool rot90Labels = false;

    double mixupProb = 0.0; ///< batch Mixup probability
    double mixupAlpha = 0.8;
    double cutmixProb = 0.0; ///< batch CutMix probability
    double cutmixAlpha = 1.0;
};

/// Distillation ('Distillation').
enum class DistillMode {
    None,
    SklUgi, ///< frozen teacher, symmetric KL (DMLLoss) at T=1; unlabeled pool added
    Dml,    ///< teacher and student both trained, each with GT CE, plus DML between them
    Udml,   ///< DML plus an L2 (MSE) term on intermediate features
};

struct DistillConfig
{
    DistillMode mode = DistillMode::None;
    std::string teacherModel = "ResNet101_vd"; ///< architecture of the teacher
    int64_t teacherRun = 0;                    ///< a finished run of the same project, or 0
    std::string teacherCheckpoint;        ///< or a checkpoint file (teacherRun wins when both set)
    bool useUnlabeled = true;             ///< SKL-UGI: add the project's unlabeled images
    double dmlWeight = 1.0;               ///< weight of the symmetric-KL term
    double groundTruthWeight = 0.0;       ///< SKL-UGI: CE on labels (0 = none, PULC's default)
    double featureWeight = 1.0;           ///< UDML: L2 between features
    std::string featureStage = "blocks4"; ///< UDML: which stage's output
};

/// One training run's settings. Defaults are the "custom" scene; scenes.h has the others.
struct TrainConfig
{
    std::string scene = "custom";
    std::string model = "PPLCNet_x1_0";
    Task task = Task::SingleLabel;

    // Input. Evaluation/inference: resizeShort > 0 means ResizeImage(resize_short) then centre
    // CropImage(inputWidth x inputHeight); 0 means a direct resize to the input size.
    int inputHeight = 224;
    int inputWidth = 224;
    int resizeShort = 256;
    int trainHeight = 224; ///< the training crop (may differ from the input)
    int trainWidth = 224;

    // Architecture.
    StrideList strides = kDefaultStrides;
    bool useLastConv = true;
    int classExpand = 1280;
    double dropout = 0.2;
    /// Learning-rate multipliers for [conv1, blocks2, ..., blocks6] (PaddleClas lr_mult_list).
    std::array<double, 6> lrMult{1, 1, 1, 1, 1, 1};

    // Optimisation, for one machine (PaddleClas's per-GPU batch on 4 GPUs brought to one
    // machine: 'Shared training settings', and scaleToOneMachine() in scenes.h).
    int epochs = 20;
    int batchSize = 32;
    double learningRate = 0.01;
    double warmupEpochs = 5.0;
    double momentum = 0.9;
    double weightDecay = 4e-5; ///< coupled L2, not applied to BN parameters
    double labelSmoothing = 0.0;
    bool dropLast = false;
    /// Model EMA ('Model EMA'): the decay of the moving average of the whole model state kept
    /// beside it and validated with it, 0: off, else in (0, 1), e.g. 0.9999.
    double emaDecay = 0.0;

    // Evaluation.
    MainMetric mainMetric = MainMetric::Top1;
    double maxFpr = 0.01;   ///< for TprAtFpr
    int topk = 5;           ///< also reported as top-k accuracy when classes > k
    double threshold = 0.5; ///< binary decision / attribute threshold at inference

    AugmentConfig augment;
    DistillConfig distill;

    // Machine.
    int threads = 2;         ///< intra-op threads of the model step (at::set_num_threads)
    int loaderThreads = 2;   ///< image decoding and augmentation workers
    int prefetchBatches = 4; ///< bound of the loader's queue (memory stays flat)
    /// Bound of the project's decoded-image cache in MiB (0: no cache; images are decoded
    /// every epoch). Images beyond it are decoded each time.
    int decodeCacheMb = 4096;
    uint32_t seed = 42;

    /// Stop each epoch after this many steps (0: the whole epoch). For tests and estimates.
    int maxStepsPerEpoch = 0;
    /// Also write last.ckpt within an epoch once this many minutes have passed since the last
    /// checkpoint (0: only at epoch ends), so a killed run loses minutes, not an epoch.
    int saveIntervalMinutes = 5;
    /// Also write last.ckpt within an epoch every this many steps (0: off). For tests, and for
    /// steps so slow that minutes are too coarse.
    int saveIntervalSteps = 0;
    /// A .pdparams or checkpoint file to start from (empty: from scratch).
    std::string pretrained;
};

/// "single", "binary", "multi".
std::string toString(Task task);
bool taskFromString(const std::string &text, Task *task);
/// "top1", "tpr_at_fpr", "mA".
std::string toString(MainMetric metric);
bool mainMetricFromString(const std::string &text, MainMetric *metric);
/// "rand_crop", "resize", "resize_pad_crop", "random_crop".
std::string toString(TrainGeometry geometry);
bool trainGeometryFromString(const std::string &text, TrainGeometry *geometry);
/// "none", "skl_ugi", "dml", "udml".
std::string toString(DistillMode mode);
bool distillModeFromString(const std::string &text, DistillMode *mode);

/// Whether an epoch over `trainImages` leaves out its last, smaller batch: with drop_last, and
/// also when that batch would hold a single image, which BatchNorm cannot train on.
bool dropsLastBatch(const TrainConfig &config, int trainImages);
/// Optimisation steps of one epoch over `trainImages`, as the trainer counts them
/// (dropsLastBatch, then max_steps_per_epoch). 0 when not even one batch fits.
int stepsPerEpoch(const TrainConfig &config, int trainImages);

} // namespace pulc::engine
