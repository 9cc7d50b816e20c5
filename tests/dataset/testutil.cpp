#include "testutil.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>

#include "../qtenvironment.h"
#include "../shareddata.h"

#include <gtest/gtest.h>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <zlib.h>

#include <algorithm>
#include <stdexcept>

namespace pulc::test {
namespace {

[[maybe_unused]] ::testing::Environment *const kQtEnvironment =
    ::testing::AddGlobalTestEnvironment(new pulc::test::QtEnvironment("test_dataset"));

QByteArray be32(quint32 v)
{
    QByteArray out(4, '\0');
    for (int i = 0; i < 4; ++i)
        out[i] = char((v >> (24 - 8 * i)) & 0xFF);
    return out;
}

QByteArray pngChunk(const char type[4], const QByteArray &data)
{
    const QByteArray typed = QByteArray(type, 4) + data;
    const uLong crc =
        crc32(0, reinterpret_cast<const Bytef *>(typed.constData()), uInt(typed.size()));
    return be32(quint32(data.size())) + typed + be32(quint32(crc));
}

} // namespace

QByteArray encodeImage(int seed, const char *ext, int width, int height)
{
    cv::Mat image(height, width, CV_8UC3);
    cv::RNG rng(quint64(seed) * 7919 + 17);
    rng.fill(image, cv::RNG::UNIFORM, 0, 255);
    std::vector<uchar> buffer;
    EXPECT_TRUE(cv::imencode(ext, image, buffer)) << ext;
    return QByteArray(reinterpret_cast<const char *>(buffer.data()), qsizetype(buffer.size()));
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    ASSERT_TRUE(QDir().mkpath(QFileInfo(path).absolutePath())) << path.toStdString();
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate)) << path.toStdString();
    ASSERT_EQ(f.write(bytes), bytes.size()) << path.toStdString();
}

void writeText(const QString &path, const QString &text)
{
    writeFile(path, text.toUtf8());
}

QString writeImage(const QString &path, int seed, int width, int height)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const QByteArray ext =
        "." + (suffix == QLatin1String("jpeg") ? QByteArray("jpg") : suffix.toLatin1());
    writeFile(path, encodeImage(seed, ext.constData(), width, height));
    return path;
}

QByteArray pngHeaderOnly(quint32 width, quint32 height)
{
    QByteArray ihdr = be32(width) + be32(height);
    ihdr += char(8); // bit depth
    ihdr += char(0); // greyscale
    ihdr += QByteArray(3, '\0');
    return QByteArray("\x89PNG\r\n\x1a\n", 8) + pngChunk("IHDR", ihdr) + pngChunk("IEND", {});
}

QByteArray tinyGif()
{
    static const unsigned char kGif[] = {
        'G',  'I',  'F', '8', '9', 'a', 1, 0, 1, 0, 0x80, 0, 0, 0,    0,    0, 0xFF, 0xFF,
        0xFF, 0x2C, 0,   0,   0,   0,   1, 0, 1, 0, 0,    2, 2, 0x44, 0x01, 0, 0x3B};
    return QByteArray(reinterpret_cast<const char *>(kGif), sizeof(kGif));
}

void writeIdxPair(const QString &imagesPath, const QString &labelsPath, int count, int rows,
                  int cols, const QByteArray &labels)
{
    QByteArray images =
        be32(0x00000803) + be32(quint32(count)) + be32(quint32(rows)) + be32(quint32(cols));
    for (int i = 0; i < count; ++i)
        for (int p = 0; p < rows * cols; ++p)
            images += char((i * 31 + p * 7) & 0xFF);
    writeFile(imagesPath, images);
    writeFile(labelsPath, be32(0x00000801) + be32(quint32(labels.size())) + labels);
}

QString sharedDataDir()
{
    return QString::fromStdString(pulc::test::sharedPath("data"));
}

dataset::Project makeProject(const QString &dir, dataset::TaskType task)
{
    dataset::ProjectInfo info;
    info.task = task;
    auto p = dataset::Project::create(dir, info);
    if (!p) // GoogleTest reports the exception as a failure of the running test
        throw std::runtime_error("cannot create project: " + p.error().toStdString());
    return std::move(p.value());
}

QList<StoredSample> sampleRows(dataset::Project &project)
{
    QList<StoredSample> rows;
    QSqlQuery q(project.database().db());
    q.exec(QStringLiteral(
        "SELECT s.path, s.hash, s.split, (SELECT group_concat(c.name, '\n') FROM labels l"
        " JOIN classes c ON c.id = l.class_id WHERE l.sample_id = s.id)"
        " FROM samples s WHERE s.removed = 0 ORDER BY s.path"));
    while (q.next()) {
        StoredSample r{q.value(0).toString(), q.value(1).toString(), {}, q.value(2).toString()};
        if (!q.value(3).isNull())
            r.labels = q.value(3).toString().split(QLatin1Char('\n'));
        r.labels.sort();
        rows.append(r);
    }
    return rows;
}

int queryInt(dataset::Project &project, const QString &sql)
{
    QSqlQuery q(project.database().db());
    if (!q.exec(sql) || !q.next())
        return -1;
    return q.value(0).toInt();
}

QStringList contentSignature(dataset::Project &project)
{
    QStringList out;
    for (const StoredSample &r : sampleRows(project))
        out << QStringLiteral("%1|%2|%3").arg(r.hash, r.labels.join(QLatin1Char(';')), r.split);
    out.sort();
    return out;
}

QStringList filesBelow(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

} // namespace pulc::test
