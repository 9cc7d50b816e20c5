#pragma once

#include "result.h"

#include <QByteArray>
#include <QString>

namespace pulc::dataset {

/// Images of an IDX file (the MNIST / Fashion-MNIST format), 8-bit greyscale, row-major.
struct IdxImages
{
    int count = 0;
    int rows = 0;
    int cols = 0;
    QByteArray pixels; ///< count * rows * cols bytes
};

/// Reads an `idx3-ubyte` image file, plain or gzip-compressed (detected from the content).
/// Errors name the file and the problem (bad magic, truncated, implausible dimensions).
Result<IdxImages> readIdxImages(const QString &path);

/// Reads an `idx1-ubyte` label file, plain or gzip-compressed: one byte per label.
Result<QByteArray> readIdxLabels(const QString &path);

/// True when the file starts with an IDX magic number or a gzip header.
bool looksLikeIdx(const QString &path);

} // namespace pulc::dataset
