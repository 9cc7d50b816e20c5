#include "ui/train/traincontroller.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>
#include <QWaitCondition>

#include <atomic>
#include <exception>

namespace pulc::ui {

namespace {

/// Reports are batched to at most one per this many milliseconds. Every redraw they cause takes
/// the GUI thread off a core the run's OpenMP team spins on, so four a second, not ten: on a
/// 2-core machine that kept the Train page within a few percent of `pulc train`
/// (docs/training.md, 'One OpenMP team at a time').
constexpr qint64 kReportIntervalMs = 250;

void registerMetaTypes()
{
    static const bool registered = [] {
        qRegisterMetaType<TrainStepPoint>();
        qRegisterMetaType<TrainEpochPoint>();
        qRegisterMetaType<TrainLogLine>();
        qRegisterMetaType<TrainOutcome>();
        qRegisterMetaType<QList<TrainStepPoint>>();
        qRegisterMetaType<QList<TrainLogLine>>();
        return true;
    }();
    Q_UNUSED(registered);
}

TrainOutcome::Status outcomeStatus(pulc::engine::TrainResult::Status status)
{
    switch (status) {
    case pulc::engine::TrainResult::Status::Finished:
        return TrainOutcome::Status::Finished;
    case pulc::engine::TrainResult::Status::Stopped:
        return TrainOutcome::Status::Stopped;
    case pulc::engine::TrainResult::Status::Failed:
        break;
    }
    return TrainOutcome::Status::Failed;
}

} // namespace

/// What the GUI thread and the worker share: the stop flag and "a job is in the worker".
struct TrainController::Shared
{
    std::atomic<bool> abort{false};
    QMutex mutex;
    QWaitCondition idle;
    int pending = 0; ///< jobs started and not yet returned from the engine; guarded by mutex
};

/// Lives in the controller's thread; run() blocks in the engine and batches its callbacks.
class TrainController::Worker : public QObject
{
    Q_OBJECT

public:
    explicit Worker(std::shared_ptr<Shared> shared)
        : m_shared(std::move(shared))
    {}

    void run(const QString &projectDir, const pulc::engine::ProjectTrainRequest &request);

Q_SIGNALS:
    void stepsReported(const QList<pulc::ui::TrainStepPoint> &steps);
    void epochFinished(const pulc::ui::TrainEpochPoint &epoch);
    void logged(const QList<pulc::ui::TrainLogLine> &lines);
    void progressChanged(double fraction, const QString &phase);
    void done(const pulc::ui::TrainOutcome &outcome);

private:
    void flush();
    void flushSoon()
    {
        if (m_clock.elapsed() - m_lastFlush >= kReportIntervalMs)
            flush();
    }

