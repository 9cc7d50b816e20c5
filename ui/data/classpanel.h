#pragma once

#include <QWidget>

#include <optional>

class QAction;
class QMimeData;
class QTableView;

namespace pulc::ui {

class ClassTableModel;
class ProjectSession;

/// The class list beside the grid: colour, labeling key and counts per split of each class,
/// with add, rename, recolour, reorder, merge and delete (each an undoable command). Clicking a
/// class asks the grid to show it; dropping grid images on a class labels them. GUI thread.
class ClassPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ClassPanel(ProjectSession *session, QWidget *parent = nullptr);

    ClassTableModel *model() const { return m_model; }
    QTableView *table() const { return m_table; }
    /// The selected class, if any.
    std::optional<qint64> currentClassId() const;

    /// Labels the samples a grid drag carries with the class at `row` (replacing their labels
    /// in single-label and binary projects, adding the class in multi-label ones). Returns
    /// false when `mime` carries no samples or `row` is no class.
    bool dropSamples(const QMimeData *mime, int row);

    bool eventFilter(QObject *watched, QEvent *event) override;

Q_SIGNALS:
    /// The user clicked a class: show its images.
    void classClicked(qint64 classId);

private:
    void refresh();
    void updateActions();
    void addClass();
    void renameClass();
    void recolorClass();
    void deleteClass();
    void mergeClass();
    void moveClass(int delta);
    void selectClass(qint64 classId);

    ProjectSession *m_session;
    ClassTableModel *m_model;
    QTableView *m_table;
    QAction *m_add;
    QAction *m_rename;
    QAction *m_color;
    QAction *m_up;
    QAction *m_down;
    QAction *m_merge;
    QAction *m_delete;
};

} // namespace pulc::ui
