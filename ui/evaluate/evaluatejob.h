#pragma once

#include <engine/training.h>

#include <QObject>
#include <QString>

namespace pulc::ui {

class LatestJob;

/// Evaluates one run of a project on one split in a worker thread (engine evaluateInProject).
///
/// start() replaces any evaluation in flight (a LatestJob): the old one is told to abort and
/// whatever it returns is dropped, so only the latest request ever reaches finished(). The
/// result stays in the job (result()) so the signal carries no payload. The engine call never
/// throws; the worker catches anything else. Public functions and signals: GUI thread.
class EvaluateJob : public QObject
{
    Q_OBJECT

public:
    explicit EvaluateJob(QObject *parent = nullptr);
    /// Aborts the evaluation in flight and waits for its worker to return.
    ~EvaluateJob() override;

    /// Evaluates run `runId` of the project in `projectDir` on `split` ("train", "val", "test").
    void start(const QString &projectDir, qint64 runId, const QString &split, int threads = 2);
    /// Asks the evaluation in flight to stop; finished() then reports error "cancelled".
    void cancel();
    /// Forgets the evaluation in flight: it aborts and its result is never reported.
    void drop();
    bool isRunning() const { return m_running; }

    /// The last finished evaluation (ok false with `error` when it failed).
    const pulc::engine::EvalResult &result() const { return m_result; }
    qint64 runId() const { return m_runId; }
    QString split() const { return m_split; }
    /// True when the last evaluation ended because cancel() was called.
    bool wasCancelled() const { return m_cancelled; }

    /// Waits until no worker is running (tests and shutdown).
    void waitForDone();

Q_SIGNALS:
    /// Fraction 0..1 of the evaluation; throttled to a few signals per second.
    void progress(double fraction);
    /// The evaluation of the latest start() ended; see result().
    void finished();
    void runningChanged(bool running);

private:
    void deliver(pulc::engine::EvalResult result);

    LatestJob *m_job;
    bool m_running = false;
    bool m_cancelRequested = false; ///< cancel() was called for the current evaluation
    bool m_cancelled = false;
    qint64 m_runId = 0;
    QString m_split;
    pulc::engine::EvalResult m_result;
};

} // namespace pulc::ui
