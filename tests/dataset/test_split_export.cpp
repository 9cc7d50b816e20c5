#include "testutil.h"

#include "dataset/exporter.h"
#include "dataset/importer.h"
#include "dataset/project.h"
#include "dataset/splitter.h"
#include "dataset/stats.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

using namespace pulc::dataset;
using namespace pulc::test;

namespace {

class SplitExportTest : public ::testing::Test
{
protected:
    void SetUp() override { m_project = makeProject(path(QStringLiteral("project"))); }

    QString path(const QString &rel) const { return QDir::cleanPath(m_tmp.filePath(rel)); }
    Project &project() { return *m_project; }

    void recreate(TaskType task)
    {
        m_project.reset();
        QDir(path(QStringLiteral("project"))).removeRecursively();
        m_project = makeProject(path(QStringLiteral("project")), task);
    }

    /// Writes `count` distinct images into src/<folder>/<cls>/, seeds from `firstSeed`.
    void writeClass(const QString &folder, const QString &cls, int count, int firstSeed)
    {
        for (int i = 0; i < count; ++i)
            writeImage(path(QStringLiteral("%1/%2/%3.png").arg(folder, cls).arg(i)), firstSeed + i,
                       8, 8);
    }

    ImportReport importInto(Project &p, const QString &source,
                            ImportFormat format = ImportFormat::Auto,
                            std::optional<Split> split = std::nullopt)
    {
        ImportRequest r = defaultImportRequest(source);
        r.format = format;
        r.split = split;
        auto report = importData(p, r);
        EXPECT_TRUE(report) << report.error().toStdString();
        return report ? report.value() : ImportReport{};
    }

    QHash<QString, QString> splitByPath()
    {
        QHash<QString, QString> out;
        for (const StoredSample &r : sampleRows(project()))
            out.insert(r.path, r.split);
        return out;
    }

    DatasetStats stats()
    {
        auto s = computeStats(project());
        EXPECT_TRUE(s) << s.error().toStdString();
        return s ? s.value() : DatasetStats{};
    }

    QTemporaryDir m_tmp;
    std::optional<Project> m_project;
};

const ClassStats *classNamed(const DatasetStats &s, const char *name)
{
    for (const ClassStats &c : s.classes)
        if (c.name == QLatin1String(name))
            return &c;
    return nullptr;
}

} // namespace

TEST_F(SplitExportTest, SplitIsStratifiedPerClass)
{
    writeClass(QStringLiteral("src"), QStringLiteral("cat"), 40, 0);
    writeClass(QStringLiteral("src"), QStringLiteral("dog"), 25, 100);
    writeClass(QStringLiteral("src"), QStringLiteral("bird"), 11, 200);
    importInto(project(), path(QStringLiteral("src")));
    SplitRequest req;
    req.val = 0.2;
    req.test = 0.1;
    req.seed = 7;
    auto result = splitDataset(project(), req);
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->assigned, 76);
    EXPECT_EQ(result->train + result->val + result->test, 76);
    const DatasetStats s = stats();
    EXPECT_EQ(s.unassigned, 0);
    for (const ClassStats &c : s.classes) {
        EXPECT_LE(std::abs(c.val - c.count * req.val), 1.0) << c.name.toStdString();
        EXPECT_LE(std::abs(c.test - c.count * req.test), 1.0) << c.name.toStdString();
        EXPECT_EQ(c.train + c.val + c.test, c.count);
        EXPECT_GT(c.train, c.val);
    }
}

TEST_F(SplitExportTest, SplitIsRepeatableForASeedAndDiffersForAnother)
{
    writeClass(QStringLiteral("src"), QStringLiteral("cat"), 30, 0);
    writeClass(QStringLiteral("src"), QStringLiteral("dog"), 30, 100);
    importInto(project(), path(QStringLiteral("src")));
    SplitRequest req;
    req.val = 0.3;
    req.test = 0.2;
    req.seed = 1234;
    ASSERT_TRUE(splitDataset(project(), req));
    const auto first = splitByPath();
    req.reassign = true;
    ASSERT_TRUE(splitDataset(project(), req));
    EXPECT_EQ(splitByPath(), first);

    // A second project with the same images and seed agrees.
    Project other = makeProject(path(QStringLiteral("other")));
    importInto(other, path(QStringLiteral("src")));
    req.reassign = false;
    ASSERT_TRUE(splitDataset(other, req));
    QHash<QString, QString> otherSplits;
    for (const StoredSample &r : sampleRows(other))
        otherSplits.insert(r.path, r.split);
    EXPECT_EQ(otherSplits, first);

    req.seed = 99;
    req.reassign = true;
    ASSERT_TRUE(splitDataset(project(), req));
    EXPECT_NE(splitByPath(), first);
}

