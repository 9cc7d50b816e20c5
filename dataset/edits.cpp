#include "edits.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

namespace pulc::dataset {
namespace {

Status execBound(QSqlQuery &q)
{
    if (!q.exec())
        return Status::failure(q.lastError().text());
    return Status::success();
}

/// "?, ?, ?" for an IN list of n items (SQLite's default limit is 32766 variables).
constexpr size_t kChunk = 500;

QString placeholders(size_t n)
{
    QStringList p;
    p.reserve(qsizetype(n));
    for (size_t i = 0; i < n; ++i)
        p << QStringLiteral("?");
    return p.join(QLatin1Char(','));
}

/// Calls f(chunkOfIds) for each chunk of at most kChunk ids.
template<class F> Status forChunks(const std::vector<qint64> &ids, F &&f)
{
    for (size_t start = 0; start < ids.size(); start += kChunk) {
        const size_t end = std::min(ids.size(), start + kChunk);
        if (Status s = f(
                std::vector<qint64>(ids.begin() + qsizetype(start), ids.begin() + qsizetype(end)));
            !s)
            return s;
    }
    return Status::success();
}

Status execIn(QSqlDatabase &db, const QString &sqlWithIn, const std::vector<qint64> &ids,
              const QVariantList &leading = {})
{
    return forChunks(ids, [&](const std::vector<qint64> &chunk) {
        QSqlQuery q(db);
        q.prepare(QString(sqlWithIn).replace(QStringLiteral("(%IN%)"),
                                             QLatin1Char('(') + placeholders(chunk.size()) +
                                                 QLatin1Char(')')));
        for (const QVariant &v : leading)
            q.addBindValue(v);
        for (qint64 id : chunk)
            q.addBindValue(id);
        return execBound(q);
    });
}

/// Adds (sample, class) labels; a label already there is kept. One prepared statement.
Status addLabels(QSqlDatabase &db, const std::vector<std::pair<qint64, qint64>> &labels)
{
    QSqlQuery ins(db);
    ins.prepare(QStringLiteral("INSERT OR IGNORE INTO labels(sample_id, class_id) VALUES(?, ?)"));
    for (const auto &[sampleId, classId] : labels) {
        ins.bindValue(0, sampleId);
        ins.bindValue(1, classId);
        if (Status s = execBound(ins); !s)
            return s;
    }
    return Status::success();
}

/// Gives every sample in `sampleIds` the class `classId`.
Status addLabel(QSqlDatabase &db, const std::vector<qint64> &sampleIds, qint64 classId)
{
    std::vector<std::pair<qint64, qint64>> labels;
    labels.reserve(sampleIds.size());
    for (qint64 id : sampleIds)
        labels.emplace_back(id, classId);
    return addLabels(db, labels);
}

} // namespace

Result<LabelSnapshot> snapshotLabels(Project &project, const std::vector<qint64> &ids)
{
    LabelSnapshot snap;
    QHash<qint64, size_t> index;
    for (qint64 id : ids) {
        index.insert(id, snap.labels.size());
        snap.labels.push_back({id, {}});
    }
    Status s = forChunks(ids, [&](const std::vector<qint64> &chunk) {
        QSqlQuery q(project.database().db());
        q.prepare(QStringLiteral("SELECT sample_id, class_id FROM labels WHERE sample_id IN (%1)"
                                 " ORDER BY sample_id, class_id")
                      .arg(placeholders(chunk.size())));
        for (qint64 id : chunk)
            q.addBindValue(id);
        if (!q.exec())
            return Status::failure(q.lastError().text());
        while (q.next())
            snap.labels[index.value(q.value(0).toLongLong())].second.push_back(
                q.value(1).toLongLong());
        return Status::success();
    });
    if (!s)
        return Result<LabelSnapshot>::failure(s.error);
    return snap;
}

Status applyLabel(Project &project, const std::vector<qint64> &ids, LabelMode mode, qint64 classId)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        if (mode == LabelMode::Replace || mode == LabelMode::Clear) {
            if (Status s =
                    execIn(db, QStringLiteral("DELETE FROM labels WHERE sample_id IN (%IN%)"), ids);
                !s)
                return s;
        }
        if (mode == LabelMode::Remove)
            return execIn(
                db, QStringLiteral("DELETE FROM labels WHERE class_id = ? AND sample_id IN (%IN%)"),
                ids, {classId});
        if (mode == LabelMode::Clear)
            return Status::success();
        return addLabel(db, ids, classId);
    });
}

