#include "ui/data/labeling.h"

#include "ui/project/editcommands.h"
#include "ui/project/projectsession.h"

#include <QKeyEvent>
#include <QUndoStack>

#include <algorithm>

namespace pulc::ui {

using pulc::dataset::LabelMode;

QString labelingKey(int position)
{
    if (position < 0 || position > 9)
        return {};
    return QString::number((position + 1) % 10);
}

int labelingKeyPosition(const QKeyEvent *event)
{
    const Qt::KeyboardModifiers blocking = Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier;
    if (event->modifiers() & blocking)
        return -1;
    const int key = event->key();
    if (key < Qt::Key_0 || key > Qt::Key_9)
        return -1;
    return key == Qt::Key_0 ? 9 : key - Qt::Key_1;
}

bool labelSamples(ProjectSession *session, const std::vector<qint64> &ids, qint64 classId)
{
    if (ids.empty() || !session->classById(classId))
        return false;
    const auto &rows = session->rows();
    auto has = [&](qint64 id) {
        const int r = session->rowIndex(id);
        if (r < 0)
            return true; // gone: nothing to change on it
        const auto &labels = rows[size_t(r)].classIds;
        return std::find(labels.begin(), labels.end(), classId) != labels.end();
    };
    if (session->info().task == pulc::dataset::TaskType::MultiLabel) {
        const bool all = std::all_of(ids.begin(), ids.end(), has);
        session->undoStack()->push(
            new LabelCommand(session, ids, all ? LabelMode::Remove : LabelMode::Add, classId));
        return true;
    }
    const bool already = std::all_of(ids.begin(), ids.end(), [&](qint64 id) {
        const int r = session->rowIndex(id);
        return r < 0 || rows[size_t(r)].classIds == std::vector<qint64>{classId};
    });
    if (already)
        return false;
    session->undoStack()->push(new LabelCommand(session, ids, LabelMode::Replace, classId));
    return true;
}

bool labelSamplesByPosition(ProjectSession *session, const std::vector<qint64> &ids, int position)
{
    const auto &classes = session->classes();
    if (position < 0 || position >= classes.size())
        return false;
    return labelSamples(session, ids, classes.at(position).id);
}

} // namespace pulc::ui
