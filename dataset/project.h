#pragma once

#include "database.h"
#include "result.h"
#include "types.h"

#include <QList>
#include <QString>

namespace pulc::dataset {

/// A class (label) of the project, in display order.
struct ClassInfo
{
    qint64 id = 0;
    QString name;
    int position = 0;
    QString color; ///< "#rrggbb"
};

/// What the project is about; stored in the database's meta table.
struct ProjectInfo
{
    QString name;
    TaskType task = TaskType::SingleLabel;
    QString positiveClass; ///< binary projects only: the class that counts as "positive"
    QString createdAt;     ///< ISO 8601, UTC
};

/// A project folder: `project.pulc` plus `images/` (copied and generated images), `runs/`,
/// `exports/` and `cache/`. Owns one database connection, so a Project lives in one thread;
/// other threads open their own Project on the same folder.
class Project
{
public:
    static constexpr char kDatabaseFile[] = "project.pulc";

    /// Creates a new project in `dir` (created if missing; must not already hold a project).
    static Result<Project> create(const QString &dir, const ProjectInfo &info);
    /// Opens the project in `dir`, or the folder of a `project.pulc` path.
    static Result<Project> open(const QString &dirOrFile);

    const QString &dir() const { return m_dir; }
    QString databaseFile() const;
    QString imagesDir() const;
    Database &database() { return m_db; }
    const ProjectInfo &info() const { return m_info; }
    Status setInfo(const ProjectInfo &info);

    /// All classes ordered by position.
    QList<ClassInfo> classes();
    /// Returns the id of the class `name`, creating it (at the end, with the next palette
    /// colour) when missing. Call inside a transaction for multi-row changes.
    Result<qint64> ensureClass(const QString &name);

    /// How a file path is stored: relative to the project folder when inside it, absolute
    /// otherwise; always with '/' separators.
    QString storedPath(const QString &absolutePath) const;
    /// The absolute path of a stored path.
    QString absolutePath(const QString &storedPath) const;

private:
    Project() = default;
    Status loadInfo();
    QString m_dir;
    Database m_db;
    ProjectInfo m_info;
};

/// Runs `body(QSqlDatabase &)` inside one write transaction of `project` and commits when it
/// succeeds; a failure rolls everything back. A locked or read-only database is an error naming the
/// file. Every multi-row change of dataset/ goes through here (docs/architecture.md,
/// 'Data and edits').
template<class F> Status inTransaction(Project &project, F &&body)
{
    Transaction tx(project.database().db());
    if (!tx.begun())
        return Status::failure(
            QStringLiteral("%1: the database is locked or read-only").arg(project.databaseFile()));
    if (Status s = body(project.database().db()); !s)
        return s;
    return tx.commit();
}

/// Colour for the n-th class: a fixed palette of distinct colours, then repeating.
QString classColor(int n);

} // namespace pulc::dataset