TEST_F(SplitExportTest, SplitKeepsExistingSplitsUnlessReassigning)
{
    writeClass(QStringLiteral("a"), QStringLiteral("cat"), 20, 0);
    importInto(project(), path(QStringLiteral("a")));
    SplitRequest req;
    req.val = 0.25;
    req.test = 0.25;
    ASSERT_TRUE(splitDataset(project(), req));
    const auto before = splitByPath();

    writeClass(QStringLiteral("b"), QStringLiteral("cat"), 20, 100);
    importInto(project(), path(QStringLiteral("b")));
    auto second = splitDataset(project(), req);
    ASSERT_TRUE(second) << second.error();
    EXPECT_EQ(second->assigned, 20); // only the new images
    const auto after = splitByPath();
    for (auto it = before.begin(); it != before.end(); ++it)
        EXPECT_EQ(after.value(it.key()), it.value()) << it.key().toStdString();
    for (const QString &split : after)
        EXPECT_FALSE(split.isEmpty());

    req.reassign = true;
    req.seed = 5;
    auto all = splitDataset(project(), req);
    ASSERT_TRUE(all) << all.error();
    EXPECT_EQ(all->assigned, 40);
}

TEST_F(SplitExportTest, SplitNeverSeparatesIdenticalImages)
{
    for (int i = 0; i < 30; ++i) {
        writeImage(path(QStringLiteral("src/cat/a%1.png").arg(i)), i, 8, 8);
        writeImage(path(QStringLiteral("src/cat/b%1.png").arg(i)), i, 8, 8);
    }
    importInto(project(), path(QStringLiteral("src")));
    SplitRequest req;
    req.val = 0.3;
    req.test = 0.3;
    ASSERT_TRUE(splitDataset(project(), req));
    const DatasetStats s = stats();
    EXPECT_EQ(s.duplicateGroups, 30);
    EXPECT_EQ(s.leakageGroups, 0);
    EXPECT_GT(s.val, 0);

    // Copies of images already in a split follow them instead of being drawn again.
    for (int i = 0; i < 20; ++i)
        writeImage(path(QStringLiteral("fixed/dog/%1.png").arg(i)), 500 + i, 8, 8);
    importInto(project(), path(QStringLiteral("fixed")), ImportFormat::Folders, Split::Train);
    for (int i = 0; i < 20; ++i)
        writeImage(path(QStringLiteral("copies/dog/%1.png").arg(i)), 500 + i, 8, 8);
    importInto(project(), path(QStringLiteral("copies")));
    ASSERT_TRUE(splitDataset(project(), req));
    EXPECT_EQ(stats().leakageGroups, 0);
    const auto splits = splitByPath();
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(splits.value(path(QStringLiteral("copies/dog/%1.png").arg(i))),
                  QStringLiteral("train"))
            << i;
}

TEST_F(SplitExportTest, SplitLeavesUnlabeledImagesUnassigned)
{
    writeClass(QStringLiteral("src"), QStringLiteral("cat"), 10, 0);
    for (int i = 0; i < 5; ++i)
        writeImage(path(QStringLiteral("pool/%1.png").arg(i)), 100 + i, 8, 8);
    importInto(project(), path(QStringLiteral("src")));
    importInto(project(), path(QStringLiteral("pool")), ImportFormat::Unlabeled);
    auto result = splitDataset(project(), {});
    ASSERT_TRUE(result) << result.error();
    EXPECT_EQ(result->assigned, 10);
    for (const StoredSample &r : sampleRows(project()))
        EXPECT_EQ(r.split.isEmpty(), r.labels.isEmpty()) << r.path;
}

TEST_F(SplitExportTest, SplitRejectsBadFractions)
{
    for (auto [val, test] : {std::pair{-0.1, 0.1}, std::pair{0.6, 0.5}, std::pair{1.0, 0.0},
                             std::pair{0.1, std::nan("")}}) {
        SplitRequest req;
        req.val = val;
        req.test = test;
        auto result = splitDataset(project(), req);
        ASSERT_FALSE(result) << val << " " << test;
        EXPECT_TRUE(result.error().contains(QStringLiteral("fractions"))) << result.error();
    }
}

