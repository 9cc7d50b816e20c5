#include "dataset/imageprobe.h"

#include "../shareddata.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <random>
#include <vector>

using namespace pulc::dataset;

// Lets GoogleTest print QStrings as text when an assertion fails.
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace {

// A patterned image, so that encoders produce realistic bitstreams rather than flat ones.
cv::Mat testImage(int width, int height, int type = CV_8UC3)
{
    cv::Mat image(height, width, type);
    cv::RNG rng(12345);
    rng.fill(image, cv::RNG::UNIFORM, 0, 255);
    return image;
}

QByteArray encode(const char *ext, const cv::Mat &image, const std::vector<int> &params = {})
{
    std::vector<uchar> buffer;
    if (!cv::imencode(ext, image, buffer, params))
        return {};
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
}

QByteArray bytesOf(std::initializer_list<quint32> values)
{
    QByteArray out;
    for (const quint32 v : values)
        out += char(v & 0xFF);
    return out;
}

QByteArray be16(quint32 v)
{
    return bytesOf({v >> 8, v});
}
QByteArray be32(quint32 v)
{
    return be16(v >> 16) + be16(v & 0xFFFF);
}
QByteArray le16(quint32 v)
{
    return bytesOf({v, v >> 8});
}
QByteArray le32(quint32 v)
{
    return le16(v & 0xFFFF) + le16(v >> 16);
}
QByteArray le24(quint32 v)
{
    return bytesOf({v, v >> 8, v >> 16});
}

const QByteArray kPngSignature("\x89PNG\r\n\x1a\n", 8);
const QByteArray kIend = QByteArray("\0\0\0\0IEND\xae\x42\x60\x82", 12);

// Just a signature, an IHDR and an IEND: enough to pass every check that precedes decoding.
QByteArray pngHeaderOnly(quint32 width, quint32 height)
{
    return kPngSignature + be32(13) + "IHDR" + be32(width) + be32(height) +
           QByteArray("\x08\x02\0\0\0", 5) + be32(0) + kIend;
}

// SOI, APP0, a DHT (C4, which must not be mistaken for a frame), fill bytes, SOF0, EOI.
QByteArray jpegHeaderOnly(quint32 width, quint32 height)
{
    QByteArray out("\xFF\xD8", 2);
    out +=
        QByteArray("\xFF\xE0", 2) + be16(16) + QByteArray("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14);
    out += QByteArray("\xFF\xC4", 2) + be16(5) + QByteArray("\x00\x01\x02", 3);
    out += QByteArray("\xFF\xFF\xFF\xC0", 4) + be16(17) + "\x08" + be16(height) + be16(width) +
           QByteArray("\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01", 10);
    out += QByteArray("\xFF\xD9", 2);
    return out;
}

QString reasonOf(const QByteArray &bytes, const ProbeLimits &limits = {})
{
    const ProbeResult r = probeImage(bytes, limits);
    return r.ok ? QStringLiteral("<ok>") : r.reason;
}

TEST(ImageProbe, AcceptsEveryDecodableFormatWithItsSize)
{
    struct Case
    {
        const char *ext;
        const char *format;
        int type;
    };
    const Case cases[] = {
        {".jpg", "jpeg", CV_8UC3},  {".png", "png", CV_8UC4},  {".bmp", "bmp", CV_8UC3},
        {".webp", "webp", CV_8UC3}, {".tif", "tiff", CV_8UC3}, {".ppm", "pnm", CV_8UC3},
        {".pgm", "pnm", CV_8UC1},   {".pbm", "pnm", CV_8UC1},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.ext);
        const QByteArray bytes = encode(c.ext, testImage(37, 23, c.type));
        ASSERT_FALSE(bytes.isEmpty());
        const auto header = readImageHeader(bytes);
        ASSERT_TRUE(header.has_value());
        EXPECT_EQ(header->format, QLatin1String(c.format));
        EXPECT_EQ(header->width, 37);
        EXPECT_EQ(header->height, 23);
        const ProbeResult r = probeImage(bytes);
        EXPECT_TRUE(r.ok) << r.reason.toStdString();
        EXPECT_TRUE(r.reason.isEmpty());
        EXPECT_EQ(r.info.format, QLatin1String(c.format));
        EXPECT_EQ(r.info.width, 37);
        EXPECT_EQ(r.info.height, 23);
    }
}

TEST(ImageProbe, ReadsEncoderVariants)
{
    // Progressive JPEG has its frame header in SOF2; lossless WebP uses a VP8L chunk; ASCII
    // PNM stores the same header as binary PNM.
    const cv::Mat image = testImage(301, 7);
    const QByteArray progressive = encode(".jpg", image, {cv::IMWRITE_JPEG_PROGRESSIVE, 1});
    const QByteArray lossless = encode(".webp", image, {cv::IMWRITE_WEBP_QUALITY, 101});
    const QByteArray ascii = encode(".ppm", image, {cv::IMWRITE_PXM_BINARY, 0});
    ASSERT_EQ(lossless.mid(12, 4), "VP8L");
    for (const QByteArray &bytes : {progressive, lossless, ascii}) {
        const ProbeResult r = probeImage(bytes);
        EXPECT_TRUE(r.ok) << r.reason.toStdString();
        EXPECT_EQ(r.info.width, 301);
        EXPECT_EQ(r.info.height, 7);
    }
}

TEST(ImageProbe, ReadsExtendedWebp)
{
    // Re-wrap OpenCV's simple lossy WebP in the extended (VP8X) layout that cameras and
    // browsers write, with a canvas that matches the frame.
    const QByteArray simple = encode(".webp", testImage(37, 23), {cv::IMWRITE_WEBP_QUALITY, 90});
    ASSERT_EQ(simple.mid(12, 4), "VP8 ");
    const QByteArray chunks = simple.mid(12);
    const QByteArray vp8x =
        QByteArray("VP8X") + le32(10) + QByteArray(4, '\0') + le24(36) + le24(22);
    const QByteArray extended =
        QByteArray("RIFF") + le32(4 + vp8x.size() + chunks.size()) + "WEBP" + vp8x + chunks;
    const ProbeResult r = probeImage(extended);
    EXPECT_TRUE(r.ok) << r.reason.toStdString();
    EXPECT_EQ(r.info.format, QStringLiteral("webp"));
    EXPECT_EQ(r.info.width, 37);
    EXPECT_EQ(r.info.height, 23);
}

TEST(ImageProbe, ReadsHandMadeHeaders)
{
    struct Case
    {
        QByteArray bytes;
        const char *format;
        int width, height;
    };
    const Case cases[] = {
        {jpegHeaderOnly(640, 480), "jpeg", 640, 480},
        {pngHeaderOnly(1, 65535), "png", 1, 65535},
        // BITMAPCOREHEADER (12 bytes, 16-bit sides).
        {QByteArray("BM") + QByteArray(12, '\0') + le32(12) + le16(320) + le16(200), "bmp", 320,
         200},
        // BITMAPINFOHEADER with a negative height: rows stored top-down.
        {QByteArray("BM") + QByteArray(12, '\0') + le32(40) + le32(50) + le32(quint32(-60)), "bmp",
         50, 60},
        {QByteArray("GIF89a") + le16(500) + le16(2) + QByteArray(3, '\0'), "gif", 500, 2},
        // Big-endian TIFF: width as SHORT, length as LONG, after an unrelated tag.
        {QByteArray("MM\0*", 4) + be32(8) + be16(3) + be16(254) + be16(4) + be32(1) + be32(0) +
             be16(256) + be16(3) + be32(1) + be16(1000) + be16(0) + be16(257) + be16(4) + be32(1) +
             be32(70000),
         "tiff", 1000, 70000},
        // Little-endian TIFF with the IFD after some padding.
        {QByteArray("II*\0", 4) + le32(12) + QByteArray(4, '\x7f') + le16(2) + le16(257) + le16(3) +
             le32(1) + le16(9) + le16(0) + le16(256) + le16(4) + le32(1) + le32(12),
         "tiff", 12, 9},
        {QByteArray("P6\n# made by hand\n  12 # width\n# height next\n7\n255\n"), "pnm", 12, 7},
        {QByteArray("P4 8\t2\n\xff\x00"), "pnm", 8, 2},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.format);
        const auto header = readImageHeader(c.bytes);
        ASSERT_TRUE(header.has_value());
        EXPECT_EQ(header->format, QLatin1String(c.format));
        EXPECT_EQ(header->width, c.width);
        EXPECT_EQ(header->height, c.height);
    }
}

