// Edits behind the undo stack, the sample list of the browser, and the thumbnail cache.
#include "dataset/edits.h"
#include "dataset/importer.h"
#include "dataset/project.h"
#include "dataset/samples.h"
#include "dataset/thumbnails.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>

#include <gtest/gtest.h>

#include <algorithm>

using namespace pulc::dataset;

namespace {

void writeImage(const QString &path, int seed, int w = 16, int h = 16)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    cv::Mat img(h, w, CV_8UC3, cv::Scalar(seed % 256, (seed * 7) % 256, (seed * 13) % 256));
    img.at<cv::Vec3b>(0, 0) = cv::Vec3b(uchar(seed / 256), 1, 2);
    ASSERT_TRUE(cv::imwrite(path.toStdString(), img));
}

/// A project with classes a, b, c and 4 images each (folder per class), unassigned.
class EditsTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        int seed = 1;
        for (const char *cls : {"a", "b", "c"})
            for (int i = 0; i < 4; ++i)
                writeImage(
                    QStringLiteral("%1/src/%2/%3.png").arg(m_tmp.path(), QLatin1String(cls)).arg(i),
                    seed++);
        auto p = Project::create(m_tmp.path() + QStringLiteral("/proj"), {});
        ASSERT_TRUE(p.ok()) << p.error().toStdString();
        m_project.emplace(std::move(p.value()));
        auto r =
            importData(*m_project, defaultImportRequest(m_tmp.path() + QStringLiteral("/src")));
        ASSERT_TRUE(r.ok()) << r.error().toStdString();
        ASSERT_EQ(r->imported, 12);
        for (const ClassInfo &c : m_project->classes())
            m_class[c.name] = c.id;
    }

    std::vector<SampleRow> rows()
    {
        auto r = loadSamples(*m_project);
        EXPECT_TRUE(r.ok());
        return r.ok() ? r.value() : std::vector<SampleRow>{};
    }

    std::vector<qint64> idsOfClass(const QString &name)
    {
        std::vector<qint64> ids;
        for (const SampleRow &r : rows())
            if (std::find(r.classIds.begin(), r.classIds.end(), m_class[name]) != r.classIds.end())
                ids.push_back(r.id);
        return ids;
    }

    QTemporaryDir m_tmp;
    std::optional<Project> m_project;
    std::map<QString, qint64> m_class;
};

} // namespace

TEST_F(EditsTest, ReplaceLabelAndUndoRestoresExactly)
{
    const std::vector<qint64> ids = idsOfClass(QStringLiteral("a"));
    ASSERT_EQ(ids.size(), 4u);
    auto before = snapshotLabels(*m_project, ids);
    ASSERT_TRUE(before.ok());
    ASSERT_TRUE(applyLabel(*m_project, ids, LabelMode::Replace, m_class["b"]).ok);
    EXPECT_EQ(idsOfClass(QStringLiteral("a")).size(), 0u);
    EXPECT_EQ(idsOfClass(QStringLiteral("b")).size(), 8u);
    ASSERT_TRUE(restoreLabels(*m_project, before.value()).ok);
    EXPECT_EQ(idsOfClass(QStringLiteral("a")), ids);
    EXPECT_EQ(idsOfClass(QStringLiteral("b")).size(), 4u);
}

TEST_F(EditsTest, AddRemoveAndClearLabels)
{
    const std::vector<qint64> ids = idsOfClass(QStringLiteral("a"));
    ASSERT_TRUE(applyLabel(*m_project, ids, LabelMode::Add, m_class["c"]).ok);
    for (const SampleRow &r : rows()) {
        if (std::find(ids.begin(), ids.end(), r.id) != ids.end()) {
            EXPECT_EQ(r.classIds.size(), 2u);
        }
    }
    ASSERT_TRUE(applyLabel(*m_project, ids, LabelMode::Remove, m_class["a"]).ok);
    EXPECT_EQ(idsOfClass(QStringLiteral("c")).size(), 8u);
    ASSERT_TRUE(applyLabel(*m_project, {ids[0]}, LabelMode::Clear, 0).ok);
    SampleFilter unlabeled;
    unlabeled.unlabeledOnly = true;
    const auto all = rows();
    EXPECT_EQ(std::count_if(all.begin(), all.end(),
                            [&](const SampleRow &r) { return matches(r, unlabeled); }),
              1);
}

