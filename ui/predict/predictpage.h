#pragma once

#include "ui/predict/predictjob.h"

#include <QStringList>
#include <QWidget>

class QAction;
class QComboBox;
class QFrame;
class QHBoxLayout;
class QLabel;
class QProgressBar;
class QSortFilterProxyModel;
class QSpinBox;
class QSplitter;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace pulc::ui {

class PredictDetail;
class PredictModel;
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

    /// The images shown, in the order they were added (tests, export).
    PredictModel *model() const { return m_model; }
    /// The worker (tests wait on its signals).
    PredictJob *job() const { return m_job; }
    /// The detail panel of the current image.
    PredictDetail *detail() const { return m_detail; }
    /// The widget that invites drops when no image is shown.
    QWidget *dropZone() const;
    /// The run whose model is chosen, or 0.
    qint64 currentRunId() const;
    /// The problem shown above the results (model cannot load, no model), or empty.
    QString message() const;
    /// Writes the results to `fileName` as CSV; false with `error` when it cannot.
    bool exportCsv(const QString &fileName, QString *error) const;

public Q_SLOTS:
    /// Classifies these image files and folders (dropped on the window or opened).
    void addPaths(const QStringList &paths);
    /// Selects run `runId` as the model.
    void showRun(qint64 runId);
    /// Classifies with a model file instead of a run: a checkpoint, or an exported bundle's
    /// model.ckpt (or the bundle folder). It is listed first in the model selector.
    void openModel(const QString &path);
    /// Forgets the images shown.
    void clearResults();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // The constructor's parts, in the order the widgets are made (the focus chain follows it).
    void createActions();
    /// The model selector, top-k and the actions' buttons above the results.
    QHBoxLayout *createModelBar();
    /// "No model yet", the drop zone and the results (table and detail), one at a time.
    QWidget *createStack();
    QTableView *createTable();
    QWidget *createDropZone();
    /// Progress, Stop and the status line below the results.
    QHBoxLayout *createStatusRow();
    void connectJob();
    void refreshRuns();
    void loadSelectedRun();
    void rerun();
    void updateView();
    void updateActions();
    void updateStatus();
    void showCurrent();
    void setMessage(const QString &text);
    void chooseImages();
    void chooseFolder();
    void chooseModel();
    void chooseCsv();
    void stop();
    void modelLoaded(const PredictionModelInfo &info);

    ProjectSession *m_session;
    ProjectRuns *m_runs;
    PredictJob *m_job;
    PredictModel *m_model;
    QSortFilterProxyModel *m_proxy;

    QComboBox *m_runCombo;
    QLabel *m_backend; ///< which inference path the loaded model runs on
    QSpinBox *m_topk;
    QAction *m_openImagesAction;
    QAction *m_openModelAction;
    QAction *m_openFolderAction;
    QAction *m_clearAction;
    QAction *m_exportAction;
    QLabel *m_message;
    QStackedWidget *m_stack;
    QLabel *m_emptyLabel;
    QFrame *m_dropZone;
    QSplitter *m_splitter;
    QTableView *m_table;
    PredictDetail *m_detail;
    QProgressBar *m_progress;
    QLabel *m_status;
    QToolButton *m_stopButton;

    QStringList m_inputs;      ///< what was dropped or opened, run again for another model
    QString m_reselectPath;    ///< the image to select again after a re-run
    bool m_multiLabel = false; ///< the loaded model scores attributes
    qint64 m_loadedRunId = 0;
    QString m_modelFile;       ///< openModel()'s file, listed with id kModelFileId
    qint64 m_pendingRunId = 0; ///< showRun() before the runs were read
};

} // namespace pulc::ui
