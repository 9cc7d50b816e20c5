#pragma once

#include <QStringList>
#include <QWidget>

namespace pulc::ui {

class ProjectRuns;
class ProjectSession;

/// The Predict page: images and folders dropped or opened are classified by the chosen run's
/// model with the engine's Predictor in a worker thread. GUI thread.
class PredictPage : public QWidget
{
    Q_OBJECT

public:
    PredictPage(ProjectSession *session, ProjectRuns *runs, QWidget *parent = nullptr);
    ~PredictPage() override;

public Q_SLOTS:
    /// Classifies these image files and folders (dropped on the window or opened).
    void addPaths(const QStringList &paths);
    /// Selects run `runId` as the model.
    void showRun(qint64 runId);
};

} // namespace pulc::ui
