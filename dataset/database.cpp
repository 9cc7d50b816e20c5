#include "database.h"

#include "schema.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <atomic>

namespace pulc::dataset {
namespace {

// 'PULC' in ASCII: lets us tell our database from any other SQLite file.
constexpr int kApplicationId = 0x50554C43;

QString nextConnectionName()
{
    static std::atomic<quint64> counter{0};
    return QStringLiteral("pulc-db-%1").arg(counter.fetch_add(1));
}

std::optional<qlonglong> pragmaValue(QSqlDatabase &db, const QString &pragma, QString *error)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA ") + pragma) || !q.next()) {
        *error = q.lastError().text();
        return std::nullopt;
    }
    return q.value(0).toLongLong();
}

} // namespace

Status exec(QSqlDatabase &db, const QString &sql)
{
    QSqlQuery q(db);
    if (!q.exec(sql))
        return Status::failure(
            QStringLiteral("SQL failed (%1): %2").arg(q.lastError().text(), sql.left(80)));
    return Status::success();
}

Database::~Database()
{
    if (m_connection.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connection);
}

Database::Database(Database &&other) noexcept
    : m_db(std::move(other.m_db))
    , m_connection(std::move(other.m_connection))
    , m_file(std::move(other.m_file))
{
    other.m_db = QSqlDatabase();
    other.m_connection.clear();
}

Database &Database::operator=(Database &&other) noexcept
{
    // The moved-from object takes our old connection and closes it when it dies.
    std::swap(m_db, other.m_db);
    std::swap(m_connection, other.m_connection);
    std::swap(m_file, other.m_file);
    return *this;
}

Result<Database> Database::open(const QString &file, bool create)
{
    return openAtVersion(file, create ? kSchemaVersion : -kSchemaVersion);
}

// A negative target means "migrate to |target| but do not create a missing file".
Result<Database> Database::openAtVersion(const QString &file, int targetVersion)
{
    const bool mayCreate = targetVersion >= 0;
    targetVersion = std::abs(targetVersion);
    const QFileInfo info(file);
    if (!info.exists() && !mayCreate)
        return Result<Database>::failure(
            QStringLiteral("%1: no project database here (expected project.pulc)").arg(file));
    if (info.exists() && !info.isFile())
        return Result<Database>::failure(QStringLiteral("%1: is not a file").arg(file));
    // SQLite takes an empty file for an empty database, and migrating it would turn what is
    // usually a failed copy of a real project into a new, empty one.
    if (info.exists() && info.size() == 0)
        return Result<Database>::failure(
            QStringLiteral("%1: the project file is empty (0 bytes); it is usually an incomplete "
                           "copy of a project: copy it again or restore it from a backup")
                .arg(file));

    Database d;
    d.m_file = file;
    d.m_connection = nextConnectionName();
    d.m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), d.m_connection);
    d.m_db.setDatabaseName(file);
    d.m_db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!d.m_db.open())
        return Result<Database>::failure(
            QStringLiteral("%1: cannot open database: %2").arg(file, d.m_db.lastError().text()));

    QString err;
    const auto appId = pragmaValue(d.m_db, QStringLiteral("application_id"), &err);
    if (!appId)
        return Result<Database>::failure(
            QStringLiteral("%1: not a PULC Studio project database (%2)").arg(file, err));
    const auto version = pragmaValue(d.m_db, QStringLiteral("user_version"), &err);
    if (!version)
        return Result<Database>::failure(QStringLiteral("%1: %2").arg(file, err));
    if (*version > 0 && *appId != kApplicationId)
        return Result<Database>::failure(
            QStringLiteral("%1: an SQLite file, but not a PULC Studio project").arg(file));
    if (*version == 0 && *appId == 0) {
        QSqlQuery q(d.m_db);
        if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next() &&
            q.value(0).toInt() > 0)
            return Result<Database>::failure(
                QStringLiteral("%1: an SQLite file, but not a PULC Studio project").arg(file));
    }
    if (*version > kSchemaVersion)
        return Result<Database>::failure(
            QStringLiteral("%1: made by a newer PULC Studio (schema %2, this build reads up to %3)")
                .arg(file)
                .arg(*version)
                .arg(kSchemaVersion));

    for (const char *pragma :
         {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=NORMAL", "PRAGMA foreign_keys=ON"}) {
        if (Status s = exec(d.m_db, QString::fromLatin1(pragma)); !s)
            return Result<Database>::failure(QStringLiteral("%1: %2").arg(file, s.error));
    }
    if (Status s = d.migrate(targetVersion); !s)
        return Result<Database>::failure(QStringLiteral("%1: %2").arg(file, s.error));
    return d;
}

int Database::schemaVersion() const
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return -1;
    return q.value(0).toInt();
}

Status Database::migrate(int targetVersion)
{
    // Most opens find the schema current and take no write lock, so a read-only project opens.
    if (const int v = schemaVersion(); v < 0 || v >= targetVersion)
        return Status::success();
    for (;;) {
        Transaction tx(m_db);
        if (!tx.begun())
            return Status::failure(QStringLiteral("cannot start the schema migration"));
        // Read inside the write transaction: another process may have migrated while this one
        // waited for the lock, and applying its step again would fail.
        const int v = schemaVersion();
        if (v < 0)
            return Status::failure(QStringLiteral("cannot read the schema version"));
        if (v >= targetVersion)
            return Status::success();
        if (Status s = schema::applyStep(m_db, v); !s)
            return Status::failure(
                QStringLiteral("migration from schema %1 failed: %2").arg(v).arg(s.error));
        if (Status s = exec(m_db, QStringLiteral("PRAGMA user_version=%1").arg(v + 1)); !s)
            return s;
        if (Status s = exec(m_db, QStringLiteral("PRAGMA application_id=%1").arg(kApplicationId));
            !s)
            return s;
        if (Status s = tx.commit(); !s)
            return s;
    }
}

QString Database::integrityProblem()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return q.lastError().text();
    if (q.next() && q.value(0).toString() != QLatin1String("ok"))
        return q.value(0).toString();
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return q.lastError().text();
    if (q.next())
        return QStringLiteral("foreign key violation in table %1").arg(q.value(0).toString());
    return {};
}

Transaction::Transaction(QSqlDatabase &db)
    : m_db(db)
{
    // IMMEDIATE takes the write lock up front, so two writers wait (busy timeout) instead of
    // failing with SQLITE_BUSY when a reader tries to upgrade.
    m_active = exec(m_db, QStringLiteral("BEGIN IMMEDIATE")).ok;
}

Transaction::~Transaction()
{
    if (m_active)
        exec(m_db, QStringLiteral("ROLLBACK"));
}

Status Transaction::commit()
{
    if (!m_active)
        return Status::failure(QStringLiteral("no transaction to commit"));
    Status s = exec(m_db, QStringLiteral("COMMIT"));
    if (s)
        m_active = false;
    return s;
}

} // namespace pulc::dataset
