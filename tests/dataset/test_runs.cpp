// Training runs stored in the project: the table behind the Runs page and `pulc runs`.
#include "testutil.h"

#include "dataset/runs.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

using namespace pulc::dataset;
using namespace pulc::test;

namespace {

class RunsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_project.emplace(makeProject(m_tmp.path() + QStringLiteral("/proj")));
    }

    RunRecord create(const QString &name, const QString &scene = QStringLiteral("person_exists"))
    {
        auto r = createRun(*m_project, name, scene, QStringLiteral("PPLCNet_x1_0"),
                           QStringLiteral("{\"epochs\": 10}"));
        EXPECT_TRUE(r.ok()) << r.error();
        return r.ok() ? r.value() : RunRecord{};
    }

    RunRecord reload(qint64 id)
    {
        auto r = findRun(*m_project, QString::number(id));
        EXPECT_TRUE(r.ok()) << r.error();
        return r.ok() ? r.value() : RunRecord{};
    }

    void execSql(const QString &sql)
    {
        QSqlQuery q(m_project->database().db());
        ASSERT_TRUE(q.exec(sql)) << sql;
    }

    QTemporaryDir m_tmp;
    std::optional<Project> m_project;
};

TEST_F(RunsTest, CreateStoresEveryColumnAndMakesTheFolder)
{
    const QString before = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const RunRecord run = create(QStringLiteral("baseline"));
    EXPECT_EQ(run.id, 1);
    EXPECT_EQ(run.name, QStringLiteral("baseline"));
    EXPECT_EQ(run.scene, QStringLiteral("person_exists"));
    EXPECT_EQ(run.model, QStringLiteral("PPLCNet_x1_0"));
    EXPECT_EQ(run.config, QStringLiteral("{\"epochs\": 10}"));
    EXPECT_EQ(run.status, QStringLiteral("created"));
    EXPECT_EQ(run.dir, QStringLiteral("runs/1"));
    EXPECT_GE(run.createdAt, before); // ISO strings of one format sort as times
    EXPECT_TRUE(run.createdAt.endsWith(u'Z')) << run.createdAt;
    EXPECT_FALSE(run.startedAt);
    EXPECT_FALSE(run.finishedAt);
    EXPECT_FALSE(run.bestEpoch);
    EXPECT_FALSE(run.mainMetric);
    EXPECT_FALSE(run.bestValue);
    EXPECT_FALSE(run.teacherRun);

    const QString dir = runDirectory(*m_project, run);
    EXPECT_EQ(dir, m_project->dir() + QStringLiteral("/runs/1"));
    EXPECT_TRUE(QFileInfo(dir).isDir());
}

TEST_F(RunsTest, EmptyNameBecomesRunIdAndListIsById)
{
    create(QStringLiteral("first"));
    const RunRecord second = create(QString());
    EXPECT_EQ(second.name, QStringLiteral("run-2"));
    create(QStringLiteral("  third  "));

    auto runs = listRuns(*m_project);
    ASSERT_TRUE(runs.ok()) << runs.error();
    ASSERT_EQ(runs->size(), 3u);
    EXPECT_EQ((*runs)[0].name, QStringLiteral("first"));
    EXPECT_EQ((*runs)[1].name, QStringLiteral("run-2"));
    EXPECT_EQ((*runs)[2].name, QStringLiteral("third")); // trimmed
    EXPECT_EQ((*runs)[2].id, 3);
}

TEST_F(RunsTest, FindByIdOrNameAndClearErrorOtherwise)
{
    create(QStringLiteral("alpha"));
    create(QStringLiteral("beta"));

    auto byId = findRun(*m_project, QStringLiteral("2"));
    ASSERT_TRUE(byId.ok()) << byId.error();
    EXPECT_EQ(byId->name, QStringLiteral("beta"));

    auto byName = findRun(*m_project, QStringLiteral("alpha"));
    ASSERT_TRUE(byName.ok()) << byName.error();
    EXPECT_EQ(byName->id, 1);

    auto missing = findRun(*m_project, QStringLiteral("gamma"));
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error(),
              QStringLiteral("no run 'gamma' in project %1").arg(m_project->dir()));
    EXPECT_FALSE(findRun(*m_project, QStringLiteral("7")).ok());
}

TEST_F(RunsTest, NamesAreUniqueAndNeverNumbers)
{
    create(QStringLiteral("dup"));
    auto again = createRun(*m_project, QStringLiteral("dup"), {}, QStringLiteral("m"), {});
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), QStringLiteral("a run named 'dup' already exists"));
    // No row and no folder for the refused run.
    EXPECT_EQ(queryInt(*m_project, QStringLiteral("SELECT COUNT(*) FROM runs")), 1);
    EXPECT_FALSE(QFileInfo::exists(m_project->dir() + QStringLiteral("/runs/2")));

    auto numeric = createRun(*m_project, QStringLiteral("42"), {}, QStringLiteral("m"), {});
    ASSERT_FALSE(numeric.ok());
    EXPECT_TRUE(numeric.error().contains(QStringLiteral("cannot be a number"))) << numeric.error();

    // An empty name never collides: it becomes run-<id>.
    auto unnamed = createRun(*m_project, {}, {}, QStringLiteral("m"), {});
    ASSERT_TRUE(unnamed.ok()) << unnamed.error();
    EXPECT_EQ(unnamed->name, QStringLiteral("run-2"));
    EXPECT_EQ(unnamed->scene, QStringLiteral("custom")); // the column's default
    EXPECT_EQ(unnamed->config, QStringLiteral("{}"));
}

