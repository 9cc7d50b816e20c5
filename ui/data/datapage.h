#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QSplitter;
class QStackedWidget;
class QTabWidget;

namespace pulc::ui {

class AttributePanel;
class ClassBalanceChart;
class ClassPanel;
class ClassTableModel;
class ProjectSession;
class SampleBrowser;

/// The Data page: the class panel (left), the filterable thumbnail grid where images are
/// labeled (centre), the attribute checkboxes of multi-label projects (right), and the class
/// balance chart with the dataset's warnings (below the classes); or a start screen with the
/// project actions when no project is open. Reads only the session's memory, never the
/// database; edits go through its undo stack. GUI thread.
class DataPage : public QWidget
{
    Q_OBJECT

public:
    /// `startActions` become buttons on the start screen (New, Open, Create Demo…).
    DataPage(ProjectSession *session, const QList<QAction *> &startActions,
             QWidget *parent = nullptr);

    ClassTableModel *classModel() const;
    ClassPanel *classPanel() const { return m_classPanel; }
    SampleBrowser *browser() const { return m_browser; }
    AttributePanel *attributePanel() const { return m_attributes; }
    ClassBalanceChart *chart() const { return m_chart; }

    /// Reads the view preferences again (thumbnail size, auto-advance): connect it to
    /// PreferencesDialog::applied.
    void applyViewSettings();

private:
    QWidget *createStartScreen(const QList<QAction *> &actions);
    QWidget *createProjectView();
    void showProject();
    void showStats();
    void showLoading(bool loading);

    ProjectSession *m_session;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_startScreen = nullptr;
    QWidget *m_projectView = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_detailLabel = nullptr;
    QLabel *m_loadingLabel = nullptr;
    ClassPanel *m_classPanel = nullptr;
    SampleBrowser *m_browser = nullptr;
    AttributePanel *m_attributes = nullptr;
    ClassBalanceChart *m_chart = nullptr;
    QTabWidget *m_statsTabs = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QListWidget *m_warnings = nullptr;
};

} // namespace pulc::ui
