#pragma once

// The part of the image checks that reads only the first bytes of a file: format, size and the
// limits every decode obeys. Plain C++ (no Qt), so the engine's core, which links no Qt, refuses
// the same files with the same words as the import (dataset/imageprobe.h wraps it for Qt code).

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace pulc::dataset {

/// Limits that keep a hostile or accidental file (a decompression bomb, a 30000x30000 scan)
/// from exhausting memory: checked from the header, before any pixel is decoded.
struct ImageLimits
{
    std::int64_t maxFileBytes = 256LL * 1024 * 1024;
    int maxSide = 16384;
    std::int64_t maxPixels = 64LL * 1000 * 1000;
};

/// What a header says. Sizes stay 64-bit until the limits are checked: TIFF allows 2^32-1 per
/// side and a BMP height may be INT_MIN, neither of which fits an int once made positive.
struct RawImageHeader
{
    const char *format = nullptr; ///< "jpeg", "png", "bmp", "gif", "webp", "tiff", "pnm"
    std::int64_t width = 0;
    std::int64_t height = 0;
};

/// Format and size from the first bytes of an image, without decoding pixels; nullopt when the
/// bytes are not a recognised image header. Never reads past `size`. Thread-safe.
std::optional<RawImageHeader> parseImageHeader(const unsigned char *data, std::size_t size);

/// Empty when an image of these bytes may be decoded, else a one-line English reason: "empty
/// file", "file too large (300 MB, limit 256 MB)", "truncated or corrupt PNG header", "not an
/// image (unrecognised format)", "image too large: 17000x4 pixels (limit 16384 pixels per
/// side)". `parsed` receives the header when the bytes pass. Cheap; thread-safe.
std::string imageHeaderRefusal(const unsigned char *data, std::size_t size,
                               const ImageLimits &limits = {},
                               std::optional<RawImageHeader> *parsed = nullptr);

/// Whether a JPEG's segment structure reaches its end-of-image marker (libjpeg decodes a cut
/// file without error, filling the missing rows with grey).
bool jpegHasEndMarker(const unsigned char *data, std::size_t size);

/// Whether a PNG's chunk list reaches a whole IEND chunk.
bool pngHasEndChunk(const unsigned char *data, std::size_t size);

} // namespace pulc::dataset
