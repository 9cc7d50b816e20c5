#include "importsource.h"

#include "filesources.h"
#include "importfiles.h"

#include "idxreader.h"
#include "imageprobe.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include <algorithm>

namespace pulc::dataset {
namespace {

using detail::relativeTo;

const QStringList kSplitFolders = {QStringLiteral("train"), QStringLiteral("val"),
                                   QStringLiteral("validation"), QStringLiteral("test"),
                                   QStringLiteral("unassigned")};

bool cancelled(const ImportCallbacks &cb)
{
    return cb.shouldCancel && cb.shouldCancel();
}

/// True when a link in `folder` to `target` (both canonical) leads back to where it is.
bool leadsBack(const QString &folder, const QString &target)
{
    return folder == target || folder.startsWith(target + QLatin1Char('/'));
}

/// Every non-hidden entry below `dir` that is not a folder, recursively, following each
/// symlinked folder once (cycles are cut by canonical path). FIFOs, devices and dangling links
/// are listed too, so the check reports why each is skipped instead of dropping it unseen;
/// so are names Qt cannot decode and links that loop, through `skipped`. Folders in `claimed`
/// (canonical paths) belong to another walk, such as the source root or another class folder,
/// and are not entered through a link: their files would otherwise come in twice, under the
/// wrong class. Sorted for a stable order.
QStringList listFilesRecursive(const QString &dir, const ImportCallbacks &cb,
                               QList<SkippedFile> &skipped, const QSet<QString> &claimed = {})
{
    QStringList files;
    QSet<QString> seenDirs;
    QStringList pending{dir};
    while (!pending.isEmpty() && !cancelled(cb)) {
        const QString current = pending.takeFirst();
        const QString canonical = QFileInfo(current).canonicalFilePath();
        if (canonical.isEmpty() || seenDirs.contains(canonical) ||
            (current != dir && claimed.contains(canonical)))
            continue;
        seenDirs.insert(canonical);
        skipped += detail::undecodableEntries(current);
        const QFileInfoList entries = QDir(current).entryInfoList(
            QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::System, QDir::Name);
        for (const QFileInfo &e : entries) {
            if (isHiddenName(e.fileName()))
                continue;
            if (!e.isDir()) {
                files.append(e.absoluteFilePath());
            } else if (e.isSymLink() && leadsBack(canonical, e.canonicalFilePath())) {
                skipped.append({e.absoluteFilePath(),
                                QStringLiteral("a symbolic link loop (back to %1); not followed")
                                    .arg(e.canonicalFilePath())});
            } else {
                pending.append(e.absoluteFilePath());
            }
        }
        if (cb.progress)
            cb.progress({QStringLiteral("scan"), files.size(), 0});
    }
    std::sort(files.begin(), files.end());
    return files;
}

QStringList subfolders(const QString &dir)
{
    QStringList out;
    for (const QFileInfo &e :
         QDir(dir).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name)) {
        if (!isHiddenName(e.fileName()))
            out.append(e.fileName());
    }
    return out;
}

/// Split folders (train/val/test) directly below `dir`, if that is the ImageNet layout.
QStringList splitFoldersOf(const QString &dir)
{
    QStringList found;
    for (const QString &name : subfolders(dir)) {
        if (kSplitFolders.contains(name.toLower()))
            found.append(name);
    }
    return found;
}

Split splitOfFolder(const QString &name)
{
    return splitFromString(name.toLower()).value_or(Split::Unassigned);
}

void scanFolderPerClass(const QString &dir, Split split, const QString &root, int limit,
                        const QSet<QString> &claimed, ScanResult &out, const ImportCallbacks &cb)
{
    const QStringList classes = subfolders(dir);
    for (const QString &cls : classes) {
        if (!out.classOrder.contains(cls))
            out.classOrder.append(cls);
        int n = 0;
        for (const QString &file :
             listFilesRecursive(dir + QLatin1Char('/') + cls, cb, out.skipped, claimed)) {
            if (limit > 0 && n++ >= limit)
                break;
            out.items.push_back({file, file, {cls}, split, -1, -1, relativeTo(root, file)});
        }
    }
    out.skipped += detail::undecodableEntries(dir); // class folders and loose files
    // Images lying next to the class folders have no class: keep them as unlabeled.
    for (const QFileInfo &e : QDir(dir).entryInfoList(QDir::Files | QDir::System, QDir::Name)) {
        if (!isHiddenName(e.fileName()))
            out.items.push_back({e.absoluteFilePath(),
                                 e.absoluteFilePath(),
                                 {},
                                 split,
                                 -1,
                                 -1,
                                 relativeTo(root, e.absoluteFilePath())});
    }
}

} // namespace

bool hasImageExtension(const QString &path)
{
    static const QSet<QString> kExt = {
        QStringLiteral("jpg"),  QStringLiteral("jpeg"), QStringLiteral("png"),
        QStringLiteral("bmp"),  QStringLiteral("webp"), QStringLiteral("tif"),
        QStringLiteral("tiff"), QStringLiteral("pgm"),  QStringLiteral("ppm"),
        QStringLiteral("pbm"),  QStringLiteral("gif"),  QStringLiteral("jpe")};
    return kExt.contains(QFileInfo(path).suffix().toLower());
}

bool isHiddenName(const QString &name)
{
    return name.startsWith(QLatin1Char('.'));
}