TEST_F(RunsTest, RenameRefusesCollisionsAndKeepsTheOldName)
{
    create(QStringLiteral("a"));
    const RunRecord b = create(QStringLiteral("b"));

    Status clash = renameRun(*m_project, b.id, QStringLiteral("a"));
    ASSERT_FALSE(clash.ok);
    EXPECT_EQ(clash.error, QStringLiteral("a run named 'a' already exists"));
    EXPECT_EQ(reload(b.id).name, QStringLiteral("b"));

    EXPECT_FALSE(renameRun(*m_project, b.id, QStringLiteral("   ")).ok);
    ASSERT_TRUE(renameRun(*m_project, b.id, QStringLiteral("b")).ok); // its own name is fine
    Status ok = renameRun(*m_project, b.id, QStringLiteral("better"));
    ASSERT_TRUE(ok.ok) << ok.error;
    EXPECT_EQ(reload(b.id).name, QStringLiteral("better"));
    EXPECT_FALSE(renameRun(*m_project, 99, QStringLiteral("x")).ok);
}

TEST_F(RunsTest, StatusSetsStartOnceAndFinishOnEnd)
{
    const RunRecord run = create(QStringLiteral("r"));
    ASSERT_TRUE(setRunStatus(*m_project, run.id, QStringLiteral("running")).ok);
    RunRecord now = reload(run.id);
    EXPECT_EQ(now.status, QStringLiteral("running"));
    ASSERT_TRUE(now.startedAt);
    EXPECT_GE(*now.startedAt, run.createdAt);
    EXPECT_FALSE(now.finishedAt);

    ASSERT_TRUE(setRunStatus(*m_project, run.id, QStringLiteral("stopped")).ok);
    now = reload(run.id);
    EXPECT_EQ(now.status, QStringLiteral("stopped"));
    ASSERT_TRUE(now.finishedAt);
    EXPECT_GE(*now.finishedAt, *now.startedAt);

    // Resuming keeps the first start time (made recognisable here) and clears the finish.
    execSql(QStringLiteral("UPDATE runs SET started_at = '2000-01-01T00:00:00Z'"));
    ASSERT_TRUE(setRunStatus(*m_project, run.id, QStringLiteral("running")).ok);
    now = reload(run.id);
    EXPECT_EQ(now.startedAt.value_or(QString()), QStringLiteral("2000-01-01T00:00:00Z"));
    EXPECT_FALSE(now.finishedAt);

    for (const char *end : {"failed", "finished"}) {
        execSql(QStringLiteral("UPDATE runs SET finished_at = NULL"));
        ASSERT_TRUE(setRunStatus(*m_project, run.id, QLatin1String(end)).ok) << end;
        now = reload(run.id);
        EXPECT_EQ(now.status, QLatin1String(end));
        EXPECT_TRUE(now.finishedAt) << end;
    }

    Status bad = setRunStatus(*m_project, run.id, QStringLiteral("paused"));
    ASSERT_FALSE(bad.ok);
    EXPECT_TRUE(bad.error.contains(QStringLiteral("'paused'"))) << bad.error;
    EXPECT_EQ(reload(run.id).status, QStringLiteral("finished"));
    EXPECT_FALSE(setRunStatus(*m_project, 99, QStringLiteral("running")).ok);
}

TEST_F(RunsTest, BestAndConfigAreStored)
{
    const RunRecord run = create(QStringLiteral("r"));
    ASSERT_TRUE(setRunBest(*m_project, run.id, 7, QStringLiteral("val/top1"), 0.8125).ok);
    ASSERT_TRUE(setRunConfig(*m_project, run.id, QStringLiteral("epochs: 30")).ok);
    const RunRecord now = reload(run.id);
    EXPECT_EQ(now.bestEpoch.value_or(-1), 7);
    EXPECT_EQ(now.mainMetric.value_or(QString()), QStringLiteral("val/top1"));
    EXPECT_DOUBLE_EQ(now.bestValue.value_or(-1.0), 0.8125);
    EXPECT_EQ(now.config, QStringLiteral("epochs: 30"));
    EXPECT_FALSE(setRunBest(*m_project, 99, 1, QStringLiteral("x"), 1.0).ok);
}

