#include "testutil.h"

#include "dataset/database.h"
#include "dataset/project.h"
#include "dataset/schema.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <thread>

using namespace pulc::dataset;
using namespace pulc::test;

namespace {

QStringList tableNames(QSqlDatabase &db)
{
    QStringList names;
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
    while (q.next())
        names << q.value(0).toString();
    return names;
}

QString pragmaText(QSqlDatabase &db, const char *pragma)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA ") + QLatin1String(pragma)) || !q.next())
        return QStringLiteral("<error>");
    return q.value(0).toString();
}

/// Runs `statements` on `file` through a plain connection, as another program would.
void rawSql(const QString &file, const QStringList &statements)
{
    const QString name = QStringLiteral("raw-") + file;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(file);
        ASSERT_TRUE(db.open());
        for (const QString &sql : statements) {
            QSqlQuery q(db);
            ASSERT_TRUE(q.exec(sql)) << sql.toStdString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

class DatabaseTest : public ::testing::Test
{
protected:
    QString path(const QString &rel) const { return m_tmp.filePath(rel); }
    QTemporaryDir m_tmp;
};

} // namespace

TEST_F(DatabaseTest, CreateWritesCurrentSchemaWithWalAndForeignKeys)
{
    ProjectInfo info;
    info.name = QStringLiteral("Helmets");
    info.task = TaskType::Binary;
    info.positiveClass = QStringLiteral("helmet");
    auto project = Project::create(path(QStringLiteral("p")), info);
    ASSERT_TRUE(project) << project.error();
    QSqlDatabase &db = project->database().db();
    EXPECT_EQ(project->database().schemaVersion(), kSchemaVersion);
    EXPECT_EQ(pragmaText(db, "user_version").toInt(), kSchemaVersion);
    EXPECT_EQ(pragmaText(db, "journal_mode"), QStringLiteral("wal"));
    EXPECT_EQ(pragmaText(db, "foreign_keys"), QStringLiteral("1"));
    const QStringList tables = tableNames(db);
    for (const char *t :
         {"meta", "classes", "samples", "labels", "imports", "runs", "run_metrics", "models"})
        EXPECT_TRUE(tables.contains(QLatin1String(t))) << t;
    EXPECT_EQ(project->database().integrityProblem(), QString());
    for (const char *sub : {"images", "runs", "exports", "cache"})
        EXPECT_TRUE(QDir(path(QStringLiteral("p/")) + QLatin1String(sub)).exists()) << sub;

    // The info survives a reopen.
    auto reopened = Project::open(path(QStringLiteral("p")));
    ASSERT_TRUE(reopened) << reopened.error();
    EXPECT_EQ(reopened->info().name, QStringLiteral("Helmets"));
    EXPECT_EQ(reopened->info().task, TaskType::Binary);
    EXPECT_EQ(reopened->info().positiveClass, QStringLiteral("helmet"));
    EXPECT_FALSE(reopened->info().createdAt.isEmpty());
}

TEST_F(DatabaseTest, OpenAcceptsTheDatabaseFileItself)
{
    makeProject(path(QStringLiteral("p")));
    auto project = Project::open(path(QStringLiteral("p/project.pulc")));
    ASSERT_TRUE(project) << project.error();
    EXPECT_EQ(project->dir(), QDir(path(QStringLiteral("p"))).absolutePath());
}

TEST_F(DatabaseTest, MigratesVersionOneKeepingData)
{
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("old"))));
    const QString file = path(QStringLiteral("old/project.pulc"));
    {
        auto v1 = Database::openAtVersion(file, 1);
        ASSERT_TRUE(v1) << v1.error();
        EXPECT_EQ(v1->schemaVersion(), 1);
        EXPECT_FALSE(tableNames(v1->db()).contains(QStringLiteral("imports")));
        QSqlQuery q(v1->db());
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO meta(key, value) VALUES('name', 'Old'), ('task', 'single')")));
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO classes(id, name, position, color) VALUES(1, 'cat', 0, '#1f77b4')")));
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO samples(id, path, hash, width, height, format, bytes, split, added_at)"
            " VALUES(1, '/data/cat/1.png', 'abc', 16, 12, 'png', 300, 'train',"
            " '2024-01-01T00:00:00Z')")));
        ASSERT_TRUE(q.exec(QStringLiteral("INSERT INTO labels(sample_id, class_id) VALUES(1, 1)")));
    }

    auto project = Project::open(path(QStringLiteral("old")));
    ASSERT_TRUE(project) << project.error();
    EXPECT_EQ(project->database().schemaVersion(), kSchemaVersion);
    EXPECT_EQ(project->info().name, QStringLiteral("Old"));
    const QStringList tables = tableNames(project->database().db());
    EXPECT_TRUE(tables.contains(QStringLiteral("imports")));
    EXPECT_TRUE(tables.contains(QStringLiteral("runs")));
    const QList<StoredSample> rows = sampleRows(*project);
    ASSERT_EQ(rows.size(), 1);
    EXPECT_EQ(rows[0].path, QStringLiteral("/data/cat/1.png"));
    EXPECT_EQ(rows[0].hash, QStringLiteral("abc"));
    EXPECT_EQ(rows[0].labels, QStringList{QStringLiteral("cat")});
    EXPECT_EQ(rows[0].split, QStringLiteral("train"));
    // Columns added by later versions take their defaults.
    EXPECT_EQ(queryInt(*project, QStringLiteral("SELECT count(*) FROM samples WHERE status = 'ok'"
                                                " AND removed = 0 AND source_id IS NULL")),
              1);
    EXPECT_EQ(project->classes().size(), 1);
    EXPECT_EQ(project->database().integrityProblem(), QString());
}

