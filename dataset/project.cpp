#include "project.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace pulc::dataset {
namespace {

const QStringList kSubfolders = {QStringLiteral("images"), QStringLiteral("runs"),
                                 QStringLiteral("exports"), QStringLiteral("cache")};

Status writeMeta(QSqlDatabase &db, const QString &key, const QString &value)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("INSERT INTO meta(key, value) VALUES(?, ?)"
                             " ON CONFLICT(key) DO UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value.isNull() ? QStringLiteral("") : value); // NOT NULL column
    if (!q.exec())
        return Status::failure(q.lastError().text());
    return Status::success();
}

} // namespace

QString classColor(int n)
{
    // Well-separated hues that stay readable on light and dark themes.
    static const char *const kPalette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                           "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
                                           "#393b79", "#637939", "#8c6d31", "#843c39", "#7b4173",
                                           "#3182bd", "#e6550d", "#31a354", "#756bb1", "#636363"};
    constexpr int kCount = int(std::size(kPalette));
    return QString::fromLatin1(kPalette[((n % kCount) + kCount) % kCount]);
}

Result<Project> Project::create(const QString &dir, const ProjectInfo &info)
{
    const QString absDir = QDir(dir).absolutePath();
    if (QFileInfo::exists(absDir + QLatin1Char('/') + QLatin1String(kDatabaseFile)))
        return Result<Project>::failure(
            QStringLiteral("%1: already holds a project (project.pulc)").arg(absDir));
    if (!QDir().mkpath(absDir))
        return Result<Project>::failure(QStringLiteral("%1: cannot create folder").arg(absDir));
    for (const QString &sub : kSubfolders) {
        if (!QDir(absDir).mkpath(sub))
            return Result<Project>::failure(
                QStringLiteral("%1/%2: cannot create folder").arg(absDir, sub));
    }
    auto db = Database::open(absDir + QLatin1Char('/') + QLatin1String(kDatabaseFile), true);
    if (!db)
        return Result<Project>::failure(db.error());
    Project p;
    p.m_dir = absDir;
    p.m_db = std::move(db.value());
    ProjectInfo stored = info;
    if (stored.name.isEmpty())
        stored.name = QFileInfo(absDir).fileName();
    if (stored.createdAt.isEmpty())
        stored.createdAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    if (Status s = p.setInfo(stored); !s) {
        const QString file = p.databaseFile();
        p = Project(); // close before removing what we created
        for (const char *suffix : {"", "-wal", "-shm"})
            QFile::remove(file + QLatin1String(suffix));
        return Result<Project>::failure(s.error);
    }
    return p;
}

Result<Project> Project::open(const QString &dirOrFile)
{
    QFileInfo fi(dirOrFile);
    QString dir = fi.isFile() ? fi.absolutePath() : fi.absoluteFilePath();
    if (!fi.exists())
        return Result<Project>::failure(QStringLiteral("%1: no such folder").arg(dirOrFile));
    auto db = Database::open(dir + QLatin1Char('/') + QLatin1String(kDatabaseFile), false);
    if (!db)
        return Result<Project>::failure(db.error());
    Project p;
    p.m_dir = QDir(dir).absolutePath();
    p.m_db = std::move(db.value());
    for (const QString &sub : kSubfolders)
        QDir(p.m_dir).mkpath(sub); // best effort: a read-only project still opens
    if (Status s = p.loadInfo(); !s)
        return Result<Project>::failure(s.error);
    return p;
}

QString Project::databaseFile() const
{
    return m_dir + QLatin1Char('/') + QLatin1String(kDatabaseFile);
}

QString Project::imagesDir() const
{
    return m_dir + QStringLiteral("/images");
}

Status Project::loadInfo()
{
    QSqlQuery q(m_db.db());
    if (!q.exec(QStringLiteral("SELECT key, value FROM meta")))
        return Status::failure(QStringLiteral("%1: %2").arg(databaseFile(), q.lastError().text()));
    ProjectInfo info;
    while (q.next()) {
        const QString key = q.value(0).toString();
        const QString value = q.value(1).toString();
        if (key == QLatin1String("name"))
            info.name = value;
        else if (key == QLatin1String("task")) {
            auto t = taskTypeFromString(value);
            if (!t)
                return Status::failure(
                    QStringLiteral("%1: unknown task type '%2'").arg(databaseFile(), value));
            info.task = *t;
        } else if (key == QLatin1String("positive_class"))
            info.positiveClass = value;
        else if (key == QLatin1String("created_at"))
            info.createdAt = value;
    }
    m_info = info;
    return Status::success();
}

Status Project::setInfo(const ProjectInfo &info)
{
    Transaction tx(m_db.db());
    for (const auto &[key, value] :
         {std::pair{QStringLiteral("name"), info.name},
          std::pair{QStringLiteral("task"), toString(info.task)},
          std::pair{QStringLiteral("positive_class"), info.positiveClass},
          std::pair{QStringLiteral("created_at"), info.createdAt}}) {
        if (Status s = writeMeta(m_db.db(), key, value); !s)
            return s;
    }
    if (Status s = tx.commit(); !s)
        return s;
    m_info = info;
    return Status::success();
}

QList<ClassInfo> Project::classes()
{
    QList<ClassInfo> out;
    QSqlQuery q(m_db.db());
    q.exec(QStringLiteral("SELECT id, name, position, color FROM classes ORDER BY position, id"));
    while (q.next())
        out.append({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toInt(),
                    q.value(3).toString()});
    return out;
}

Result<qint64> Project::ensureClass(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return Result<qint64>::failure(QStringLiteral("a class name cannot be empty"));
    QSqlQuery q(m_db.db());
    q.prepare(QStringLiteral("SELECT id FROM classes WHERE name = ?"));
    q.addBindValue(trimmed);
    if (q.exec() && q.next())
        return q.value(0).toLongLong();
    QSqlQuery count(m_db.db());
    int n = 0;
    if (count.exec(QStringLiteral("SELECT coalesce(max(position) + 1, 0) FROM classes")) &&
        count.next())
        n = count.value(0).toInt();
    QSqlQuery ins(m_db.db());
    ins.prepare(QStringLiteral("INSERT INTO classes(name, position, color) VALUES(?, ?, ?)"));
    ins.addBindValue(trimmed);
    ins.addBindValue(n);
    ins.addBindValue(classColor(n));
    if (!ins.exec())
        return Result<qint64>::failure(
            QStringLiteral("cannot add class '%1': %2").arg(trimmed, ins.lastError().text()));
    return ins.lastInsertId().toLongLong();
}

QString Project::storedPath(const QString &absolutePath) const
{
    const QString clean = QDir::cleanPath(QDir(m_dir).absoluteFilePath(absolutePath));
    const QString prefix = m_dir + QLatin1Char('/');
    if (clean.startsWith(prefix))
        return clean.mid(prefix.size());
    return clean;
}

QString Project::absolutePath(const QString &storedPath) const
{
    if (QDir::isAbsolutePath(storedPath))
        return storedPath;
    return m_dir + QLatin1Char('/') + storedPath;
}

} // namespace pulc::dataset
