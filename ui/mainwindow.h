#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QProgressDialog;
class QStackedWidget;

namespace pulc::ui {

class DataPage;
class DemoProjectJob;
class ProjectSession;

/// The application window: navigation through the pages in work order (Data, Train,
/// Evaluate, Predict, Export), the File and Help menus, and a status bar with the project's
/// counts. Long work (reading statistics, creating the demo) runs in workers. GUI thread.
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
    void showPage(Page page);
    Page currentPage() const;

public Q_SLOTS:
    /// Opens the project in `dirOrFile` (its folder or project.pulc) in the background; errors
    /// are shown in a message box and the current project stays.
    void openProject(const QString &dirOrFile);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenus();
    void createPages();
    void newProject();
    void chooseProject();
    void createDemoProject();
    void demoFinished(const QString &dir, const QString &error, bool cancelled);
    void fillRecentMenu();
    void projectOpened(const QString &dir);
    void updateStatusBar();
    void updateTitle();
    void showError(const QString &title, const QString &message, const QString &detail);

    ProjectSession *m_session;
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
    QAction *m_aboutAction = nullptr;
};

} // namespace pulc::ui
