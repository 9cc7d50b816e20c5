#include "imageprobe.h"

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

// Header sizes are kept 64-bit until the limits are checked: TIFF allows 2^32-1 per side and a
// BMP height may be INT_MIN, neither of which fits an int once made positive.
struct RawHeader
{
    const char *format = nullptr;
    qint64 width = 0;
    qint64 height = 0;
};

// Every read goes through this view so that no parser can step past the buffer, whatever
// offsets or lengths a hostile file declares.
class ByteView
{
public:
    explicit ByteView(const QByteArray &bytes)
        : m_data(reinterpret_cast<const unsigned char *>(bytes.constData()))
        , m_size(bytes.size())
    {}

    qint64 size() const { return m_size; }
    bool has(qint64 offset, qint64 count) const
    {
        return offset >= 0 && count >= 0 && offset <= m_size && count <= m_size - offset;
    }
    int u8(qint64 offset) const { return has(offset, 1) ? m_data[offset] : -1; }
    bool startsWith(qint64 offset, const char *text, qint64 count) const
    {
        if (!has(offset, count))
            return false;
        for (qint64 i = 0; i < count; ++i) {
            if (m_data[offset + i] != static_cast<unsigned char>(text[i]))
                return false;
        }
        return true;
    }
    /// Offset of the next `byte` at or after `from`, or -1.
    qint64 find(unsigned char byte, qint64 from) const
    {
        if (from < 0 || from >= m_size)
            return -1;
        const void *hit = std::memchr(m_data + from, byte, size_t(m_size - from));
        return hit ? static_cast<const unsigned char *>(hit) - m_data : -1;
    }
    // Multi-byte readers: callers check has() first; out of range yields 0 rather than UB.
    quint32 be(qint64 offset, int count) const
    {
        if (!has(offset, count))
            return 0;
        quint32 v = 0;
        for (int i = 0; i < count; ++i)
            v = (v << 8) | m_data[offset + i];
        return v;
    }
    quint32 le(qint64 offset, int count) const
    {
        if (!has(offset, count))
            return 0;
        quint32 v = 0;
        for (int i = count - 1; i >= 0; --i)
            v = (v << 8) | m_data[offset + i];
        return v;
    }

private:
    const unsigned char *m_data;
    qint64 m_size;
};

std::optional<RawHeader> parseJpeg(const ByteView &v)
{
    if (!(v.u8(0) == 0xFF && v.u8(1) == 0xD8 && v.u8(2) == 0xFF))
        return std::nullopt;
    qint64 pos = 2;
    while (v.has(pos, 2)) {
        // libjpeg skips stray bytes between segments (a wrong APPn length) with a warning.
        pos = v.find(0xFF, pos);
        if (pos < 0)
            return std::nullopt;
        // Any number of 0xFF fill bytes may precede a marker code.
        while (v.u8(pos) == 0xFF)
            ++pos;
        const int marker = v.u8(pos);
        if (marker < 0)
            return std::nullopt;
        ++pos;
        // Stand-alone markers carry no length field.
        if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue;
        // Scan data or the end before any frame header: there is no size to report.
        if (marker == 0xD9 || marker == 0xDA || marker == 0x00)
            return std::nullopt;
        if (!v.has(pos, 2))
            return std::nullopt;
        const qint64 length = v.be(pos, 2);
        if (length < 2)
            return std::nullopt;
        // C4 (DHT), C8 (JPG extension) and CC (DAC) share the SOF range but are not frames.
        const bool isFrame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (isFrame) {
            // length(2) precision(1) height(2) width(2)
            if (length < 7 || !v.has(pos, 7))
                return std::nullopt;
            return RawHeader{"jpeg", v.be(pos + 5, 2), v.be(pos + 3, 2)};
        }
        pos += length;
    }
    return std::nullopt;
}

std::optional<RawHeader> parsePng(const ByteView &v)
{
    if (!v.startsWith(0, "\x89PNG\r\n\x1a\n", 8) || !v.startsWith(12, "IHDR", 4) || !v.has(16, 8))
        return std::nullopt;
    return RawHeader{"png", v.be(16, 4), v.be(20, 4)};
}

