#include "importsource.h"

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

const QStringList kSplitFolders = {QStringLiteral("train"), QStringLiteral("val"),
                                   QStringLiteral("validation"), QStringLiteral("test"),
                                   QStringLiteral("unassigned")};

bool cancelled(const ImportCallbacks &cb)
{
    return cb.shouldCancel && cb.shouldCancel();
}

QString fileNameOf(const QString &path)
{
    return QFileInfo(path).fileName();
}

/// Every non-hidden file below `dir`, recursively, following each symlinked folder once
/// (cycles are cut by canonical path). Folders in `claimed` (canonical paths) belong to another
/// walk, such as the source root or another class folder, and are not entered through a link:
/// their files would otherwise come in twice, under the wrong class. Sorted for a stable order.
QStringList listFilesRecursive(const QString &dir, const ImportCallbacks &cb,
                               const QSet<QString> &claimed = {})
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
        const QFileInfoList entries = QDir(current).entryInfoList(
            QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot | QDir::System, QDir::Name);
        for (const QFileInfo &e : entries) {
            if (isHiddenName(e.fileName()))
                continue;
            if (e.isDir())
                pending.append(e.absoluteFilePath());
            else if (e.isFile() || e.isSymLink())
                files.append(e.absoluteFilePath());
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

bool hasImageExtension(const QString &path)
{
    static const QSet<QString> kExt = {
        QStringLiteral("jpg"),  QStringLiteral("jpeg"), QStringLiteral("png"),
        QStringLiteral("bmp"),  QStringLiteral("webp"), QStringLiteral("tif"),
        QStringLiteral("tiff"), QStringLiteral("pgm"),  QStringLiteral("ppm"),
        QStringLiteral("pbm"),  QStringLiteral("gif"),  QStringLiteral("jpe")};
    return kExt.contains(QFileInfo(path).suffix().toLower());
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

QString relativeTo(const QString &root, const QString &file)
{
    return QDir(root).relativeFilePath(file);
}

void scanFolderPerClass(const QString &dir, Split split, const QString &root, int limit,
                        const QSet<QString> &claimed, ScanResult &out, const ImportCallbacks &cb)
{
    const QStringList classes = subfolders(dir);
    for (const QString &cls : classes) {
        if (!out.classOrder.contains(cls))
            out.classOrder.append(cls);
        int n = 0;
        for (const QString &file : listFilesRecursive(dir + QLatin1Char('/') + cls, cb, claimed)) {
            if (limit > 0 && n++ >= limit)
                break;
            out.items.push_back({file, file, {cls}, split, -1, -1, relativeTo(root, file)});
        }
    }
    // Images lying next to the class folders have no class: keep them as unlabeled.
    for (const QFileInfo &e : QDir(dir).entryInfoList(QDir::Files, QDir::Name)) {
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

Result<QStringList> readClassMap(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly | QIODevice::Text))
        return Result<QStringList>::failure(
            QStringLiteral("%1: cannot read class map: %2").arg(file, f.errorString()));
    QStringList names;
    QTextStream in(&f);
    int lineNo = 0;
    static const QRegularExpression kLine(QStringLiteral("^\\s*(\\d+)\\s+(.+?)\\s*$"));
    while (!in.atEnd()) {
        const QString line = in.readLine();
        ++lineNo;
        if (line.trimmed().isEmpty())
            continue;
        const auto m = kLine.match(line);
        if (!m.hasMatch())
            return Result<QStringList>::failure(
                QStringLiteral("%1:%2: expected 'id name', got '%3'")
                    .arg(file)
                    .arg(lineNo)
                    .arg(line.left(60)));
        const int id = m.captured(1).toInt();
        if (id > 100000)
            return Result<QStringList>::failure(
                QStringLiteral("%1:%2: class id %3 is implausibly large")
                    .arg(file)
                    .arg(lineNo)
                    .arg(id));
        if (id >= names.size())
            names.resize(id + 1);
        if (!names[id].isEmpty())
            return Result<QStringList>::failure(
                QStringLiteral("%1:%2: class id %3 appears twice").arg(file).arg(lineNo).arg(id));
        names[id] = m.captured(2);
    }
    for (qsizetype i = 0; i < names.size(); ++i) {
        if (names[i].isEmpty())
            return Result<QStringList>::failure(
                QStringLiteral("%1: class id %2 is missing (ids must run 0..N-1)")
                    .arg(file)
                    .arg(i));
    }
    if (names.isEmpty())
        return Result<QStringList>::failure(QStringLiteral("%1: the class map is empty").arg(file));
    return names;
}

Result<QStringList> requestClassNames(const ImportRequest &req)
{
    if (!req.classNames.isEmpty())
        return req.classNames;
    if (!req.classMapFile.isEmpty())
        return readClassMap(req.classMapFile);
    return QStringList{};
}

QString nameForId(const QStringList &names, int id)
{
    return names.isEmpty() ? QString::number(id) : names.value(id);
}

QString resolvePath(const QString &root, const QString &path)
{
    return QDir::cleanPath(QDir(root).absoluteFilePath(path));
}

/// Reads text lines, refusing binary files early with a clear message.
Result<QStringList> readTextLines(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return Result<QStringList>::failure(
            QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    if (f.size() > 512LL * 1024 * 1024)
        return Result<QStringList>::failure(QStringLiteral("%1: list file over 512 MB").arg(file));
    const QByteArray data = f.readAll();
    if (data.contains('\0'))
        return Result<QStringList>::failure(
            QStringLiteral("%1: a binary file, not a text list").arg(file));
    QString text = QString::fromUtf8(data);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    return text.split(QRegularExpression(QStringLiteral("\r?\n")));
}

Status scanOneList(const QString &listFile, const QStringList &classNames, Split split,
                   const ImportRequest &req, TaskType task, ScanResult &out)
{
    const Result<QStringList> names(classNames);
    auto lines = readTextLines(listFile);
    if (!lines)
        return Status::failure(lines.error());
    const QString root = req.root.isEmpty() ? QFileInfo(listFile).absolutePath() : req.root;
    static const QRegularExpression kMulti(
        QStringLiteral("^(.+?)\\t\\s*([01](?:\\s*,\\s*[01])*)\\s*$"));
    static const QRegularExpression kSingle(QStringLiteral("^(.+?)\\s+(-?\\d+)\\s*$"));
    const QString listName = QFileInfo(listFile).fileName();
    int good = 0, bad = 0, vectorSize = -1;
    QString firstProblem;
    out.classOrder = names.value();
    for (qsizetype i = 0; i < lines->size(); ++i) {
        const QString line = lines->at(i);
        if (line.trimmed().isEmpty())
            continue;
        const QString ref = QStringLiteral("%1:%2").arg(listName).arg(i + 1);
        auto reject = [&](const QString &reason) {
            ++bad;
            out.skipped.append({ref, reason});
            if (firstProblem.isEmpty())
                firstProblem = QStringLiteral("line %1: %2").arg(i + 1).arg(reason);
        };
        ImportItem item;
        item.ref = ref;
        bool isMulti = false;
        // "path<TAB>1" is a class id in a single-label list, a one-attribute vector otherwise.
        const auto m = kMulti.match(line);
        if (m.hasMatch() &&
            (task == TaskType::MultiLabel || m.captured(2).contains(QLatin1Char(',')))) {
            isMulti = true;
            const QStringList bits = m.captured(2).split(QLatin1Char(','));
            if (vectorSize < 0)
                vectorSize = int(bits.size());
            if (bits.size() != vectorSize) {
                reject(QStringLiteral("%1 attribute values, earlier lines have %2")
                           .arg(bits.size())
                           .arg(vectorSize));
                continue;
            }
            if (!names->isEmpty() && bits.size() != names->size()) {
                reject(QStringLiteral("%1 attribute values, the class map has %2 classes")
                           .arg(bits.size())
                           .arg(names->size()));
                continue;
            }
            for (qsizetype b = 0; b < bits.size(); ++b) {
                if (bits[b].trimmed() == QLatin1String("1"))
                    item.labels.append(nameForId(names.value(), int(b)));
            }
            item.file = resolvePath(root, m.captured(1).trimmed());
            if (out.classOrder.isEmpty() || out.classOrder.size() < bits.size()) {
                out.classOrder.clear();
                for (qsizetype b = 0; b < bits.size(); ++b)
                    out.classOrder.append(nameForId(names.value(), int(b)));
            }
        } else if (const auto s = kSingle.match(line); s.hasMatch()) {
            const int id = s.captured(2).toInt();
            if (id < 0 || (!names->isEmpty() && id >= names->size())) {
                reject(names->isEmpty()
                           ? QStringLiteral("label %1 is negative").arg(id)
                           : QStringLiteral("label %1 is not in the class map (ids 0..%2)")
                                 .arg(id)
                                 .arg(names->size() - 1));
                continue;
            }
            item.labels.append(nameForId(names.value(), id));
            item.file = resolvePath(root, s.captured(1).trimmed());
        } else if (QFileInfo(resolvePath(root, line.trimmed())).isFile()) {
            item.file = resolvePath(root, line.trimmed()); // a bare path: an unlabeled image
        } else {
            reject(QStringLiteral("expected 'path label' or 'path<TAB>0,1,...', got '%1'")
                       .arg(line.left(60)));
            continue;
        }
        if (task != TaskType::MultiLabel && isMulti) {
            reject(QStringLiteral("a multi-label line, but the project is %1-label")
                       .arg(toString(task)));
            continue;
        }
        item.relative = relativeTo(root, item.file);
        item.split = split;
        if (req.limit > 0 && good >= req.limit)
            break;
        ++good;
        out.items.push_back(item);
    }
    if (good == 0 && bad > 0)
        return Status::failure(
            QStringLiteral("%1: not a PaddleClas list (%2)").arg(listFile, firstProblem));
    if (names->isEmpty()) {
        // Without a class map the ids are the names; order them numerically.
        QStringList ids;
        for (const ImportItem &it : out.items)
            for (const QString &l : it.labels)
                if (!ids.contains(l))
                    ids.append(l);
        std::sort(ids.begin(), ids.end(),
                  [](const QString &a, const QString &b) { return a.toInt() < b.toInt(); });
        if (vectorSize < 0)
            out.classOrder = ids;
    }
    return Status::success();
}

/// The split a PaddleClas list's name implies: train_list.txt, val_list.txt, test_list.txt.
Split splitOfListName(const QString &file)
{
    const QString stem = QFileInfo(file).fileName().section(QLatin1Char('_'), 0, 0).toLower();
    return splitFromString(stem).value_or(Split::Unassigned);
}

/// A list file, or a folder of `*_list.txt` files with an optional `label_list.txt`.
Status scanPaddleList(const ImportRequest &req, TaskType task, ScanResult &out)
{
    QStringList files;
    ImportRequest effective = req;
    if (QFileInfo(req.source).isDir()) {
        const QDir dir(req.source);
        for (const QString &f :
             dir.entryList({QStringLiteral("*_list.txt")}, QDir::Files, QDir::Name)) {
            if (f != QLatin1String("label_list.txt"))
                files.append(dir.absoluteFilePath(f));
        }
        if (files.isEmpty())
            return Status::failure(
                QStringLiteral("%1: no *_list.txt files in this folder").arg(req.source));
        if (req.classNames.isEmpty() && req.classMapFile.isEmpty() &&
            dir.exists(QStringLiteral("label_list.txt")))
            effective.classMapFile = dir.absoluteFilePath(QStringLiteral("label_list.txt"));
    } else {
        files.append(req.source);
    }
    auto names = requestClassNames(effective);
    if (!names)
        return Status::failure(names.error());
    QStringList order;
    for (const QString &f : files) {
        ScanResult one;
        if (Status s = scanOneList(f, names.value(), splitOfListName(f), effective, task, one); !s)
            return s;
        for (ImportItem &item : one.items)
            out.items.push_back(std::move(item));
        out.skipped += one.skipped;
        for (const QString &c : one.classOrder)
            if (!order.contains(c))
                order.append(c);
    }
    out.classOrder = names->isEmpty() ? order : names.value();
    return Status::success();
}

/// Splits one CSV record (RFC 4180 quoting) into fields.
QStringList csvFields(const QString &line, bool *ok)
{
    QStringList fields;
    QString cur;
    bool quoted = false;
    *ok = true;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar c = line[i];
        if (quoted) {
            if (c == QLatin1Char('"')) {
                if (i + 1 < line.size() && line[i + 1] == QLatin1Char('"')) {
                    cur += c;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cur += c;
            }
        } else if (c == QLatin1Char('"') && cur.isEmpty()) {
            quoted = true;
        } else if (c == QLatin1Char(',')) {
            fields.append(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (quoted)
        *ok = false;
    fields.append(cur);
    return fields;
}

Status scanCsv(const ImportRequest &req, TaskType task, ScanResult &out)
{
    auto lines = readTextLines(req.source);
    if (!lines)
        return Status::failure(lines.error());
    const QString root = req.root.isEmpty() ? QFileInfo(req.source).absolutePath() : req.root;
    const QString name = QFileInfo(req.source).fileName();
    int good = 0, bad = 0;
    QString firstProblem;
    static const QStringList kHeaderWords = {
        QStringLiteral("path"),  QStringLiteral("file"),       QStringLiteral("filename"),
        QStringLiteral("image"), QStringLiteral("image_path"), QStringLiteral("filepath")};
    for (qsizetype i = 0; i < lines->size(); ++i) {
        const QString line = lines->at(i);
        if (line.trimmed().isEmpty())
            continue;
        const QString ref = QStringLiteral("%1:%2").arg(name).arg(i + 1);
        auto reject = [&](const QString &reason) {
            ++bad;
            out.skipped.append({ref, reason});
            if (firstProblem.isEmpty())
                firstProblem = QStringLiteral("line %1: %2").arg(i + 1).arg(reason);
        };
        bool ok = false;
        const QStringList f = csvFields(line, &ok);
        if (good == 0 && bad == 0 && kHeaderWords.contains(f.value(0).trimmed().toLower()))
            continue; // header row
        if (!ok) {
            reject(QStringLiteral("unterminated quote"));
            continue;
        }
        if (f.size() < 2 || f.size() > 3) {
            reject(QStringLiteral("expected 'path,label[,split]', got %1 fields").arg(f.size()));
            continue;
        }
        ImportItem item;
        item.ref = ref;
        item.file = resolvePath(root, f[0].trimmed());
        item.relative = relativeTo(root, item.file);
        for (const QString &l : f[1].split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
            if (!l.trimmed().isEmpty() && !item.labels.contains(l.trimmed()))
                item.labels.append(l.trimmed());
        }
        if (item.labels.size() > 1 && task != TaskType::MultiLabel) {
            reject(QStringLiteral("%1 labels, but the project is %2-label")
                       .arg(item.labels.size())
                       .arg(toString(task)));
            continue;
        }
        if (f.size() == 3) {
            const auto split = splitFromString(f[2].trimmed().toLower());
            if (!split) {
                reject(QStringLiteral("unknown split '%1' (train, val, test or empty)").arg(f[2]));
                continue;
            }
            item.split = *split;
        }
        if (req.limit > 0 && good >= req.limit)
            break;
        ++good;
        for (const QString &l : item.labels)
            if (!out.classOrder.contains(l))
                out.classOrder.append(l);
        out.items.push_back(item);
    }
    if (good == 0 && bad > 0)
        return Status::failure(
            QStringLiteral("%1: not a usable CSV (%2)").arg(req.source, firstProblem));
    std::sort(out.classOrder.begin(), out.classOrder.end());
    return Status::success();
}

/// Pairs `*-images-idx3-ubyte[.gz]` with `*-labels-idx1-ubyte[.gz]` and reads both.
Status scanIdxFile(const QString &imagesFile, const QStringList &names, const ImportRequest &req,
                   ScanResult &out)
{
    auto images = readIdxImages(imagesFile);
    if (!images)
        return Status::failure(images.error());
    const QString base = fileNameOf(imagesFile);
    QString labelsFile = imagesFile;
    labelsFile.replace(
        labelsFile.size() - base.size(), base.size(),
        QString(base).replace(QStringLiteral("images-idx3"), QStringLiteral("labels-idx1")));
    QByteArray labels;
    if (labelsFile != imagesFile && QFileInfo::exists(labelsFile)) {
        auto l = readIdxLabels(labelsFile);
        if (!l)
            return Status::failure(l.error());
        if (l->size() != images->count)
            return Status::failure(QStringLiteral("%1: %2 labels for %3 images in %4")
                                       .arg(labelsFile)
                                       .arg(l->size())
                                       .arg(images->count)
                                       .arg(imagesFile));
        labels = l.value();
    }
    const QString stem = base.section(QLatin1Char('-'), 0, 0).toLower();
    const Split split = stem == QLatin1String("train") ? Split::Train
                        : (stem == QLatin1String("t10k") || stem == QLatin1String("test"))
                            ? Split::Test
                            : Split::Unassigned;
    const int set = int(out.idx.size());
    out.idx.push_back(std::make_shared<IdxImages>(std::move(images.value())));
    const int count =
        req.limit > 0 ? std::min(req.limit, out.idx.back()->count) : out.idx.back()->count;
    for (int i = 0; i < count; ++i) {
        ImportItem item;
        item.ref = QStringLiteral("%1[%2]").arg(base).arg(i);
        if (!labels.isEmpty()) {
            const int id = quint8(labels[i]);
            if (!names.isEmpty() && id >= names.size()) {
                out.skipped.append(
                    {item.ref, QStringLiteral("label %1 is not in the class map").arg(id)});
                continue;
            }
            item.labels.append(nameForId(names, id));
        }
        item.split = split;
        item.idxSet = set;
        item.idxIndex = i;
        QString folder = base.section(QLatin1Char('-'), 0, 0);
        item.relative = QStringLiteral("%1/%2.png").arg(folder).arg(i, 5, 10, QLatin1Char('0'));
        out.items.push_back(item);
    }
    return Status::success();
}

Status scanIdx(const ImportRequest &req, ScanResult &out)
{
    auto names = requestClassNames(req);
    if (!names)
        return Status::failure(names.error());
    QStringList imageFiles;
    if (QFileInfo(req.source).isDir()) {
        for (const QFileInfo &e : QDir(req.source).entryInfoList(QDir::Files, QDir::Name)) {
            if (e.fileName().contains(QLatin1String("images-idx3")))
                imageFiles.append(e.absoluteFilePath());
        }
        if (imageFiles.isEmpty())
            return Status::failure(
                QStringLiteral("%1: no *-images-idx3-ubyte files in this folder").arg(req.source));
    } else {
        imageFiles.append(QFileInfo(req.source).absoluteFilePath());
    }
    for (const QString &f : imageFiles) {
        if (Status s = scanIdxFile(f, names.value(), req, out); !s)
            return s;
    }
    out.classOrder = names.value();
    if (out.classOrder.isEmpty()) {
        QSet<int> ids;
        for (const ImportItem &it : out.items)
            for (const QString &l : it.labels)
                ids.insert(l.toInt());
        QList<int> sorted(ids.begin(), ids.end());
        std::sort(sorted.begin(), sorted.end());
        for (int id : sorted)
            out.classOrder.append(QString::number(id));
    }
    return Status::success();
}

} // namespace

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
        if (hasImageExtension(source)) {
            *why = QStringLiteral("%1: a single image; import its folder with --format unlabeled, "
                                  "or list it in a CSV")
                       .arg(source);
            return ImportFormat::Auto;
        }
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
    const bool wantsDir =
        out.format == ImportFormat::Folders || out.format == ImportFormat::Unlabeled;
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
        int n = 0;
        for (const QString &file : listFilesRecursive(root, cb)) {
            if (req.limit > 0 && n++ >= req.limit)
                break;
            out.items.push_back(
                {file, file, {}, Split::Unassigned, -1, -1, relativeTo(root, file)});
        }
        break;
    }
    case ImportFormat::PaddleList:
        status = scanPaddleList(req, task, out);
        break;
    case ImportFormat::Csv:
        status = scanCsv(req, task, out);
        break;
    case ImportFormat::Idx:
        status = scanIdx(req, out);
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