namespace {

Status restoreLabelsIn(QSqlDatabase &db, const LabelSnapshot &snap)
{
    std::vector<qint64> ids;
    for (const auto &[id, classes] : snap.labels)
        ids.push_back(id);
    if (Status s = execIn(db, QStringLiteral("DELETE FROM labels WHERE sample_id IN (%IN%)"), ids);
        !s)
        return s;
    std::vector<std::pair<qint64, qint64>> labels;
    for (const auto &[id, classes] : snap.labels)
        for (qint64 c : classes)
            labels.emplace_back(id, c);
    return addLabels(db, labels);
}

Status restoreClassIn(QSqlDatabase &db, const ClassSnapshot &snap)
{
    QSqlQuery shift(db);
    shift.prepare(QStringLiteral("UPDATE classes SET position = position + 1 WHERE position >= ?"));
    shift.addBindValue(snap.info.position);
    if (Status s = execBound(shift); !s)
        return s;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO classes(id, name, position, color) VALUES(?, ?, ?, ?)"));
    q.addBindValue(snap.info.id);
    q.addBindValue(snap.info.name);
    q.addBindValue(snap.info.position);
    q.addBindValue(snap.info.color);
    if (Status s = execBound(q); !s)
        return s;
    return addLabel(db, snap.sampleIds, snap.info.id);
}

} // namespace

Status restoreLabels(Project &project, const LabelSnapshot &snap)
{
    return inTransaction(project, [&](QSqlDatabase &db) { return restoreLabelsIn(db, snap); });
}

Result<SplitSnapshot> snapshotSplits(Project &project, const std::vector<qint64> &ids)
{
    SplitSnapshot snap;
    Status s = forChunks(ids, [&](const std::vector<qint64> &chunk) {
        QSqlQuery q(project.database().db());
        q.prepare(QStringLiteral("SELECT id, split FROM samples WHERE id IN (%1)")
                      .arg(placeholders(chunk.size())));
        for (qint64 id : chunk)
            q.addBindValue(id);
        if (!q.exec())
            return Status::failure(q.lastError().text());
        while (q.next())
            snap.splits.push_back(
                {q.value(0).toLongLong(),
                 splitFromString(q.value(1).toString()).value_or(Split::Unassigned)});
        return Status::success();
    });
    if (!s)
        return Result<SplitSnapshot>::failure(s.error);
    return snap;
}

Status setSplit(Project &project, const std::vector<qint64> &ids, Split split)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        return execIn(db, QStringLiteral("UPDATE samples SET split = ? WHERE id IN (%IN%)"), ids,
                      {toString(split)});
    });
}

Status restoreSplits(Project &project, const SplitSnapshot &snap)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE samples SET split = ? WHERE id = ?"));
        for (const auto &[id, split] : snap.splits) {
            q.bindValue(0, toString(split));
            q.bindValue(1, id);
            if (Status s = execBound(q); !s)
                return s;
        }
        return Status::success();
    });
}

Status setRemoved(Project &project, const std::vector<qint64> &ids, bool removed)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        return execIn(db, QStringLiteral("UPDATE samples SET removed = ? WHERE id IN (%IN%)"), ids,
                      {removed ? 1 : 0});
    });
}

Result<ClassInfo> addClass(Project &project, const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Result<ClassInfo>::failure(QStringLiteral("a class name cannot be empty"));
    for (const ClassInfo &c : project.classes()) {
        if (c.name == trimmed)
            return Result<ClassInfo>::failure(
                QStringLiteral("a class named '%1' already exists").arg(trimmed));
    }
    if (project.info().task == TaskType::Binary && project.classes().size() >= 2)
        return Result<ClassInfo>::failure(
            QStringLiteral("a binary project has exactly two classes"));
    qint64 id = 0;
    Status s = inTransaction(project, [&](QSqlDatabase &) {
        auto r = project.ensureClass(trimmed);
        if (!r)
            return Status::failure(r.error());
        id = *r;
        return Status::success();
    });
    if (!s)
        return Result<ClassInfo>::failure(s.error);
    for (const ClassInfo &c : project.classes()) {
        if (c.id == id)
            return c;
    }
    return Result<ClassInfo>::failure(
        QStringLiteral("class '%1' vanished after adding it").arg(trimmed));
}

