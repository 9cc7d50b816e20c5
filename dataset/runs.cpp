#include "runs.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>
#include <QVariant>

#include <algorithm>
#include <cmath>
#include <utility>

namespace pulc::dataset {
namespace {

const QString kColumns = QStringLiteral(
    "id, name, scene, model, config, status, dir, created_at, started_at, finished_at,"
    " best_epoch, main_metric, best_value, teacher_run");

QString nowUtc()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
}

Status execBound(QSqlQuery &q)
{
    if (!q.exec())
        return Status::failure(q.lastError().text());
    return Status::success();
}

template<class T> std::optional<T> optionalValue(const QVariant &v)
{
    if (v.isNull())
        return std::nullopt;
    return v.value<T>();
}

RunRecord recordFrom(const QSqlQuery &q)
{
    RunRecord r;
    r.id = q.value(0).toLongLong();
    r.name = q.value(1).toString();
    r.scene = q.value(2).toString();
    r.model = q.value(3).toString();
    r.config = q.value(4).toString();
    r.status = q.value(5).toString();
    r.dir = q.value(6).toString();
    r.createdAt = q.value(7).toString();
    r.startedAt = optionalValue<QString>(q.value(8));
    r.finishedAt = optionalValue<QString>(q.value(9));
    r.bestEpoch = optionalValue<int>(q.value(10));
    r.mainMetric = optionalValue<QString>(q.value(11));
    r.bestValue = optionalValue<double>(q.value(12));
    r.teacherRun = optionalValue<qint64>(q.value(13));
    return r;
}

/// The runs matching `where` (a SQL condition with one placeholder), by id.
Result<std::vector<RunRecord>> selectRuns(Project &project, const QString &where,
                                          const QVariant &arg)
{
    QSqlQuery q(project.database().db());
    q.prepare(QStringLiteral("SELECT %1 FROM runs WHERE %2 ORDER BY id").arg(kColumns, where));
    if (arg.isValid())
        q.addBindValue(arg);
    if (!q.exec())
        return Result<std::vector<RunRecord>>::failure(q.lastError().text());
    std::vector<RunRecord> runs;
    while (q.next())
        runs.push_back(recordFrom(q));
    return runs;
}

Result<RunRecord> runById(Project &project, qint64 id)
{
    auto runs = selectRuns(project, QStringLiteral("id = ?"), id);
    if (!runs)
        return Result<RunRecord>::failure(runs.error());
    if (runs->empty())
        return Result<RunRecord>::failure(
            QStringLiteral("no run %1 in project %2").arg(id).arg(project.dir()));
    return runs->front();
}

bool isNumber(const QString &text)
{
    return !text.isEmpty() &&
           std::all_of(text.begin(), text.end(), [](QChar c) { return c.isDigit(); });
}

/// Fails unless `name` may name run `id` (0 for a new run): not empty, not a number (numbers
/// select runs by id in findRun), not used by another run.
Status checkName(QSqlDatabase &db, const QString &name, qint64 id)
{
    if (name.isEmpty())
        return Status::failure(QStringLiteral("a run name cannot be empty"));
    if (isNumber(name))
        return Status::failure(
            QStringLiteral("a run name cannot be a number ('%1'): numbers select runs by id")
                .arg(name));
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT id FROM runs WHERE name = ? AND id <> ?"));
    q.addBindValue(name);
    q.addBindValue(id);
    if (!q.exec())
        return Status::failure(q.lastError().text());
    if (q.next())
        return Status::failure(QStringLiteral("a run named '%1' already exists").arg(name));
    return Status::success();
}

/// The next run id: past every id in the table and every numeric folder under runs/, so a new
/// run never inherits files left by a run deleted outside the app.
Result<qint64> nextRunId(Project &project)
{
    QSqlQuery q(project.database().db());
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(id), 0) FROM runs")) || !q.next())
        return Result<qint64>::failure(q.lastError().text());
    qint64 highest = q.value(0).toLongLong();
    const QDir runs(project.dir() + QStringLiteral("/runs"));
    for (const QString &entry : runs.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (isNumber(entry))
            highest = std::max(highest, entry.toLongLong());
    }
    return highest + 1;
}

