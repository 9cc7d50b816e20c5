#pragma once

#include "importer.h"
#include "result.h"

#include <QString>
#include <QStringList>

namespace pulc::dataset {

class Project;

/// Dataset export layouts.
enum class ExportFormat {
    PaddleList, ///< train_list.txt / val_list.txt / test_list.txt + label_list.txt (id name)
    Folders,    ///< OUT/<split>/<class>/<file>; single-label and binary projects only
};

QString toString(ExportFormat f);
std::optional<ExportFormat> exportFormatFromString(const QString &s);

/// Where and how to export.
struct ExportRequest
{
    QString outDir;
    ExportFormat format = ExportFormat::PaddleList;
    /// PaddleClas lists: copy the images under OUT/images/ and list relative paths (otherwise
    /// the lists hold absolute paths, which PaddleClas joins with any image_root unchanged).
    bool copyImages = false;
};

/// What was written.
struct ExportReport
{
    int samples = 0;
    QStringList files;          ///< lists written, relative to outDir (PaddleList)
    QList<SkippedFile> skipped; ///< samples whose image could not be copied
};

/// Writes the project's (non-removed) samples and labels in `request.format`. Lists are written
/// atomically; copies never overwrite an existing file. `callbacks` report phase "export".
Result<ExportReport> exportDataset(Project &project, const ExportRequest &request,
                                   const ImportCallbacks &callbacks = {});

} // namespace pulc::dataset