TEST_F(RunsTest, MetricsRoundTripInOrderAndByKey)
{
    const RunRecord a = create(QStringLiteral("a"));
    const RunRecord b = create(QStringLiteral("b"));
    const std::vector<RunMetric> logged = {
        {1, 10, QStringLiteral("train/loss"), 1.25},
        {1, 10, QStringLiteral("val/top1"), 0.5},
        {2, 20, QStringLiteral("train/loss"), 0.75},
        {2, 20, QStringLiteral("val/top1"), 0.625},
    };
    // Logged out of order across two calls: reading sorts by epoch and step.
    ASSERT_TRUE(addRunMetrics(*m_project, a.id, {logged[2], logged[3]}).ok);
    ASSERT_TRUE(addRunMetrics(*m_project, a.id, {logged[0], logged[1]}).ok);
    ASSERT_TRUE(addRunMetrics(*m_project, b.id, {{1, 1, QStringLiteral("val/top1"), 0.1}}).ok);

    auto all = runMetrics(*m_project, a.id);
    ASSERT_TRUE(all.ok()) << all.error();
    EXPECT_EQ(*all, logged);

    auto top1 = runMetrics(*m_project, a.id, QStringLiteral("val/top1"));
    ASSERT_TRUE(top1.ok()) << top1.error();
    EXPECT_EQ(*top1, (std::vector<RunMetric>{logged[1], logged[3]}));

    EXPECT_FALSE(addRunMetrics(*m_project, 99, {logged[0]}).ok);
}

TEST_F(RunsTest, MetricsBatchIsAllOrNothing)
{
    const RunRecord run = create(QStringLiteral("r"));
    Status s = addRunMetrics(*m_project, run.id,
                             {{3, 30, QStringLiteral("val/top1"), 0.5},
                              {3, 30, QStringLiteral("train/loss"), std::nan("")}});
    ASSERT_FALSE(s.ok);
    EXPECT_EQ(s.error, QStringLiteral("metric 'train/loss' of run 1 at epoch 3 is NaN, which a"
                                      " project cannot store"));
    EXPECT_TRUE(runMetrics(*m_project, run.id)->empty());
    // Infinities are ordinary REAL values.
    ASSERT_TRUE(addRunMetrics(*m_project, run.id, {{1, 1, QStringLiteral("loss"), HUGE_VAL}}).ok);
    EXPECT_EQ(runMetrics(*m_project, run.id)->front().value, HUGE_VAL);
}

TEST_F(RunsTest, DeleteRemovesRowMetricsAndFolder)
{
    const RunRecord keep = create(QStringLiteral("keep"));
    const RunRecord gone = create(QStringLiteral("gone"));
    const QString dir = runDirectory(*m_project, gone);
    writeText(dir + QStringLiteral("/checkpoints/epoch_1.pt"), QStringLiteral("weights"));
    ASSERT_TRUE(addRunMetrics(*m_project, gone.id, {{1, 1, QStringLiteral("loss"), 2.0}}).ok);
    ASSERT_TRUE(addRunMetrics(*m_project, keep.id, {{1, 1, QStringLiteral("loss"), 3.0}}).ok);

    Status s = deleteRun(*m_project, gone.id);
    ASSERT_TRUE(s.ok) << s.error;
    EXPECT_FALSE(QFileInfo::exists(dir));
    EXPECT_FALSE(findRun(*m_project, QStringLiteral("gone")).ok());
    EXPECT_EQ(
        queryInt(*m_project,
                 QStringLiteral("SELECT COUNT(*) FROM run_metrics WHERE run_id = %1").arg(gone.id)),
        0);
    // Nothing else was touched, and no trash folder is left behind.
    EXPECT_TRUE(QFileInfo(runDirectory(*m_project, keep)).isDir());
    EXPECT_EQ(runMetrics(*m_project, keep.id)->size(), 1u);
    EXPECT_EQ(QDir(m_project->dir() + QStringLiteral("/runs"))
                  .entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::Hidden),
              QStringList{QStringLiteral("1")});
    EXPECT_FALSE(deleteRun(*m_project, gone.id).ok);
}

TEST_F(RunsTest, DeleteRefusesARunningRunUnlessForced)
{
    const RunRecord run = create(QStringLiteral("busy"));
    ASSERT_TRUE(setRunStatus(*m_project, run.id, QStringLiteral("running")).ok);
    Status refused = deleteRun(*m_project, run.id);
    ASSERT_FALSE(refused.ok);
    EXPECT_EQ(refused.error, QStringLiteral("run 'busy' is running: stop it before deleting it"));
    EXPECT_TRUE(findRun(*m_project, QStringLiteral("busy")).ok());
    EXPECT_TRUE(QFileInfo(runDirectory(*m_project, run)).isDir());

    ASSERT_TRUE(deleteRun(*m_project, run.id, true).ok);
    EXPECT_FALSE(findRun(*m_project, QStringLiteral("busy")).ok());
    EXPECT_FALSE(QFileInfo::exists(runDirectory(*m_project, run)));
}

TEST_F(RunsTest, NewIdsSkipFoldersLeftOnDisk)
{
    // A folder left by a run removed outside the app must not be adopted by a new run.
    writeText(m_project->dir() + QStringLiteral("/runs/1/stale.txt"), QStringLiteral("old"));
    const RunRecord run = create(QString());
    EXPECT_EQ(run.id, 2);
    EXPECT_EQ(run.dir, QStringLiteral("runs/2"));
    EXPECT_EQ(run.name, QStringLiteral("run-2"));
}

} // namespace
