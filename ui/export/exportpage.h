#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTextBrowser;

namespace pulc::engine {
struct ExportResult;
}

namespace pulc::ui {

class LatestJob;
class ProjectRuns;
class ProjectSession;

/// The Export page: writes a trained run as a deployment bundle (ONNX, inference.yml, labels,
/// model card, C++ example, LibTorch checkpoint) or a checkpoint alone, through the engine's
/// exportRun() (the same call as `pulc export`) in a worker thread, then shows the parity check
/// against the native predictor, the latency and the files. GUI thread.
class ExportPage : public QWidget
{
    Q_OBJECT
public:
    ExportPage(ProjectSession *session, ProjectRuns *runs, QWidget *parent = nullptr);
    ~ExportPage() override;

    /// Selects run `runId` (from the Runs tab's Export button).
    void showRun(qint64 runId);
    qint64 currentRunId() const;
    /// Starts an export of the selected run into `folder` (the folder field's text when empty).
    void startExport(const QString &folder = {});
    bool isBusy() const { return m_busy; }
    /// What the result panel shows (plain text), and the error line; for tests.
    QString resultText() const;
    QString errorText() const;

Q_SIGNALS:
    /// An export ended: ok, or failed with errorText().
    void exportFinished(bool ok);

private:
    void refreshRuns();
    void suggestFolder();
    void browse();
    void cancel();
    void finish(const pulc::engine::ExportResult &result, const QString &folder);
    void setBusy(bool busy);
    void updateActions();

    ProjectSession *m_session;
    ProjectRuns *m_runs;
    QComboBox *m_runCombo;
    QRadioButton *m_bundleButton;
    QRadioButton *m_checkpointButton;
    QRadioButton *m_paddleButton;
    QLineEdit *m_folderEdit;
    QPushButton *m_browseButton;
    QCheckBox *m_parityCheck;
    QPushButton *m_exportButton;
    QPushButton *m_cancelButton;
    QPushButton *m_openButton;
    QProgressBar *m_progress;
    QLabel *m_stage;
    QLabel *m_error;
    QTextBrowser *m_result;
    bool m_busy = false;
    bool m_folderEdited = false;
    qint64 m_pendingRunId = 0;
    QString m_lastFolder;
    LatestJob *m_job; ///< the export in flight; one at a time (isBusy())
};

} // namespace pulc::ui
