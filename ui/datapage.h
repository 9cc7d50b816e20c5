#pragma once

#include <QList>
#include <QWidget>

class QAction;
class QLabel;
class QListWidget;
class QStackedWidget;
class QTableView;

namespace pulc::ui {

class ClassTableModel;
class ProjectSession;

/// The Data page: what the project holds (classes and their counts per split, totals and the
/// dataset's warnings), or a start screen with the project actions when none is open.
/// Reads only the session's snapshot, never the database. GUI thread.
class DataPage : public QWidget
{
    Q_OBJECT

public:
    /// `startActions` become buttons on the start screen (New, Open, Create Demo…).
    DataPage(ProjectSession *session, const QList<QAction *> &startActions,
             QWidget *parent = nullptr);

    ClassTableModel *classModel() const { return m_classModel; }

private:
    QWidget *createStartScreen(const QList<QAction *> &actions);
    QWidget *createProjectView();
    void showProject();
    void showStats();
    void showLoading(bool loading);

    ProjectSession *m_session;
    ClassTableModel *m_classModel;
    QStackedWidget *m_stack = nullptr;
    QWidget *m_startScreen = nullptr;
    QWidget *m_projectView = nullptr;
    QLabel *m_nameLabel = nullptr;
    QLabel *m_detailLabel = nullptr;
    QLabel *m_loadingLabel = nullptr;
    QTableView *m_classTable = nullptr;
    QLabel *m_totalsLabel = nullptr;
    QListWidget *m_warnings = nullptr;
};

} // namespace pulc::ui
