#include "importer.h"

#include "database.h"
#include "idxreader.h"
#include "importfiles.h"
#include "importsource.h"
#include "project.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QVariant>

#include <opencv2/core/utility.hpp>
#include <opencv2/imgcodecs.hpp>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>

namespace pulc::dataset {
namespace {

using detail::copyDestination;
using detail::copyFolderName;
using detail::createNewFile;
using detail::readRegularFile;
using detail::resolvesInside;

/// An item that survived planning: where its sample will live.
struct Planned
{
    const ImportItem *item = nullptr;
    QString destination;    ///< absolute path of the file the sample points at
    QString stored;         ///< the same as stored in the database
    bool writeFile = false; ///< copy or generate into the project
    QString existingHash;   ///< writeFile only: content of the sample already at `stored`
};

/// Stored paths that are taken (by the project or this import), so two different images that
/// would be copied to the same place get different names. Shared by the workers.
struct DestinationNames
{
    std::mutex mutex;
    QSet<QString> taken;
    const Project *project = nullptr;
    QString canonicalImages; ///< the project's images/ folder with links resolved

    /// Moves `p` to the first free `name_N.ext` next to its destination.
    void renumber(Planned &p)
    {
        const QFileInfo fi(p.destination);
        const QString suffix = fi.suffix().isEmpty() ? QString() : QLatin1Char('.') + fi.suffix();
        std::lock_guard lock(mutex);
        for (int n = 1;; ++n) {
            const QString candidate = QStringLiteral("%1/%2_%3%4")
                                          .arg(fi.absolutePath(), fi.completeBaseName())
                                          .arg(n)
                                          .arg(suffix);
            const QString stored = project->storedPath(candidate);
            const QFileInfo there(candidate);
            if (!taken.contains(stored) && !there.exists() && !there.isSymLink()) {
                taken.insert(stored);
                p.destination = candidate;
                p.stored = stored;
                return;
            }
        }
    }
};

/// Outcome of checking one planned item in a worker.
struct Checked
{
    bool ok = false;
    QString reason;
    QString hash;
    ImageInfo info;
    qint64 bytes = 0;
    bool written = false;
    bool alreadyPresent = false; ///< the same content is already at the destination
};

/// Time spent per phase by one worker, in nanoseconds.
struct WorkerTimes
{
    qint64 read = 0, hash = 0, decode = 0, write = 0;
};

qint64 elapsedNs(QElapsedTimer &t)
{
    const qint64 ns = t.nsecsElapsed();
    t.restart();
    return ns;
}

/// Writes the copy of `p` as a new file inside images/, under another name when its own is
/// taken on disk (a file the project does not know, or another process's copy): an import
/// must not write over a file it did not create, since its clean-up removes what it wrote.
/// Sets `*created` when the file was created. An error is fatal to the import; `*reason` is
/// set instead when only this item cannot be copied.
QString writeCopy(Planned &p, const QByteArray &bytes, DestinationNames &names, bool *created,
                  QString *reason)
{
    if (names.canonicalImages.isEmpty())
        return QStringLiteral("cannot create folder %1").arg(names.project->imagesDir());
    const QString folder = QFileInfo(p.destination).absolutePath();
    // A folder below images/ that is a link to elsewhere would take the copy outside.
    if (!resolvesInside(names.canonicalImages, folder)) {
        *reason = QStringLiteral("the copy's folder %1 leads outside the project's images folder")
                      .arg(folder);
        return {};
    }
    if (!QDir().mkpath(folder))
        return QStringLiteral("cannot create folder %1").arg(folder);
    for (int attempt = 0; attempt < 100; ++attempt) { // renumber() keeps the folder
        auto made = createNewFile(p.destination, bytes);
        if (!made)
            return made.error();
        if (*made) {
            *created = true;
            return {};
        }
        names.renumber(p);
    }
    return QStringLiteral("cannot find a free name for %1").arg(p.destination);
}

/// Reads, hashes and validates one item; writes its copy when asked. Runs in a worker.
Checked checkItem(Planned &p, const ScanResult &scan, const ProbeLimits &limits,
                  DestinationNames &names, WorkerTimes &times, QString *fatal)
{
    Checked c;
    QElapsedTimer t;
    t.start();
    QByteArray bytes;
    if (p.item->idxSet >= 0) {
        const IdxImages &set = *scan.idx[size_t(p.item->idxSet)];
        const qsizetype offset = qsizetype(p.item->idxIndex) * set.rows * set.cols;
        const cv::Mat img(set.rows, set.cols, CV_8UC1,
                          const_cast<char *>(set.pixels.constData() + offset));
        std::vector<uchar> png;
        if (!cv::imencode(".png", img, png)) {
            c.reason = QStringLiteral("cannot encode PNG");
            return c;
        }
        bytes = QByteArray(reinterpret_cast<const char *>(png.data()), qsizetype(png.size()));
        times.decode += elapsedNs(t);
        c.info = ImageInfo{QStringLiteral("png"), set.cols, set.rows};
    } else {
        auto read = readRegularFile(p.item->file, limits.maxFileBytes);
        if (!read) {
            c.reason = read.error();
            return c;
        }
        bytes = std::move(read.value());
        times.read += elapsedNs(t);
        const ProbeResult probe = probeImage(bytes, limits);
        times.decode += elapsedNs(t);
        if (!probe.ok) {
            c.reason = probe.reason;
            return c;
        }
        c.info = probe.info;
    }
    c.hash = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha1).toHex());
    c.bytes = bytes.size();
    times.hash += elapsedNs(t);
    if (p.writeFile && !p.existingHash.isEmpty()) {
        if (p.existingHash == c.hash) {
            c.alreadyPresent = true; // a re-import of the same file
            return c;
        }
        names.renumber(p); // another image with the same name: keep both
    }
    if (p.writeFile) {
        const QString err = writeCopy(p, bytes, names, &c.written, &c.reason);
        times.write += elapsedNs(t);
        if (!err.isEmpty()) {
            // A project we cannot write to (disk full, permissions) fails the whole import.
            *fatal = err;
            return c;
        }
        if (!c.written)
            return c;
    }
    c.ok = true;
    return c;
}

