#pragma once
// Public (torch-free): the image pipelines of a run, built from its TrainConfig. Training runs
// PaddleClas's operators in the scene's order (docs/paddleclas-compat.md, 'Per-scene recipes' and
// 'Augmentation operators'); evaluation and prediction run the eval pre-processing
// ('Inference pre-processing' there). The Predict page's preview grid, the loader and the predictor
// all call these, so what the user previews is what the model sees.

#include "engine/augment.h"
#include "engine/trainconfig.h"

#include <opencv2/core/mat.hpp>

#include <string>

namespace pulc::engine {

/// Reads and decodes an image file to 8-bit RGB. The error names the file and the problem
/// (missing, unreadable, too large, not an image). With `minShortSide` > 0 a JPEG at least twice
/// that large (short side) is decoded at 1/2, 1/4 or 1/8 scale in libjpeg's DCT domain, keeping
/// the short side at `minShortSide` or more (decodeImage()).
AugmentResult loadRgbFile(const std::string &path, int minShortSide = 0);

/// The training pipeline's sizes are multiples of this fraction of the first operator's output
/// (8/7: a short side of 256 for 224): training images may be decoded or cached that small.
inline constexpr int kDecodeSideFactorNum = 8;
inline constexpr int kDecodeSideFactorDen = 7;

/// What the first training operator (RandCropImage, ResizeImage) produces: the pre-crop size
/// when a RandomCropImage follows, else the train size.
cv::Size trainStageSize(const TrainConfig &config);

/// The smallest short side a training image may be decoded or cached at without changing what
/// the run sees beyond resampling: 8/7 of trainStageSize()'s longer side. 0 when the pipeline
/// needs the original pixels (the random_crop geometry, BlurImage).
int trainDecodeShortSide(const TrainConfig &config);

/// The eval pre-processing: ResizeImage(resize_short) + centre CropImage to the input size, or
/// a direct ResizeImage when config.resizeShort is 0; then NormalizeImage. CV_32FC3 HWC output.
AugmentResult evalTransform(const cv::Mat &rgb, const TrainConfig &config);

/// One training sample after augmentation (normalised, CV_32FC3 HWC, train size), and the label
/// an operator assigned (BlurImage, RandomRot90), or -1 when the dataset's label stands.
struct TrainTransformResult
{
    cv::Mat image;
    int labelOverride = -1;
    std::string error;
    bool ok() const { return error.empty(); }
};

/// The training operators in PaddleClas's order for config.augment.geometry:
/// RandCrop: [BlurImage] RandCropImage [flip if before RA] TimmAutoAugment [RandomCropImage]
///           RandFlipImage NormalizeImage RandomErasing [RandomRot90];
/// Resize:   [BlurImage] ResizeImage [flip if before RA] TimmAutoAugment [RandomCropImage]
///           RandFlip NormalizeImage RandomErasing [RandomRot90];
/// ResizePadCrop: ResizeImage TimmAutoAugment Padv2 RandomCropImage RandFlip NormalizeImage
///           RandomErasing;
/// RandomCrop: [BlurImage] RandomCropImage(train size) [flip] TimmAutoAugment RandFlip ...
/// The first operator goes to trainStageSize(); a RandomCropImage cuts the train size when that
/// differs. Deterministic for a given rng state. Thread-safe (no shared state).
TrainTransformResult trainTransform(const cv::Mat &rgb, const TrainConfig &config, AugmentRng &rng);

} // namespace pulc::engine