Status renameClass(Project &project, qint64 classId, const QString &newName)
{
    const QString trimmed = newName.trimmed();
    if (trimmed.isEmpty())
        return Status::failure(QStringLiteral("a class name cannot be empty"));
    for (const ClassInfo &c : project.classes()) {
        if (c.name == trimmed && c.id != classId)
            return Status::failure(
                QStringLiteral("a class named '%1' already exists").arg(trimmed));
    }
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE classes SET name = ? WHERE id = ?"));
        q.addBindValue(trimmed);
        q.addBindValue(classId);
        return execBound(q);
    });
}

Status setClassColor(Project &project, qint64 classId, const QString &color)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE classes SET color = ? WHERE id = ?"));
        q.addBindValue(color);
        q.addBindValue(classId);
        return execBound(q);
    });
}

Status reorderClasses(Project &project, const std::vector<qint64> &orderedIds)
{
    if (orderedIds.size() != size_t(project.classes().size()))
        return Status::failure(QStringLiteral("the new order must list every class once"));
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE classes SET position = ? WHERE id = ?"));
        for (size_t i = 0; i < orderedIds.size(); ++i) {
            q.bindValue(0, int(i));
            q.bindValue(1, orderedIds[i]);
            if (Status s = execBound(q); !s)
                return s;
        }
        return Status::success();
    });
}

Result<ClassSnapshot> snapshotClass(Project &project, qint64 classId)
{
    ClassSnapshot snap;
    bool found = false;
    for (const ClassInfo &c : project.classes()) {
        if (c.id == classId) {
            snap.info = c;
            found = true;
        }
    }
    if (!found)
        return Result<ClassSnapshot>::failure(QStringLiteral("no class with id %1").arg(classId));
    QSqlQuery q(project.database().db());
    q.prepare(QStringLiteral("SELECT sample_id FROM labels WHERE class_id = ? ORDER BY sample_id"));
    q.addBindValue(classId);
    if (!q.exec())
        return Result<ClassSnapshot>::failure(q.lastError().text());
    while (q.next())
        snap.sampleIds.push_back(q.value(0).toLongLong());
    return snap;
}

namespace {

/// Deletes a class (its labels go by ON DELETE CASCADE) and closes the gap in the positions,
/// so delete + restore leaves the numbering as it was.
Status deleteClassIn(QSqlDatabase &db, qint64 classId)
{
    QSqlQuery shift(db);
    shift.prepare(QStringLiteral("UPDATE classes SET position = position - 1"
                                 " WHERE position > (SELECT position FROM classes WHERE id = ?)"));
    shift.addBindValue(classId);
    if (Status s = execBound(shift); !s)
        return s;
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM classes WHERE id = ?"));
    q.addBindValue(classId);
    return execBound(q);
}

} // namespace

Status deleteClass(Project &project, qint64 classId)
{
    return inTransaction(project, [&](QSqlDatabase &db) { return deleteClassIn(db, classId); });
}

Status restoreClass(Project &project, const ClassSnapshot &snap)
{
    return inTransaction(project, [&](QSqlDatabase &db) { return restoreClassIn(db, snap); });
}

Status unmergeClasses(Project &project, const ClassSnapshot &from, const LabelSnapshot &labels)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        if (Status s = restoreClassIn(db, from); !s)
            return s;
        return restoreLabelsIn(db, labels);
    });
}

Status mergeClasses(Project &project, qint64 fromId, qint64 intoId)
{
    if (fromId == intoId)
        return Status::failure(QStringLiteral("cannot merge a class into itself"));
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery move(db);
        move.prepare(QStringLiteral("INSERT OR IGNORE INTO labels(sample_id, class_id)"
                                    " SELECT sample_id, ? FROM labels WHERE class_id = ?"));
        move.addBindValue(intoId);
        move.addBindValue(fromId);
        if (Status s = execBound(move); !s)
            return s;
        return deleteClassIn(db, fromId);
    });
}

} // namespace pulc::dataset
