#pragma once

#include "duplicates.h"
#include "imageprobe.h"
#include "result.h"
#include "types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace pulc::dataset {

class Project;

/// Source formats `pulc import` understands.
enum class ImportFormat {
    Auto,       ///< guess from the source (see detectFormat)
    Folders,    ///< folder per class; `train/`, `val/`, `test/` on top become splits
    PaddleList, ///< PaddleClas `path label` or `path<TAB>0,1,0` lists, with a class_id_map
    Csv,        ///< `path,label[,split]`, several labels as `a;b`
    Unlabeled,  ///< every image below a folder, without labels
    Idx,        ///< MNIST / Fashion-MNIST IDX files (images are written as PNG into the project)
};

QString toString(ImportFormat f);
std::optional<ImportFormat> importFormatFromString(const QString &s);

/// What to import and how.
struct ImportRequest
{
    QString source;
    ImportFormat format = ImportFormat::Auto;
    QString classMapFile;       ///< `id name` per line, for PaddleClas lists and IDX
    QStringList classNames;     ///< the same given directly (index = id); wins over classMapFile
    QString root;               ///< base of relative paths in lists and CSV (default: its folder)
    std::optional<Split> split; ///< put every sample in this split, whatever the source says
    bool copy = false;          ///< copy the files into the project's images/ folder
    int limit = 0;              ///< at most this many items per source file or split (0: all)
    int threads = 0;            ///< worker threads for reading and checking (0: all cores)
    ProbeLimits limits;
};

/// Default import request: auto format, no copy, all items.
inline ImportRequest defaultImportRequest(const QString &source)
{
    ImportRequest r;
    r.source = source;
    return r;
}

/// One file (or list line) that was not imported, and why.
struct SkippedFile
{
    QString path;
    QString reason;
};

/// Progress of a running import: phase "scan", "check" or "write".
struct ImportProgress
{
    QString phase;
    qint64 done = 0;
    qint64 total = 0;
};

/// Callbacks run on the importing thread. `shouldCancel` is polled between files.
struct ImportCallbacks
{
    std::function<void(const ImportProgress &)> progress;
    std::function<bool()> shouldCancel;
};

/// Where an import spent its time, summed over worker threads, in milliseconds.
struct ImportTimings
{
    double scan = 0;
    double read = 0;
    double hash = 0;
    double decode = 0; ///< header parse and validation decode
    double writeFiles = 0;
    double sql = 0;
    double wall = 0;
};

/// What an import did. Duplicate groups name only groups that touch the imported samples.
struct ImportReport
{
    ImportFormat format = ImportFormat::Auto;
    qint64 importId = 0;
    int imported = 0;
    int alreadyPresent = 0;
    bool cancelled = false;
    QList<SkippedFile> skipped;
    QList<DuplicateGroup> duplicates; ///< every group of identical images
    QList<DuplicateGroup> conflicts;  ///< the groups whose copies have different labels
    QList<DuplicateGroup> leakage;    ///< the groups whose copies are in different splits
    QStringList classes;              ///< all classes of the project after the import
    QStringList newClasses;           ///< classes this import created
    ImportTimings timings;
};

/// Imports `request.source` into `project`, all or nothing: files are read and checked in
/// worker threads first, then every sample is written in one transaction. Cancel, a failure or
/// a killed process leaves the database as it was (files copied so far are removed, except
/// after a kill; no other file is ever written over or removed). Fails at once, naming the
/// lock, while another import into the same project runs, in this process or another. Runs on
/// the calling thread; call it from a worker in a GUI.
Result<ImportReport> importData(Project &project, const ImportRequest &request,
                                const ImportCallbacks &callbacks = {});

} // namespace pulc::dataset