TEST_F(EditsTest, SplitAndRemoveAreUndoable)
{
    const std::vector<qint64> ids = idsOfClass(QStringLiteral("b"));
    auto before = snapshotSplits(*m_project, ids);
    ASSERT_TRUE(before.ok());
    ASSERT_TRUE(setSplit(*m_project, ids, Split::Val).ok);
    SampleFilter val;
    val.split = Split::Val;
    auto all = rows();
    EXPECT_EQ(
        std::count_if(all.begin(), all.end(), [&](const SampleRow &r) { return matches(r, val); }),
        4);
    ASSERT_TRUE(restoreSplits(*m_project, before.value()).ok);
    all = rows();
    EXPECT_EQ(
        std::count_if(all.begin(), all.end(), [&](const SampleRow &r) { return matches(r, val); }),
        0);

    ASSERT_TRUE(setRemoved(*m_project, {ids[0], ids[1]}, true).ok);
    SampleFilter removed;
    removed.removed = true;
    all = rows();
    EXPECT_EQ(std::count_if(all.begin(), all.end(),
                            [&](const SampleRow &r) { return matches(r, removed); }),
              2);
    EXPECT_EQ(std::count_if(all.begin(), all.end(),
                            [&](const SampleRow &r) { return matches(r, SampleFilter{}); }),
              10);
}

TEST_F(EditsTest, ClassNamesMustBeUniqueAndNonEmpty)
{
    auto dup = addClass(*m_project, QStringLiteral(" a "));
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error(), QStringLiteral("a class named 'a' already exists"));
    EXPECT_FALSE(addClass(*m_project, QStringLiteral("  ")).ok());
    auto d = addClass(*m_project, QStringLiteral("d"));
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->position, 3);
    const Status clash = renameClass(*m_project, m_class["a"], QStringLiteral("b"));
    EXPECT_FALSE(clash.ok);
    EXPECT_EQ(clash.error, QStringLiteral("a class named 'b' already exists"));
    ASSERT_TRUE(renameClass(*m_project, m_class["a"], QStringLiteral("alpha")).ok);
    EXPECT_EQ(m_project->classes().front().name, QStringLiteral("alpha"));
}

TEST_F(EditsTest, DeleteClassAndRestoreBringsBackLabelsAndPosition)
{
    const std::vector<qint64> ids = idsOfClass(QStringLiteral("b"));
    auto snap = snapshotClass(*m_project, m_class["b"]);
    ASSERT_TRUE(snap.ok());
    EXPECT_EQ(snap->sampleIds, ids);
    ASSERT_TRUE(deleteClass(*m_project, m_class["b"]).ok);
    EXPECT_EQ(m_project->classes().size(), 2);
    EXPECT_EQ(rows().size(), 12u) << "samples stay when their class goes";
    ASSERT_TRUE(restoreClass(*m_project, snap.value()).ok);
    const QList<ClassInfo> classes = m_project->classes();
    ASSERT_EQ(classes.size(), 3);
    EXPECT_EQ(classes[1].name, QStringLiteral("b"));
    EXPECT_EQ(classes[1].id, m_class["b"]);
    EXPECT_EQ(idsOfClass(QStringLiteral("b")), ids);
}

TEST_F(EditsTest, MergeAndUndo)
{
    const std::vector<qint64> fromIds = idsOfClass(QStringLiteral("a"));
    auto classSnap = snapshotClass(*m_project, m_class["a"]);
    auto labelSnap = snapshotLabels(*m_project, fromIds);
    ASSERT_TRUE(classSnap.ok() && labelSnap.ok());
    ASSERT_TRUE(mergeClasses(*m_project, m_class["a"], m_class["c"]).ok);
    EXPECT_EQ(idsOfClass(QStringLiteral("c")).size(), 8u);
    EXPECT_EQ(m_project->classes().size(), 2);
    ASSERT_TRUE(unmergeClasses(*m_project, classSnap.value(), labelSnap.value()).ok);
    EXPECT_EQ(idsOfClass(QStringLiteral("a")), fromIds);
    EXPECT_EQ(idsOfClass(QStringLiteral("c")).size(), 4u);
    EXPECT_FALSE(mergeClasses(*m_project, m_class["a"], m_class["a"]).ok);
}

TEST_F(EditsTest, ReorderClassesSortsBrowserByClass)
{
    ASSERT_TRUE(reorderClasses(*m_project, {m_class["c"], m_class["a"], m_class["b"]}).ok);
    EXPECT_EQ(m_project->classes().front().name, QStringLiteral("c"));
    EXPECT_FALSE(reorderClasses(*m_project, {m_class["c"]}).ok);
    std::map<qint64, int> pos;
    for (const ClassInfo &c : m_project->classes())
        pos[c.id] = c.position;
    auto all = rows();
    sortSamples(all, SampleSort::Class, [&](qint64 id) { return pos[id]; });
    EXPECT_EQ(all.front().classIds.front(), m_class["c"]);
    EXPECT_EQ(all.back().classIds.front(), m_class["b"]);
}

