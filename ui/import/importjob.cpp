#include "ui/import/importjob.h"

#include <dataset/importsource.h>
#include <dataset/project.h>
#include <dataset/samples.h>

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSet>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace pulc::ui {

using namespace pulc::dataset;

struct ImportJob::State
{
    std::atomic<bool> cancel{false};
    QMutex mutex;
    int source = 0;          ///< guarded by mutex
    ImportProgress progress; ///< guarded by mutex
    bool changed = false;    ///< guarded by mutex
};

struct ImportJob::Result
{
    bool isPreview = true;
    ImportPreview preview;
    QList<ImportOutcome> outcomes;
};

namespace {

ImportCallbacks callbacksFor(const std::shared_ptr<ImportJob::State> &state, int source)
{
    {
        QMutexLocker lock(&state->mutex);
        state->source = source;
    }
    ImportCallbacks cb;
    cb.progress = [state, source](const ImportProgress &p) {
        QMutexLocker lock(&state->mutex);
        state->source = source;
        state->progress = p;
        state->changed = true;
    };
    cb.shouldCancel = [state] { return state->cancel.load(); };
    return cb;
}

/// Counts what the import of `scan` would add, the way importData plans it: an item whose
/// stored path the project already holds is already present, a second item with the same
/// stored path is refused. Classes are created for used labels, and for every class of a class
/// map (lists and IDX).
void summarize(const ScanResult &scan, const ImportRequest &req, Project &project,
               const QSet<QString> &existingPaths, ImportPreview &out)
{
    const QList<ClassInfo> classes = project.classes();
    QSet<QString> existingClasses;
    for (const ClassInfo &c : classes)
        existingClasses.insert(c.name);
    out.projectClassCount = int(classes.size());
    const QString copyRoot = project.imagesDir() + QLatin1Char('/') + scan.copyFolder;

    out.found = int(scan.items.size());
    out.rejected = scan.skipped;
    QHash<QString, QString> firstRef;
    QHash<QString, int> classRow;
    QStringList order = scan.classOrder;
    for (const ImportItem &item : scan.items)
        for (const QString &l : item.labels)
            if (!order.contains(l))
                order.append(l);
    const bool declaresClasses =
        scan.format == ImportFormat::PaddleList || scan.format == ImportFormat::Idx;
    for (const QString &name : order) {
        classRow.insert(name.trimmed(), int(out.classes.size()));
        out.classes.append({name.trimmed(), !existingClasses.contains(name.trimmed()), 0, {}});
    }
    for (const ImportItem &item : scan.items) {
        const bool writeFile = req.copy || item.idxSet >= 0;
        const QString destination =
            writeFile ? QDir::cleanPath(copyRoot + QLatin1Char('/') + item.relative) : item.file;
        const QString stored = project.storedPath(destination);
        if (existingPaths.contains(stored)) {
            ++out.alreadyPresent;
            continue;
        }
        if (auto it = firstRef.constFind(stored); it != firstRef.constEnd()) {
            out.rejected.append({item.ref, QStringLiteral("listed twice (first as %1)").arg(*it)});
            continue;
        }
        firstRef.insert(stored, item.ref);
        out.paths.insert(stored);
        ++out.toAdd;
        const int split = int(item.split);
        ++out.splits[size_t(split)];
        if (item.labels.isEmpty())
            ++out.unlabeled;
        for (const QString &l : item.labels) {
            ImportPreview::ClassCount &c = out.classes[classRow.value(l.trimmed())];
            ++c.total;
            ++c.splits[size_t(split)];
        }
    }
    // Mirror importData: without samples, only a class map declares a class.
    QList<ImportPreview::ClassCount> kept;
    for (const ImportPreview::ClassCount &c : out.classes) {
        if (c.total == 0 && c.isNew && !declaresClasses)
            continue;
        kept.append(c);
        if (c.isNew)
            out.newClasses.append(c.name);
    }
    out.classes = kept;
}

ImportPreview runPreview(const QString &dir, ImportRequest req,
                         const std::shared_ptr<ImportJob::State> &state)
{
    ImportPreview out;
    out.source = req.source;
    out.requested = req.format;
    try {
        auto project = Project::open(dir);
        if (!project) {
            out.error = project.error();
            return out;
        }
        out.task = project->info().task;
        if (req.format == ImportFormat::Auto) {
            req.format = detectFormat(req.source, &out.detectionProblem);
            if (req.format == ImportFormat::Auto) {
                out.error = out.detectionProblem;
                return out;
            }
        }
        out.format = req.format;
        const ImportCallbacks cb = callbacksFor(state, 0);
        auto scan = scanSource(req, out.task, cb);
        if (state->cancel) {
            out.cancelled = true;
            return out;
        }
        if (!scan) {
            out.error = scan.error();
            return out;
        }
        auto rows = loadSamples(*project);
        if (!rows) {
            out.error = rows.error();
            return out;
        }
        QSet<QString> existing;
        existing.reserve(qsizetype(rows->size()));
        for (const SampleRow &r : rows.value())
            existing.insert(r.path);
        summarize(scan.value(), req, *project, existing, out);
    } catch (const std::exception &e) {
        out.error = QString::fromLocal8Bit(e.what());
    }
    return out;
}

QList<ImportOutcome> runImport(const QString &dir, const QList<ImportRequest> &requests,
                               const std::shared_ptr<ImportJob::State> &state)
{
    QList<ImportOutcome> outcomes;
    std::optional<Project> project;
    for (int i = 0; i < requests.size(); ++i) {
        ImportOutcome o;
        o.source = requests[i].source;
        try {
            if (state->cancel) {
                o.cancelled = true;
            } else {
                if (!project) {
                    auto opened = Project::open(dir);
                    if (!opened)
                        o.error = opened.error();
                    else
                        project.emplace(std::move(opened.value()));
                }
                if (project) {
                    auto report = importData(*project, requests[i], callbacksFor(state, i));
                    if (report) {
                        o.report = report.value();
                        o.cancelled = o.report.cancelled;
                    } else {
                        o.error = report.error();
                        o.cancelled = state->cancel;
                    }
                }
            }
        } catch (const std::exception &e) {
            o.error = QString::fromLocal8Bit(e.what());
        }
        outcomes.append(o);
    }
    return outcomes;
}

ImportJob::Result runJob(const QString &dir, const QList<ImportRequest> &requests, bool isPreview,
                         const std::shared_ptr<ImportJob::State> &state)
{
    ImportJob::Result r;
    r.isPreview = isPreview;
    if (isPreview)
        r.preview = runPreview(dir, requests.value(0), state);
    else
        r.outcomes = runImport(dir, requests, state);
    return r;
}

} // namespace

ImportJob::ImportJob(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &ImportJob::poll);
}

