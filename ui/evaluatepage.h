#pragma once

#include <QWidget>

namespace pulc::ui {

class ProjectRuns;
class ProjectSession;

/// The Evaluate page: a run and a split evaluated off the GUI thread, with the scene's main
/// metric, per-class table, confusion matrix, misclassified images and thresholds. GUI thread.
class EvaluatePage : public QWidget
{
    Q_OBJECT

public:
    EvaluatePage(ProjectSession *session, ProjectRuns *runs, QWidget *parent = nullptr);
    ~EvaluatePage() override;

public Q_SLOTS:
    /// Selects run `runId` (and evaluates it on the chosen split).
    void showRun(qint64 runId);
};

} // namespace pulc::ui
