#pragma once

#include <QList>
#include <QWidget>

#include <functional>
#include <memory>

namespace pulc::engine {
struct ProjectTrainRequest;
}

namespace pulc::ui {

class ProjectRuns;
class ProjectSession;
class RunsPanel;
class TrainController;
class TrainCurves;
struct TrainEpochPoint;
struct TrainLogLine;
struct TrainOutcome;
struct RunCurvesData;
struct TrainStepPoint;

/// The Train page: settings, augmentation preview, cost line, Start / Stop / Resume, live
/// curves, progress and log, and the project's runs list. GUI thread.
class TrainPage : public QWidget
{
    Q_OBJECT

public:
    TrainPage(ProjectSession *session, ProjectRuns *runs, QWidget *parent = nullptr);
    ~TrainPage() override;

    /// True while a run trains in the engine thread.
    bool isTraining() const;
    /// Asks the run to stop after the current step (it keeps a resumable checkpoint) and waits
    /// for the engine thread. For closing the window after the user agreed.
    void stopAndWait();

    /// Starts a new run with the form's settings (what Start does); problems found before
    /// starting (no project, too few classes, no train images) are shown on the page.
    void startTraining();
    /// Asks the running job to stop after its current step (what Stop and Esc do).
    void stopTraining();
    /// Continues the stopped or interrupted run `runId`, its curves drawn from where it was.
    void resumeRun(qint64 runId);

    // For tests.
    TrainController *controller() const;
    TrainCurves *curves() const;
    RunsPanel *runsPanel() const;
    /// The message line's text (an error before starting, a failed run), or empty.
    QString message() const;

Q_SIGNALS:
    /// The user asked to see run `runId` on the Evaluate page.
    void evaluateRequested(qint64 runId);
    /// The user asked to try run `runId` on the Predict page.
    void predictRequested(qint64 runId);
    void exportRequested(qint64 runId);
    /// A run started (true) or ended (false): the window's title and close check follow it.
    void trainingChanged(bool training);

private:
    struct Private;
    void begin(const pulc::engine::ProjectTrainRequest &request, qint64 resumeId);
    QString startProblem() const;
    qint64 resumableRun() const;
    void projectOpened();
    void projectChanged();
    void configChanged();
    void runsChanged();
    void updateButtons();
    void listRunOnce();
    void stepsReported(const QList<pulc::ui::TrainStepPoint> &steps);
    void epochFinished(const pulc::ui::TrainEpochPoint &epoch);
    void logged(const QList<pulc::ui::TrainLogLine> &lines);
    void trainingFinished(const pulc::ui::TrainOutcome &outcome);
    void showRunCurves(qint64 runId, bool overlay);
    void duplicateRun(qint64 runId);
    void showMessage(const QString &text, bool error);
    void readCurves(const QString &runDir,
                    std::function<void(const pulc::ui::RunCurvesData &, const QString &)> done);

    std::unique_ptr<Private> d;
};

} // namespace pulc::ui