TEST(ImageProbe, RefusesEmptyOversizedAndUnknownFiles)
{
    EXPECT_EQ(reasonOf({}), QStringLiteral("empty file"));

    ProbeLimits small;
    small.maxFileBytes = 1024 * 1024;
    EXPECT_EQ(reasonOf(QByteArray(1024 * 1024 + 1024 * 512, 'x'), small),
              QStringLiteral("file too large (1.5 MB, limit 1 MB)"));
    // One byte over the limit must not read as "1 MB, limit 1 MB".
    EXPECT_EQ(reasonOf(QByteArray(1024 * 1024 + 1, 'x'), small),
              QStringLiteral("file too large (1.1 MB, limit 1 MB)"));
    EXPECT_EQ(reasonOf(QByteArray(1024 * 1024, 'x'), small),
              QStringLiteral("not an image (unrecognised format)"));

    EXPECT_EQ(reasonOf("Lorem ipsum dolor sit amet, consectetur adipiscing elit.\n"),
              QStringLiteral("not an image (unrecognised format)"));
    EXPECT_EQ(reasonOf("P5 is the name of a bus line"),
              QStringLiteral("not an image (unrecognised format)"));
    EXPECT_EQ(reasonOf("GIF89"), QStringLiteral("truncated or corrupt GIF header"));
    EXPECT_FALSE(readImageHeader("Lorem ipsum").has_value());
}

