#pragma once

#include <engine/training.h>

#include <QWidget>

#include <memory>
#include <vector>

class QComboBox;
class QLabel;
class QListView;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace pulc::ui {

class AttributeMetricsModel;
class BinaryThresholdPanel;
class ClassMetricsModel;
class ConfusionMatrixModel;
class EvaluateSampleModel;
class EvaluateJob;
class ProjectRuns;
class ProjectSession;
class ThumbnailLoader;

/// The Evaluate page: a run and a split evaluated off the GUI thread, with the scene's main
/// metric, per-class table, confusion matrix, misclassified images and thresholds. GUI thread.
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

    ClassMetricsModel *classMetricsModel() const { return m_classModel; }
    ConfusionMatrixModel *confusionModel() const { return m_confusionModel; }
    EvaluateSampleModel *misclassifiedModel() const { return m_missModel; }
    EvaluateSampleModel *cellModel() const { return m_cellModel; }
    AttributeMetricsModel *attributeModel() const { return m_attributeModel; }
    BinaryThresholdPanel *thresholdPanel() const { return m_thresholdPanel; }

public Q_SLOTS:
    /// Selects run `runId` (and evaluates it on the chosen split).
    void showRun(qint64 runId);
    /// Evaluates the selected run on the selected split (F5).
    void evaluate();
    /// Shows the images of one confusion-matrix cell.
    void showCell(int trueClass, int predicted);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
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
    /// Relabels the selected images of `view`; false when nothing changed.
    bool relabel(QListView *view, int classPosition);
    bool acceptPrediction(QListView *view);
    void contextMenu(QListView *view, const QPoint &pos);

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

    ClassMetricsModel *m_classModel;
    QSortFilterProxyModel *m_classProxy;
    QTableView *m_classView;
    AttributeMetricsModel *m_attributeModel;
    QSortFilterProxyModel *m_attributeProxy;
    QTableView *m_attributeView;
    ConfusionMatrixModel *m_confusionModel;
    QTableView *m_matrixView;
    QLabel *m_cellTitle;
    EvaluateSampleModel *m_cellModel;
    QListView *m_cellView;
    EvaluateSampleModel *m_missModel;
    QListView *m_missView;
    QLabel *m_missHint;
    QLabel *m_cellHint;
    BinaryThresholdPanel *m_thresholdPanel;
    QWidget *m_classTab;
    QWidget *m_attributeTab;
    QWidget *m_matrixTab;
    QSplitter *m_matrixSplitter;
    QWidget *m_missTab;
};

} // namespace pulc::ui