/// Removes the copies this import created; `written` is set only for files it created new,
/// so a user's file (a source, or one already at a destination) is never among them.
void removeWritten(const std::vector<Planned> &plan, const std::vector<Checked> &checked)
{
    for (size_t i = 0; i < plan.size(); ++i) {
        if (checked[i].written)
            QFile::remove(plan[i].destination);
    }
}

/// Held by the running import of a project, across processes (docs/dataset.md).
QString importLockFile(const Project &project)
{
    return project.dir() + QStringLiteral("/import.lock");
}

/// The message for an import that could not take the project's import lock.
QString lockError(const Project &project, const QLockFile &lock)
{
    if (lock.error() == QLockFile::LockFailedError) {
        qint64 pid = 0;
        QString host, app;
        const QString who = lock.getLockInfo(&pid, &host, &app)
                                ? QStringLiteral(" (process %1 on %2)").arg(pid).arg(host)
                                : QString();
        // A lock left on another computer (a project on a network share) cannot be checked.
        return QStringLiteral("%1: another import into this project is running%2; try again "
                              "when it has finished, or delete %3 if it was left by a computer "
                              "that crashed")
            .arg(project.dir(), who, importLockFile(project));
    }
    return QStringLiteral("%1: cannot create the import lock file (%2)")
        .arg(project.dir(), lock.error() == QLockFile::PermissionError
                                ? QStringLiteral("permission denied")
                                : QStringLiteral("unknown error"));
}

QJsonObject summaryJson(const ImportReport &r)
{
    return QJsonObject{{QStringLiteral("imported"), r.imported},
                       {QStringLiteral("already_present"), r.alreadyPresent},
                       {QStringLiteral("skipped"), int(r.skipped.size())},
                       {QStringLiteral("duplicates"), int(r.duplicates.size())},
                       {QStringLiteral("conflicts"), int(r.conflicts.size())},
                       {QStringLiteral("leakage"), int(r.leakage.size())}};
}

} // namespace

QString toString(ImportFormat f)
{
    switch (f) {
    case ImportFormat::Auto:
        return QStringLiteral("auto");
    case ImportFormat::Folders:
        return QStringLiteral("folders");
    case ImportFormat::PaddleList:
        return QStringLiteral("paddle-list");
    case ImportFormat::Csv:
        return QStringLiteral("csv");
    case ImportFormat::Unlabeled:
        return QStringLiteral("unlabeled");
    case ImportFormat::Idx:
        return QStringLiteral("idx");
    }
    return {};
}

