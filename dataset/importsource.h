#pragma once

#include "importer.h"
#include "result.h"
#include "types.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace pulc::dataset {

struct IdxImages;

/// One thing to import, as a source format describes it, before its file is checked.
struct ImportItem
{
    QString file;       ///< absolute path of the image file (empty for IDX items)
    QString ref;        ///< what to name in messages: the path, or "list.txt:12"
    QStringList labels; ///< class names; empty = unlabeled
    Split split = Split::Unassigned;
    int idxSet = -1;   ///< IDX items: which IdxImages of ScanResult::idx
    int idxIndex = -1; ///< IDX items: image index in that set
    QString relative;  ///< path below the source root, used to name copies
};

/// What a source format yields: the items, problems found while reading the source, and the
/// classes in the order the source defines them (a class map's id order, or folder order).
struct ScanResult
{
    ImportFormat format = ImportFormat::Auto;
    std::vector<ImportItem> items;
    QList<SkippedFile> skipped;
    QStringList classOrder;
    std::vector<std::shared_ptr<IdxImages>> idx;
    QString copyFolder; ///< folder name under images/ for copies and generated files
};

/// Guesses the format of `source`; on failure `why` says what was seen.
ImportFormat detectFormat(const QString &source, QString *why);

/// Reads the listing of `request.source` in its format. Files are not opened here, except
/// list, CSV and IDX files. Fails only when the source as a whole is unusable.
Result<ScanResult> scanSource(const ImportRequest &request, TaskType task,
                              const ImportCallbacks &callbacks);

/// True for the file name extensions imports and `pulc predict` take as images.
bool hasImageExtension(const QString &path);

/// True for file names that are hidden on Unix ('.' prefix) and skipped by imports.
bool isHiddenName(const QString &name);

} // namespace pulc::dataset