    std::shared_ptr<Shared> m_shared;
    QElapsedTimer m_clock;
    qint64 m_lastFlush = 0;
    QList<TrainStepPoint> m_steps;
    QList<TrainLogLine> m_lines;
    double m_fraction = 0.0;
    QString m_phase;
    bool m_progressDirty = false;
    qint64 m_lastGlobalStep = 0;
};

void TrainController::Worker::flush()
{
    m_lastFlush = m_clock.elapsed();
    if (!m_steps.isEmpty()) {
        Q_EMIT stepsReported(m_steps);
        m_steps.clear();
    }
    if (!m_lines.isEmpty()) {
        Q_EMIT logged(m_lines);
        m_lines.clear();
    }
    if (m_progressDirty) {
        Q_EMIT progressChanged(m_fraction, m_phase);
        m_progressDirty = false;
    }
}

void TrainController::Worker::run(const QString &projectDir,
                                  const pulc::engine::ProjectTrainRequest &request)
{
    m_clock.start();
    m_lastFlush = 0;
    m_lastGlobalStep = 0;
    m_steps.clear();
    m_lines.clear();
    m_phase.clear();
    m_progressDirty = false;

    pulc::engine::JobCallbacks callbacks;
    callbacks.onStep = [this](const pulc::engine::StepInfo &s) {
        m_lastGlobalStep = s.globalStep;
        m_steps.append({s.globalStep, s.epoch, s.step, s.stepsPerEpoch, s.totalSteps, s.loss,
                        s.learningRate, s.imagesPerSecond, s.etaSeconds});
        flushSoon();
    };
    callbacks.onEpoch = [this](const pulc::engine::EpochInfo &e) {
        flush(); // the epoch's steps first, so the curves stay in order
        TrainEpochPoint point;
        point.epoch = e.epoch;
        point.epochs = e.epochs;
        point.globalStep = m_lastGlobalStep;
        point.trainLoss = e.trainLoss;
        for (const auto &[key, value] : e.metrics)
            point.metrics.insert(QString::fromStdString(key), value);
        point.mainMetric = QString::fromStdString(e.mainMetric);
        point.mainValue = e.mainValue;
        point.best = e.best;
        point.seconds = e.seconds;
        point.skippedImages = e.skippedImages;
        Q_EMIT epochFinished(point);
    };
    callbacks.onLog = [this](pulc::engine::LogLevel level, const std::string &text) {
        m_lines.append({level, QString::fromStdString(text)});
        flushSoon();
    };
    callbacks.onProgress = [this](double fraction, const std::string &phase) {
        const QString name = QString::fromStdString(phase);
        const bool newPhase = name != m_phase;
        m_fraction = fraction;
        m_phase = name;
        m_progressDirty = true;
        if (newPhase)
            flush();
        else
            flushSoon();
    };
    std::shared_ptr<Shared> shared = m_shared;
    QThread *thread = QThread::currentThread();
    callbacks.shouldAbort = [shared, thread] {
        return shared->abort.load() || thread->isInterruptionRequested();
    };

    TrainOutcome outcome;
    try {
        const pulc::engine::ProjectTrainOutcome result =
            pulc::engine::trainInProject(projectDir.toStdString(), request, callbacks);
        outcome.status = outcomeStatus(result.result.status);
        outcome.error = QString::fromStdString(result.result.error);
        outcome.runId = result.runId;
        outcome.runName = QString::fromStdString(result.runName);
        outcome.runDir = QString::fromStdString(result.runDir);
        outcome.bestEpoch = result.result.bestEpoch;
        outcome.epochsDone = result.result.epochsDone;
    } catch (const std::exception &e) {
        outcome.status = TrainOutcome::Status::Failed;
        outcome.error = QString::fromLocal8Bit(e.what());
    } catch (...) {
        outcome.status = TrainOutcome::Status::Failed;
        outcome.error = QStringLiteral("training stopped on an unknown error");
    }
    flush();
    Q_EMIT done(outcome);
    QMutexLocker lock(&m_shared->mutex);
    --m_shared->pending; // a counter: the next start() may come before this line runs
    m_shared->idle.wakeAll();
}

TrainController::TrainController(QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
    , m_thread(new QThread(this))
    , m_worker(new Worker(m_shared))
{
    registerMetaTypes();
    m_thread->setObjectName(QStringLiteral("pulc-training"));
    m_worker->moveToThread(m_thread);
    connect(m_worker, &Worker::stepsReported, this, &TrainController::stepsReported);
    connect(m_worker, &Worker::epochFinished, this, &TrainController::epochFinished);
    connect(m_worker, &Worker::logged, this, &TrainController::logged);
    connect(m_worker, &Worker::progressChanged, this, &TrainController::progressChanged);
    connect(m_worker, &Worker::done, this, &TrainController::workerDone);
    m_thread->start();
}

TrainController::~TrainController()
{
    m_shared->abort = true;
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
    delete m_worker; // its thread has ended
}

bool TrainController::start(const QString &projectDir,
                            const pulc::engine::ProjectTrainRequest &request)
{
    if (m_running)
        return false;
    {
        QMutexLocker lock(&m_shared->mutex);
        ++m_shared->pending;
    }
    m_shared->abort = false;
    m_running = true;
    Worker *worker = m_worker;
    QMetaObject::invokeMethod(
        m_worker, [worker, projectDir, request] { worker->run(projectDir, request); },
        Qt::QueuedConnection);
    return true;
}

void TrainController::stop()
{
    if (m_running)
        m_shared->abort = true;
}

bool TrainController::isStopping() const
{
    return m_running && m_shared->abort.load();
}

void TrainController::waitForFinished()
{
    if (!m_running)
        return;
    {
        QMutexLocker lock(&m_shared->mutex);
        while (m_shared->pending > 0)
            m_shared->idle.wait(&m_shared->mutex);
    }
    // The worker's last reports are queued to this object: deliver them now, in order.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

void TrainController::workerDone(const TrainOutcome &outcome)
{
    m_running = false;
    Q_EMIT finished(outcome);
}

} // namespace pulc::ui

#include "traincontroller.moc"
