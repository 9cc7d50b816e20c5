#include "ui/project/editcommands.h"

#include "ui/project/projectsession.h"

#include <dataset/project.h>

#include <QCoreApplication>

namespace pulc::ui {
namespace {

/// Gives the command texts a translation context lupdate can see.
class Text
{
    Q_DECLARE_TR_FUNCTIONS(EditCommands)
};

QString className(ProjectSession *session, qint64 classId)
{
    const auto *c = session->classById(classId);
    return c ? c->name : QString();
}

QString splitName(pulc::dataset::Split split)
{
    switch (split) {
    case pulc::dataset::Split::Train:
        return Text::tr("train");
    case pulc::dataset::Split::Val:
        return Text::tr("validation");
    case pulc::dataset::Split::Test:
        return Text::tr("test");
    case pulc::dataset::Split::Unassigned:
        return Text::tr("no split");
    }
    return {};
}

} // namespace

LabelCommand::LabelCommand(ProjectSession *session, std::vector<qint64> ids,
                           pulc::dataset::LabelMode mode, qint64 classId)
    : m_session(session)
    , m_ids(std::move(ids))
    , m_mode(mode)
    , m_classId(classId)
    , m_before(session->labelsOf(m_ids))
{
    const int n = int(m_ids.size());
    const QString name = className(session, classId);
    switch (mode) {
    case pulc::dataset::LabelMode::Replace:
        setText(Text::tr("Label %n image(s) “%1”", nullptr, n).arg(name));
        break;
    case pulc::dataset::LabelMode::Add:
        setText(Text::tr("Add “%1” to %n image(s)", nullptr, n).arg(name));
        break;
    case pulc::dataset::LabelMode::Remove:
        setText(Text::tr("Remove “%1” from %n image(s)", nullptr, n).arg(name));
        break;
    case pulc::dataset::LabelMode::Clear:
        setText(Text::tr("Clear the labels of %n image(s)", nullptr, n));
        break;
    }
}

void LabelCommand::redo()
{
    m_session->applyLabel(m_ids, m_mode, m_classId);
}

void LabelCommand::undo()
{
    m_session->restoreLabels(m_before);
}

SplitCommand::SplitCommand(ProjectSession *session, std::vector<qint64> ids,
                           pulc::dataset::Split split)
    : m_session(session)
    , m_ids(std::move(ids))
    , m_split(split)
    , m_before(session->splitsOf(m_ids))
{
    setText(Text::tr("Move %n image(s) to %1", nullptr, int(m_ids.size())).arg(splitName(split)));
}

void SplitCommand::redo()
{
    m_session->setSplit(m_ids, m_split);
}

void SplitCommand::undo()
{
    m_session->restoreSplits(m_before);
}

RemoveCommand::RemoveCommand(ProjectSession *session, std::vector<qint64> ids, bool remove)
    : m_session(session)
    , m_remove(remove)
{
    // Only the samples this changes: undo must not restore one that was removed before.
    for (qint64 id : ids) {
        const int i = session->rowIndex(id);
        if (i >= 0 && session->rows()[size_t(i)].removed != remove)
            m_ids.push_back(id);
    }
    setText(remove ? Text::tr("Remove %n image(s)", nullptr, int(m_ids.size()))
                   : Text::tr("Restore %n image(s)", nullptr, int(m_ids.size())));
}

void RemoveCommand::redo()
{
    m_session->setRemoved(m_ids, m_remove);
}

void RemoveCommand::undo()
{
    m_session->setRemoved(m_ids, !m_remove);
}

AddClassCommand::AddClassCommand(ProjectSession *session, const QString &name)
    : m_session(session)
{
    const int n = int(session->classes().size());
    int position = 0;
    for (const auto &c : session->classes())
        position = std::max(position, c.position + 1);
    m_class.info = {session->nextClassId(), name.trimmed(), position, pulc::dataset::classColor(n)};
    setText(Text::tr("Add class “%1”").arg(m_class.info.name));
}

void AddClassCommand::redo()
{
    m_session->insertClass(m_class);
}

void AddClassCommand::undo()
{
    m_session->deleteClass(m_class.info.id);
}

RenameClassCommand::RenameClassCommand(ProjectSession *session, qint64 classId,
                                       const QString &newName)
    : m_session(session)
    , m_classId(classId)
    , m_old(className(session, classId))
    , m_new(newName.trimmed())
{
    setText(Text::tr("Rename class “%1” to “%2”").arg(m_old, m_new));
}

void RenameClassCommand::redo()
{
    m_session->renameClass(m_classId, m_new);
}

void RenameClassCommand::undo()
{
    m_session->renameClass(m_classId, m_old);
}

ClassColorCommand::ClassColorCommand(ProjectSession *session, qint64 classId, const QString &color)
    : m_session(session)
    , m_classId(classId)
    , m_new(color)
{
    if (const auto *c = session->classById(classId))
        m_old = c->color;
    setText(Text::tr("Change the color of “%1”").arg(className(session, classId)));
}

void ClassColorCommand::redo()
{
    m_session->setClassColor(m_classId, m_new);
}

void ClassColorCommand::undo()
{
    m_session->setClassColor(m_classId, m_old);
}

DeleteClassCommand::DeleteClassCommand(ProjectSession *session, qint64 classId)
    : m_session(session)
    , m_class(session->classSnapshot(classId))
{
    setText(Text::tr("Delete class “%1”").arg(m_class.info.name));
}

void DeleteClassCommand::redo()
{
    m_session->deleteClass(m_class.info.id);
}

void DeleteClassCommand::undo()
{
    m_session->insertClass(m_class);
}

MergeClassesCommand::MergeClassesCommand(ProjectSession *session, qint64 fromId, qint64 intoId)
    : m_session(session)
    , m_from(session->classSnapshot(fromId))
    , m_labels(session->labelsOf(m_from.sampleIds))
    , m_intoId(intoId)
{
    setText(Text::tr("Merge “%1” into “%2”").arg(m_from.info.name, className(session, intoId)));
}

void MergeClassesCommand::redo()
{
    m_session->mergeClasses(m_from.info.id, m_intoId);
}

void MergeClassesCommand::undo()
{
    m_session->unmergeClasses(m_from, m_labels);
}

ReorderClassesCommand::ReorderClassesCommand(ProjectSession *session,
                                             std::vector<qint64> orderedIds)
    : m_session(session)
    , m_new(std::move(orderedIds))
{
    for (const auto &c : session->classes())
        m_old.push_back(c.id);
    setText(Text::tr("Reorder classes"));
}

void ReorderClassesCommand::redo()
{
    m_session->setClassOrder(m_new);
}

void ReorderClassesCommand::undo()
{
    m_session->setClassOrder(m_old);
}

} // namespace pulc::ui
