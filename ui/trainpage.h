#pragma once

#include <QWidget>

namespace pulc::ui {

class ProjectRuns;
class ProjectSession;

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

Q_SIGNALS:
    /// The user asked to see run `runId` on the Evaluate page.
    void evaluateRequested(qint64 runId);
    /// The user asked to try run `runId` on the Predict page.
    void predictRequested(qint64 runId);
    /// A run started (true) or ended (false): the window's title and close check follow it.
    void trainingChanged(bool training);
};

} // namespace pulc::ui
