#include "ui/evaluate/evaluatejob.h"

#include <engine/projectjobs.h>

#include <QElapsedTimer>
#include <QFuture>
#include <QList>
#include <QMetaObject>
#include <QtConcurrent/QtConcurrentRun>

#include <exception>

namespace pulc::ui {

struct EvaluateJob::Shared
{
    std::atomic_bool abort{false};
};

EvaluateJob::EvaluateJob(QObject *parent)
    : QObject(parent)
{}

EvaluateJob::~EvaluateJob()
{
    if (m_shared)
        m_shared->abort = true;
    waitForDone();
}

void EvaluateJob::start(const QString &projectDir, qint64 runId, const QString &split, int threads)
{
    drop();
    m_shared = std::make_shared<Shared>();
    const quint64 generation = ++m_generation;
    m_runId = runId;
    m_split = split;
    m_cancelled = false;
    const bool wasRunning = m_running;
    m_running = true;
    if (!wasRunning)
        Q_EMIT runningChanged(true);
    std::shared_ptr<Shared> shared = m_shared;
    const std::string dir = projectDir.toStdString();
    const std::string run = std::to_string(runId);
    const std::string which = split.toStdString();
    m_futures.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    m_futures.append(QtConcurrent::run([this, shared, generation, dir, run, which, threads] {
        pulc::engine::JobCallbacks callbacks;
        QElapsedTimer clock;
        clock.start();
        qint64 last = -1000;
        callbacks.shouldAbort = [shared] { return shared->abort.load(); };
        callbacks.onProgress = [&](double fraction, const std::string &) {
            // A few signals per second are enough for a progress bar.
            if (clock.elapsed() - last < 100 && fraction < 1.0)
                return;
            last = clock.elapsed();
            QMetaObject::invokeMethod(
                this,
                [this, generation, fraction] {
                    if (generation == m_generation)
                        Q_EMIT progress(fraction);
                },
                Qt::QueuedConnection);
        };
        pulc::engine::EvalResult result;
        try {
            result = pulc::engine::evaluateInProject(dir, run, which, callbacks, threads);
        } catch (const std::exception &e) {
            result = {};
            result.error = e.what();
        } catch (...) {
            result = {};
            result.error = "unexpected error";
        }
        QMetaObject::invokeMethod(
            this, [this, generation, result] { deliver(generation, result); },
            Qt::QueuedConnection);
    }));
}

void EvaluateJob::deliver(quint64 generation, const pulc::engine::EvalResult &result)
{
    if (generation != m_generation)
        return; // an outdated request (another run or split was asked for meanwhile)
    m_cancelled = m_shared && m_shared->abort && !result.ok;
    m_result = result;
    m_running = false;
    Q_EMIT runningChanged(false);
    Q_EMIT finished();
}

void EvaluateJob::cancel()
{
    if (m_shared)
        m_shared->abort = true;
}

void EvaluateJob::drop()
{
    if (m_shared)
        m_shared->abort = true;
    m_shared.reset();
    ++m_generation;
    if (m_running) {
        m_running = false;
        Q_EMIT runningChanged(false);
    }
}

void EvaluateJob::waitForDone()
{
    for (QFuture<void> &future : m_futures)
        future.waitForFinished();
    m_futures.clear();
}

} // namespace pulc::ui