std::optional<RawHeader> parseBmp(const ByteView &v)
{
    if (!v.startsWith(0, "BM", 2) || !v.has(14, 4))
        return std::nullopt;
    const quint32 infoSize = v.le(14, 4);
    if (infoSize == 12) { // BITMAPCOREHEADER: unsigned 16-bit sides
        if (!v.has(18, 4))
            return std::nullopt;
        return RawHeader{"bmp", v.le(18, 2), v.le(20, 2)};
    }
    // BITMAPINFOHEADER and its successors (V2..V5, OS/2 2.x) all start with signed 32-bit sides.
    if (infoSize < 16 || infoSize > 124 || !v.has(18, 8))
        return std::nullopt;
    const qint64 width = static_cast<qint32>(v.le(18, 4));
    const qint64 height = static_cast<qint32>(v.le(22, 4));
    if (width < 0)
        return std::nullopt;
    // A negative height only says the rows are stored top-down.
    return RawHeader{"bmp", width, height < 0 ? -height : height};
}

std::optional<RawHeader> parseGif(const ByteView &v)
{
    if (!(v.startsWith(0, "GIF87a", 6) || v.startsWith(0, "GIF89a", 6)) || !v.has(6, 4))
        return std::nullopt;
    return RawHeader{"gif", v.le(6, 2), v.le(8, 2)};
}

