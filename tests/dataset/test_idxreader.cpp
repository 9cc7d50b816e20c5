#include "dataset/idxreader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <gtest/gtest.h>
#include <zlib.h>

#include <array>

using namespace pulc::dataset;

// Lets GoogleTest print QStrings as text when an assertion fails.
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}

namespace {

QByteArray be32(quint32 v)
{
    QByteArray out(4, '\0');
    out[0] = char(v >> 24);
    out[1] = char(v >> 16);
    out[2] = char(v >> 8);
    out[3] = char(v);
    return out;
}

QByteArray imageFile(quint32 count, quint32 rows, quint32 cols, const QByteArray &pixels)
{
    return be32(0x00000803) + be32(count) + be32(rows) + be32(cols) + pixels;
}

QByteArray labelFile(quint32 count, const QByteArray &labels)
{
    return be32(0x00000801) + be32(count) + labels;
}

QByteArray sequence(int n)
{
    QByteArray out(n, '\0');
    for (int i = 0; i < n; ++i)
        out[i] = char(i * 7);
    return out;
}

class IdxReaderTest : public ::testing::Test
{
protected:
    void SetUp() override { ASSERT_TRUE(m_dir.isValid()); }

    QString writePlain(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        EXPECT_TRUE(f.open(QIODevice::WriteOnly));
        EXPECT_EQ(f.write(content), content.size());
        return path;
    }

    QString writeGzip(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        gzFile gz = gzopen(QFile::encodeName(path).constData(), "wb9");
        EXPECT_NE(gz, nullptr);
        if (gz) {
            EXPECT_EQ(gzwrite(gz, content.constData(), unsigned(content.size())), content.size());
            EXPECT_EQ(gzclose(gz), Z_OK);
        }
        return path;
    }

    static QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }

    QTemporaryDir m_dir;
};

TEST_F(IdxReaderTest, ReadsPlainImages)
{
    const QByteArray pixels = sequence(3 * 2 * 4);
    const QString path = writePlain(QStringLiteral("img-idx3-ubyte"), imageFile(3, 2, 4, pixels));
    const auto result = readIdxImages(path);
    ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(result->count, 3);
    EXPECT_EQ(result->rows, 2);
    EXPECT_EQ(result->cols, 4);
    EXPECT_EQ(result->pixels, pixels);
}

TEST_F(IdxReaderTest, ReadsGzipImagesWhateverTheName)
{
    const QByteArray pixels = sequence(5 * 3 * 3);
    // No .gz suffix: compression is detected from the content.
    const QString path = writeGzip(QStringLiteral("images.bin"), imageFile(5, 3, 3, pixels));
    ASSERT_TRUE(readAll(path).startsWith("\x1f\x8b"));
    const auto result = readIdxImages(path);
    ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(result->count, 5);
    EXPECT_EQ(result->rows, 3);
    EXPECT_EQ(result->cols, 3);
    EXPECT_EQ(result->pixels, pixels);
}

TEST_F(IdxReaderTest, ReadsPlainAndGzipLabels)
{
    const QByteArray labels = QByteArray::fromHex("0001020309090400");
    for (const bool gzip : {false, true}) {
        const QString name =
            gzip ? QStringLiteral("l-idx1-ubyte.gz") : QStringLiteral("l-idx1-ubyte");
        const QByteArray content = labelFile(8, labels);
        const QString path = gzip ? writeGzip(name, content) : writePlain(name, content);
        const auto result = readIdxLabels(path);
        ASSERT_TRUE(result.ok()) << result.error().toStdString();
        EXPECT_EQ(result.value(), labels);
    }
}

TEST_F(IdxReaderTest, ReadsMultiMemberGzip)
{
    // `cat a.gz b.gz` is a valid gzip file; the payload may straddle the members.
    const QByteArray content = imageFile(4, 2, 2, sequence(16));
    const QByteArray first = readAll(writeGzip(QStringLiteral("a.gz"), content.left(10)));
    const QByteArray second = readAll(writeGzip(QStringLiteral("b.gz"), content.mid(10)));
    const QString path = writePlain(QStringLiteral("ab.gz"), first + second);
    const auto result = readIdxImages(path);
    ASSERT_TRUE(result.ok()) << result.error().toStdString();
    EXPECT_EQ(result->pixels, sequence(16));
}