std::optional<ImportFormat> importFormatFromString(const QString &s)
{
    for (ImportFormat f : {ImportFormat::Auto, ImportFormat::Folders, ImportFormat::PaddleList,
                           ImportFormat::Csv, ImportFormat::Unlabeled, ImportFormat::Idx}) {
        if (toString(f) == s)
            return f;
    }
    return std::nullopt;
}

Result<ImportReport> importData(Project &project, const ImportRequest &req,
                                const ImportCallbacks &cb)
{
    QElapsedTimer wall;
    wall.start();
    const QString startedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    // One import into a project at a time, across processes: two imports of one source would
    // copy onto the same names, and the loser's clean-up would remove the winner's files. Held
    // until this import has committed or cleaned up.
    QLockFile lock(importLockFile(project));
    lock.setStaleLockTime(0); // an import can run for hours; only a dead owner frees the lock
    if (!lock.tryLock(0))
        return Result<ImportReport>::failure(lockError(project, lock));
    ImportReport report;
    auto scan = scanSource(req, project.info().task, cb);
    if (!scan)
        return Result<ImportReport>::failure(scan.error());
    report.format = scan->format;
    report.skipped = scan->skipped;
    report.timings.scan = double(wall.nsecsElapsed()) / 1e6;
    if (cb.shouldCancel && cb.shouldCancel()) {
        report.cancelled = true;
        return report;
    }

    // Plan: decide each sample's stored path, drop what the project already holds.
    QSqlDatabase &db = project.database().db();
    QHash<QString, QString> existing; // stored path -> hash
    {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT path, hash FROM samples"));
        while (q.next())
            existing.insert(q.value(0).toString(), q.value(1).toString());
    }
    DestinationNames names;
    names.project = &project;
    QDir().mkpath(project.imagesDir()); // opening a read-only project skips it; copies need it
    names.canonicalImages = QFileInfo(project.imagesDir()).canonicalFilePath();
    for (auto it = existing.constBegin(); it != existing.constEnd(); ++it)
        names.taken.insert(it.key());
    const QString imagesPrefix = project.imagesDir() + QLatin1Char('/');
    const QString copyRoot = imagesPrefix + copyFolderName(scan->copyFolder);
    std::vector<Planned> plan;
    plan.reserve(scan->items.size());
    QHash<QString, QString> firstRef;
    for (const ImportItem &item : scan->items) {
        Planned p;
        p.item = &item;
        p.writeFile = req.copy || item.idxSet >= 0;
        p.destination =
            p.writeFile ? copyDestination(copyRoot, item.relative, item.file) : item.file;
        if (p.writeFile && !p.destination.startsWith(imagesPrefix)) {
            report.skipped.append(
                {item.ref, QStringLiteral("its copy would be written outside the project's "
                                          "images folder (%1)")
                               .arg(p.destination)});
            continue;
        }
        if (p.writeFile && item.idxSet < 0) {
            // The file already lies where its copy would go (a list kept in images/): the
            // sample points at it, and nothing is written, so nothing can be removed.
            const QString there = QFileInfo(p.destination).canonicalFilePath();
            if (!there.isEmpty() && there == QFileInfo(item.file).canonicalFilePath())
                p.writeFile = false;
        }
        const QString stored = project.storedPath(p.destination);
        if (auto it = existing.constFind(stored); it != existing.constEnd()) {
            if (!p.writeFile) {
                ++report.alreadyPresent;
                continue;
            }
            // A copy whose name is taken: the same image again, or another one with that name.
            p.existingHash = *it;
        }
        if (auto it = firstRef.constFind(stored); it != firstRef.constEnd()) {
            report.skipped.append(
                {item.ref, QStringLiteral("listed twice (first as %1)").arg(*it)});
            continue;
        }
        firstRef.insert(stored, item.ref);
        names.taken.insert(stored);
        p.stored = stored;
        plan.push_back(p);
    }

    // Check: read, validate, hash (and copy) in worker threads; this thread reports progress.
    // Our workers already fill the cores: OpenCV's own thread pool inside each decode only
    // spins (TBB busy-waits took ~14% of an import's CPU time), so it is off meanwhile.
    struct OpenCvThreads
    {
        int saved = cv::getNumThreads();
        OpenCvThreads() { cv::setNumThreads(1); }
        ~OpenCvThreads() { cv::setNumThreads(saved); }
    } openCvThreads;
    std::vector<Checked> checked(plan.size());
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::atomic<bool> stop{false};
    std::mutex fatalMutex;
    QString fatal;
    WorkerTimes total;
    std::mutex timesMutex;
    const int threads = std::max(1, req.threads > 0 ? req.threads : QThread::idealThreadCount());
    std::vector<std::thread> workers;
    for (int w = 0; w < std::min<int>(threads, int(std::max<size_t>(plan.size(), 1))); ++w) {
        workers.emplace_back([&] {
            WorkerTimes times;
            for (size_t i = next++; i < plan.size() && !stop; i = next++) {
                QString err;
                checked[i] = checkItem(plan[i], *scan, req.limits, names, times, &err);
                if (!err.isEmpty()) {
                    std::lock_guard lock(fatalMutex);
                    if (fatal.isEmpty())
                        fatal = err;
                    stop = true;
                }
                ++done;
            }
            std::lock_guard lock(timesMutex);
            total.read += times.read;
            total.hash += times.hash;
            total.decode += times.decode;
            total.write += times.write;
        });
    }
    while (done < plan.size() && !stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        if (cb.progress)
            cb.progress({QStringLiteral("check"), qint64(done), qint64(plan.size())});
        if (cb.shouldCancel && cb.shouldCancel())
            stop = true;
    }
    for (std::thread &t : workers)
        t.join();
    report.timings.read = double(total.read) / 1e6;
    report.timings.hash = double(total.hash) / 1e6;
    report.timings.decode = double(total.decode) / 1e6;
    report.timings.writeFiles = double(total.write) / 1e6;
    if (!fatal.isEmpty()) {
        removeWritten(plan, checked);
        return Result<ImportReport>::failure(fatal);
    }
    // A cancel that came while the last files were checked still counts.
    if (stop || (cb.shouldCancel && cb.shouldCancel())) {
        removeWritten(plan, checked);
        report.cancelled = true;
        report.timings.wall = double(wall.nsecsElapsed()) / 1e6;
        return report;
    }
    if (cb.progress)
        cb.progress({QStringLiteral("check"), qint64(plan.size()), qint64(plan.size())});

    // Write: everything in one transaction, so a cancel, an error or a kill leaves no half.
    QElapsedTimer sqlTimer;
    sqlTimer.start();
    auto fail = [&](const QString &message) {
        removeWritten(plan, checked);
        return Result<ImportReport>::failure(message);
    };
    Transaction tx(db);
    if (!tx.begun())
        return fail(
            QStringLiteral("%1: the database is locked or read-only").arg(project.databaseFile()));
    const QList<ClassInfo> before = project.classes();
    QSet<QString> beforeNames;
    for (const ClassInfo &c : before)
        beforeNames.insert(c.name);
    QSet<QString> used;
    for (size_t i = 0; i < plan.size(); ++i)
        if (checked[i].ok)
            for (const QString &l : plan[i].item->labels)
                used.insert(l);
    QStringList wanted = scan->classOrder;
    for (const QString &l : used)
        if (!wanted.contains(l))
            wanted.append(l);
    QHash<QString, qint64> classIds;
    for (const QString &name : wanted) {
        if (!used.contains(name) && !beforeNames.contains(name) &&
            scan->format != ImportFormat::PaddleList && scan->format != ImportFormat::Idx)
            continue; // only class maps declare classes without samples
        auto id = project.ensureClass(name);
        if (!id)
            return fail(id.error());
        classIds.insert(name.trimmed(), *id);
        if (!beforeNames.contains(name.trimmed()))
            report.newClasses.append(name.trimmed());
    }
    if (project.info().task == TaskType::Binary &&
        beforeNames.size() + report.newClasses.size() > 2)
        return fail(
            QStringLiteral("a binary project has two classes; this import would give it %1 (%2)")
                .arg(beforeNames.size() + report.newClasses.size())
                .arg((QStringList(beforeNames.values()) + report.newClasses)
                         .join(QStringLiteral(", "))));

    QSqlQuery imp(db);
    imp.prepare(QStringLiteral("INSERT INTO imports(source, format, split, copied, started_at,"
                               " finished_at, imported, skipped) VALUES(?, ?, ?, ?, ?, ?, 0, 0)"));
    imp.addBindValue(QFileInfo(req.source).absoluteFilePath());
    imp.addBindValue(toString(scan->format));
    imp.addBindValue(toString(req.split.value_or(Split::Unassigned)));
    imp.addBindValue(req.copy ? 1 : 0);
    imp.addBindValue(startedAt);
    imp.addBindValue(startedAt);
    if (!imp.exec())
        return fail(QStringLiteral("%1: %2").arg(project.databaseFile(), imp.lastError().text()));
    report.importId = imp.lastInsertId().toLongLong();

    QSqlQuery ins(db);
    ins.prepare(
        QStringLiteral("INSERT INTO samples(path, hash, width, height, format, bytes, split,"
                       " added_at, source_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery lab(db);
    lab.prepare(QStringLiteral("INSERT OR IGNORE INTO labels(sample_id, class_id) VALUES(?, ?)"));
    QSet<QString> newHashes;
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (size_t i = 0; i < plan.size(); ++i) {
        const Checked &c = checked[i];
        if (c.alreadyPresent) {
            ++report.alreadyPresent;
            continue;
        }
        if (!c.ok) {
            report.skipped.append({plan[i].item->ref, c.reason});
            continue;
        }
        ins.bindValue(0, plan[i].stored);
        ins.bindValue(1, c.hash);
        ins.bindValue(2, c.info.width);
        ins.bindValue(3, c.info.height);
        ins.bindValue(4, c.info.format);
        ins.bindValue(5, c.bytes);
        ins.bindValue(6, toString(plan[i].item->split));
        ins.bindValue(7, now);
        ins.bindValue(8, report.importId);
        if (!ins.exec())
            return fail(
                QStringLiteral("%1: cannot add %2: %3")
                    .arg(project.databaseFile(), plan[i].item->ref, ins.lastError().text()));
        const qint64 sampleId = ins.lastInsertId().toLongLong();
        for (const QString &l : plan[i].item->labels) {
            lab.bindValue(0, sampleId);
            lab.bindValue(1, classIds.value(l.trimmed()));
            if (!lab.exec())
                return fail(
                    QStringLiteral("%1: cannot label %2: %3")
                        .arg(project.databaseFile(), plan[i].item->ref, lab.lastError().text()));
        }
        newHashes.insert(c.hash);
        ++report.imported;
        if (report.imported % 2000 == 0) {
            if (cb.progress)
                cb.progress({QStringLiteral("write"), qint64(i), qint64(plan.size())});
            if (cb.shouldCancel && cb.shouldCancel()) {
                report.cancelled = true;
                report.imported = 0;
                removeWritten(plan, checked);
                report.timings.wall = double(wall.nsecsElapsed()) / 1e6;
                return report; // the transaction rolls back when tx goes out of scope
            }
        }
    }
    for (const DuplicateGroup &g : findDuplicateGroups(project, &newHashes)) {
        report.duplicates.append(g);
        if (g.conflict)
            report.conflicts.append(g);
        if (g.leakage)
            report.leakage.append(g);
    }
    QSqlQuery upd(db);
    upd.prepare(QStringLiteral("UPDATE imports SET finished_at = ?, imported = ?, skipped = ?,"
                               " report = ? WHERE id = ?"));
    upd.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    upd.addBindValue(report.imported);
    upd.addBindValue(int(report.skipped.size()));
    upd.addBindValue(
        QString::fromUtf8(QJsonDocument(summaryJson(report)).toJson(QJsonDocument::Compact)));
    upd.addBindValue(report.importId);
    if (!upd.exec())
        return fail(QStringLiteral("%1: %2").arg(project.databaseFile(), upd.lastError().text()));
    if (cb.progress)
        cb.progress({QStringLiteral("write"), qint64(plan.size()), qint64(plan.size())});
    if (cb.shouldCancel && cb.shouldCancel()) { // the last moment a cancel can still win
        report.cancelled = true;
        report.imported = 0;
        removeWritten(plan, checked);
        report.timings.wall = double(wall.nsecsElapsed()) / 1e6;
        return report; // rolled back with tx
    }
    if (Status s = tx.commit(); !s)
        return fail(
            QStringLiteral("%1: cannot save the import: %2").arg(project.databaseFile(), s.error));
    report.timings.sql = double(sqlTimer.nsecsElapsed()) / 1e6;
    for (const ClassInfo &c : project.classes())
        report.classes.append(c.name);
    report.timings.wall = double(wall.nsecsElapsed()) / 1e6;
    return report;
}

} // namespace pulc::dataset
