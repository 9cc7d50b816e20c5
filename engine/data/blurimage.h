#pragma once
// BlurImage, the clarity_assessment scene's label-making operator (docs/paddleclas-compat.md,
// 'Augmentation operators'): half the images are blurred (Gaussian or motion) and labelled 1, the
// rest stay sharp with label 0.

#include "engine/augment.h"

#include <opencv2/core.hpp>

namespace pulc::engine {

/// BlurImage parameters; the defaults are PaddleClas's and the scene config's.
struct BlurImageParams
{
    double ratio = 0.5;        ///< Probability that an image is blurred (label 1).
    int motionMaxKsize = 12;   ///< Motion kernel lengths are the odd numbers in [5, max).
    int motionMaxAngle = 45;   ///< Motion angles are the integers in [-max, max).
    int gaussianMaxKsize = 12; ///< Gaussian kernel sides are the odd numbers in [5, max).

    /// The defaults above.
    static BlurImageParams defaultParams() { return {}; }
};

/// Which blur BlurImage applied.
enum class BlurKind { None, Gaussian, Motion };

/// BlurImage's output: the image, its label and what was drawn (for logs and tests).
struct BlurImageResult
{
    cv::Mat image;
    int label = 0;                  ///< 1 blurred, 0 sharp.
    BlurKind kind = BlurKind::None; ///< Which blur was applied; None when label is 0.
    cv::Size gaussianKsize;         ///< Gaussian only: kernel width x height.
    int motionLength = 0;           ///< Motion only: kernel side ("degree").
    int motionAngle = 0;            ///< Motion only: rotation of the diagonal line, degrees.
};

/// The motion kernel: a length x length identity diagonal rotated by `angle` degrees about
/// (length/2, length/2) with warpAffine (bilinear, zero border), divided by `length`.
/// CV_64FC1. Its sum is below 1 when the rotation clips the line; blurImage stretches after.
cv::Mat motionBlurKernel(int length, int angle);

/// Motion blur of an 8-bit image: filter2D with motionBlurKernel, then a min-max stretch of the
/// whole image (all channels together) to 0..255.
cv::Mat motionBlur(const cv::Mat &image, int length, int angle);

/// BlurImage: with probability ratio, a Gaussian (sides drawn independently, sigma from the
/// size) or a motion blur chosen 50/50, label 1; otherwise the image unchanged, label 0.
/// The returned image never shares data with the input.
BlurImageResult blurImage(const cv::Mat &image, const BlurImageParams &params, AugmentRng &rng);

} // namespace pulc::engine
