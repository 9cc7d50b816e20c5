#include "engine/data/blurimage.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace pulc::engine {

namespace {

/// np.random.choice(np.arange(5, max, 2)); a bound of 5 or less, where numpy would raise,
/// gives the smallest size, 5.
int drawOddSize(int maxExclusive, AugmentRng &rng)
{
    const int count = std::max(1, (maxExclusive - 5 + 1) / 2);
    return 5 + 2 * rng.randint(0, count - 1);
}

} // namespace

cv::Mat motionBlurKernel(int length, int angle)
{
    const cv::Mat line = cv::Mat::eye(length, length, CV_64FC1);
    const cv::Mat rotation =
        cv::getRotationMatrix2D(cv::Point2f(length / 2.0f, length / 2.0f), angle, 1.0);
    cv::Mat kernel;
    cv::warpAffine(line, kernel, rotation, cv::Size(length, length));
    return kernel / static_cast<double>(length);
}

cv::Mat motionBlur(const cv::Mat &image, int length, int angle)
{
    cv::Mat blurred;
    cv::filter2D(image, blurred, -1, motionBlurKernel(length, angle));
    cv::Mat stretched;
    cv::normalize(blurred, stretched, 0, 255, cv::NORM_MINMAX);
    return stretched;
}

BlurImageResult blurImage(const cv::Mat &image, const BlurImageParams &params, AugmentRng &rng)
{
    BlurImageResult result;
    // PaddleClas: `if random.random() > ratio: label 0`, so ratio is the blur probability.
    if (rng.uniform(0.0, 1.0) > params.ratio) {
        result.image = image.clone();
        return result;
    }
    result.label = 1;
    if (rng.randint(0, 1) == 0) {
        result.kind = BlurKind::Gaussian;
        const int width = drawOddSize(params.gaussianMaxKsize, rng);
        const int height = drawOddSize(params.gaussianMaxKsize, rng);
        result.gaussianKsize = cv::Size(width, height);
        cv::GaussianBlur(image, result.image, result.gaussianKsize, 0);
    } else {
        result.kind = BlurKind::Motion;
        result.motionLength = drawOddSize(params.motionMaxKsize, rng);
        const int maxAngle = params.motionMaxAngle;
        result.motionAngle = maxAngle > 0 ? rng.randint(-maxAngle, maxAngle - 1) : 0;
        result.image = motionBlur(image, result.motionLength, result.motionAngle);
    }
    return result;
}

} // namespace pulc::engine