TEST(ImageProbe, RefusesImpossibleAndHugeSizesBeforeDecoding)
{
    EXPECT_EQ(reasonOf(pngHeaderOnly(0, 10)), QStringLiteral("invalid image size 0x10"));
    EXPECT_EQ(reasonOf(jpegHeaderOnly(64, 0)), QStringLiteral("invalid image size 64x0"));

    // These headers carry no pixel data at all: the reason proves the decoder never ran.
    EXPECT_EQ(reasonOf(pngHeaderOnly(30000, 30000)),
              QStringLiteral("image too large: 30000x30000 pixels (limit 16384 pixels per side)"));
    EXPECT_EQ(reasonOf(jpegHeaderOnly(30000, 30000)),
              QStringLiteral("image too large: 30000x30000 pixels (limit 16384 pixels per side)"));
    EXPECT_EQ(
        reasonOf(pngHeaderOnly(10000, 10000)),
        QStringLiteral("image too large: 10000x10000 pixels (limit 64000000 pixels in total)"));
    // Beyond what an int holds: still a clear refusal, not an overflow.
    EXPECT_EQ(reasonOf(pngHeaderOnly(0xFFFFFFFFu, 1)),
              QStringLiteral("image too large: 4294967295x1 pixels (limit 16384 pixels per side)"));
    EXPECT_FALSE(readImageHeader(pngHeaderOnly(0xFFFFFFFFu, 1)).has_value());

    ProbeLimits tight;
    tight.maxSide = 100;
    tight.maxPixels = 1000;
    EXPECT_EQ(reasonOf(encode(".png", testImage(101, 5)), tight),
              QStringLiteral("image too large: 101x5 pixels (limit 100 pixels per side)"));
    EXPECT_EQ(reasonOf(encode(".png", testImage(40, 30)), tight),
              QStringLiteral("image too large: 40x30 pixels (limit 1000 pixels in total)"));
    EXPECT_EQ(reasonOf(encode(".png", testImage(40, 25)), tight), QStringLiteral("<ok>"));
}