TEST_F(SplitExportTest, StatsCountsAndWarnings)
{
    recreate(TaskType::MultiLabel);
    writeClass(QStringLiteral("src/train"), QStringLiteral("cat"), 30, 0);
    writeClass(QStringLiteral("src/train"), QStringLiteral("rare"), 2, 100);
    writeClass(QStringLiteral("src/test"), QStringLiteral("cat"), 3, 200);
    writeImage(path(QStringLiteral("src/test/rare/leak.png")), 0, 8, 8); // = train/cat/0.png
    for (int i = 0; i < 4; ++i)
        writeImage(path(QStringLiteral("pool/%1.png").arg(i)), 300 + i, 8, 8);
    importInto(project(), path(QStringLiteral("src")));
    importInto(project(), path(QStringLiteral("pool")), ImportFormat::Unlabeled);
    writeImage(path(QStringLiteral("multi/both.png")), 400, 8, 8);
    writeText(path(QStringLiteral("multi/list.csv")), QStringLiteral("both.png,cat;rare,train\n"));
    importInto(project(), path(QStringLiteral("multi/list.csv")));

    const DatasetStats s = stats();
    EXPECT_EQ(s.samples, 30 + 2 + 3 + 1 + 4 + 1);
    EXPECT_EQ(s.labeled, 37);
    EXPECT_EQ(s.unlabeled, 4);
    EXPECT_EQ(s.train, 33);
    EXPECT_EQ(s.val, 0);
    EXPECT_EQ(s.test, 4);
    EXPECT_EQ(s.unassigned, 4);
    EXPECT_EQ(s.duplicateGroups, 1);
    EXPECT_EQ(s.conflictGroups, 1);
    EXPECT_EQ(s.leakageGroups, 1);
    const ClassStats *cat = classNamed(s, "cat");
    const ClassStats *rare = classNamed(s, "rare");
    ASSERT_TRUE(cat && rare);
    EXPECT_EQ(cat->count, 34); // the multi-label image counts in both classes
    EXPECT_EQ(cat->train, 31);
    EXPECT_EQ(cat->test, 3);
    EXPECT_EQ(rare->count, 4);
    EXPECT_EQ(rare->train, 3);
    EXPECT_EQ(rare->test, 1);
    using Kind = StatsWarning::Kind;
    EXPECT_TRUE(s.warnings.contains(StatsWarning{Kind::FewImages, QStringLiteral("rare"), 3}));
    EXPECT_EQ(describe(StatsWarning{Kind::FewImages, QStringLiteral("rare"), 3}),
              QStringLiteral("class 'rare' has only 3 training images"));
    EXPECT_TRUE(s.warnings.contains(StatsWarning{Kind::NoValidation, {}}));
    EXPECT_TRUE(s.warnings.contains(StatsWarning{Kind::Leakage, {}, 1}));
    EXPECT_TRUE(s.warnings.contains(StatsWarning{Kind::Conflicts, {}, 1}));
    EXPECT_FALSE(std::any_of(s.warnings.begin(), s.warnings.end(),
                             [](const StatsWarning &w) { return w.kind == Kind::Imbalance; }));

    writeClass(QStringLiteral("more"), QStringLiteral("cat"), 20, 500);
    importInto(project(), path(QStringLiteral("more")));
    const DatasetStats after = stats();
    EXPECT_TRUE(after.warnings.contains(StatsWarning{Kind::Imbalance, {}, 54, 4}));
}

TEST_F(SplitExportTest, PaddleListRoundTripSingleLabel)
{
    writeClass(QStringLiteral("src"), QStringLiteral("cat"), 12, 0);
    writeClass(QStringLiteral("src"), QStringLiteral("dog dog"), 9, 100);
    writeImage(path(QStringLiteral("src/cat/twin.png")), 100, 8, 8); // a conflict on purpose
    importInto(project(), path(QStringLiteral("src")));
    for (int i = 0; i < 3; ++i)
        writeImage(path(QStringLiteral("pool/%1.png").arg(i)), 300 + i, 8, 8);
    importInto(project(), path(QStringLiteral("pool")), ImportFormat::Unlabeled);
    ASSERT_TRUE(splitDataset(project(), {0.2, 0.2, 3, false}));
    const QStringList original = contentSignature(project());

    for (bool copy : {false, true}) {
        const QString out = path(copy ? QStringLiteral("out-copy") : QStringLiteral("out"));
        ExportRequest req;
        req.outDir = out;
        req.copyImages = copy;
        auto report = exportDataset(project(), req);
        ASSERT_TRUE(report) << report.error();
        EXPECT_EQ(report->samples, 25);
        EXPECT_TRUE(report->skipped.isEmpty());
        EXPECT_TRUE(report->files.contains(QStringLiteral("label_list.txt")));
        EXPECT_TRUE(report->files.contains(QStringLiteral("train_list.txt")));
        EXPECT_TRUE(report->files.contains(QStringLiteral("val_list.txt")));

        Project fresh = makeProject(out + QStringLiteral("-project"));
        ImportReport back = importInto(fresh, out);
        EXPECT_EQ(back.format, ImportFormat::PaddleList);
        EXPECT_TRUE(back.skipped.isEmpty());
        EXPECT_EQ(contentSignature(fresh), original) << "copy=" << copy;
        QStringList names;
        for (const ClassInfo &c : fresh.classes())
            names << c.name;
        EXPECT_EQ(names, (QStringList{QStringLiteral("cat"), QStringLiteral("dog dog")}));
    }
}