TEST_F(IdxReaderTest, RefusesTruncatedImages)
{
    const QString path =
        writePlain(QStringLiteral("t-idx3-ubyte"), imageFile(3, 2, 4, sequence(20)));
    const auto result = readIdxImages(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              path + QStringLiteral(": truncated: header says 3 images of 2x4 but only 20 bytes "
                                    "follow"));
}

TEST_F(IdxReaderTest, RefusesTruncatedGzipContent)
{
    // A sound gzip stream whose content is cut short reads as truncated IDX data.
    const QString path = writeGzip(QStringLiteral("t.gz"), imageFile(3, 2, 4, sequence(7)));
    const auto result = readIdxImages(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              path + QStringLiteral(": truncated: header says 3 images of 2x4 but only 7 bytes "
                                    "follow"));
}

TEST_F(IdxReaderTest, RefusesTruncatedLabels)
{
    const QString path = writePlain(QStringLiteral("t-idx1-ubyte"), labelFile(10, sequence(4)));
    const auto result = readIdxLabels(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              path + QStringLiteral(": truncated: header says 10 labels but only 4 bytes follow"));
}

TEST_F(IdxReaderTest, HugeDeclaredCountOnShortFileFailsOnItsRealLength)
{
    // Just under the 2 GiB cap: must report the 5 real bytes without allocating 2 GiB first.
    const QString path = writePlain(QStringLiteral("big"), imageFile(2000000000, 1, 1, "abcde"));
    const auto result = readIdxImages(path);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              path + QStringLiteral(": truncated: header says 2000000000 images of 1x1 but only 5 "
                                    "bytes follow"));
}

TEST_F(IdxReaderTest, RefusesImplausibleDimensions)
{
    struct Case
    {
        quint32 count, rows, cols;
        const char *message;
    };
    const std::array cases = {
        Case{10, 5000, 28, "implausible image size 5000x28 (each side must be 1 to 4096)"},
        Case{10, 28, 0, "implausible image size 28x0 (each side must be 1 to 4096)"},
        Case{4000000000u, 28, 28,
             "implausible size: 4000000000 images of 28x28 is more than 2 GiB"},
        Case{0xFFFFFFFFu, 1, 1, "implausible size: 4294967295 images of 1x1 is more than 2 GiB"},
    };
    for (const Case &c : cases) {
        const QString path =
            writePlain(QStringLiteral("dims"), imageFile(c.count, c.rows, c.cols, {}));
        const auto result = readIdxImages(path);
        ASSERT_FALSE(result.ok());
        EXPECT_EQ(result.error(), path + QStringLiteral(": ") + QLatin1String(c.message));
    }
}

TEST_F(IdxReaderTest, RefusesBadMagic)
{
    const QString text = writePlain(QStringLiteral("notes.txt"), "hello world, not idx at all");
    auto images = readIdxImages(text);
    ASSERT_FALSE(images.ok());
    EXPECT_EQ(images.error(), text + QStringLiteral(": not an IDX image file (magic 0x68656c6c)"));
    auto labels = readIdxLabels(text);
    ASSERT_FALSE(labels.ok());
    EXPECT_EQ(labels.error(), text + QStringLiteral(": not an IDX label file (magic 0x68656c6c)"));

    // The common mix-up of passing the labels where the images go gets a hint.
    const QString labelPath = writePlain(QStringLiteral("l"), labelFile(2, "\x01\x02"));
    images = readIdxImages(labelPath);
    ASSERT_FALSE(images.ok());
    EXPECT_EQ(images.error(),
              labelPath + QStringLiteral(
                              ": not an IDX image file (magic 0x00000801); this is a label file"));

    const QString tiny = writePlain(QStringLiteral("tiny"), QByteArray("\0\0", 2));
    images = readIdxImages(tiny);
    ASSERT_FALSE(images.ok());
    EXPECT_EQ(images.error(), tiny + QStringLiteral(": too short to be an IDX file (2 bytes)"));

    const QString header = writePlain(QStringLiteral("header"), be32(0x803) + be32(1));
    images = readIdxImages(header);
    ASSERT_FALSE(images.ok());
    EXPECT_EQ(images.error(), header + QStringLiteral(": truncated header (8 of 16 bytes)"));
}

