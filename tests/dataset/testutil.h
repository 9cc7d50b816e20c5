#pragma once

#include "dataset/project.h"
#include "dataset/types.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <ostream>
#include <vector>

// Lets GoogleTest print QStrings as text when an assertion fails.
inline void PrintTo(const QString &s, std::ostream *os)
{
    *os << '"' << s.toStdString() << '"';
}

// Lets QStrings stream into GoogleTest failure messages.
inline std::ostream &operator<<(std::ostream &os, const QString &s)
{
    return os << s.toStdString();
}

namespace pulc::test {

/// Encodes a small image whose pixels depend only on `seed`: equal seeds give equal bytes (the
/// same content hash), different seeds different bytes. `ext` is ".png", ".jpg" or ".bmp".
QByteArray encodeImage(int seed, const char *ext = ".png", int width = 16, int height = 12);

/// Writes `bytes` to `path`, creating its folder; fails the current test when it cannot.
void writeFile(const QString &path, const QByteArray &bytes);
/// Writes UTF-8 text.
void writeText(const QString &path, const QString &text);
/// Writes encodeImage(seed, suffix of path) to `path`; returns `path`.
QString writeImage(const QString &path, int seed, int width = 16, int height = 12);

/// A PNG file whose header claims `width` x `height` (no pixel data worth decoding).
QByteArray pngHeaderOnly(quint32 width, quint32 height);
/// A complete 1x1 GIF.
QByteArray tinyGif();

/// Writes an uncompressed IDX pair: `count` images of rows x cols (pixel values depend on the
/// image index, so each differs) and one label byte per image.
void writeIdxPair(const QString &imagesPath, const QString &labelsPath, int count, int rows,
                  int cols, const QByteArray &labels);

/// Folder of the shared test data (PaddleClas sources): data/ of the shared folder
/// (tests/shareddata.h); may be missing, so check with PULC_NEED_SHARED first.
QString sharedDataDir();

/// Creates a project in `dir`; fails the current test when it cannot.
dataset::Project makeProject(const QString &dir,
                             dataset::TaskType task = dataset::TaskType::SingleLabel);

/// One sample as the database holds it, with labels sorted by name.
struct StoredSample
{
    QString path;
    QString hash;
    QStringList labels;
    QString split;
};

/// Every non-removed sample, ordered by path.
QList<StoredSample> sampleRows(dataset::Project &project);
/// The first column of the first row of `sql`, as an int (-1 on error).
int queryInt(dataset::Project &project, const QString &sql);
/// The (hash, labels, split) triples of a project, sorted: what a round trip must keep.
QStringList contentSignature(dataset::Project &project);
/// Every file below `dir`, recursively, relative to it.
QStringList filesBelow(const QString &dir);

} // namespace pulc::test