TEST_F(EditsTest, BulkEditOfTenThousandIdsIsOneCommit)
{
    // More ids than SQLite's variable limit per statement: the chunking must cover them all.
    std::vector<qint64> ids = idsOfClass(QStringLiteral("a"));
    for (qint64 fake = 100000; fake < 110000; ++fake)
        ids.push_back(fake);
    ASSERT_TRUE(applyLabel(*m_project, ids, LabelMode::Clear, 0).ok);
    EXPECT_TRUE(idsOfClass(QStringLiteral("a")).empty());
}

TEST_F(EditsTest, DuplicateConflictAndLeakageFlagsAndTextFilter)
{
    const QString copy = m_tmp.path() + QStringLiteral("/copy/b/same.png");
    QDir().mkpath(QFileInfo(copy).absolutePath());
    ASSERT_TRUE(QFile::copy(m_tmp.path() + QStringLiteral("/src/a/0.png"), copy));
    ImportRequest req = defaultImportRequest(m_tmp.path() + QStringLiteral("/copy"));
    req.split = Split::Val;
    auto r = importData(*m_project, req);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->conflicts.size(), 1);
    auto all = rows();
    SampleFilter f;
    f.status = SampleFilter::Status::Conflict;
    EXPECT_EQ(
        std::count_if(all.begin(), all.end(), [&](const SampleRow &x) { return matches(x, f); }),
        2);
    f.status = SampleFilter::Status::Leakage;
    EXPECT_EQ(
        std::count_if(all.begin(), all.end(), [&](const SampleRow &x) { return matches(x, f); }), 0)
        << "unassigned + val is not leakage";
    f = {};
    f.pathContains = QStringLiteral("SAME.png");
    EXPECT_EQ(
        std::count_if(all.begin(), all.end(), [&](const SampleRow &x) { return matches(x, f); }),
        1);
}

TEST(Thumbnails, MadeOnceCachedAndExplainedWhenImpossible)
{
    QTemporaryDir tmp;
    const QString src = tmp.path() + QStringLiteral("/big.jpg");
    writeImage(src, 5, 1600, 1200);
    const QString cache = tmp.path() + QStringLiteral("/cache");
    const Thumbnail t = ensureThumbnail(cache, src, QStringLiteral("abcdef"), 128);
    ASSERT_TRUE(t.ok()) << t.reason.toStdString();
    EXPECT_EQ(t.file, cache + QStringLiteral("/ab/abcdef-128.jpg"));
    const cv::Mat thumb = cv::imread(t.file.toStdString());
    EXPECT_EQ(thumb.cols, 128);
    EXPECT_EQ(thumb.rows, 96);
    QFile::remove(src);
    EXPECT_TRUE(ensureThumbnail(cache, src, QStringLiteral("abcdef"), 128).ok())
        << "served from the cache";

    const Thumbnail missing = ensureThumbnail(cache, src, QStringLiteral("012345"), 128);
    EXPECT_TRUE(missing.missing);
    EXPECT_EQ(missing.reason, QStringLiteral("file not found"));

    const QString text = tmp.path() + QStringLiteral("/notes.jpg");
    QFile f(text);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly));
    f.write("not an image at all");
    f.close();
    EXPECT_EQ(ensureThumbnail(cache, text, QStringLiteral("999999"), 128).reason,
              QStringLiteral("not an image"));
}

TEST(SampleOrder, SortsIndexesStablyByPathAddedAndClass)
{
    std::vector<SampleRow> rows(4);
    const char *paths[] = {"b.png", "a.png", "c.png", "a2.png"};
    const char *added[] = {"2026-01-02", "2026-01-01", "2026-01-01", "2026-01-03"};
    for (int i = 0; i < 4; ++i) {
        rows[size_t(i)].id = 10 + i;
        rows[size_t(i)].path = QString::fromLatin1(paths[i]);
        rows[size_t(i)].addedAt = QString::fromLatin1(added[i]);
    }
    rows[0].classIds = {7};
    rows[2].classIds = {5};
    const auto position = [](qint64 classId) { return classId == 5 ? 0 : 1; };
    EXPECT_EQ(sortedOrder(rows, SampleSort::Path, position), (std::vector<int>{1, 3, 0, 2}));
    EXPECT_EQ(sortedOrder(rows, SampleSort::Added, position), (std::vector<int>{1, 2, 0, 3}));
    // class 5 first, then class 7, unlabeled last (by path among them)
    EXPECT_EQ(sortedOrder(rows, SampleSort::Class, position), (std::vector<int>{2, 0, 1, 3}));
    sortSamples(rows, SampleSort::Path, position);
    EXPECT_EQ(rows.front().path, QStringLiteral("a.png"));
    EXPECT_EQ(sortedOrder(rows, SampleSort::Path, position), (std::vector<int>{0, 1, 2, 3}))
        << "already sorted rows keep their order";
}
