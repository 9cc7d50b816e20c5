#pragma once

#include <engine/projectjobs.h>

#include <QList>
#include <QMap>
#include <QMetaType>
#include <QObject>
#include <QString>

#include <memory>

class QThread;

namespace pulc::ui {

/// One optimisation step as the GUI draws it (a copy of pulc::engine::StepInfo).
struct TrainStepPoint
{
    qint64 globalStep = 0; ///< 1-based over the run
    int epoch = 0;         ///< 1-based
    int step = 0;          ///< 1-based within the epoch
    int stepsPerEpoch = 0;
    qint64 totalSteps = 0;
    double loss = 0.0;
    double learningRate = 0.0;
    double imagesPerSecond = 0.0;
    double etaSeconds = 0.0; ///< for the whole run
};

/// One finished epoch with its validation metrics (a copy of pulc::engine::EpochInfo).
struct TrainEpochPoint
{
    int epoch = 0; ///< 1-based
    int epochs = 0;
    qint64 globalStep = 0; ///< the run's last step when the epoch ended
    double trainLoss = 0.0;
    QMap<QString, double> metrics; ///< "top1", "top5", "tpr_at_fpr", "mA", "val_loss", ...
    QString mainMetric;
    double mainValue = 0.0;
    bool best = false;
    double seconds = 0.0;
    int skippedImages = 0;
};

/// A line of the run's log.
struct TrainLogLine
{
    pulc::engine::LogLevel level = pulc::engine::LogLevel::Info;
    QString text; ///< English, from the engine
};

/// How a run ended and where it was recorded.
struct TrainOutcome
{
    enum class Status { Finished, Stopped, Failed };
    Status status = Status::Failed;
    QString error;    ///< English, names the file or setting (Failed only)
    qint64 runId = 0; ///< 0 when the run was never created (e.g. unreadable project)
    QString runName;
    QString runDir;
    int bestEpoch = 0;
    int epochsDone = 0;
};

/// Runs one training job at a time (pulc::engine::trainInProject) in a worker QObject living in a
/// QThread this controller owns (docs/architecture.md, 'Threads'). The engine's callbacks are
/// batched in the worker and reach the GUI as queued signals carrying plain values, at most about
/// ten times a second for steps, logs and progress (epochs and the end are sent at once). Nothing
/// here blocks the GUI thread except waitForFinished() and the destructor. GUI thread API.
class TrainController : public QObject
{
    Q_OBJECT

public:
    explicit TrainController(QObject *parent = nullptr);
    /// Stops a running job after its current step (it keeps a resumable last.ckpt) and waits.
    ~TrainController() override;

    /// Starts training in `projectDir`: a new run, or request.resumeRun continued. False (and
    /// nothing happens) while a job runs. Every outcome, failures too, ends with finished().
    bool start(const QString &projectDir, const pulc::engine::ProjectTrainRequest &request);
    /// Asks the job to stop after the current step; finished() then says "stopped".
    void stop();
    /// True from start() until finished() was emitted.
    bool isRunning() const { return m_running; }
    /// True after stop() while the job still runs.
    bool isStopping() const;
    /// Blocks until the job has ended and finished() was emitted (closing, tests).
    void waitForFinished();

    class Worker;
    struct Shared;

Q_SIGNALS:
    /// Steps since the last report, in order.
    void stepsReported(const QList<pulc::ui::TrainStepPoint> &steps);
    void epochFinished(const pulc::ui::TrainEpochPoint &epoch);
    /// Log lines since the last report, in order.
    void logged(const QList<pulc::ui::TrainLogLine> &lines);
    /// Fraction 0..1 of the job, and the engine's phase ("load", "train", "eval").
    void progressChanged(double fraction, const QString &phase);
    /// The job ended (isRunning() is already false).
    void finished(const pulc::ui::TrainOutcome &outcome);

private:
    void workerDone(const pulc::ui::TrainOutcome &outcome);

    std::shared_ptr<Shared> m_shared;
    QThread *m_thread;
    Worker *m_worker;
    bool m_running = false;
};

} // namespace pulc::ui

Q_DECLARE_METATYPE(pulc::ui::TrainStepPoint)
Q_DECLARE_METATYPE(pulc::ui::TrainEpochPoint)
Q_DECLARE_METATYPE(pulc::ui::TrainLogLine)
Q_DECLARE_METATYPE(pulc::ui::TrainOutcome)