TEST_F(SplitExportTest, PaddleListRoundTripMultiLabel)
{
    recreate(TaskType::MultiLabel);
    QString csv;
    for (int i = 0; i < 12; ++i) {
        writeImage(path(QStringLiteral("src/%1.png").arg(i)), i, 8, 8);
        static const char *const kLabels[] = {"hat", "hat;bag", "bag", "", "glasses;hat;bag"};
        static const char *const kSplits[] = {"train", "val", "test", ""};
        csv += QStringLiteral("%1.png,%2,%3\n")
                   .arg(i)
                   .arg(QLatin1String(kLabels[i % 5]), QLatin1String(kSplits[i % 4]));
    }
    writeText(path(QStringLiteral("src/data.csv")), csv);
    importInto(project(), path(QStringLiteral("src/data.csv")));
    const QStringList original = contentSignature(project());
    ASSERT_EQ(original.size(), 12);

    ExportRequest req;
    req.outDir = path(QStringLiteral("out"));
    auto report = exportDataset(project(), req);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->samples, 12);
    QFile train(path(QStringLiteral("out/train_list.txt")));
    ASSERT_TRUE(train.open(QIODevice::ReadOnly));
    // Classes are bag, glasses, hat; the first training image (0.png) is a hat.
    EXPECT_TRUE(train.readLine().endsWith("0.png\t0,0,1\n"));

    Project fresh = makeProject(path(QStringLiteral("fresh")), TaskType::MultiLabel);
    importInto(fresh, path(QStringLiteral("out")));
    EXPECT_EQ(contentSignature(fresh), original);
}

TEST_F(SplitExportTest, FoldersRoundTrip)
{
    writeClass(QStringLiteral("src/a"), QStringLiteral("cat"), 8, 0);
    writeClass(QStringLiteral("src/b"), QStringLiteral("cat"), 8, 50); // same file names as a/
    writeClass(QStringLiteral("src/a"), QStringLiteral("dog"), 8, 100);
    importInto(project(), path(QStringLiteral("src")), ImportFormat::Unlabeled);
    // Label through a CSV so that both cat folders land in one class.
    QString csv;
    for (const StoredSample &r : sampleRows(project()))
        csv += QStringLiteral("\"%1\",%2\n").arg(r.path, QFileInfo(r.path).dir().dirName());
    recreate(TaskType::SingleLabel);
    writeText(path(QStringLiteral("labels.csv")), csv);
    importInto(project(), path(QStringLiteral("labels.csv")));
    for (int i = 0; i < 2; ++i)
        writeImage(path(QStringLiteral("pool/%1.png").arg(i)), 300 + i, 8, 8);
    importInto(project(), path(QStringLiteral("pool")), ImportFormat::Unlabeled);
    SplitRequest split;
    split.val = 0.25;
    split.test = 0.25;
    ASSERT_TRUE(splitDataset(project(), split));
    const QStringList original = contentSignature(project());
    ASSERT_EQ(original.size(), 26);

    ExportRequest req;
    req.outDir = path(QStringLiteral("out"));
    req.format = ExportFormat::Folders;
    auto report = exportDataset(project(), req);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->samples, 26);
    EXPECT_EQ(filesBelow(path(QStringLiteral("out"))).size(), 26);

    Project fresh = makeProject(path(QStringLiteral("fresh")));
    ImportReport back = importInto(fresh, path(QStringLiteral("out")));
    EXPECT_EQ(back.format, ImportFormat::Folders);
    EXPECT_EQ(contentSignature(fresh), original);
}

TEST_F(SplitExportTest, FoldersExportOfMultiLabelProjectFails)
{
    recreate(TaskType::MultiLabel);
    writeImage(path(QStringLiteral("src/a.png")), 1, 8, 8);
    writeText(path(QStringLiteral("src/data.csv")), QStringLiteral("a.png,hat;bag\n"));
    importInto(project(), path(QStringLiteral("src/data.csv")));
    ExportRequest req;
    req.outDir = path(QStringLiteral("out"));
    req.format = ExportFormat::Folders;
    auto report = exportDataset(project(), req);
    ASSERT_FALSE(report);
    EXPECT_TRUE(report.error().contains(QStringLiteral("single-label or binary")))
        << report.error();
    EXPECT_TRUE(report.error().contains(QStringLiteral("paddle-list"))) << report.error();
    EXPECT_FALSE(QFileInfo::exists(path(QStringLiteral("out"))));
}
