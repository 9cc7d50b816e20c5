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

namespace {

/// One import as its stages hand it on: planImport() fills `plan`, checkImport() fills
/// `checked`, writeImport() stores them; each adds what it finds to `report`.
struct ImportRun
{
    ImportRun(Project &project, const ImportRequest &req, const ImportCallbacks &cb,
              const ScanResult &scan, const QString &startedAt)
        : project(project)
        , req(req)
        , cb(cb)
        , scan(scan)
        , startedAt(startedAt)
    {}

    Project &project;
    const ImportRequest &req;
    const ImportCallbacks &cb;
    const ScanResult &scan;
    QString startedAt; ///< when importData() began, as the imports table stores it
    ImportReport report;
    DestinationNames names;       ///< the stored paths taken; shared by the check workers
    std::vector<Planned> plan;    ///< the items to check and write
    std::vector<Checked> checked; ///< one per planned item

    bool cancelRequested() const { return cb.shouldCancel && cb.shouldCancel(); }
};

/// Every sample's stored path, with its content hash.
QHash<QString, QString> storedHashes(QSqlDatabase &db)
{
    QHash<QString, QString> existing;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT path, hash FROM samples"));
    while (q.next())
        existing.insert(q.value(0).toString(), q.value(1).toString());
    return existing;
}

/// Plan: decide each sample's stored path, drop what the project already holds.
void planImport(ImportRun &run)
{
    Project &project = run.project;
    ImportReport &report = run.report;
    const QHash<QString, QString> existing = storedHashes(project.database().db());
    DestinationNames &names = run.names;
    names.project = &project;
    QDir().mkpath(project.imagesDir()); // opening a read-only project skips it; copies need it
    names.canonicalImages = QFileInfo(project.imagesDir()).canonicalFilePath();
    for (auto it = existing.constBegin(); it != existing.constEnd(); ++it)
        names.taken.insert(it.key());
    const QString imagesPrefix = project.imagesDir() + QLatin1Char('/');
    const QString copyRoot = imagesPrefix + copyFolderName(run.scan.copyFolder);
    run.plan.reserve(run.scan.items.size());
    QHash<QString, QString> firstRef;
    for (const ImportItem &item : run.scan.items) {
        Planned p;
        p.item = &item;
        p.writeFile = run.req.copy || item.idxSet >= 0;
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
        run.plan.push_back(p);
    }
}

/// What the check workers share: the next item to take, how many are done, and why to stop.
struct CheckQueue
{
    std::atomic<size_t> next{0};
    std::atomic<size_t> done{0};
    std::atomic<bool> stop{false};
    std::mutex fatalMutex;
    QString fatal; ///< the first error that fails the whole import
    std::mutex timesMutex;
    WorkerTimes total;
};

/// One check worker: checks the next planned item until none is left or the queue stops.
void checkWorker(ImportRun &run, CheckQueue &queue)
{
    WorkerTimes times;
    for (size_t i = queue.next++; i < run.plan.size() && !queue.stop; i = queue.next++) {
        QString err;
        run.checked[i] = checkItem(run.plan[i], run.scan, run.req.limits, run.names, times, &err);
        if (!err.isEmpty()) {
            std::lock_guard lock(queue.fatalMutex);
            if (queue.fatal.isEmpty())
                queue.fatal = err;
            queue.stop = true;
        }
        ++queue.done;
    }
    std::lock_guard lock(queue.timesMutex);
    queue.total.read += times.read;
    queue.total.hash += times.hash;
    queue.total.decode += times.decode;
    queue.total.write += times.write;
}

/// Check: read, validate, hash (and copy) in worker threads; this thread reports progress.
/// A failure or a cancel removes the copies made so far; a cancel sets report.cancelled.
Status checkImport(ImportRun &run)
{
    // Our workers already fill the cores: OpenCV's own thread pool inside each decode only
    // spins (TBB busy-waits took ~14% of an import's CPU time), so it is off meanwhile.
    struct OpenCvThreads
    {
        int saved = cv::getNumThreads();
        OpenCvThreads() { cv::setNumThreads(1); }
        ~OpenCvThreads() { cv::setNumThreads(saved); }
    } openCvThreads;
    const size_t count = run.plan.size();
    run.checked.resize(count);
    CheckQueue queue;
    const int threads =
        std::max(1, run.req.threads > 0 ? run.req.threads : QThread::idealThreadCount());
    std::vector<std::thread> workers;
    for (int w = 0; w < std::min<int>(threads, int(std::max<size_t>(count, 1))); ++w)
        workers.emplace_back([&run, &queue] { checkWorker(run, queue); });
    while (queue.done < count && !queue.stop) {
        std::this_thread::sleep_for(std::chrono::milliseconds(25));
        if (run.cb.progress)
            run.cb.progress({QStringLiteral("check"), qint64(queue.done), qint64(count)});
        if (run.cancelRequested())
            queue.stop = true;
    }
    for (std::thread &t : workers)
        t.join();
    ImportTimings &timings = run.report.timings;
    timings.read = double(queue.total.read) / 1e6;
    timings.hash = double(queue.total.hash) / 1e6;
    timings.decode = double(queue.total.decode) / 1e6;
    timings.writeFiles = double(queue.total.write) / 1e6;
    if (!queue.fatal.isEmpty()) {
        removeWritten(run.plan, run.checked);
        return Status::failure(queue.fatal);
    }
    // A cancel that came while the last files were checked still counts.
    if (queue.stop || run.cancelRequested()) {
        removeWritten(run.plan, run.checked);
        run.report.cancelled = true;
        return Status::success();
    }
    if (run.cb.progress)
        run.cb.progress({QStringLiteral("check"), qint64(count), qint64(count)});
    return Status::success();
}

/// Creates the classes the checked samples use (and every class a class map declares), in the
/// source's order; fills *classIds by trimmed name, and report.newClasses.
Status createClasses(ImportRun &run, QHash<QString, qint64> *classIds)
{
    Project &project = run.project;
    ImportReport &report = run.report;
    const QList<ClassInfo> before = project.classes();
    QSet<QString> beforeNames;
    for (const ClassInfo &c : before)
        beforeNames.insert(c.name);
    QSet<QString> used;
    for (size_t i = 0; i < run.plan.size(); ++i)
        if (run.checked[i].ok)
            for (const QString &l : run.plan[i].item->labels)
                used.insert(l);
    QStringList wanted = run.scan.classOrder;
    for (const QString &l : used)
        if (!wanted.contains(l))
            wanted.append(l);
    for (const QString &name : wanted) {
        if (!used.contains(name) && !beforeNames.contains(name) &&
            run.scan.format != ImportFormat::PaddleList && run.scan.format != ImportFormat::Idx)
            continue; // only class maps declare classes without samples
        auto id = project.ensureClass(name);
        if (!id)
            return Status::failure(id.error());
        classIds->insert(name.trimmed(), *id);
        if (!beforeNames.contains(name.trimmed()))
            report.newClasses.append(name.trimmed());
    }
    if (project.info().task == TaskType::Binary &&
        beforeNames.size() + report.newClasses.size() > 2)
        return Status::failure(
            QStringLiteral("a binary project has two classes; this import would give it %1 (%2)")
                .arg(beforeNames.size() + report.newClasses.size())
                .arg((QStringList(beforeNames.values()) + report.newClasses)
                         .join(QStringLiteral(", "))));
    return Status::success();
}

/// Adds this import's row to the imports table and sets report.importId.
Status insertImportRow(ImportRun &run)
{
    QSqlQuery imp(run.project.database().db());
    imp.prepare(QStringLiteral("INSERT INTO imports(source, format, split, copied, started_at,"
                               " finished_at, imported, skipped) VALUES(?, ?, ?, ?, ?, ?, 0, 0)"));
    imp.addBindValue(QFileInfo(run.req.source).absoluteFilePath());
    imp.addBindValue(toString(run.scan.format));
    imp.addBindValue(toString(run.req.split.value_or(Split::Unassigned)));
    imp.addBindValue(run.req.copy ? 1 : 0);
    imp.addBindValue(run.startedAt);
    imp.addBindValue(run.startedAt);
    if (!imp.exec())
        return Status::failure(
            QStringLiteral("%1: %2").arg(run.project.databaseFile(), imp.lastError().text()));
    run.report.importId = imp.lastInsertId().toLongLong();
    return Status::success();
}

/// Inserts every checked sample with its labels and adds its hash to *newHashes. Between
/// batches of 2000 it reports progress, and a cancel sets report.cancelled and stops it.
Status insertSamples(ImportRun &run, const QHash<QString, qint64> &classIds,
                     QSet<QString> *newHashes)
{
    const QString databaseFile = run.project.databaseFile();
    ImportReport &report = run.report;
    QSqlDatabase &db = run.project.database().db();
    QSqlQuery ins(db);
    ins.prepare(
        QStringLiteral("INSERT INTO samples(path, hash, width, height, format, bytes, split,"
                       " added_at, source_id) VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    QSqlQuery lab(db);
    lab.prepare(QStringLiteral("INSERT OR IGNORE INTO labels(sample_id, class_id) VALUES(?, ?)"));
    const QString now = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    for (size_t i = 0; i < run.plan.size(); ++i) {
        const Planned &p = run.plan[i];
        const Checked &c = run.checked[i];
        if (c.alreadyPresent) {
            ++report.alreadyPresent;
            continue;
        }
        if (!c.ok) {
            report.skipped.append({p.item->ref, c.reason});
            continue;
        }
        ins.bindValue(0, p.stored);
        ins.bindValue(1, c.hash);
        ins.bindValue(2, c.info.width);
        ins.bindValue(3, c.info.height);
        ins.bindValue(4, c.info.format);
        ins.bindValue(5, c.bytes);
        ins.bindValue(6, toString(p.item->split));
        ins.bindValue(7, now);
        ins.bindValue(8, report.importId);
        if (!ins.exec())
            return Status::failure(QStringLiteral("%1: cannot add %2: %3")
                                       .arg(databaseFile, p.item->ref, ins.lastError().text()));
        const qint64 sampleId = ins.lastInsertId().toLongLong();
        for (const QString &l : p.item->labels) {
            lab.bindValue(0, sampleId);
            lab.bindValue(1, classIds.value(l.trimmed()));
            if (!lab.exec())
                return Status::failure(QStringLiteral("%1: cannot label %2: %3")
                                           .arg(databaseFile, p.item->ref, lab.lastError().text()));
        }
        newHashes->insert(c.hash);
        ++report.imported;
        if (report.imported % 2000 == 0) {
            if (run.cb.progress)
                run.cb.progress({QStringLiteral("write"), qint64(i), qint64(run.plan.size())});
            if (run.cancelRequested()) {
                report.cancelled = true;
                return Status::success();
            }
        }
    }
    return Status::success();
}

/// Completes this import's row in the imports table with its counts and summary.
Status finishImportRow(ImportRun &run)
{
    const ImportReport &report = run.report;
    QSqlQuery upd(run.project.database().db());
    upd.prepare(QStringLiteral("UPDATE imports SET finished_at = ?, imported = ?, skipped = ?,"
                               " report = ? WHERE id = ?"));
    upd.addBindValue(QDateTime::currentDateTimeUtc().toString(Qt::ISODate));
    upd.addBindValue(report.imported);
    upd.addBindValue(int(report.skipped.size()));
    upd.addBindValue(
        QString::fromUtf8(QJsonDocument(summaryJson(report)).toJson(QJsonDocument::Compact)));
    upd.addBindValue(report.importId);
    if (!upd.exec())
        return Status::failure(
            QStringLiteral("%1: %2").arg(run.project.databaseFile(), upd.lastError().text()));
    return Status::success();
}

/// Write: everything in one transaction, so a cancel, an error or a kill leaves no half. A
/// failure or a cancel removes the copies this import made before the transaction rolls back;
/// a cancel sets report.cancelled.
Status writeImport(ImportRun &run)
{
    QElapsedTimer sqlTimer;
    sqlTimer.start();
    auto fail = [&run](const QString &message) {
        removeWritten(run.plan, run.checked);
        return Status::failure(message);
    };
    auto cancel = [&run] {
        run.report.cancelled = true;
        run.report.imported = 0;
        removeWritten(run.plan, run.checked);
        return Status::success(); // the transaction rolls back when tx goes out of scope
    };
    Transaction tx(run.project.database().db());
    if (!tx.begun())
        return fail(QStringLiteral("%1: the database is locked or read-only")
                        .arg(run.project.databaseFile()));
    QHash<QString, qint64> classIds;
    QSet<QString> newHashes;
    if (Status s = createClasses(run, &classIds); !s)
        return fail(s.error);
    if (Status s = insertImportRow(run); !s)
        return fail(s.error);
    if (Status s = insertSamples(run, classIds, &newHashes); !s)
        return fail(s.error);
    if (run.report.cancelled)
        return cancel();
    for (const DuplicateGroup &g : findDuplicateGroups(run.project, &newHashes)) {
        run.report.duplicates.append(g);
        if (g.conflict)
            run.report.conflicts.append(g);
        if (g.leakage)
            run.report.leakage.append(g);
    }
    if (Status s = finishImportRow(run); !s)
        return fail(s.error);
    if (run.cb.progress)
        run.cb.progress(
            {QStringLiteral("write"), qint64(run.plan.size()), qint64(run.plan.size())});
    if (run.cancelRequested()) // the last moment a cancel can still win
        return cancel();
    if (Status s = tx.commit(); !s)
        return fail(QStringLiteral("%1: cannot save the import: %2")
                        .arg(run.project.databaseFile(), s.error));
    run.report.timings.sql = double(sqlTimer.nsecsElapsed()) / 1e6;
    return Status::success();
}

} // namespace

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
    auto scan = scanSource(req, project.info().task, cb);
    if (!scan)
        return Result<ImportReport>::failure(scan.error());
    ImportRun run(project, req, cb, scan.value(), startedAt);
    run.report.format = scan->format;
    run.report.skipped = scan->skipped;
    run.report.timings.scan = double(wall.nsecsElapsed()) / 1e6;
    if (run.cancelRequested()) {
        run.report.cancelled = true;
        return run.report;
    }
    planImport(run);
    Status status = checkImport(run);
    if (status && !run.report.cancelled)
        status = writeImport(run);
    if (!status)
        return Result<ImportReport>::failure(status.error);
    if (!run.report.cancelled) {
        for (const ClassInfo &c : project.classes())
            run.report.classes.append(c.name);
    }
    run.report.timings.wall = double(wall.nsecsElapsed()) / 1e6;
    return run.report;
}

} // namespace pulc::dataset
