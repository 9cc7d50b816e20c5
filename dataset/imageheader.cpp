#include "dataset/imageheader.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace pulc::dataset {

namespace {

// Every read goes through this view so that no parser can step past the buffer, whatever
// offsets or lengths a hostile file declares.
class ByteView
{
public:
    ByteView(const unsigned char *data, std::size_t size)
        : m_data(data)
        , m_size(static_cast<std::int64_t>(size))
    {}

    std::int64_t size() const { return m_size; }
    bool has(std::int64_t offset, std::int64_t count) const
    {
        return offset >= 0 && count >= 0 && offset <= m_size && count <= m_size - offset;
    }
    int u8(std::int64_t offset) const { return has(offset, 1) ? m_data[offset] : -1; }
    bool startsWith(std::int64_t offset, const char *text, std::int64_t count) const
    {
        if (!has(offset, count))
            return false;
        for (std::int64_t i = 0; i < count; ++i) {
            if (m_data[offset + i] != static_cast<unsigned char>(text[i]))
                return false;
        }
        return true;
    }
    /// Offset of the next `byte` at or after `from`, or -1.
    std::int64_t find(unsigned char byte, std::int64_t from) const
    {
        if (from < 0 || from >= m_size)
            return -1;
        const void *hit = std::memchr(m_data + from, byte, size_t(m_size - from));
        return hit ? static_cast<const unsigned char *>(hit) - m_data : -1;
    }
    // Multi-byte readers: callers check has() first; out of range yields 0 rather than UB.
    std::uint32_t be(std::int64_t offset, int count) const
    {
        if (!has(offset, count))
            return 0;
        std::uint32_t v = 0;
        for (int i = 0; i < count; ++i)
            v = (v << 8) | m_data[offset + i];
        return v;
    }
    std::uint32_t le(std::int64_t offset, int count) const
    {
        if (!has(offset, count))
            return 0;
        std::uint32_t v = 0;
        for (int i = count - 1; i >= 0; --i)
            v = (v << 8) | m_data[offset + i];
        return v;
    }

private:
    const unsigned char *m_data;
    std::int64_t m_size;
};

std::optional<RawImageHeader> parseJpeg(const ByteView &v)
{
    if (!(v.u8(0) == 0xFF && v.u8(1) == 0xD8 && v.u8(2) == 0xFF))
        return std::nullopt;
    std::int64_t pos = 2;
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
        const std::int64_t length = v.be(pos, 2);
        if (length < 2)
            return std::nullopt;
        // C4 (DHT), C8 (JPG extension) and CC (DAC) share the SOF range but are not frames.
        const bool isFrame =
            marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (isFrame) {
            // length(2) precision(1) height(2) width(2)
            if (length < 7 || !v.has(pos, 7))
                return std::nullopt;
            return RawImageHeader{"jpeg", v.be(pos + 5, 2), v.be(pos + 3, 2)};
        }
        pos += length;
    }
    return std::nullopt;
}

std::optional<RawImageHeader> parsePng(const ByteView &v)
{
    if (!v.startsWith(0, "\x89PNG\r\n\x1a\n", 8) || !v.startsWith(12, "IHDR", 4) || !v.has(16, 8))
        return std::nullopt;
    return RawImageHeader{"png", v.be(16, 4), v.be(20, 4)};
}

std::optional<RawImageHeader> parseBmp(const ByteView &v)
{
    if (!v.startsWith(0, "BM", 2) || !v.has(14, 4))
        return std::nullopt;
    const std::uint32_t infoSize = v.le(14, 4);
    if (infoSize == 12) { // BITMAPCOREHEADER: unsigned 16-bit sides
        if (!v.has(18, 4))
            return std::nullopt;
        return RawImageHeader{"bmp", v.le(18, 2), v.le(20, 2)};
    }
    // BITMAPINFOHEADER and its successors (V2..V5, OS/2 2.x) all start with signed 32-bit sides.
    if (infoSize < 16 || infoSize > 124 || !v.has(18, 8))
        return std::nullopt;
    const std::int64_t width = static_cast<std::int32_t>(v.le(18, 4));
    const std::int64_t height = static_cast<std::int32_t>(v.le(22, 4));
    if (width < 0)
        return std::nullopt;
    // A negative height only says the rows are stored top-down.
    return RawImageHeader{"bmp", width, height < 0 ? -height : height};
}

