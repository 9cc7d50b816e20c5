// The project's record of weights files (table `models`): what the Train page's "Start from"
// list and `pulc import-model` / `pulc export --format pdparams` write and read.
#include "testutil.h"

#include "dataset/modelfiles.h"
#include "dataset/runs.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <optional>

using namespace pulc::dataset;
using namespace pulc::test;

namespace {

class ModelFilesTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_project.emplace(makeProject(m_tmp.path() + QStringLiteral("/proj")));
    }

    qint64 newRun(const QString &name)
    {
        auto r = createRun(*m_project, name, QStringLiteral("custom"),
                           QStringLiteral("PPLCNet_x0_25"), QString());
        EXPECT_TRUE(r.ok()) << r.error();
        return r.ok() ? r->id : 0;
    }

    std::vector<ModelFileRecord> list()
    {
        auto r = listModelFiles(*m_project);
        EXPECT_TRUE(r.ok()) << r.error();
        return r.ok() ? r.value() : std::vector<ModelFileRecord>{};
    }

    QTemporaryDir m_tmp;
    std::optional<Project> m_project;
};

TEST_F(ModelFilesTest, AddThenListKeepsEveryColumnInOrder)
{
    const qint64 run = newRun(QStringLiteral("tiny"));
    const QString before = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const QString outside = m_tmp.path() + QStringLiteral("/elsewhere/person_exists.pdparams");
    auto first = addModelFile(
        *m_project, run, QStringLiteral("pdparams"), outside,
        {{QStringLiteral("role"), QStringLiteral("pretrained")}, {QStringLiteral("classes"), 2}});
    ASSERT_TRUE(first.ok()) << first.error();
    auto second = addModelFile(*m_project, std::nullopt, QStringLiteral("checkpoint"),
                               m_project->dir() + QStringLiteral("/runs/1/best.ckpt"), {});
    ASSERT_TRUE(second.ok()) << second.error();
    EXPECT_GT(*second, *first);

    const std::vector<ModelFileRecord> rows = list();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].id, *first);
    EXPECT_EQ(rows[0].runId, std::optional<qint64>(run));
    EXPECT_EQ(rows[0].format, QStringLiteral("pdparams"));
    // Outside the project: absolute, as given.
    EXPECT_EQ(rows[0].path, outside);
    EXPECT_EQ(rows[0].role(), QStringLiteral("pretrained"));
    EXPECT_EQ(rows[0].info.value(QStringLiteral("classes")).toInt(), 2);
    EXPECT_GE(rows[0].createdAt, before);
    EXPECT_TRUE(rows[0].createdAt.endsWith(u'Z')) << rows[0].createdAt;
    // Inside the project: relative, so the project can move.
    EXPECT_EQ(rows[1].path, QStringLiteral("runs/1/best.ckpt"));
    EXPECT_EQ(m_project->absolutePath(rows[1].path),
              m_project->dir() + QStringLiteral("/runs/1/best.ckpt"));
    EXPECT_FALSE(rows[1].runId);
    EXPECT_EQ(rows[1].role(), QString());
}

TEST_F(ModelFilesTest, PathsAreCleanedBeforeTheyAreStored)
{
    auto id = addModelFile(*m_project, std::nullopt, QStringLiteral("pdparams"),
                           m_project->dir() + QStringLiteral("/exports/./x/../a.pdparams"),
                           {{QStringLiteral("role"), QStringLiteral("exported")}});
    ASSERT_TRUE(id.ok()) << id.error();
    const std::vector<ModelFileRecord> rows = list();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].path, QStringLiteral("exports/a.pdparams"));
    EXPECT_EQ(rows[0].role(), QStringLiteral("exported"));
}

TEST_F(ModelFilesTest, DeletingTheRunKeepsTheRowWithoutARun)
{
    const qint64 keep = newRun(QStringLiteral("keep"));
    const qint64 gone = newRun(QStringLiteral("gone"));
    const QString file = m_tmp.path() + QStringLiteral("/w.pdparams");
    ASSERT_TRUE(addModelFile(*m_project, gone, QStringLiteral("pdparams"), file,
                             {{QStringLiteral("role"), QStringLiteral("imported")}})
                    .ok());
    ASSERT_TRUE(addModelFile(*m_project, keep, QStringLiteral("pdparams"), file,
                             {{QStringLiteral("role"), QStringLiteral("pretrained")}})
                    .ok());
    const Status deleted = deleteRun(*m_project, gone);
    ASSERT_TRUE(deleted.ok) << deleted.error;
    const std::vector<ModelFileRecord> rows = list();
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_FALSE(rows[0].runId);
    EXPECT_EQ(rows[0].role(), QStringLiteral("imported"));
    EXPECT_EQ(rows[1].runId, std::optional<qint64>(keep));
}

TEST_F(ModelFilesTest, BadInputIsRefusedAndStoresNothing)
{
    const QString file = m_tmp.path() + QStringLiteral("/w.pdparams");
    auto noFormat = addModelFile(*m_project, std::nullopt, QStringLiteral("  "), file, {});
    ASSERT_FALSE(noFormat.ok());
    EXPECT_TRUE(noFormat.error().contains(file)) << noFormat.error();
    EXPECT_TRUE(noFormat.error().contains(QStringLiteral("format"))) << noFormat.error();

    auto relative = addModelFile(*m_project, std::nullopt, QStringLiteral("pdparams"),
                                 QStringLiteral("w.pdparams"), {});
    ASSERT_FALSE(relative.ok());
    EXPECT_TRUE(relative.error().contains(QStringLiteral("absolute"))) << relative.error();

    auto empty = addModelFile(*m_project, std::nullopt, QStringLiteral("pdparams"), QString(), {});
    ASSERT_FALSE(empty.ok());

    auto unknownRun = addModelFile(*m_project, 42, QStringLiteral("pdparams"), file, {});
    ASSERT_FALSE(unknownRun.ok());
    EXPECT_TRUE(unknownRun.error().contains(QStringLiteral("no run 42"))) << unknownRun.error();

    EXPECT_TRUE(list().empty());
    const Status removed = removeModelFile(*m_project, 7);
    EXPECT_FALSE(removed.ok);
    EXPECT_TRUE(removed.error.contains(QStringLiteral("7"))) << removed.error;
}

TEST_F(ModelFilesTest, RemoveDeletesOneRowAndADamagedInfoReadsAsEmpty)
{
    const QString file = m_tmp.path() + QStringLiteral("/w.pdparams");
    auto a = addModelFile(*m_project, std::nullopt, QStringLiteral("pdparams"), file,
                          {{QStringLiteral("role"), QStringLiteral("exported")}});
    auto b = addModelFile(*m_project, std::nullopt, QStringLiteral("pdparams"), file,
                          {{QStringLiteral("role"), QStringLiteral("exported")}});
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_TRUE(removeModelFile(*m_project, *a).ok);
    QSqlQuery q(m_project->database().db());
    ASSERT_TRUE(q.exec(QStringLiteral("UPDATE models SET info = 'not json'")));
    const std::vector<ModelFileRecord> rows = list();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].id, *b);
    EXPECT_TRUE(rows[0].info.isEmpty());
    EXPECT_EQ(rows[0].role(), QString());
}

} // namespace
