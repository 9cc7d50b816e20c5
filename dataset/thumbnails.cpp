#include "thumbnails.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace pulc::dataset {
namespace {

/// The reduced-scale JPEG decode flag that still leaves at least `size` pixels on the long side.
int jpegReadFlag(const ImageInfo &info, int size)
{
    const int longSide = std::max(info.width, info.height);
    if (longSide >= size * 8)
        return cv::IMREAD_REDUCED_COLOR_8;
    if (longSide >= size * 4)
        return cv::IMREAD_REDUCED_COLOR_4;
    if (longSide >= size * 2)
        return cv::IMREAD_REDUCED_COLOR_2;
    return cv::IMREAD_COLOR;
}

} // namespace

Thumbnail ensureThumbnail(const QString &cacheDir, const QString &sourcePath, const QString &hash,
                          int size, const ProbeLimits &limits)
{
    Thumbnail t;
    const QString dir = cacheDir + QLatin1Char('/') + hash.left(2);
    const QString file = QStringLiteral("%1/%2-%3.jpg").arg(dir, hash).arg(size);
    if (QFileInfo::exists(file)) {
        t.file = file;
        return t;
    }
    QFile src(sourcePath);
    if (!src.exists()) {
        t.missing = true;
        t.reason = QStringLiteral("file not found");
        return t;
    }
    if (src.size() > limits.maxFileBytes) {
        t.reason = QStringLiteral("file too large");
        return t;
    }
    if (!src.open(QIODevice::ReadOnly)) {
        t.reason = QStringLiteral("cannot read: %1").arg(src.errorString());
        return t;
    }
    const QByteArray bytes = src.readAll();
    const auto info = readImageHeader(bytes);
    if (!info) {
        t.reason = QStringLiteral("not an image");
        return t;
    }
    if (std::max(info->width, info->height) > limits.maxSide ||
        qint64(info->width) * info->height > limits.maxPixels) {
        t.reason = QStringLiteral("image too large: %1x%2").arg(info->width).arg(info->height);
        return t;
    }
    cv::Mat img;
    try {
        const int flag =
            info->format == QLatin1String("jpeg") ? jpegReadFlag(*info, size) : cv::IMREAD_COLOR;
        img = cv::imdecode(
            cv::Mat(1, int(bytes.size()), CV_8U, const_cast<char *>(bytes.constData())),
            flag | cv::IMREAD_IGNORE_ORIENTATION);
    } catch (const std::exception &) {
        img.release();
    }
    if (img.empty()) {
        t.reason = QStringLiteral("corrupt image data");
        return t;
    }
    const double scale = double(size) / std::max(img.cols, img.rows);
    if (scale < 1.0)
        cv::resize(img, img, cv::Size(), scale, scale, cv::INTER_AREA);
    std::vector<uchar> jpeg;
    if (!cv::imencode(".jpg", img, jpeg, {cv::IMWRITE_JPEG_QUALITY, 85})) {
        t.reason = QStringLiteral("cannot encode the thumbnail");
        return t;
    }
    if (!QDir().mkpath(dir)) {
        t.reason = QStringLiteral("cannot create %1").arg(dir);
        return t;
    }
    QSaveFile out(file);
    if (!out.open(QIODevice::WriteOnly) ||
        out.write(reinterpret_cast<const char *>(jpeg.data()), qint64(jpeg.size())) !=
            qint64(jpeg.size()) ||
        !out.commit()) {
        t.reason = QStringLiteral("cannot write %1: %2").arg(file, out.errorString());
        return t;
    }
    t.file = file;
    return t;
}

} // namespace pulc::dataset
