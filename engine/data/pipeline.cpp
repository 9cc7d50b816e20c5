#include "engine/pipeline.h"

#include "engine/data/autoaugment.h"
#include "engine/data/blurimage.h"

#include "dataset/imageheader.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

namespace pulc::engine {
namespace {

/// Larger files are refused before reading: no real training image comes near it, and a
/// mistaken path to a video or a disk image should not be loaded into memory. The import's
/// limit, so a file is accepted or refused the same way everywhere.
constexpr std::streamoff kMaxImageFileBytes = dataset::ImageLimits{}.maxFileBytes;

AugmentResult withFile(AugmentResult result, const std::string &path)
{
    if (!result.ok())
        result.error = path + ": " + result.error;
    return result;
}

AutoAugmentParams autoAugmentParams(const TrainConfig &config)
{
    AutoAugmentParams params;
    params.prob = config.augment.autoAugmentProb;
    params.magnitude = config.augment.autoAugmentMagnitude;
    params.magnitudeStd = config.augment.autoAugmentMagnitudeStd;
    return params;
}

} // namespace

cv::Size trainStageSize(const TrainConfig &config)
{
    const AugmentConfig &aug = config.augment;
    if (aug.preCropWidth > 0 && aug.preCropHeight > 0 && aug.geometry != TrainGeometry::RandomCrop)
        return {aug.preCropWidth, aug.preCropHeight};
    return {config.trainWidth, config.trainHeight};
}

int trainDecodeShortSide(const TrainConfig &config)
{
    // Operators that work on the original pixels: a crop without resize, and BlurImage, whose
    // kernel sizes are in pixels of the original image.
    if (config.augment.geometry == TrainGeometry::RandomCrop || config.augment.blurLabels)
        return 0;
    const cv::Size stage = trainStageSize(config);
    const int side = std::max(stage.width, stage.height);
    return (side * kDecodeSideFactorNum + kDecodeSideFactorDen - 1) / kDecodeSideFactorDen;
}

AugmentResult loadRgbFile(const std::string &path, int minShortSide)
{
    std::ifstream in(path, std::ios::binary | std::ios::ate);
    if (!in)
        return AugmentResult::failure(path + ": cannot open the file (missing or unreadable)");
    const std::streamoff size = in.tellg();
    if (size <= 0)
        return AugmentResult::failure(path + ": the file is empty");
    if (size > kMaxImageFileBytes)
        return AugmentResult::failure(path + ": the file is too large for an image (" +
                                      std::to_string(size / (1024 * 1024)) + " MB)");
    std::vector<unsigned char> bytes(static_cast<size_t>(size));
    in.seekg(0);
    if (!in.read(reinterpret_cast<char *>(bytes.data()), size))
        return AugmentResult::failure(path + ": read error");
    return withFile(decodeImage(bytes, minShortSide), path);
}

AugmentResult evalTransform(const cv::Mat &rgb, const TrainConfig &config)
{
    const cv::Size input(config.inputWidth, config.inputHeight);
    AugmentResult sized;
    if (config.resizeShort > 0) {
        sized = resizeShort(rgb, config.resizeShort);
        if (sized.ok())
            sized = cropImage(sized.image, input);
    } else {
        sized = resizeImage(rgb, input);
    }
    if (!sized.ok())
        return sized;
    return normalizeImage(sized.image);
}

TrainTransformResult trainTransform(const cv::Mat &rgb, const TrainConfig &config, AugmentRng &rng)
{
    const AugmentConfig &aug = config.augment;
    const cv::Size trainSize(config.trainWidth, config.trainHeight);
    TrainTransformResult out;
    auto fail = [&out](const std::string &error) {
        out.error = error;
        out.image.release();
        return out;
    };
    cv::Mat image = rgb;
    if (aug.blurLabels) {
        BlurImageParams blur;
        blur.ratio = aug.blurRatio;
        BlurImageResult blurred = blurImage(image, blur, rng);
        image = blurred.image;
        out.labelOverride = blurred.label;
    }
    const cv::Size stage = trainStageSize(config);
    AugmentResult step;
    switch (aug.geometry) {
    case TrainGeometry::RandCrop: {
        RandCropParams params;
        params.size = stage;
        params.scaleMin = aug.randCropScaleMin;
        step = randCropImage(image, params, rng);
        break;
    }
    case TrainGeometry::Resize:
    case TrainGeometry::ResizePadCrop:
        step = resizeImage(image, stage);
        break;
    case TrainGeometry::RandomCrop:
        step = randomCropImage(image, trainSize, rng);
        break;
    }
    if (!step.ok())
        return fail(step.error);
    image = step.image;

    if (aug.flipBeforeAutoAugment && aug.flipProb > 0.0)
        image = randFlipImage(image, rng, aug.flipProb);
    if (aug.autoAugmentProb > 0.0)
        image = timmAutoAugment(image, autoAugmentParams(config), rng);
    if (aug.geometry == TrainGeometry::ResizePadCrop) {
        const cv::Size pad(aug.padWidth > 0 ? aug.padWidth : stage.width + 20,
                           aug.padHeight > 0 ? aug.padHeight : stage.height + 20);
        step = padv2(image, pad, 0.0);
        if (step.ok())
            step = randomCropImage(step.image, trainSize, rng);
        if (!step.ok())
            return fail(step.error);
        image = step.image;
    } else if (stage != trainSize && aug.geometry != TrainGeometry::RandomCrop) {
        step = randomCropImage(image, trainSize, rng);
        if (!step.ok())
            return fail(step.error);
        image = step.image;
    }
    if (!aug.flipBeforeAutoAugment && aug.flipProb > 0.0)
        image = randFlipImage(image, rng, aug.flipProb);

    step = normalizeImage(image);
    if (!step.ok())
        return fail(step.error);
    image = step.image;
    if (aug.erasingProb > 0.0) {
        RandomErasingParams erasing;
        erasing.probability = aug.erasingProb;
        step = randomErasing(image, erasing, rng);
        if (!step.ok())
            return fail(step.error);
        image = step.image;
    }
    if (aug.rot90Labels) {
        const Rot90Result turned = randomRot90(image, rng);
        image = turned.image;
        out.labelOverride = turned.k;
    }
    out.image = image;
    return out;
}

} // namespace pulc::engine
