#include "schema.h"

#include "database.h"

#include <QStringList>

namespace pulc::dataset::schema {
namespace {

Status run(QSqlDatabase &db, const QStringList &statements)
{
    for (const QString &sql : statements) {
        if (Status s = exec(db, sql); !s)
            return s;
    }
    return Status::success();
}

// Version 1: the labelled dataset itself.
Status createV1(QSqlDatabase &db)
{
    return run(
        db,
        {
            QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"),
            QStringLiteral("CREATE TABLE classes ("
                           " id INTEGER PRIMARY KEY,"
                           " name TEXT NOT NULL UNIQUE,"
                           " position INTEGER NOT NULL,"
                           " color TEXT NOT NULL DEFAULT '')"),
            QStringLiteral(
                "CREATE TABLE samples ("
                " id INTEGER PRIMARY KEY,"
                " path TEXT NOT NULL UNIQUE,"
                " hash TEXT NOT NULL,"
                " width INTEGER NOT NULL,"
                " height INTEGER NOT NULL,"
                " format TEXT NOT NULL,"
                " bytes INTEGER NOT NULL,"
                " split TEXT NOT NULL DEFAULT '' CHECK (split IN ('', 'train', 'val', 'test')),"
                " added_at TEXT NOT NULL)"),
            QStringLiteral("CREATE INDEX samples_hash ON samples(hash)"),
            QStringLiteral("CREATE TABLE labels ("
                           " sample_id INTEGER NOT NULL REFERENCES samples(id) ON DELETE CASCADE,"
                           " class_id INTEGER NOT NULL REFERENCES classes(id) ON DELETE CASCADE,"
                           " PRIMARY KEY (sample_id, class_id)) WITHOUT ROWID"),
            QStringLiteral("CREATE INDEX labels_class ON labels(class_id)"),
        });
}

// Version 2: where samples came from, and their health (missing / corrupt / removed).
Status createV2(QSqlDatabase &db)
{
    return run(
        db, {
                QStringLiteral("CREATE TABLE imports ("
                               " id INTEGER PRIMARY KEY,"
                               " source TEXT NOT NULL,"
                               " format TEXT NOT NULL,"
                               " split TEXT NOT NULL DEFAULT '',"
                               " copied INTEGER NOT NULL DEFAULT 0,"
                               " started_at TEXT NOT NULL,"
                               " finished_at TEXT NOT NULL,"
                               " imported INTEGER NOT NULL,"
                               " skipped INTEGER NOT NULL,"
                               " report TEXT NOT NULL DEFAULT '{}')"),
                QStringLiteral("ALTER TABLE samples ADD COLUMN source_id INTEGER"
                               " REFERENCES imports(id) ON DELETE SET NULL"),
                QStringLiteral("ALTER TABLE samples ADD COLUMN status TEXT NOT NULL DEFAULT 'ok'"
                               " CHECK (status IN ('ok', 'missing', 'corrupt'))"),
                QStringLiteral("ALTER TABLE samples ADD COLUMN removed INTEGER NOT NULL DEFAULT 0"),
                QStringLiteral("CREATE INDEX samples_split ON samples(split)"),
            });
}

// Version 3: training runs, their metrics and exported models (filled by the engine).
Status createV3(QSqlDatabase &db)
{
    return run(
        db, {
                QStringLiteral(
                    "CREATE TABLE runs ("
                    " id INTEGER PRIMARY KEY,"
                    " name TEXT NOT NULL,"
                    " scene TEXT NOT NULL DEFAULT 'custom',"
                    " model TEXT NOT NULL,"
                    " config TEXT NOT NULL DEFAULT '{}',"
                    " status TEXT NOT NULL DEFAULT 'created'"
                    "  CHECK (status IN ('created', 'running', 'stopped', 'failed', 'finished')),"
                    " dir TEXT NOT NULL,"
                    " created_at TEXT NOT NULL,"
                    " started_at TEXT,"
                    " finished_at TEXT,"
                    " best_epoch INTEGER,"
                    " main_metric TEXT,"
                    " best_value REAL,"
                    " teacher_run INTEGER REFERENCES runs(id) ON DELETE SET NULL)"),
                QStringLiteral("CREATE TABLE run_metrics ("
                               " run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,"
                               " epoch INTEGER NOT NULL,"
                               " step INTEGER NOT NULL,"
                               " key TEXT NOT NULL,"
                               " value REAL NOT NULL)"),
                QStringLiteral("CREATE INDEX run_metrics_run ON run_metrics(run_id, key)"),
                QStringLiteral("CREATE TABLE models ("
                               " id INTEGER PRIMARY KEY,"
                               " run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,"
                               " format TEXT NOT NULL,"
                               " path TEXT NOT NULL,"
                               " created_at TEXT NOT NULL,"
                               " info TEXT NOT NULL DEFAULT '{}')"),
            });
}

} // namespace

Status applyStep(QSqlDatabase &db, int fromVersion)
{
    switch (fromVersion) {
    case 0:
        return createV1(db);
    case 1:
        return createV2(db);
    case 2:
        return createV3(db);
    default:
        return Status::failure(
            QStringLiteral("no migration step from schema version %1").arg(fromVersion));
    }
}

} // namespace pulc::dataset::schema
