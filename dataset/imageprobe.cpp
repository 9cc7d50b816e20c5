#include "dataset/imageprobe.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <exception>
#include <new>

namespace pulc::dataset {

namespace {

const unsigned char *data(const QByteArray &bytes)
{
    return reinterpret_cast<const unsigned char *>(bytes.constData());
}

std::size_t size(const QByteArray &bytes)
{
    return static_cast<std::size_t>(bytes.size());
}

ProbeResult refuse(QString reason)
{
    ProbeResult r;
    r.reason = std::move(reason);
    return r;
}

ProbeResult probeImageUnchecked(const QByteArray &bytes, const ProbeLimits &limits)
{
    std::optional<RawImageHeader> header;
    if (std::string reason = imageHeaderRefusal(data(bytes), size(bytes), limits, &header);
        !reason.empty())
        return refuse(QString::fromStdString(reason));
    const qint64 w = header->width;
    const qint64 h = header->height;

    const QLatin1StringView format(header->format);
    const bool isJpeg = format == QLatin1StringView("jpeg");
    // libjpeg decodes a cut-off file without error, filling the missing rows with grey, so
    // truncation has to be detected from the file structure instead of from the decoder.
    if (isJpeg && !jpegHasEndMarker(data(bytes), size(bytes)))
        return refuse(QStringLiteral("truncated JPEG (no end-of-image marker)"));
    if (format == QLatin1StringView("png") && !pngHasEndChunk(data(bytes), size(bytes)))
        return refuse(QStringLiteral("truncated PNG (no IEND chunk)"));
    if (format == QLatin1StringView("gif"))
        return refuse(QStringLiteral("unsupported format: GIF"));

    // JPEG can decode at 1/8 scale inside libjpeg, which skips most of the work; the other
    // codecs would decode in full and then resize, so they decode at full size to a single
    // channel to keep the output buffer small. Orientation is ignored so that the decoded
    // size is comparable with the header.
    const int flags = (isJpeg ? cv::IMREAD_REDUCED_GRAYSCALE_8 : cv::IMREAD_GRAYSCALE) |
                      cv::IMREAD_IGNORE_ORIENTATION;
    cv::Mat decoded;
    try {
        const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8UC1,
                          const_cast<char *>(bytes.constData()));
        decoded = cv::imdecode(raw, flags);
    } catch (const cv::Exception &) {
        decoded.release();
    } catch (const std::exception &) {
        decoded.release();
    }
    if (decoded.empty())
        return refuse(QStringLiteral("corrupt image data (the decoder failed)"));

    // libjpeg rounds scaled sizes up.
    const qint64 expectedW = isJpeg ? (w + 7) / 8 : w;
    const qint64 expectedH = isJpeg ? (h + 7) / 8 : h;
    if (decoded.cols != expectedW || decoded.rows != expectedH) {
        return refuse(QStringLiteral("corrupt image data (the header says %1x%2 but the decoder "
                                     "disagrees)")
                          .arg(w)
                          .arg(h));
    }

    ProbeResult result;
    result.ok = true;
    result.info.format = format;
    result.info.width = static_cast<int>(w);
    result.info.height = static_cast<int>(h);
    return result;
}

} // namespace

std::optional<ImageInfo> readImageHeader(const QByteArray &bytes)
{
    const std::optional<RawImageHeader> header = parseImageHeader(data(bytes), size(bytes));
    // No format allows a side beyond INT_MAX except TIFF's LONG; such a file is not something
    // the rest of the app could represent anyway.
    if (!header || header->width > INT_MAX || header->height > INT_MAX)
        return std::nullopt;
    ImageInfo info;
    info.format = QLatin1StringView(header->format);
    info.width = static_cast<int>(header->width);
    info.height = static_cast<int>(header->height);
    return info;
}

QString checkImageHeader(const QByteArray &bytes, const ProbeLimits &limits)
{
    try {
        return QString::fromStdString(imageHeaderRefusal(data(bytes), size(bytes), limits));
    } catch (const std::bad_alloc &) {
        return QStringLiteral("out of memory while checking the image");
    }
}

ProbeResult probeImage(const QByteArray &bytes, const ProbeLimits &limits)
{
    // The only exceptions left are allocation failures in Qt or OpenCV; callers run this on
    // worker threads where an escaping exception would terminate the app.
    // QStringLiteral needs no allocation, so building these refusals cannot throw again.
    try {
        return probeImageUnchecked(bytes, limits);
    } catch (const std::bad_alloc &) {
        return refuse(QStringLiteral("out of memory while checking the image"));
    } catch (...) {
        return refuse(QStringLiteral("corrupt image data (the decoder failed)"));
    }
}

} // namespace pulc::dataset
