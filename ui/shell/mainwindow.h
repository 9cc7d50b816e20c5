#pragma once

#include <QMainWindow>
#include <QStringList>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressDialog;
class QStackedWidget;

namespace pulc::ui {

class DataPage;
class EvaluatePage;
class PredictPage;
class ExportPage;
class ProjectRuns;
class TrainPage;
class DemoProjectJob;
class ProjectSession;

/// The application window: navigation through the pages in work order (Data, Train,
/// Evaluate, Predict, Export), the File, Edit and Help menus, and a status bar with the
/// project's counts. Edits are saved as they are made (ProjectSession's writer), so there is no
/// Save and no "modified" mark; closing waits for the writes still queued. Folders and files
/// dropped on the window open the import dialog. Long work (reading statistics, creating the
/// demo, importing) runs in workers. GUI thread.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    /// The pages of the navigation, in the order of the work.
    enum class Page { Data, Train, Evaluate, Predict, Export };

    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ProjectSession *session() const { return m_session; }
    DataPage *dataPage() const { return m_dataPage; }
    TrainPage *trainPage() const { return m_trainPage; }
    EvaluatePage *evaluatePage() const { return m_evaluatePage; }
    PredictPage *predictPage() const { return m_predictPage; }
    ExportPage *exportPage() const { return m_exportPage; }
    ProjectRuns *runs() const { return m_runs; }
    void showPage(Page page);
    Page currentPage() const;

public Q_SLOTS:
    /// Opens the project in `dirOrFile` (its folder or project.pulc) in the background; errors
    /// are shown in a message box and the current project stays.
    void openProject(const QString &dirOrFile);
    /// Opens the import dialog for these folders and files; without a project, offers to
    /// create one first and imports into it once it is open.
    void importPaths(const QStringList &paths);

protected:
    void closeEvent(QCloseEvent *event) override;
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dragMoveEvent(QDragMoveEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createPages();
    void newProject();
    void chooseProject();
    void chooseImportFolder();
    void chooseImportFiles();
    void offerNewProjectFor(const QStringList &paths);
    void showPreferences();
    void showEditError(const QString &error);
    void updateActions();
    void createDemoProject();
    void demoFinished(const QString &dir, const QString &error, bool cancelled);
    void fillRecentMenu();
    void projectOpened(const QString &dir);
    void updateStatusBar();
    void updateTitle();
    void showError(const QString &title, const QString &message, const QString &detail);

    ProjectSession *m_session;
    ProjectRuns *m_runs;
    TrainPage *m_trainPage = nullptr;
    EvaluatePage *m_evaluatePage = nullptr;
    PredictPage *m_predictPage = nullptr;
    ExportPage *m_exportPage = nullptr;
    DemoProjectJob *m_demoJob = nullptr;
    QProgressDialog *m_demoProgress = nullptr;
    QListWidget *m_navigation = nullptr;
    QStackedWidget *m_pages = nullptr;
    DataPage *m_dataPage = nullptr;
    QLabel *m_countsLabel = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_newAction = nullptr;
    QAction *m_openAction = nullptr;
    QAction *m_demoAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_importFolderAction = nullptr;
    QAction *m_importFilesAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_redoAction = nullptr;
    QAction *m_preferencesAction = nullptr;
    /// Paths dropped before a project was open, imported once the new project opens.
    QStringList m_pendingImport;
    /// A write failed since the writer was last idle: do not claim "Saved".
    bool m_editFailed = false;
    QAction *m_aboutAction = nullptr;
};

} // namespace pulc::ui