TEST_F(DatabaseTest, MigratesStepByStepThroughEveryVersion)
{
    const QString file = path(QStringLiteral("steps.pulc"));
    for (int v = 1; v <= kSchemaVersion; ++v) {
        auto db = Database::openAtVersion(file, v);
        ASSERT_TRUE(db) << db.error();
        EXPECT_EQ(db->schemaVersion(), v);
    }
}

TEST_F(DatabaseTest, RefusesANewerSchema)
{
    makeProject(path(QStringLiteral("p")));
    const QString file = path(QStringLiteral("p/project.pulc"));
    rawSql(file, {QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion + 1)});
    auto project = Project::open(path(QStringLiteral("p")));
    ASSERT_FALSE(project);
    EXPECT_TRUE(project.error().contains(file)) << project.error();
    EXPECT_TRUE(project.error().contains(QStringLiteral("newer"))) << project.error();
}

TEST_F(DatabaseTest, RefusesAFileThatIsNotSqlite)
{
    const QString file = path(QStringLiteral("p/project.pulc"));
    writeText(file, QStringLiteral("these are my notes, not a database\n").repeated(100));
    auto project = Project::open(path(QStringLiteral("p")));
    ASSERT_FALSE(project);
    EXPECT_TRUE(project.error().contains(file)) << project.error();
    EXPECT_TRUE(project.error().contains(QStringLiteral("not a PULC Studio project")))
        << project.error();
    // Nothing was written into the user's file.
    QFile f(file);
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_TRUE(f.readAll().startsWith("these are my notes"));
}

TEST_F(DatabaseTest, RefusesAForeignSqliteDatabase)
{
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("p"))));
    const QString file = path(QStringLiteral("p/project.pulc"));
    rawSql(file, {QStringLiteral("CREATE TABLE contacts (name TEXT)"),
                  QStringLiteral("INSERT INTO contacts VALUES ('Ada')")});
    auto project = Project::open(path(QStringLiteral("p")));
    ASSERT_FALSE(project);
    EXPECT_TRUE(project.error().contains(file)) << project.error();
    EXPECT_TRUE(project.error().contains(QStringLiteral("not a PULC Studio project")))
        << project.error();

    // The same with a schema version set by the other application.
    rawSql(file, {QStringLiteral("PRAGMA user_version = 2")});
    auto again = Database::open(file, false);
    ASSERT_FALSE(again);
    EXPECT_TRUE(again.error().contains(QStringLiteral("not a PULC Studio project")))
        << again.error();
}

TEST_F(DatabaseTest, OpenWithoutAProjectNamesTheFolder)
{
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("empty"))));
    auto project = Project::open(path(QStringLiteral("empty")));
    ASSERT_FALSE(project);
    EXPECT_TRUE(project.error().contains(path(QStringLiteral("empty")))) << project.error();
    EXPECT_FALSE(QFile::exists(path(QStringLiteral("empty/project.pulc"))));

    auto missing = Project::open(path(QStringLiteral("nowhere")));
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().contains(QStringLiteral("nowhere"))) << missing.error();
}

TEST_F(DatabaseTest, CreateRefusesAnExistingProject)
{
    makeProject(path(QStringLiteral("p")));
    auto again = Project::create(path(QStringLiteral("p")), {});
    ASSERT_FALSE(again);
    EXPECT_TRUE(again.error().contains(QStringLiteral("already holds a project"))) << again.error();
    EXPECT_TRUE(again.error().contains(QDir(path(QStringLiteral("p"))).absolutePath()))
        << again.error();
}

