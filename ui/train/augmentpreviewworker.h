#pragma once

#include <engine/trainconfig.h>

#include <QImage>
#include <QString>

#include <cstdint>

namespace pulc::ui {

/// One cell of the augmentation preview: the training sample as the model sees it (un-normalised
/// to 8-bit RGB), the decoded source, and the label an operator assigned.
struct PreviewItem
{
    QImage image;    ///< train size, RGB888; null on error
    QImage original; ///< the decoded file, scaled to fit `maxOriginalSide`
    int labelOverride = -1;
    QString error; ///< English text from the engine
};

/// Decodes `path` and runs pulc::engine::trainTransform with `config` and an AugmentRng seeded
/// with `seed`, then undoes NormalizeImage (PaddleClas's ImageNet mean and std, as the pipeline
/// uses) for display. Thread-safe; meant for worker threads (it decodes a full image).
PreviewItem renderPreviewItem(const QString &path, const pulc::engine::TrainConfig &config,
                              std::uint32_t seed, int maxOriginalSide = 256);

} // namespace pulc::ui