std::optional<RawHeader> parseWebp(const ByteView &v)
{
    if (!v.startsWith(0, "RIFF", 4) || !v.startsWith(8, "WEBP", 4))
        return std::nullopt;
    constexpr qint64 kData = 20; // first chunk: fourcc at 12, size at 16, payload at 20
    if (v.startsWith(12, "VP8 ", 4)) {
        // 3-byte frame tag, start code 9D 01 2A, then 14-bit sides (top bits are scaling).
        if (!v.has(kData, 10) || v.u8(kData + 3) != 0x9D || v.u8(kData + 4) != 0x01 ||
            v.u8(kData + 5) != 0x2A)
            return std::nullopt;
        return RawHeader{"webp", v.le(kData + 6, 2) & 0x3FFF, v.le(kData + 8, 2) & 0x3FFF};
    }
    if (v.startsWith(12, "VP8L", 4)) {
        // Signature byte 0x2F, then (width-1) and (height-1) packed in 14 bits each.
        if (!v.has(kData, 5) || v.u8(kData) != 0x2F)
            return std::nullopt;
        const quint32 bits = v.le(kData + 1, 4);
        return RawHeader{"webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    if (v.startsWith(12, "VP8X", 4)) {
        // Flags(1) reserved(3), then canvas (width-1) and (height-1) as 24-bit values.
        if (!v.has(kData, 10))
            return std::nullopt;
        return RawHeader{"webp", qint64(v.le(kData + 4, 3)) + 1, qint64(v.le(kData + 7, 3)) + 1};
    }
    return std::nullopt;
}

std::optional<RawHeader> parseTiff(const ByteView &v)
{
    bool little = false;
    if (v.startsWith(0, "II*\0", 4))
        little = true;
    else if (!v.startsWith(0, "MM\0*", 4))
        return std::nullopt;
    auto rd = [&](qint64 offset, int count) {
        return little ? v.le(offset, count) : v.be(offset, count);
    };
    const qint64 ifd = rd(4, 4);
    if (!v.has(ifd, 2))
        return std::nullopt;
    const qint64 entries = rd(ifd, 2);
    if (!v.has(ifd + 2, entries * 12))
        return std::nullopt;
    qint64 width = -1;
    qint64 height = -1;
    for (qint64 i = 0; i < entries; ++i) {
        const qint64 entry = ifd + 2 + i * 12;
        const quint32 tag = rd(entry, 2);
        const quint32 type = rd(entry + 2, 2);
        if (tag != 256 && tag != 257)
            continue;
        qint64 value = -1;
        if (type == 3) // SHORT: stored left-justified in the 4-byte value field
            value = rd(entry + 8, 2);
        else if (type == 4) // LONG
            value = rd(entry + 8, 4);
        else
            return std::nullopt;
        // libtiff ignores a repeated tag, so the first entry is the one the decoder uses.
        qint64 &side = tag == 256 ? width : height;
        if (side < 0)
            side = value;
    }
    if (width < 0 || height < 0)
        return std::nullopt;
    return RawHeader{"tiff", width, height};
}

std::optional<RawHeader> parsePnm(const ByteView &v)
{
    if (v.u8(0) != 'P' || v.u8(1) < '1' || v.u8(1) > '6')
        return std::nullopt;
    qint64 pos = 2;
    auto isSpace = [](int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    // Skips whitespace and '#' comments (which run to the end of the line); returns the next
    // number, or -1 when there is none. Digits are capped so the value cannot overflow.
    auto nextNumber = [&]() -> qint64 {
        for (;;) {
            const int c = v.u8(pos);
            if (isSpace(c)) {
                ++pos;
            } else if (c == '#') {
                while (v.u8(pos) >= 0 && v.u8(pos) != '\n' && v.u8(pos) != '\r')
                    ++pos;
            } else {
                break;
            }
        }
        qint64 value = 0;
        int digits = 0;
        while (v.u8(pos) >= '0' && v.u8(pos) <= '9') {
            if (++digits > 12)
                return -1;
            value = value * 10 + (v.u8(pos) - '0');
            ++pos;
        }
        // A token ends at whitespace or a comment; running into the end of the buffer means
        // the number may be cut short ("37 2" of "37 23").
        const int after = v.u8(pos);
        if (digits == 0 || !(isSpace(after) || after == '#'))
            return -1;
        return value;
    };
    if (!isSpace(v.u8(pos)) && v.u8(pos) != '#')
        return std::nullopt; // the magic must stand alone: "P6x" is not a PNM header
    const qint64 width = nextNumber();
    const qint64 height = width >= 0 ? nextNumber() : -1;
    if (width < 0 || height < 0)
        return std::nullopt;
    return RawHeader{"pnm", width, height};
}

std::optional<RawHeader> parseHeader(const QByteArray &bytes)
{
    const ByteView v(bytes);
    for (auto parse : {parseJpeg, parsePng, parseBmp, parseGif, parseWebp, parseTiff, parsePnm}) {
        if (auto header = parse(v))
            return header;
    }
    return std::nullopt;
}

// Follows the segment structure to the end-of-image marker. Cameras and phones often append
// data after it (maker trailers, a second MPF picture), and an EXIF thumbnail carries an EOI of
// its own, so neither "ends with FF D9" nor "contains FF D9" tells a whole file from a cut one.
bool jpegHasEndMarker(const ByteView &v)
{
    qint64 pos = 2;
    while (pos < v.size()) {
        // Like libjpeg, tolerate stray bytes between segments.
        pos = v.find(0xFF, pos);
        if (pos < 0)
            return false;
        while (v.u8(pos) == 0xFF)
            ++pos;
        const int marker = v.u8(pos);
        if (marker < 0)
            return false;
        ++pos;
        if (marker == 0xD9)
            return true;
        if (marker == 0x00 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8))
            continue;
        if (!v.has(pos, 2) || v.be(pos, 2) < 2)
            return false;
        pos += v.be(pos, 2);
        if (marker != 0xDA)
            continue;
        // Entropy-coded data follows a scan header and runs to the next real marker: FF 00 is
        // a stuffed byte and FF D0..D7 a restart marker, both part of the data.
        for (;;) {
            const qint64 ff = v.find(0xFF, pos);
            const int next = ff < 0 ? -1 : v.u8(ff + 1);
            if (next < 0)
                return false;
            if (next == 0x00 || (next >= 0xD0 && next <= 0xD7)) {
                pos = ff + 2;
                continue;
            }
            pos = ff;
            break;
        }
    }
    return false;
}

// Follows the chunk lengths to a complete IEND chunk, for the same reason as above: data
// appended after IEND is harmless, a file that stops before it is not.
bool pngHasEndChunk(const ByteView &v)
{
    qint64 pos = 8;
    while (v.has(pos, 8)) {
        const qint64 length = v.be(pos, 4);
        if (length > 0x7FFFFFFF) // the PNG limit; larger values are corruption
            return false;
        if (v.startsWith(pos + 4, "IEND", 4))
            return v.has(pos, 12 + length);
        pos += 12 + length; // length, type, data, CRC
    }
    return false;
}

// Formats whose signature matched although the header could not be read: a cut or damaged
// file deserves a better reason than "not an image".
const char *sniffFormat(const ByteView &v)
{
    if (v.startsWith(0, "\xFF\xD8\xFF", 3))
        return "JPEG";
    if (v.startsWith(0, "\x89PNG\r\n\x1a\n", 8))
        return "PNG";
    if (v.startsWith(0, "GIF8", 4))
        return "GIF";
    if (v.startsWith(0, "RIFF", 4) && v.startsWith(8, "WEBP", 4))
        return "WebP";
    if (v.startsWith(0, "II*\0", 4) || v.startsWith(0, "MM\0*", 4))
        return "TIFF";
    return nullptr;
}

QString megabytes(qint64 bytes, bool roundUp)
{
    constexpr double kMiB = 1024.0 * 1024.0;
    if (bytes % (1024 * 1024) == 0)
        return QString::number(bytes / (1024 * 1024));
    // Rounding the file up and the limit down keeps "N MB, limit M MB" from showing N == M.
    const double tenths = bytes / kMiB * 10.0;
    return QString::number((roundUp ? std::ceil(tenths) : std::floor(tenths)) / 10.0, 'f', 1);
}

ProbeResult refuse(QString reason)
{
    ProbeResult r;
    r.reason = std::move(reason);
    return r;
}

// The checks that need only the header, shared by probeImage() and checkImageHeader() so that
// import and every later decode refuse the same files with the same words.
QString headerRefusal(const QByteArray &bytes, const ProbeLimits &limits,
                      std::optional<RawHeader> *parsed)
{
    if (bytes.isEmpty())
        return QStringLiteral("empty file");
    // cv::imdecode takes the buffer as a one-row Mat, whose length is an int.
    const qint64 maxBytes = std::min<qint64>(limits.maxFileBytes, INT_MAX);
    if (bytes.size() > maxBytes) {
        return QStringLiteral("file too large (%1 MB, limit %2 MB)")
            .arg(megabytes(bytes.size(), true), megabytes(maxBytes, false));
    }
    const ByteView view(bytes);
    const std::optional<RawHeader> header = parseHeader(bytes);
    if (!header) {
        if (const char *format = sniffFormat(view))
            return QStringLiteral("truncated or corrupt %1 header").arg(QLatin1StringView(format));
        return QStringLiteral("not an image (unrecognised format)");
    }
    const qint64 w = header->width;
    const qint64 h = header->height;
    if (w <= 0 || h <= 0)
        return QStringLiteral("invalid image size %1x%2").arg(w).arg(h);
    if (w > limits.maxSide || h > limits.maxSide) {
        return QStringLiteral("image too large: %1x%2 pixels (limit %3 pixels per side)")
            .arg(w)
            .arg(h)
            .arg(limits.maxSide);
    }
    // Both sides are at most maxSide (an int) here, so the product fits in 64 bits.
    if (w * h > limits.maxPixels) {
        return QStringLiteral("image too large: %1x%2 pixels (limit %3 pixels in total)")
            .arg(w)
            .arg(h)
            .arg(limits.maxPixels);
    }
    *parsed = header;
    return {};
}

ProbeResult probeImageUnchecked(const QByteArray &bytes, const ProbeLimits &limits)
{
    std::optional<RawHeader> header;
    if (QString reason = headerRefusal(bytes, limits, &header); !reason.isEmpty())
        return refuse(std::move(reason));
    const ByteView view(bytes);
    const qint64 w = header->width;
    const qint64 h = header->height;

    const QLatin1StringView format(header->format);
    const bool isJpeg = format == QLatin1StringView("jpeg");
    // libjpeg decodes a cut-off file without error, filling the missing rows with grey, so
    // truncation has to be detected from the file structure instead of from the decoder.
    if (isJpeg && !jpegHasEndMarker(view))
        return refuse(QStringLiteral("truncated JPEG (no end-of-image marker)"));
    if (format == QLatin1StringView("png") && !pngHasEndChunk(view))
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
    const std::optional<RawHeader> header = parseHeader(bytes);
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
        std::optional<RawHeader> header;
        return headerRefusal(bytes, limits, &header);
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
