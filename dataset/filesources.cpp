#include "filesources.h"

#include "idxreader.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTextStream>

#include <algorithm>

namespace pulc::dataset::detail {
namespace {

QString fileNameOf(const QString &path)
{
    return QFileInfo(path).fileName();
}

Result<QStringList> readClassMap(const QString &file)
{
    if (QFileInfo(file).exists() && !QFileInfo(file).isFile()) // a FIFO would block open()
        return Result<QStringList>::failure(
            QStringLiteral("%1: cannot read class map: not a regular file").arg(file));
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
        bool ok = false;
        const int id = m.captured(1).toInt(&ok);
        if (!ok) // past int: toInt() would give 0 and silently rename class 0
            return Result<QStringList>::failure(
                QStringLiteral("%1:%2: class id %3 is not a valid class id")
                    .arg(file)
                    .arg(lineNo)
                    .arg(m.captured(1)));
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
    if (QFileInfo(file).exists() && !QFileInfo(file).isFile()) // a FIFO would block open()
        return Result<QStringList>::failure(
            QStringLiteral("%1: cannot read: not a regular file").arg(file));
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
            bool ok = false;
            const int id = s.captured(2).toInt(&ok);
            if (!ok) { // past int: toInt() would give 0, a wrong label
                reject(QStringLiteral("label %1 is not a valid class id").arg(s.captured(2)));
                continue;
            }
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
        if (!QFileInfo(labelsFile).isFile()) // a FIFO would block the read
            return Status::failure(QStringLiteral("%1: not a regular file").arg(labelsFile));
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

} // namespace

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
    } else if (QFileInfo(req.source).isFile()) {
        imageFiles.append(QFileInfo(req.source).absoluteFilePath());
    } else { // a FIFO would block the read
        return Status::failure(QStringLiteral("%1: not a regular file").arg(req.source));
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

} // namespace pulc::dataset::detail
