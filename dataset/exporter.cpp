#include "exporter.h"

#include "project.h"
#include "types.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <map>
#include <vector>

namespace pulc::dataset {
namespace {

struct ExportSample
{
    qint64 id = 0;
    QString path; ///< absolute
    QString split;
    std::vector<int> classIndexes; ///< 0-based, in class order
};

/// Names a class folder safely: separators and leading dots cannot escape OUT.
QString folderName(const QString &className)
{
    QString n = className;
    n.replace(QLatin1Char('/'), QLatin1Char('_')).replace(QLatin1Char('\\'), QLatin1Char('_'));
    if (n.startsWith(QLatin1Char('.')))
        n.prepend(QLatin1Char('_'));
    return n;
}

/// A file name in `dir` that is not taken yet: the original, else name_<id>.ext.
QString freeName(QSet<QString> &taken, const QString &dir, const QString &fileName, qint64 id)
{
    QString candidate = dir + QLatin1Char('/') + fileName;
    if (taken.contains(candidate) || QFileInfo::exists(candidate)) {
        const QFileInfo fi(fileName);
        const QString suffix = fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix();
        candidate =
            QStringLiteral("%1/%2_%3%4").arg(dir, fi.completeBaseName()).arg(id).arg(suffix);
    }
    taken.insert(candidate);
    return candidate;
}

Status writeText(const QString &file, const QString &text)
{
    QSaveFile f(file);
    const QByteArray bytes = text.toUtf8();
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit())
        return Status::failure(QStringLiteral("%1: cannot write: %2").arg(file, f.errorString()));
    return Status::success();
}

/// The project's non-removed samples in id order, each with the indexes of its classes in
/// `classes`, sorted.
Result<std::vector<ExportSample>> exportSamples(Project &project, const QList<ClassInfo> &classes)
{
    QHash<qint64, int> indexOf;
    for (qsizetype i = 0; i < classes.size(); ++i)
        indexOf.insert(classes[i].id, int(i));

    std::vector<ExportSample> samples;
    QHash<qint64, size_t> byId;
    QSqlQuery q(project.database().db());
    q.setForwardOnly(true);
    if (!q.exec(
            QStringLiteral("SELECT id, path, split FROM samples WHERE removed = 0 ORDER BY id")))
        return Result<std::vector<ExportSample>>::failure(q.lastError().text());
    while (q.next()) {
        byId.insert(q.value(0).toLongLong(), samples.size());
        samples.push_back({q.value(0).toLongLong(),
                           project.absolutePath(q.value(1).toString()),
                           q.value(2).toString(),
                           {}});
    }
    if (!q.exec(QStringLiteral("SELECT l.sample_id, l.class_id FROM labels l JOIN samples s"
                               " ON s.id = l.sample_id WHERE s.removed = 0")))
        return Result<std::vector<ExportSample>>::failure(q.lastError().text());
    while (q.next()) {
        auto it = byId.find(q.value(0).toLongLong());
        if (it != byId.end())
            samples[*it].classIndexes.push_back(indexOf.value(q.value(1).toLongLong()));
    }
    for (ExportSample &s : samples)
        std::sort(s.classIndexes.begin(), s.classIndexes.end());
    return samples;
}

/// Reports phase "export" after sample `i` of `total`: every 500 samples and after the last.
void exportProgress(const ImportCallbacks &cb, size_t i, size_t total)
{
    if (cb.progress && (i % 500 == 0 || i + 1 == total))
        cb.progress({QStringLiteral("export"), qint64(i + 1), qint64(total)});
}

/// Copies `s` as a new file in `dir` (a free name there). Its path, or empty after adding
/// why it could not be copied to report->skipped.
QString copySample(const ExportSample &s, const QString &dir, QSet<QString> &taken,
                   ExportReport *report)
{
    const QString dest = freeName(taken, dir, QFileInfo(s.path).fileName(), s.id);
    if (!QDir().mkpath(dir) || !QFile::copy(s.path, dest)) {
        report->skipped.append({s.path, QFileInfo::exists(s.path)
                                            ? QStringLiteral("cannot copy to %1").arg(dest)
                                            : QStringLiteral("no such file")});
        return {};
    }
    return dest;
}

/// The split's name as a folder or list name: "unassigned" for samples without one.
QString splitName(const ExportSample &s)
{
    return s.split.isEmpty() ? QStringLiteral("unassigned") : s.split;
}

/// OUT/<split>/<class>/<file>: a copy of each image in its class's folder.
Result<ExportReport> exportFolders(const QString &out, const QList<ClassInfo> &classes,
                                   const std::vector<ExportSample> &samples,
                                   const ImportCallbacks &cb)
{
    ExportReport report;
    QSet<QString> taken;
    for (size_t i = 0; i < samples.size(); ++i) {
        if (cb.shouldCancel && cb.shouldCancel())
            return Result<ExportReport>::failure(QStringLiteral("export cancelled"));
        const ExportSample &s = samples[i];
        QString dir = out + QLatin1Char('/') + splitName(s);
        if (!s.classIndexes.empty())
            dir += QLatin1Char('/') + folderName(classes[s.classIndexes.front()].name);
        if (copySample(s, dir, taken, &report).isEmpty())
            continue;
        ++report.samples;
        exportProgress(cb, i, samples.size());
    }
    return report;
}

/// PaddleClas lists, one per split, plus the class map; with `copyImages` the images are copied
/// to OUT/images/<split>/ and listed by relative path.
Result<ExportReport> exportLists(const QString &out, const QList<ClassInfo> &classes,
                                 const std::vector<ExportSample> &samples, bool multi,
                                 bool copyImages, const ImportCallbacks &cb)
{
    ExportReport report;
    QSet<QString> taken;
    std::map<QString, QString> lists; // file name -> content
    for (size_t i = 0; i < samples.size(); ++i) {
        if (cb.shouldCancel && cb.shouldCancel())
            return Result<ExportReport>::failure(QStringLiteral("export cancelled"));
        const ExportSample &s = samples[i];
        QString listed = s.path;
        if (copyImages) {
            const QString dest =
                copySample(s, out + QStringLiteral("/images/") + splitName(s), taken, &report);
            if (dest.isEmpty())
                continue;
            listed = QDir(out).relativeFilePath(dest);
        }
        QString line;
        QString file;
        if (s.classIndexes.empty() && !multi) {
            file = QStringLiteral("unlabeled_list.txt");
            line = listed;
        } else {
            file = splitName(s) + QStringLiteral("_list.txt");
            if (multi) {
                QStringList bits(classes.size(), QStringLiteral("0"));
                for (int c : s.classIndexes)
                    bits[c] = QStringLiteral("1");
                line = listed + QLatin1Char('\t') + bits.join(QLatin1Char(','));
            } else {
                line = listed + QLatin1Char(' ') + QString::number(s.classIndexes.front());
            }
        }
        lists[file] += line + QLatin1Char('\n');
        ++report.samples;
        exportProgress(cb, i, samples.size());
    }
    QString labelList;
    for (qsizetype i = 0; i < classes.size(); ++i)
        labelList += QStringLiteral("%1 %2\n").arg(i).arg(classes[i].name);
    lists[QStringLiteral("label_list.txt")] = labelList;
    for (const auto &[name, content] : lists) {
        if (Status s = writeText(out + QLatin1Char('/') + name, content); !s)
            return Result<ExportReport>::failure(s.error);
        report.files.append(name);
    }
    return report;
}

} // namespace

