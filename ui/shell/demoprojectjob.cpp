#include "ui/shell/demoprojectjob.h"

#include <dataset/demo.h>

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QMutex>
#include <QMutexLocker>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>

namespace pulc::ui {

struct DemoProjectJob::State
{
    std::atomic<bool> cancel{false};
    QMutex mutex;
    pulc::dataset::ImportProgress progress; ///< guarded by mutex
    bool progressChanged = false;           ///< guarded by mutex
};

namespace {

DemoProjectJob::Outcome createDemo(const QString &dir,
                                   const std::shared_ptr<DemoProjectJob::State> &state)
{
    DemoProjectJob::Outcome outcome;
    try {
        pulc::dataset::ImportCallbacks callbacks;
        callbacks.progress = [state](const pulc::dataset::ImportProgress &p) {
            QMutexLocker lock(&state->mutex);
            state->progress = p;
            state->progressChanged = true;
        };
        callbacks.shouldCancel = [state] { return state->cancel.load(); };
        pulc::dataset::DemoRequest request;
        request.dir = dir;
        auto result = pulc::dataset::createDemoProject(request, callbacks);
        if (result)
            outcome.dir = result.value();
        else
            outcome.error = result.error();
    } catch (const std::exception &e) {
        outcome.error = QString::fromLocal8Bit(e.what());
    }
    // createDemoProject already removed what it had made.
    outcome.cancelled = !outcome.error.isEmpty() && state->cancel.load();
    return outcome;
}

} // namespace

DemoProjectJob::DemoProjectJob(QObject *parent)
    : QObject(parent)
    , m_timer(new QTimer(this))
{
    m_timer->setInterval(100);
    connect(m_timer, &QTimer::timeout, this, &DemoProjectJob::poll);
}

DemoProjectJob::~DemoProjectJob()
{
    if (m_watcher) {
        m_state->cancel = true;
        m_watcher->waitForFinished();
    }
}

void DemoProjectJob::start(const QString &dir)
{
    if (isRunning())
        return;
    m_state = std::make_shared<State>();
    m_watcher = new QFutureWatcher<Outcome>(this);
    connect(m_watcher, &QFutureWatcher<Outcome>::finished, this, [this] {
        m_timer->stop();
        const Outcome outcome = m_watcher->result();
        m_watcher->deleteLater();
        m_watcher = nullptr;
        Q_EMIT finished(outcome.dir, outcome.error, outcome.cancelled);
    });
    m_watcher->setFuture(QtConcurrent::run(&createDemo, dir, m_state));
    m_timer->start();
}

void DemoProjectJob::cancel()
{
    if (m_state)
        m_state->cancel = true;
}

void DemoProjectJob::poll()
{
    pulc::dataset::ImportProgress p;
    {
        QMutexLocker lock(&m_state->mutex);
        if (!m_state->progressChanged)
            return;
        m_state->progressChanged = false;
        p = m_state->progress;
    }
    Q_EMIT progressChanged(p.phase, p.done, p.total);
}

} // namespace pulc::ui
