#include "modelfiles.h"

#include "database.h"

#include <QDateTime>
#include <QDir>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace pulc::dataset {
namespace {

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

} // namespace

QString ModelFileRecord::role() const
{
    return info.value(QStringLiteral("role")).toString();
}

Result<qint64> addModelFile(Project &project, std::optional<qint64> runId, const QString &format,
                            const QString &path, const QJsonObject &info)
{
    if (format.trimmed().isEmpty())
        return Result<qint64>::failure(
            QStringLiteral("%1: a weights file needs a format (e.g. pdparams)").arg(path));
    if (path.isEmpty())
        return Result<qint64>::failure(QStringLiteral("a weights file needs a path"));
    // A relative path would mean a different file depending on the current folder.
    if (!QDir::isAbsolutePath(path))
        return Result<qint64>::failure(
            QStringLiteral("%1: expected an absolute path for a weights file").arg(path));
    qint64 id = 0;
    Status s = inTransaction(project, [&](QSqlDatabase &db) {
        if (runId) {
            // Checked here rather than left to the foreign key, to say which run is missing.
            QSqlQuery check(db);
            check.prepare(QStringLiteral("SELECT 1 FROM runs WHERE id = ?"));
            check.addBindValue(*runId);
            if (!check.exec())
                return Status::failure(check.lastError().text());
            if (!check.next())
                return Status::failure(
                    QStringLiteral("no run %1 in project %2").arg(*runId).arg(project.dir()));
        }
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO models(run_id, format, path, created_at, info) VALUES(?, ?, ?, ?, ?)"));
        q.addBindValue(runId ? QVariant(*runId) : QVariant()); // QVariant(): NULL
        q.addBindValue(format.trimmed());
        q.addBindValue(project.storedPath(path));
        q.addBindValue(nowUtc());
        q.addBindValue(QString::fromUtf8(QJsonDocument(info).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return Status::failure(QStringLiteral("%1: cannot record the weights file: %2")
                                       .arg(path, q.lastError().text()));
        id = q.lastInsertId().toLongLong();
        return Status::success();
    });
    if (!s)
        return Result<qint64>::failure(s.error);
    return id;
}

Result<std::vector<ModelFileRecord>> listModelFiles(Project &project)
{
    QSqlQuery q(project.database().db());
    if (!q.exec(QStringLiteral(
            "SELECT id, run_id, format, path, created_at, info FROM models ORDER BY id")))
        return Result<std::vector<ModelFileRecord>>::failure(q.lastError().text());
    std::vector<ModelFileRecord> out;
    while (q.next()) {
        ModelFileRecord r;
        r.id = q.value(0).toLongLong();
        if (!q.value(1).isNull())
            r.runId = q.value(1).toLongLong();
        r.format = q.value(2).toString();
        r.path = q.value(3).toString();
        r.createdAt = q.value(4).toString();
        const QJsonDocument doc = QJsonDocument::fromJson(q.value(5).toString().toUtf8());
        if (doc.isObject())
            r.info = doc.object();
        out.push_back(std::move(r));
    }
    return out;
}

Status removeModelFile(Project &project, qint64 id)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral("DELETE FROM models WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            return Status::failure(q.lastError().text());
        if (q.numRowsAffected() == 0)
            return Status::failure(QStringLiteral("no weights file record %1 in project %2")
                                       .arg(id)
                                       .arg(project.dir()));
        return Status::success();
    });
}

} // namespace pulc::dataset
