#pragma once

#include "importsource.h"

#include <QDir>

// File-based import sources (PaddleClas lists, CSV, IDX), split out of importsource.cpp.
// Internal to the dataset library.
namespace pulc::dataset::detail {

/// `file` relative to `root`, for naming copies below images/.
inline QString relativeTo(const QString &root, const QString &file)
{
    return QDir(root).relativeFilePath(file);
}

/// A list file, or a folder of `*_list.txt` files with an optional `label_list.txt`.
Status scanPaddleList(const ImportRequest &req, TaskType task, ScanResult &out);
/// `path,label[,split]` lines with an optional header row.
Status scanCsv(const ImportRequest &req, TaskType task, ScanResult &out);
/// An IDX images file (labels from its twin), or a folder of them.
Status scanIdx(const ImportRequest &req, ScanResult &out);

} // namespace pulc::dataset::detail