TEST(ImageProbe, RefusesTruncatedFiles)
{
    const QByteArray jpeg = encode(".jpg", testImage(64, 48));
    EXPECT_EQ(reasonOf(jpeg.left(jpeg.size() * 2 / 3)),
              QStringLiteral("truncated JPEG (no end-of-image marker)"));
    EXPECT_EQ(reasonOf(jpeg.left(jpeg.size() - 1)),
              QStringLiteral("truncated JPEG (no end-of-image marker)"));
    // Data after the end marker (padding, a phone maker's trailer) is harmless.
    EXPECT_EQ(reasonOf(jpeg + QByteArray(16, '\0')), QStringLiteral("<ok>"));
    EXPECT_EQ(reasonOf(jpeg + QByteArray(2000, '\x42')), QStringLiteral("<ok>"));

    // An EXIF-style thumbnail brings its own end marker; a cut file must still be caught.
    const QByteArray thumbnail = encode(".jpg", testImage(8, 8));
    const QByteArray app1 = QByteArray("\xFF\xE1", 2) + be16(2 + 6 + thumbnail.size()) +
                            QByteArray("Exif\0\0", 6) + thumbnail;
    const QByteArray withThumb = jpeg.left(2) + app1 + jpeg.mid(2);
    EXPECT_EQ(reasonOf(withThumb), QStringLiteral("<ok>"));
    EXPECT_EQ(reasonOf(withThumb.left(withThumb.size() - 200)),
              QStringLiteral("truncated JPEG (no end-of-image marker)"));

    const QByteArray png = encode(".png", testImage(64, 48));
    EXPECT_EQ(reasonOf(png.left(png.size() / 2)), QStringLiteral("truncated PNG (no IEND chunk)"));
    EXPECT_EQ(reasonOf(png.left(png.size() - 4)), QStringLiteral("truncated PNG (no IEND chunk)"));
    EXPECT_EQ(reasonOf(png + QByteArray(500, '\x42')), QStringLiteral("<ok>"));

    // OpenCV writes the TIFF directory after the pixels, so a cut file loses its header.
    const QByteArray tiff = encode(".tif", testImage(64, 48));
    EXPECT_EQ(reasonOf(tiff.left(tiff.size() / 2)),
              QStringLiteral("truncated or corrupt TIFF header"));
    EXPECT_EQ(reasonOf(png.left(20)), QStringLiteral("truncated or corrupt PNG header"));

    // The other codecs report truncation themselves.
    for (const char *ext : {".bmp", ".webp", ".ppm"}) {
        SCOPED_TRACE(ext);
        const QByteArray bytes = encode(ext, testImage(64, 48));
        EXPECT_EQ(reasonOf(bytes.left(bytes.size() / 2)),
                  QStringLiteral("corrupt image data (the decoder failed)"));
    }
}

TEST(ImageProbe, RefusesGifEvenThoughTheHeaderIsRead)
{
    const QByteArray gif = QByteArray("GIF87a") + le16(20) + le16(10) + QByteArray("\0\0\0", 3) +
                           QByteArray(",\0\0\0\0\x14\0\x0a\0\0\x02\x02\x44\x01\0;", 16);
    const auto header = readImageHeader(gif);
    ASSERT_TRUE(header.has_value());
    EXPECT_EQ(header->format, QStringLiteral("gif"));
    EXPECT_EQ(header->width, 20);
    EXPECT_EQ(header->height, 10);
    EXPECT_EQ(reasonOf(gif), QStringLiteral("unsupported format: GIF"));
}

TEST(ImageProbe, RefusesCorruptDataBehindAValidHeader)
{
    // A PNG whose compressed pixels were overwritten: CRC and zlib both fail.
    QByteArray png = encode(".png", testImage(64, 48));
    const qsizetype idat = png.indexOf("IDAT");
    ASSERT_GT(idat, 0);
    for (qsizetype i = idat + 20; i < idat + 120; ++i)
        png[i] = char(png[i] ^ 0x5A);
    EXPECT_EQ(reasonOf(png), QStringLiteral("corrupt image data (the decoder failed)"));

    // A JPEG with a frame header and an end marker but no tables or scan.
    EXPECT_EQ(reasonOf(jpegHeaderOnly(64, 48)),
              QStringLiteral("corrupt image data (the decoder failed)"));

    // A WebP whose canvas disagrees with the frame inside it.
    const QByteArray simple = encode(".webp", testImage(37, 23), {cv::IMWRITE_WEBP_QUALITY, 90});
    const QByteArray vp8x =
        QByteArray("VP8X") + le32(10) + QByteArray(4, '\0') + le24(99) + le24(22);
    const QByteArray lying = QByteArray("RIFF") + le32(4 + vp8x.size() + simple.size() - 12) +
                             "WEBP" + vp8x + simple.mid(12);
    const ProbeResult r = probeImage(lying);
    EXPECT_FALSE(r.ok);
    EXPECT_TRUE(r.reason.startsWith(QStringLiteral("corrupt image data")))
        << r.reason.toStdString();
}