std::optional<RawImageHeader> parseGif(const ByteView &v)
{
    if (!(v.startsWith(0, "GIF87a", 6) || v.startsWith(0, "GIF89a", 6)) || !v.has(6, 4))
        return std::nullopt;
    return RawImageHeader{"gif", v.le(6, 2), v.le(8, 2)};
}

std::optional<RawImageHeader> parseWebp(const ByteView &v)
{
    if (!v.startsWith(0, "RIFF", 4) || !v.startsWith(8, "WEBP", 4))
        return std::nullopt;
    constexpr std::int64_t kData = 20; // first chunk: fourcc at 12, size at 16, payload at 20
    if (v.startsWith(12, "VP8 ", 4)) {
        // 3-byte frame tag, start code 9D 01 2A, then 14-bit sides (top bits are scaling).
        if (!v.has(kData, 10) || v.u8(kData + 3) != 0x9D || v.u8(kData + 4) != 0x01 ||
            v.u8(kData + 5) != 0x2A)
            return std::nullopt;
        return RawImageHeader{"webp", v.le(kData + 6, 2) & 0x3FFF, v.le(kData + 8, 2) & 0x3FFF};
    }
    if (v.startsWith(12, "VP8L", 4)) {
        // Signature byte 0x2F, then (width-1) and (height-1) packed in 14 bits each.
        if (!v.has(kData, 5) || v.u8(kData) != 0x2F)
            return std::nullopt;
        const std::uint32_t bits = v.le(kData + 1, 4);
        return RawImageHeader{"webp", (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    if (v.startsWith(12, "VP8X", 4)) {
        // Flags(1) reserved(3), then canvas (width-1) and (height-1) as 24-bit values.
        if (!v.has(kData, 10))
            return std::nullopt;
        return RawImageHeader{"webp", std::int64_t(v.le(kData + 4, 3)) + 1,
                              std::int64_t(v.le(kData + 7, 3)) + 1};
    }
    return std::nullopt;
}

std::optional<RawImageHeader> parseTiff(const ByteView &v)
{
    bool little = false;
    if (v.startsWith(0, "II*\0", 4))
        little = true;
    else if (!v.startsWith(0, "MM\0*", 4))
        return std::nullopt;
    auto rd = [&](std::int64_t offset, int count) {
        return little ? v.le(offset, count) : v.be(offset, count);
    };
    const std::int64_t ifd = rd(4, 4);
    if (!v.has(ifd, 2))
        return std::nullopt;
    const std::int64_t entries = rd(ifd, 2);
    if (!v.has(ifd + 2, entries * 12))
        return std::nullopt;
    std::int64_t width = -1;
    std::int64_t height = -1;
    for (std::int64_t i = 0; i < entries; ++i) {
        const std::int64_t entry = ifd + 2 + i * 12;
        const std::uint32_t tag = rd(entry, 2);
        const std::uint32_t type = rd(entry + 2, 2);
        if (tag != 256 && tag != 257)
            continue;
        std::int64_t value = -1;
        if (type == 3) // SHORT: stored left-justified in the 4-byte value field
            value = rd(entry + 8, 2);
        else if (type == 4) // LONG
            value = rd(entry + 8, 4);
        else
            return std::nullopt;
        // libtiff ignores a repeated tag, so the first entry is the one the decoder uses.
        std::int64_t &side = tag == 256 ? width : height;
        if (side < 0)
            side = value;
    }
    if (width < 0 || height < 0)
        return std::nullopt;
    return RawImageHeader{"tiff", width, height};
}

std::optional<RawImageHeader> parsePnm(const ByteView &v)
{
    if (v.u8(0) != 'P' || v.u8(1) < '1' || v.u8(1) > '6')
        return std::nullopt;
    std::int64_t pos = 2;
    auto isSpace = [](int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    // Skips whitespace and '#' comments (which run to the end of the line); returns the next
    // number, or -1 when there is none. Digits are capped so the value cannot overflow.
    auto nextNumber = [&]() -> std::int64_t {
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
        std::int64_t value = 0;
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
    const std::int64_t width = nextNumber();
    const std::int64_t height = width >= 0 ? nextNumber() : -1;
    if (width < 0 || height < 0)
        return std::nullopt;
    return RawImageHeader{"pnm", width, height};
}

std::optional<RawImageHeader> parseHeader(const ByteView &v)
{
    for (auto parse : {parseJpeg, parsePng, parseBmp, parseGif, parseWebp, parseTiff, parsePnm}) {
        if (auto header = parse(v))
            return header;
    }
    return std::nullopt;
}

// Follows the segment structure to the end-of-image marker. Cameras and phones often append
// data after it (maker trailers, a second MPF picture), and an EXIF thumbnail carries an EOI of
// its own, so neither "ends with FF D9" nor "contains FF D9" tells a whole file from a cut one.
bool jpegEndMarker(const ByteView &v)
{
    std::int64_t pos = 2;
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
            const std::int64_t ff = v.find(0xFF, pos);
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
bool pngEndChunk(const ByteView &v)
{
    std::int64_t pos = 8;
    while (v.has(pos, 8)) {
        const std::int64_t length = v.be(pos, 4);
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

std::string megabytes(std::int64_t bytes, bool roundUp)
{
    constexpr double kMiB = 1024.0 * 1024.0;
    if (bytes % (1024 * 1024) == 0)
        return std::to_string(bytes / (1024 * 1024));
    // Rounding the file up and the limit down keeps "N MB, limit M MB" from showing N == M.
    const double tenths = static_cast<double>(bytes) / kMiB * 10.0;
    char text[32];
    std::snprintf(text, sizeof text, "%.1f",
                  (roundUp ? std::ceil(tenths) : std::floor(tenths)) / 10.0);
    return text;
}

std::string size(std::int64_t w, std::int64_t h)
{
    return std::to_string(w) + "x" + std::to_string(h);
}

} // namespace

std::optional<RawImageHeader> parseImageHeader(const unsigned char *data, std::size_t size)
{
    return parseHeader(ByteView(data, size));
}

std::string imageHeaderRefusal(const unsigned char *data, std::size_t bytes,
                               const ImageLimits &limits, std::optional<RawImageHeader> *parsed)
{
    if (bytes == 0)
        return "empty file";
    // cv::imdecode takes the buffer as a one-row Mat, whose length is an int.
    const std::int64_t maxBytes = std::min<std::int64_t>(limits.maxFileBytes, INT_MAX);
    if (static_cast<std::int64_t>(bytes) > maxBytes) {
        return "file too large (" + megabytes(static_cast<std::int64_t>(bytes), true) +
               " MB, limit " + megabytes(maxBytes, false) + " MB)";
    }
    const ByteView view(data, bytes);
    const std::optional<RawImageHeader> header = parseHeader(view);
    if (!header) {
        if (const char *format = sniffFormat(view))
            return std::string("truncated or corrupt ") + format + " header";
        return "not an image (unrecognised format)";
    }
    const std::int64_t w = header->width;
    const std::int64_t h = header->height;
    if (w <= 0 || h <= 0)
        return "invalid image size " + size(w, h);
    if (w > limits.maxSide || h > limits.maxSide) {
        return "image too large: " + size(w, h) + " pixels (limit " +
               std::to_string(limits.maxSide) + " pixels per side)";
    }
    // Both sides are at most maxSide (an int) here, so the product fits in 64 bits.
    if (w * h > limits.maxPixels) {
        return "image too large: " + size(w, h) + " pixels (limit " +
               std::to_string(limits.maxPixels) + " pixels in total)";
    }
    if (parsed)
        *parsed = header;
    return {};
}

bool jpegHasEndMarker(const unsigned char *data, std::size_t size)
{
    return jpegEndMarker(ByteView(data, size));
}

bool pngHasEndChunk(const unsigned char *data, std::size_t size)
{
    return pngEndChunk(ByteView(data, size));
}

} // namespace pulc::dataset