QString toString(ExportFormat f)
{
    return f == ExportFormat::Folders ? QStringLiteral("folders") : QStringLiteral("paddle-list");
}

std::optional<ExportFormat> exportFormatFromString(const QString &s)
{
    if (s == QLatin1String("folders"))
        return ExportFormat::Folders;
    if (s == QLatin1String("paddle-list"))
        return ExportFormat::PaddleList;
    return std::nullopt;
}

Result<ExportReport> exportDataset(Project &project, const ExportRequest &req,
                                   const ImportCallbacks &cb)
{
    const TaskType task = project.info().task;
    if (req.format == ExportFormat::Folders && task == TaskType::MultiLabel)
        return Result<ExportReport>::failure(
            QStringLiteral("folder-per-class export needs a single-label or binary project; "
                           "export multi-label data as paddle-list"));
    const QString out = QDir(req.outDir).absolutePath();
    if (!QDir().mkpath(out))
        return Result<ExportReport>::failure(QStringLiteral("%1: cannot create folder").arg(out));

    const QList<ClassInfo> classes = project.classes();
    auto samples = exportSamples(project, classes);
    if (!samples)
        return Result<ExportReport>::failure(samples.error());
    if (req.format == ExportFormat::Folders)
        return exportFolders(out, classes, samples.value(), cb);
    return exportLists(out, classes, samples.value(), task == TaskType::MultiLabel, req.copyImages,
                       cb);
}

} // namespace pulc::dataset
