#pragma once

#include "result.h"

#include <QSqlDatabase>
#include <QString>

namespace pulc::dataset {

/// Version of the project database schema this build writes. Older files are migrated
/// step by step on open; newer files are refused (a newer app made them).
inline constexpr int kSchemaVersion = 3;

/// One SQLite connection to a project's `project.pulc`. Connections are per thread
/// (QtSql's rule): create one in the thread that uses it and destroy it there.
class Database
{
public:
    Database() = default;
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;

    /// Opens (creating when `create` is set) the database file, sets WAL, foreign keys and a
    /// busy timeout, and migrates the schema to kSchemaVersion in transactions.
    static Result<Database> open(const QString &file, bool create);

    /// Opens without creating or migrating past `targetVersion`: for tests of migration.
    static Result<Database> openAtVersion(const QString &file, int targetVersion);

    QSqlDatabase &db() { return m_db; }
    const QString &file() const { return m_file; }
    int schemaVersion() const;

    /// Runs `PRAGMA integrity_check`; returns the first problem or an empty string.
    QString integrityProblem();

private:
    Status migrate(int targetVersion);
    QSqlDatabase m_db;
    QString m_connection;
    QString m_file;
};

/// RAII transaction: rolls back unless commit() succeeded.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase &db);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;
    bool begun() const { return m_active; }
    Status commit();

private:
    QSqlDatabase &m_db;
    bool m_active = false;
};

/// Executes `sql` (one statement) and returns an error naming it when it fails.
Status exec(QSqlDatabase &db, const QString &sql);

} // namespace pulc::dataset