TEST_F(DatabaseTest, StoredPathIsRelativeInsideTheProjectAndAbsoluteOutside)
{
    Project project = makeProject(path(QStringLiteral("p")));
    const QString dir = project.dir();
    EXPECT_EQ(project.storedPath(dir + QStringLiteral("/images/a/1.png")),
              QStringLiteral("images/a/1.png"));
    EXPECT_EQ(project.storedPath(dir + QStringLiteral("/images/../images/b.png")),
              QStringLiteral("images/b.png"));
    const QString outside = path(QStringLiteral("data/cat/1.png"));
    EXPECT_EQ(project.storedPath(outside), QDir::cleanPath(outside));
    // A sibling folder whose name starts with the project's is outside, not inside.
    const QString sibling = dir + QStringLiteral("2/x.png");
    EXPECT_EQ(project.storedPath(sibling), sibling);
    EXPECT_EQ(project.absolutePath(QStringLiteral("images/a/1.png")),
              dir + QStringLiteral("/images/a/1.png"));
    EXPECT_EQ(project.absolutePath(outside), outside);
}

TEST_F(DatabaseTest, EnsureClassReusesAndColoursClasses)
{
    Project project = makeProject(path(QStringLiteral("p")));
    auto cat = project.ensureClass(QStringLiteral("cat"));
    auto dog = project.ensureClass(QStringLiteral(" dog "));
    auto catAgain = project.ensureClass(QStringLiteral("cat"));
    ASSERT_TRUE(cat && dog && catAgain);
    EXPECT_EQ(*cat, *catAgain);
    EXPECT_FALSE(project.ensureClass(QStringLiteral("  ")));
    const QList<ClassInfo> classes = project.classes();
    ASSERT_EQ(classes.size(), 2);
    EXPECT_EQ(classes[0].name, QStringLiteral("cat"));
    EXPECT_EQ(classes[1].name, QStringLiteral("dog"));
    EXPECT_EQ(classes[0].color, classColor(0));
    EXPECT_NE(classes[0].color, classes[1].color);
}

TEST_F(DatabaseTest, RefusesAnEmptyProjectFileNamingIt)
{
    // A 0-byte project.pulc is what a failed copy of a real project leaves: opening it must not
    // turn it into a new, empty project.
    const QString file = path(QStringLiteral("p/project.pulc"));
    writeFile(file, {});
    auto project = Project::open(path(QStringLiteral("p")));
    ASSERT_FALSE(project);
    EXPECT_EQ(project.error(),
              QStringLiteral("%1: the project file is empty (0 bytes); it is usually an incomplete "
                             "copy of a project: copy it again or restore it from a backup")
                  .arg(file));
    EXPECT_EQ(QFileInfo(file).size(), 0);

    // A new project in an empty folder is still created.
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("fresh"))));
    auto fresh = Project::create(path(QStringLiteral("fresh")), ProjectInfo{});
    ASSERT_TRUE(fresh) << fresh.error();
    EXPECT_EQ(fresh->database().schemaVersion(), kSchemaVersion);
}

TEST_F(DatabaseTest, TwoConnectionsMigratingAtOnceBothSucceed)
{
    ASSERT_TRUE(QDir().mkpath(path(QStringLiteral("old"))));
    const QString file = path(QStringLiteral("old/project.pulc"));
    {
        auto v1 = Database::openAtVersion(file, 1);
        ASSERT_TRUE(v1) << v1.error();
        QSqlQuery q(v1->db());
        ASSERT_TRUE(q.exec(QStringLiteral(
            "INSERT INTO meta(key, value) VALUES('name', 'Old'), ('task', 'single')")));
    }
    // This connection plays the first process: it holds the write lock while it migrates...
    const QString name = QStringLiteral("first-migrator");
    {
        QSqlDatabase first = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        first.setDatabaseName(file);
        ASSERT_TRUE(first.open());
        ASSERT_TRUE(exec(first, QStringLiteral("BEGIN IMMEDIATE")));
        // ...while the second opens the project and has to wait for it.
        const QString dir = path(QStringLiteral("old"));
        auto second = std::async(std::launch::async, [dir] {
            auto p = Project::open(dir);
            return p ? QString() : p.error();
        });
        // Time for it to read the old version and block on the lock. On a machine so slow that
        // it has not by then, the race is not exercised and the test passes; it cannot fail.
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
        for (int v = 1; v < kSchemaVersion; ++v)
            ASSERT_TRUE(schema::applyStep(first, v));
        ASSERT_TRUE(exec(first, QStringLiteral("PRAGMA user_version=%1").arg(kSchemaVersion)));
        ASSERT_TRUE(exec(first, QStringLiteral("COMMIT")));
        EXPECT_EQ(second.get(), QString());
        first.close();
    }
    QSqlDatabase::removeDatabase(name);
    auto project = Project::open(path(QStringLiteral("old")));
    ASSERT_TRUE(project) << project.error();
    EXPECT_EQ(project->database().schemaVersion(), kSchemaVersion);
    EXPECT_EQ(project->database().integrityProblem(), QString());
}