ImportFormat detectFormat(const QString &source, QString *why)
{
    const QFileInfo fi(source);
    if (!fi.exists()) {
        *why = QStringLiteral("%1: no such file or folder").arg(source);
        return ImportFormat::Auto;
    }
    if (fi.isFile()) {
        const QString suffix = fi.suffix().toLower();
        if (looksLikeIdx(source))
            return ImportFormat::Idx;
        if (suffix == QLatin1String("csv"))
            return ImportFormat::Csv;
        if (suffix == QLatin1String("txt") || suffix == QLatin1String("list") ||
            suffix == QLatin1String("lst"))
            return ImportFormat::PaddleList;
        if (hasImageExtension(source))
            return ImportFormat::Unlabeled; // a single image, e.g. dropped on the window
        *why =
            QStringLiteral("%1: cannot tell the format from the name; give --format").arg(source);
        return ImportFormat::Auto;
    }
    const QFileInfoList files = QDir(source).entryInfoList(QDir::Files, QDir::Name);
    if (std::any_of(files.begin(), files.end(), [](const QFileInfo &f) {
            return f.fileName().contains(QLatin1String("images-idx3"));
        }))
        return ImportFormat::Idx;
    if (std::any_of(files.begin(), files.end(), [](const QFileInfo &f) {
            return f.fileName().endsWith(QLatin1String("_list.txt")) &&
                   f.fileName() != QLatin1String("label_list.txt");
        }))
        return ImportFormat::PaddleList;
    const QStringList dirs = subfolders(source);
    if (!dirs.isEmpty())
        return ImportFormat::Folders;
    if (std::any_of(files.begin(), files.end(),
                    [](const QFileInfo &f) { return hasImageExtension(f.fileName()); }))
        return ImportFormat::Unlabeled;
    *why = QStringLiteral("%1: no images or class folders found").arg(source);
    return ImportFormat::Auto;
}

Result<ScanResult> scanSource(const ImportRequest &req, TaskType task, const ImportCallbacks &cb)
{
    ScanResult out;
    out.format = req.format;
    if (out.format == ImportFormat::Auto) {
        QString why;
        out.format = detectFormat(req.source, &why);
        if (out.format == ImportFormat::Auto)
            return Result<ScanResult>::failure(why);
    }
    const QFileInfo fi(req.source);
    if (!fi.exists())
        return Result<ScanResult>::failure(
            QStringLiteral("%1: no such file or folder").arg(req.source));
    const bool wantsDir = out.format == ImportFormat::Folders ||
                          (out.format == ImportFormat::Unlabeled && !hasImageExtension(req.source));
    if (wantsDir && !fi.isDir())
        return Result<ScanResult>::failure(QStringLiteral("%1: the %2 format needs a folder")
                                               .arg(req.source, toString(out.format)));
    if (out.format == ImportFormat::Csv && !fi.isFile())
        return Result<ScanResult>::failure(
            QStringLiteral("%1: the %2 format needs a file").arg(req.source, toString(out.format)));
    out.copyFolder = fi.isDir() ? fi.fileName() : fi.completeBaseName();
    const QString root = fi.isDir() ? fi.absoluteFilePath() : fi.absolutePath();

    Status status = Status::success();
    switch (out.format) {
    case ImportFormat::Folders: {
        const QStringList splits = splitFoldersOf(root);
        QStringList parents;
        for (const QString &s : splits)
            parents.append(root + QLatin1Char('/') + s);
        if (parents.isEmpty())
            parents.append(root);
        if (!splits.isEmpty())
            out.skipped += detail::undecodableEntries(root);
        QSet<QString> claimed{QFileInfo(root).canonicalFilePath()};
        for (const QString &parent : parents) {
            claimed.insert(QFileInfo(parent).canonicalFilePath());
            for (const QString &cls : subfolders(parent))
                claimed.insert(QFileInfo(parent + QLatin1Char('/') + cls).canonicalFilePath());
        }
        for (const QString &parent : parents) {
            const Split split =
                splits.isEmpty() ? Split::Unassigned : splitOfFolder(QFileInfo(parent).fileName());
            scanFolderPerClass(parent, split, root, req.limit, claimed, out, cb);
        }
        // Split folders are scanned one after the other; the classes are their union, by name.
        std::sort(out.classOrder.begin(), out.classOrder.end());
        break;
    }
    case ImportFormat::Unlabeled: {
        if (fi.isFile()) { // one image, copied (with --copy) next to others from its folder
            out.copyFolder = fi.dir().dirName();
            out.items.push_back({fi.absoluteFilePath(),
                                 fi.absoluteFilePath(),
                                 {},
                                 Split::Unassigned,
                                 -1,
                                 -1,
                                 fi.fileName()});
            break;
        }
        int n = 0;
        for (const QString &file : listFilesRecursive(root, cb, out.skipped)) {
            if (req.limit > 0 && n++ >= req.limit)
                break;
            out.items.push_back(
                {file, file, {}, Split::Unassigned, -1, -1, relativeTo(root, file)});
        }
        break;
    }
    case ImportFormat::PaddleList:
        status = detail::scanPaddleList(req, task, out);
        break;
    case ImportFormat::Csv:
        status = detail::scanCsv(req, task, out);
        break;
    case ImportFormat::Idx:
        status = detail::scanIdx(req, out);
        break;
    case ImportFormat::Auto:
        break;
    }
    if (!status)
        return Result<ScanResult>::failure(status.error);
    if (req.split) {
        for (ImportItem &item : out.items)
            item.split = *req.split;
    }
    return out;
}

} // namespace pulc::dataset
