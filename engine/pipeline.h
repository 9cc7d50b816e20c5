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
/// (missing, unreadable, too large, not an image).
AugmentResult loadRgbFile(const std::string &path);

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
/// RandCrop: [BlurImage] RandCropImage [flip if before RA] TimmAutoAugment RandFlipImage
///           NormalizeImage RandomErasing [RandomRot90];
/// Resize:   [BlurImage] ResizeImage(train size) [flip if before RA] TimmAutoAugment RandFlip
///           NormalizeImage RandomErasing [RandomRot90];
/// ResizePadCrop: ResizeImage TimmAutoAugment Padv2 RandomCropImage RandFlip NormalizeImage
///           RandomErasing. Deterministic for a given rng state. Thread-safe (no shared state).
TrainTransformResult trainTransform(const cv::Mat &rgb, const TrainConfig &config, AugmentRng &rng);

} // namespace pulc::engine
