#include "ui/train/augmentpreviewworker.h"

#include <engine/augment.h>
#include <engine/pipeline.h>

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>

namespace pulc::ui {
namespace {

QImage rgbToQImage(const cv::Mat &rgb)
{
    QImage image(rgb.cols, rgb.rows, QImage::Format_RGB888);
    for (int y = 0; y < rgb.rows; ++y)
        std::copy_n(rgb.ptr<unsigned char>(y), rgb.cols * 3, image.scanLine(y));
    return image;
}

/// Inverse of normalizeImage(): x * std + mean, back to 0..255, clipped (RandomErasing's noise
/// leaves the range).
QImage unnormalised(const cv::Mat &normalised)
{
    const pulc::engine::NormalizeParams params; // the pipeline normalises with the defaults
    QImage image(normalised.cols, normalised.rows, QImage::Format_RGB888);
    for (int y = 0; y < normalised.rows; ++y) {
        const float *in = normalised.ptr<float>(y);
        uchar *out = image.scanLine(y);
        for (int x = 0; x < normalised.cols * 3; ++x) {
            const int c = x % 3;
            const float value = (in[x] * params.std[c] + params.mean[c]) / params.scale;
            out[x] = static_cast<uchar>(std::clamp(std::lround(value), 0L, 255L));
        }
    }
    return image;
}

} // namespace

PreviewItem renderPreviewItem(const QString &path, const pulc::engine::TrainConfig &config,
                              std::uint32_t seed, int maxOriginalSide)
{
    PreviewItem item;
    const pulc::engine::AugmentResult rgb = pulc::engine::loadRgbFile(path.toStdString());
    if (!rgb.ok()) {
        item.error = QString::fromStdString(rgb.error);
        return item;
    }
    QImage original = rgbToQImage(rgb.image);
    if (std::max(original.width(), original.height()) > maxOriginalSide)
        original = original.scaled(maxOriginalSide, maxOriginalSide, Qt::KeepAspectRatio,
                                   Qt::SmoothTransformation);
    item.original = original;
    pulc::engine::AugmentRng rng(seed);
    const pulc::engine::TrainTransformResult result =
        pulc::engine::trainTransform(rgb.image, config, rng);
    if (!result.ok()) {
        item.error = QString::fromStdString(result.error);
        return item;
    }
    if (result.image.type() != CV_32FC3) {
        item.error = QStringLiteral("unexpected pipeline output type");
        return item;
    }
    item.image = unnormalised(result.image);
    item.labelOverride = result.labelOverride;
    return item;
}

} // namespace pulc::ui