ImportJob::~ImportJob()
{
    if (m_watcher) {
        m_state->cancel = true;
        m_watcher->waitForFinished();
    }
}

void ImportJob::preview(const QString &projectDir, const ImportRequest &request)
{
    m_pending = Pending{projectDir, {request}, true};
    if (isRunning())
        m_state->cancel = true; // startPending() runs when it has stopped
    else
        startPending();
}

void ImportJob::import(const QString &projectDir, const QList<ImportRequest> &requests)
{
    m_pending = Pending{projectDir, requests, false};
    if (isRunning())
        m_state->cancel = true;
    else
        startPending();
}

void ImportJob::cancel()
{
    m_pending.reset();
    if (m_state)
        m_state->cancel = true;
}

void ImportJob::startPending()
{
    if (!m_pending)
        return;
    const Pending p = *m_pending;
    m_pending.reset();
    m_state = std::make_shared<State>();
    m_watcher = new QFutureWatcher<Result>(this);
    connect(m_watcher, &QFutureWatcher<Result>::finished, this, &ImportJob::finish);
    m_watcher->setFuture(QtConcurrent::run(&runJob, p.dir, p.requests, p.isPreview, m_state));
    m_timer->start();
}

void ImportJob::finish()
{
    m_timer->stop();
    const Result result = m_watcher->result();
    m_watcher->deleteLater();
    m_watcher = nullptr;
    if (m_pending) {
        // A newer request replaced this one: its result no longer matters.
        startPending();
        return;
    }
    if (result.isPreview)
        Q_EMIT previewFinished(result.preview);
    else
        Q_EMIT importFinished(result.outcomes);
}

void ImportJob::poll()
{
    int source = 0;
    ImportProgress p;
    {
        QMutexLocker lock(&m_state->mutex);
        if (!m_state->changed)
            return;
        m_state->changed = false;
        source = m_state->source;
        p = m_state->progress;
    }
    Q_EMIT progressChanged(source, p.phase, p.done, p.total);
}

} // namespace pulc::ui
