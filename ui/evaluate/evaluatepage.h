#pragma once

#include <engine/training.h>

#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;

namespace pulc::ui {

class AttributeMetricsModel;
class AttributeMetricsTab;
class BinaryThresholdPanel;
class ClassMetricsModel;
class ClassMetricsTab;
class ConfusionMatrixModel;
class ConfusionMatrixTab;
class EvaluateSampleModel;
class EvaluateJob;
class MisclassifiedTab;
class ProjectRuns;
class ProjectSession;
class ThumbnailLoader;

/// The Evaluate page: a run and a split evaluated off the GUI thread, with the scene's main
/// metric and, in tabs of their own, the per-class table, the attributes, the confusion matrix,
/// the misclassified images and the threshold. GUI thread.
class EvaluatePage : public QWidget
{
    Q_OBJECT

public:
    EvaluatePage(ProjectSession *session, ProjectRuns *runs, QWidget *parent = nullptr);
    ~EvaluatePage() override;

    /// The evaluation shown, or nullptr.
    std::shared_ptr<const pulc::engine::EvalResult> result() const { return m_result; }
    EvaluateJob *job() const { return m_job; }
    /// The summary line (main metric, accuracy, images) as plain text.
    QString summaryText() const;
    /// The message shown instead of results (no project, no run, an error), or empty.
    QString messageText() const;
    /// Shows an evaluation computed elsewhere (as if the job had returned it).
    void setResult(const pulc::engine::EvalResult &result);
    /// Selects split "train", "val" or "test" (without evaluating).
    void setSplit(const QString &split);

    ClassMetricsModel *classMetricsModel() const;
    ConfusionMatrixModel *confusionModel() const;
    EvaluateSampleModel *misclassifiedModel() const;
    EvaluateSampleModel *cellModel() const;
    AttributeMetricsModel *attributeModel() const;
    BinaryThresholdPanel *thresholdPanel() const { return m_thresholdPanel; }

public Q_SLOTS:
    /// Selects run `runId` (and evaluates it on the chosen split).
    void showRun(qint64 runId);
    /// Evaluates the selected run on the selected split (F5).
    void evaluate();
    /// Shows the images of one confusion-matrix cell.
    void showCell(int trueClass, int predicted);

protected:
    void showEvent(QShowEvent *event) override;

private:
    QWidget *buildResults();
    void reloadRuns();
    void projectChanged();
    void jobFinished();
    void showResult(std::shared_ptr<const pulc::engine::EvalResult> result);
    void showMessage(const QString &text, const QString &detail = {});
    void updateSummary();
    void updateHint();
    QString errorText(const QString &error) const;
    QString metricName(const QString &key) const;
    double runMaxFpr() const;
    qint64 selectedRun() const;

    ProjectSession *m_session;
    ProjectRuns *m_runs;
    EvaluateJob *m_job;
    ThumbnailLoader *m_loader;
    std::shared_ptr<const pulc::engine::EvalResult> m_result;
    bool m_multiLabel = false;
    bool m_autoEvaluate = true; ///< evaluate when the page shows, until the first evaluation

    QComboBox *m_runBox;
    QComboBox *m_splitBox;
    QPushButton *m_evaluateButton;
    QProgressBar *m_progress;
    QPushButton *m_cancelButton;
    QLabel *m_summary;
    QStackedWidget *m_stack;
    QLabel *m_message;
    QTabWidget *m_tabs;
    ClassMetricsTab *m_classTab;
    AttributeMetricsTab *m_attributeTab;
    ConfusionMatrixTab *m_matrixTab;
    MisclassifiedTab *m_missTab;
    BinaryThresholdPanel *m_thresholdPanel;
};

} // namespace pulc::ui