TEST(ImageProbe, HostileHeadersNeverOverrunTheBuffer)
{
    // Each prefix is copied into its own allocation so a sanitizer build catches any read
    // past the end; a header is only reported once all of its fields are present.
    const QByteArray png = encode(".png", testImage(37, 23));
    for (qsizetype n = 0; n < 24; ++n)
        EXPECT_FALSE(readImageHeader(QByteArray(png.constData(), n)).has_value()) << n;
    EXPECT_TRUE(readImageHeader(QByteArray(png.constData(), 24)).has_value());

    for (const char *ext : {".jpg", ".bmp", ".webp", ".tif", ".ppm"}) {
        const QByteArray bytes = encode(ext, testImage(37, 23));
        for (qsizetype n = 0; n <= std::min<qsizetype>(bytes.size(), 1024); ++n) {
            const auto header = readImageHeader(QByteArray(bytes.constData(), n));
            if (header) {
                EXPECT_EQ(header->width, 37) << ext << " prefix " << n;
                EXPECT_EQ(header->height, 23) << ext << " prefix " << n;
            }
        }
    }

    // Offsets and lengths pointing far outside the file.
    EXPECT_FALSE(readImageHeader(QByteArray("II*\0", 4) + le32(0xFFFFFFF0u)).has_value());
    EXPECT_FALSE(readImageHeader(QByteArray("II*\0", 4) + le32(8) + le16(0xFFFF)).has_value());
    EXPECT_FALSE(readImageHeader(QByteArray("\xFF\xD8\xFF\xE0\xFF\xFF", 6)).has_value());
    EXPECT_FALSE(readImageHeader(QByteArray("\xFF\xD8\xFF\xC0\x00\x11\x08", 7)).has_value());
    EXPECT_FALSE(readImageHeader(QByteArray("\xFF\xD8\xFF\xFF\xFF\xFF", 6)).has_value());
    EXPECT_FALSE(readImageHeader(QByteArray("P6 ") + QByteArray(40, '9')).has_value());

    // Random mutations of real files: any outcome is fine except a crash or an exception.
    std::mt19937 rng(2024);
    for (const char *ext : {".jpg", ".png", ".bmp", ".webp", ".tif", ".ppm"}) {
        const QByteArray original = encode(ext, testImage(37, 23));
        for (int round = 0; round < 60; ++round) {
            QByteArray bytes = original;
            const int flips = 1 + int(rng() % 4);
            for (int i = 0; i < flips; ++i) {
                const qsizetype at = qsizetype(rng() % std::min<quint32>(bytes.size(), 64));
                bytes[at] = char(rng());
            }
            if (round % 3 == 0)
                bytes.truncate(qsizetype(rng() % bytes.size()));
            ProbeResult r;
            EXPECT_NO_THROW(r = probeImage(bytes));
            EXPECT_EQ(r.ok, r.reason.isEmpty());
            if (r.ok) {
                EXPECT_GT(r.info.width, 0);
                EXPECT_GT(r.info.height, 0);
            }
        }
    }
}

TEST(ImageProbeSharedData, ProbesPaddleClasDemoImages)
{
    PULC_NEED_SHARED("data/paddleclas/deploy/images/PULC");
    const QString dir =
        QString::fromStdString(pulc::test::sharedPath("data/paddleclas/deploy/images/PULC"));

    struct Known
    {
        const char *file;
        const char *format;
        int width, height;
    };
    const Known known[] = {
        {"person_attribute/090004.jpg", "jpeg", 53, 163},
        {"textline_orientation/textline_orientation_test_1_1.png", "png", 250, 68},
    };
    for (const Known &k : known) {
        QFile file(dir + QLatin1Char('/') + QLatin1String(k.file));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << k.file;
        const ProbeResult r = probeImage(file.readAll());
        EXPECT_TRUE(r.ok) << k.file << ": " << r.reason.toStdString();
        EXPECT_EQ(r.info.format, QLatin1String(k.format));
        EXPECT_EQ(r.info.width, k.width) << k.file;
        EXPECT_EQ(r.info.height, k.height) << k.file;
    }

    // Every demo image is a sound file: the probe agrees with a full decode on each one.
    int checked = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        ASSERT_TRUE(file.open(QIODevice::ReadOnly));
        const ProbeResult r = probeImage(file.readAll());
        EXPECT_TRUE(r.ok) << path.toStdString() << ": " << r.reason.toStdString();
        const cv::Mat full =
            cv::imread(QFile::encodeName(path).toStdString(), cv::IMREAD_UNCHANGED);
        ASSERT_FALSE(full.empty()) << path.toStdString();
        EXPECT_EQ(r.info.width, full.cols) << path.toStdString();
        EXPECT_EQ(r.info.height, full.rows) << path.toStdString();
        ++checked;
    }
    EXPECT_GE(checked, 2);
}

} // namespace
