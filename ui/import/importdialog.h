#pragma once

#include "ui/import/importjob.h"

#include <dataset/importer.h>

#include <QDialog>
#include <QList>
#include <QStringList>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QMimeData;
class QProgressBar;
class QPushButton;
class QStackedWidget;

namespace pulc::ui {

class ImportPreviewView;
class ImportReportView;
class ProjectSession;

/// Imports folders and files into the session's project in three stages. Setup: for each
/// source the detected format (which the user may override), its options, and a preview of
/// what the import will do, computed off the GUI thread by a dry-run scan and recomputed when
/// an option changes. Progress: one source after the other, each all or nothing, with cancel.
/// Report: imported, already present, skipped files with reasons, identical images, conflicts
/// and leakage, which the user can save. The session reloads after a successful import.
/// GUI thread.
class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Stage { Setup, Progress, Report };

    ImportDialog(ProjectSession *session, const QStringList &sources, QWidget *parent = nullptr);
    ~ImportDialog() override;

    /// The local files and folders among the URLs of a drag-and-drop, cleaned, without
    /// duplicates and in their order; empty when there is nothing to import.
    static QStringList importablePaths(const QMimeData *mime);

    Stage stage() const { return m_stage; }
    int sourceCount() const { return int(m_sources.size()); }
    void addSources(const QStringList &paths);
    void removeSource(int index);
    /// The options of a source as the import will use them.
    pulc::dataset::ImportRequest request(int index) const;
    /// Changes the options of a source and recomputes its preview.
    void setRequest(int index, const pulc::dataset::ImportRequest &request);
    /// The current preview of a source, or nullptr while it is being computed.
    const ImportPreview *preview(int index) const;
    /// The format found for a source (Auto until its first preview arrives or when none fits).
    pulc::dataset::ImportFormat detectedFormat(int index) const;
    /// Every source has a current preview.
    bool previewsReady() const;
    bool canImport() const;
    /// What the last import did, source by source.
    const QList<ImportOutcome> &outcomes() const { return m_outcomes; }
    /// Saves the report (JSON for *.json, text otherwise); an error message or empty.
    QString saveReport(const QString &path) const;

public Q_SLOTS:
    /// Imports every source (Setup stage, when canImport()).
    void startImport();
    /// Stops the running import; the source being imported adds nothing.
    void cancelImport();
    /// Escape or the close button: closes, except during an import, which it cancels.
    void reject() override;

Q_SIGNALS:
    /// Every source has its preview (after a start or a change of options).
    void previewsFinished();
    /// The import has finished, been cancelled or failed; the report is shown.
    void importFinished();

private:
    struct Source
    {
        pulc::dataset::ImportRequest request;
        ImportJob *job = nullptr;
        std::optional<ImportPreview> preview;
        pulc::dataset::ImportFormat detected = pulc::dataset::ImportFormat::Auto;
        QString detectionProblem;
        bool detectionDone = false;
        int overlap = 0; ///< images to add that an earlier source adds too
    };

    QWidget *buildSetupPage();
    QWidget *buildProgressPage();
    void setStage(Stage stage);
    void startPreview(int index);
    void previewArrived(ImportJob *job, const ImportPreview &preview);
    void selectSource(int index);
    void optionsEdited();
    void showOptions();
    void showPreview();
    void updateSourceItem(int index);
    void updateState();
    void countOverlaps();
    void browseClassMap();
    void browseRoot();
    void addFolder();
    void addFiles();
    void importProgress(int source, const QString &phase, qint64 done, qint64 total);
    void importDone(const QList<ImportOutcome> &outcomes);
    void saveReportAs();
    pulc::dataset::ImportFormat effectiveFormat(int index) const;
    /// Why the sources as a whole cannot be imported now, or an empty string.
    QString blockingProblem() const;

    ProjectSession *m_session;
    std::vector<Source> m_sources;
    int m_current = -1;
    bool m_loadingOptions = false;
    Stage m_stage = Stage::Setup;
    ImportJob *m_importJob;
    QList<ImportOutcome> m_outcomes;

    QStackedWidget *m_pages;
    QListWidget *m_sourceList;
    QPushButton *m_removeButton;
    QComboBox *m_format;
    QLabel *m_detected;
    QLineEdit *m_classMap;
    QPushButton *m_classMapBrowse;
    QLineEdit *m_root;
    QPushButton *m_rootBrowse;
    QComboBox *m_split;
    QCheckBox *m_copy;
    ImportPreviewView *m_preview;
    QLabel *m_status;
    QLabel *m_progressSource;
    QLabel *m_progressPhase;
    QProgressBar *m_progressBar;
    ImportReportView *m_report;
    QPushButton *m_importButton;
    QPushButton *m_cancelButton;
    QPushButton *m_saveButton;
    QPushButton *m_closeButton;
};

} // namespace pulc::ui