/// Runs one UPDATE of run `id` with `values` bound in order, failing when no row matched.
/// `check(db)` runs first in the same transaction, so what it verifies still holds at the write.
template<class Check>
Status updateRun(Project &project, qint64 id, const QString &assignments, QVariantList values,
                 Check &&check)
{
    return inTransaction(project, [&](QSqlDatabase &db) {
        if (Status c = check(db); !c)
            return c;
        QSqlQuery q(db);
        q.prepare(QStringLiteral("UPDATE runs SET %1 WHERE id = ?").arg(assignments));
        values << id;
        for (const QVariant &v : values)
            q.addBindValue(v);
        if (Status s = execBound(q); !s)
            return s;
        if (q.numRowsAffected() == 0)
            return Status::failure(
                QStringLiteral("no run %1 in project %2").arg(id).arg(project.dir()));
        return Status::success();
    });
}

Status updateRun(Project &project, qint64 id, const QString &assignments, QVariantList values)
{
    return updateRun(project, id, assignments, std::move(values),
                     [](QSqlDatabase &) { return Status::success(); });
}

} // namespace

Result<RunRecord> createRun(Project &project, const QString &name, const QString &scene,
                            const QString &model, const QString &configText)
{
    qint64 id = 0;
    QString absDir;
    bool madeDir = false;
    // The id is picked inside the write transaction: two writers cannot pick the same one.
    Status s = inTransaction(project, [&](QSqlDatabase &db) {
        auto next = nextRunId(project);
        if (!next)
            return Status::failure(next.error());
        id = *next;
        const QString runName =
            name.trimmed().isEmpty() ? QStringLiteral("run-%1").arg(id) : name.trimmed();
        if (Status c = checkName(db, runName, 0); !c)
            return c;
        const QString dir = QStringLiteral("runs/%1").arg(id);
        QSqlQuery q(db);
        q.prepare(QStringLiteral("INSERT INTO runs(id, name, scene, model, config, status, dir,"
                                 " created_at) VALUES(?, ?, ?, ?, ?, 'created', ?, ?)"));
        q.addBindValue(id);
        q.addBindValue(runName);
        q.addBindValue(scene.isEmpty() ? QStringLiteral("custom") : scene);
        q.addBindValue(model);
        q.addBindValue(configText.isEmpty() ? QStringLiteral("{}") : configText);
        q.addBindValue(dir);
        q.addBindValue(nowUtc());
        if (Status e = execBound(q); !e)
            return e;
        // The folder is made before the commit so a failure leaves neither row nor folder.
        absDir = project.absolutePath(dir);
        if (!QDir().mkpath(absDir))
            return Status::failure(QStringLiteral("%1: cannot create the run folder").arg(absDir));
        madeDir = true;
        return Status::success();
    });
    if (!s) {
        if (madeDir)
            QDir(absDir).removeRecursively();
        return Result<RunRecord>::failure(s.error);
    }
    return runById(project, id);
}

Status setRunStatus(Project &project, qint64 id, const QString &status)
{
    if (std::none_of(std::begin(kRunStatuses), std::end(kRunStatuses),
                     [&](const char *known) { return status == QLatin1String(known); }))
        return Status::failure(
            QStringLiteral("unknown run status '%1' (expected created, running, stopped, failed"
                           " or finished)")
                .arg(status));
    if (status == QLatin1String("running"))
        // A resumed run is no longer finished: its finish time is set again when it ends.
        return updateRun(project, id,
                         QStringLiteral("status = ?, started_at = COALESCE(started_at, ?),"
                                        " finished_at = NULL"),
                         {status, nowUtc()});
    if (status == QLatin1String("created"))
        return updateRun(project, id, QStringLiteral("status = ?"), {status});
    return updateRun(project, id, QStringLiteral("status = ?, finished_at = ?"),
                     {status, nowUtc()});
}

Status setRunBest(Project &project, qint64 id, int epoch, const QString &metric, double value)
{
    return updateRun(project, id, QStringLiteral("best_epoch = ?, main_metric = ?, best_value = ?"),
                     {epoch, metric, value});
}

Status setRunConfig(Project &project, qint64 id, const QString &configText)
{
    return updateRun(project, id, QStringLiteral("config = ?"), {configText});
}

Status addRunMetrics(Project &project, qint64 runId, const std::vector<RunMetric> &metrics)
{
    if (auto run = runById(project, runId); !run)
        return Status::failure(run.error());
    // SQLite stores NaN as NULL, which value's NOT NULL refuses: name the culprit instead of
    // letting the insert fail with a constraint message.
    for (const RunMetric &m : metrics) {
        if (std::isnan(m.value))
            return Status::failure(QStringLiteral("metric '%1' of run %2 at epoch %3 is NaN,"
                                                  " which a project cannot store")
                                       .arg(m.key)
                                       .arg(runId)
                                       .arg(m.epoch));
    }
    return inTransaction(project, [&](QSqlDatabase &db) {
        QSqlQuery q(db);
        q.prepare(QStringLiteral(
            "INSERT INTO run_metrics(run_id, epoch, step, key, value) VALUES(?, ?, ?, ?, ?)"));
        for (const RunMetric &m : metrics) {
            q.bindValue(0, runId);
            q.bindValue(1, m.epoch);
            q.bindValue(2, m.step);
            q.bindValue(3, m.key);
            q.bindValue(4, m.value);
            if (Status s = execBound(q); !s)
                return Status::failure(
                    QStringLiteral("metric '%1' of run %2: %3").arg(m.key).arg(runId).arg(s.error));
        }
        return Status::success();
    });
}

