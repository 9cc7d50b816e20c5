#pragma once

#include "dataset/imageheader.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace pulc::dataset {

/// The header limits (dataset/imageheader.h) under the name Qt code knows them by.
using ProbeLimits = ImageLimits;

/// What the header of an image file says.
struct ImageInfo
{
    QString format; ///< "jpeg", "png", "bmp", "gif", "webp", "tiff", "pnm"
    int width = 0;
    int height = 0;
};

/// Outcome of checking one file: ok with its info, or a one-line English reason.
struct ProbeResult
{
    bool ok = false;
    ImageInfo info;
    QString reason;
};

/// Reads format and size from the first bytes of an image without decoding pixels.
/// Returns nullopt when the bytes are not a recognised image header. Thread-safe.
std::optional<ImageInfo> readImageHeader(const QByteArray &bytes);

/// The part of probeImage() that needs only the header: recognised format, file size, and
/// sides and pixel count within `limits`. Empty when the image may be decoded, else the same
/// one-line reason probeImage() gives ("image too large: 17000x4 pixels (limit 16384 pixels
/// per side)"). For code that decodes images the import did not check (training, evaluation,
/// prediction), so one limit holds everywhere. Cheap (no pixel is decoded); thread-safe.
QString checkImageHeader(const QByteArray &bytes, const ProbeLimits &limits = {});

/// Validates a whole image file held in memory: recognised header, size within limits,
/// not truncated, and decodable by OpenCV (at reduced scale where the codec allows, to stay
/// cheap). Thread-safe; never throws.
ProbeResult probeImage(const QByteArray &bytes, const ProbeLimits &limits = {});

} // namespace pulc::dataset