TEST_F(IdxReaderTest, RefusesMissingFile)
{
    const QString path = m_dir.filePath(QStringLiteral("nope-idx3-ubyte"));
    const auto result = readIdxImages(path);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.error().startsWith(path + QStringLiteral(": cannot open (")))
        << result.error().toStdString();
}

TEST_F(IdxReaderTest, RefusesCorruptGzip)
{
    const QByteArray content = imageFile(50, 8, 8, sequence(50 * 64));
    const QByteArray gz = readAll(writeGzip(QStringLiteral("ok.gz"), content));
    ASSERT_GT(gz.size(), 40);

    // Cut in the middle of the compressed stream: a download that stopped early.
    const QString cut = writePlain(QStringLiteral("cut.gz"), gz.left(gz.size() / 2));
    auto result = readIdxImages(cut);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), cut + QStringLiteral(": corrupt gzip data (the compressed stream "
                                                   "ends early; the file may be truncated)"));

    // Intact deflate data but a wrong CRC: the pixels cannot be trusted.
    QByteArray badCrc = gz;
    badCrc[badCrc.size() - 8] = char(badCrc[badCrc.size() - 8] ^ 0xFF);
    const QString crc = writePlain(QStringLiteral("crc.gz"), badCrc);
    result = readIdxImages(crc);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), crc + QStringLiteral(": corrupt gzip data (incorrect data check)"));

    // Garbage after the gzip header.
    QByteArray garbage = gz.left(10) + QByteArray(64, '\xff');
    const QString bad = writePlain(QStringLiteral("bad.gz"), garbage);
    result = readIdxImages(bad);
    ASSERT_FALSE(result.ok());
    EXPECT_TRUE(result.error().startsWith(bad + QStringLiteral(": corrupt gzip data (")))
        << result.error().toStdString();
}

TEST_F(IdxReaderTest, LooksLikeIdxChecksContent)
{
    EXPECT_TRUE(looksLikeIdx(writePlain(QStringLiteral("a"), imageFile(1, 1, 1, "x"))));
    EXPECT_TRUE(looksLikeIdx(writePlain(QStringLiteral("b"), labelFile(1, "x"))));
    EXPECT_TRUE(
        looksLikeIdx(writeGzip(QStringLiteral("c-idx3-ubyte.gz"), imageFile(1, 1, 1, "x"))));
    EXPECT_FALSE(looksLikeIdx(writePlain(QStringLiteral("d.txt"), "some text")));
    // A gzip file whose content is not IDX is not offered as IDX, whatever its name.
    EXPECT_FALSE(looksLikeIdx(writeGzip(QStringLiteral("e-idx3-ubyte.gz"), "some text")));
    EXPECT_FALSE(looksLikeIdx(writePlain(QStringLiteral("f"), QByteArray("\0\0", 2))));
    EXPECT_FALSE(looksLikeIdx(m_dir.filePath(QStringLiteral("missing"))));
}

TEST(IdxReaderRealData, ReadsFashionMnistTestSet)
{
    const QString dir = QStringLiteral("/usr/share/datasets/fashion-mnist");
    const QString imagesPath = dir + QStringLiteral("/t10k-images-idx3-ubyte.gz");
    const QString labelsPath = dir + QStringLiteral("/t10k-labels-idx1-ubyte.gz");
    if (!QFile::exists(imagesPath) || !QFile::exists(labelsPath))
        GTEST_SKIP() << "Fashion-MNIST is not installed in " << dir.toStdString();

    EXPECT_TRUE(looksLikeIdx(imagesPath));
    const auto images = readIdxImages(imagesPath);
    ASSERT_TRUE(images.ok()) << images.error().toStdString();
    EXPECT_EQ(images->count, 10000);
    EXPECT_EQ(images->rows, 28);
    EXPECT_EQ(images->cols, 28);
    EXPECT_EQ(images->pixels.size(), 10000 * 28 * 28);

    const auto labels = readIdxLabels(labelsPath);
    ASSERT_TRUE(labels.ok()) << labels.error().toStdString();
    ASSERT_EQ(labels->size(), 10000);
    std::array<int, 10> perClass{};
    for (const char label : labels.value()) {
        ASSERT_LT(quint8(label), 10);
        ++perClass[quint8(label)];
    }
    // The Fashion-MNIST test split is balanced: 1000 images of each of the 10 classes.
    for (const int n : perClass)
        EXPECT_EQ(n, 1000);
}

} // namespace