Result<std::vector<RunRecord>> listRuns(Project &project)
{
    return selectRuns(project, QStringLiteral("1"), QVariant());
}

Result<RunRecord> findRun(Project &project, const QString &idOrName)
{
    const QString key = idOrName.trimmed();
    auto runs = isNumber(key) ? selectRuns(project, QStringLiteral("id = ?"), key.toLongLong())
                              : selectRuns(project, QStringLiteral("name = ?"), key);
    if (!runs)
        return Result<RunRecord>::failure(runs.error());
    if (runs->empty())
        return Result<RunRecord>::failure(
            QStringLiteral("no run '%1' in project %2").arg(idOrName, project.dir()));
    return runs->front();
}

Result<std::vector<RunMetric>> runMetrics(Project &project, qint64 runId, const QString &key)
{
    QSqlQuery q(project.database().db());
    q.prepare(QStringLiteral("SELECT epoch, step, key, value FROM run_metrics WHERE run_id = ?%1"
                             " ORDER BY epoch, step, rowid")
                  .arg(key.isEmpty() ? QString() : QStringLiteral(" AND key = ?")));
    q.addBindValue(runId);
    if (!key.isEmpty())
        q.addBindValue(key);
    if (!q.exec())
        return Result<std::vector<RunMetric>>::failure(q.lastError().text());
    std::vector<RunMetric> out;
    while (q.next())
        out.push_back({q.value(0).toInt(), q.value(1).toLongLong(), q.value(2).toString(),
                       q.value(3).toDouble()});
    return out;
}

Status renameRun(Project &project, qint64 id, const QString &newName)
{
    const QString name = newName.trimmed();
    return updateRun(project, id, QStringLiteral("name = ?"), {name},
                     [&](QSqlDatabase &db) { return checkName(db, name, id); });
}

Status deleteRun(Project &project, qint64 id, bool force)
{
    auto run = runById(project, id);
    if (!run)
        return Status::failure(run.error());
    if (run->status == QLatin1String("running") && !force)
        return Status::failure(
            QStringLiteral("run '%1' is running: stop it before deleting it").arg(run->name));

    // Only a folder inside the project's runs/ is removed: a hand-edited dir never makes this
    // delete files elsewhere.
    const QString folder = QDir::cleanPath(runDirectory(project, *run));
    const QString runsRoot = QDir::cleanPath(project.dir() + QStringLiteral("/runs")) + u'/';
    const bool ownFolder = folder.startsWith(runsRoot) && QFileInfo(folder).isDir();
    // The folder is moved aside first so a failed commit can put it back untouched.
    const QString trash =
        runsRoot +
        QStringLiteral(".deleting-%1-%2").arg(id).arg(QUuid::createUuid().toString(QUuid::Id128));
    bool moved = false;
    Status s = inTransaction(project, [&](QSqlDatabase &db) {
        for (const QString &sql : {QStringLiteral("DELETE FROM run_metrics WHERE run_id = ?"),
                                   QStringLiteral("DELETE FROM runs WHERE id = ?")}) {
            QSqlQuery q(db);
            q.prepare(sql);
            q.addBindValue(id);
            if (Status e = execBound(q); !e)
                return e;
        }
        if (ownFolder) {
            if (!QDir().rename(folder, trash))
                return Status::failure(
                    QStringLiteral("%1: cannot remove the run folder (is a file in use?)")
                        .arg(folder));
            moved = true;
        }
        return Status::success();
    });
    if (!s) {
        if (moved)
            QDir().rename(trash, folder);
        return s;
    }
    if (moved && !QDir(trash).removeRecursively())
        return Status::failure(
            QStringLiteral("run %1 was deleted but some files of its folder remain in %2")
                .arg(id)
                .arg(trash));
    return Status::success();
}

QString runDirectory(Project &project, const RunRecord &run)
{
    return project.absolutePath(run.dir);
}

} // namespace pulc::dataset
