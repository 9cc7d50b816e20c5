#include "ui/evaluate/evaluatejob.h"

#include "ui/common/latestjob.h"

#include <engine/projectjobs.h>

#include <exception>

namespace pulc::ui {

EvaluateJob::EvaluateJob(QObject *parent)
    : QObject(parent)
    , m_job(new LatestJob(this))
{}

EvaluateJob::~EvaluateJob()
{
    m_job->cancel();
    waitForDone();
}

void EvaluateJob::start(const QString &projectDir, qint64 runId, const QString &split, int threads)
{
    drop();
    m_runId = runId;
    m_split = split;
    m_cancelRequested = false;
    m_cancelled = false;
    const bool wasRunning = m_running;
    m_running = true;
    if (!wasRunning)
        Q_EMIT runningChanged(true);
    const std::string dir = projectDir.toStdString();
    const std::string run = std::to_string(runId);
    const std::string which = split.toStdString();
    m_job->start(
        [this, dir, run, which, threads](LatestJob::Token &token) {
            pulc::engine::JobCallbacks callbacks;
            callbacks.shouldAbort = [&token] { return token.aborted(); };
            callbacks.onProgress = [this, &token](double fraction, const std::string &) {
                // Delivered in the GUI thread while this is the latest evaluation.
                token.progress([this, fraction] { Q_EMIT progress(fraction); }, fraction >= 1.0);
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
            return result;
        },
        [this](pulc::engine::EvalResult result) { deliver(std::move(result)); });
}

void EvaluateJob::deliver(pulc::engine::EvalResult result)
{
    m_cancelled = m_cancelRequested && !result.ok;
    m_result = std::move(result);
    m_running = false;
    Q_EMIT runningChanged(false);
    Q_EMIT finished();
}

void EvaluateJob::cancel()
{
    m_cancelRequested = true;
    m_job->cancel();
}

void EvaluateJob::drop()
{
    m_job->drop();
    if (m_running) {
        m_running = false;
        Q_EMIT runningChanged(false);
    }
}

void EvaluateJob::waitForDone()
{
    m_job->waitForDone();
}

} // namespace pulc::ui
