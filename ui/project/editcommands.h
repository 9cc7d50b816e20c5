#pragma once

#include <dataset/edits.h>

#include <QString>
#include <QUndoCommand>

#include <vector>

namespace pulc::ui {

class ProjectSession;

// Every user edit of a project is one of these commands on the session's undo stack
// (docs/architecture.md, 'Data and edits'). Each captures what it changes from the session's memory
// when it is made, so undo restores exactly; the session writes each step to SQLite in one
// transaction. GUI thread.

/// Sets, adds or removes a class on samples, or clears their labels.
class LabelCommand : public QUndoCommand
{
public:
    LabelCommand(ProjectSession *session, std::vector<qint64> sampleIds,
                 pulc::dataset::LabelMode mode, qint64 classId);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    std::vector<qint64> m_ids;
    pulc::dataset::LabelMode m_mode;
    qint64 m_classId;
    pulc::dataset::LabelSnapshot m_before;
};

/// Moves samples to a split.
class SplitCommand : public QUndoCommand
{
public:
    SplitCommand(ProjectSession *session, std::vector<qint64> sampleIds,
                 pulc::dataset::Split split);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    std::vector<qint64> m_ids;
    pulc::dataset::Split m_split;
    pulc::dataset::SplitSnapshot m_before;
};

/// Removes samples from the dataset (kept, restorable) or restores removed ones. Samples already
/// in the wanted state are left out, so undo puts back exactly what the command changed.
class RemoveCommand : public QUndoCommand
{
public:
    RemoveCommand(ProjectSession *session, std::vector<qint64> sampleIds, bool remove);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    std::vector<qint64> m_ids;
    bool m_remove;
};

/// Adds a class at the end of the list. Check the name with classNameProblem() first.
class AddClassCommand : public QUndoCommand
{
public:
    AddClassCommand(ProjectSession *session, const QString &name);
    void redo() override;
    void undo() override;
    qint64 classId() const { return m_class.info.id; }

private:
    ProjectSession *m_session;
    pulc::dataset::ClassSnapshot m_class;
};

/// Renames a class. Check the name with classNameProblem() first.
class RenameClassCommand : public QUndoCommand
{
public:
    RenameClassCommand(ProjectSession *session, qint64 classId, const QString &newName);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    qint64 m_classId;
    QString m_old;
    QString m_new;
};

/// Changes a class's colour.
class ClassColorCommand : public QUndoCommand
{
public:
    ClassColorCommand(ProjectSession *session, qint64 classId, const QString &color);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    qint64 m_classId;
    QString m_old;
    QString m_new;
};

/// Deletes a class and its labels; undo brings both back.
class DeleteClassCommand : public QUndoCommand
{
public:
    DeleteClassCommand(ProjectSession *session, qint64 classId);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    pulc::dataset::ClassSnapshot m_class;
};

/// Merges one class into another.
class MergeClassesCommand : public QUndoCommand
{
public:
    MergeClassesCommand(ProjectSession *session, qint64 fromId, qint64 intoId);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    pulc::dataset::ClassSnapshot m_from;
    pulc::dataset::LabelSnapshot m_labels;
    qint64 m_intoId;
};

/// Changes the display order of the classes.
class ReorderClassesCommand : public QUndoCommand
{
public:
    ReorderClassesCommand(ProjectSession *session, std::vector<qint64> orderedIds);
    void redo() override;
    void undo() override;

private:
    ProjectSession *m_session;
    std::vector<qint64> m_old;
    std::vector<qint64> m_new;
};

} // namespace pulc::ui
