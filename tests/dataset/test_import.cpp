#include "testutil.h"

#include "../shareddata.h"

#include "dataset/demo.h"
#include "dataset/idxreader.h"
#include "dataset/importer.h"
#include "dataset/importsource.h"
#include "dataset/project.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QVariant>

#include <gtest/gtest.h>

#include <optional>

using namespace pulc::dataset;
using namespace pulc::test;

namespace {

QStringList sorted(QStringList list)
{
    list.sort();
    return list;
}

class ImportTest : public ::testing::Test
{
protected:
    void SetUp() override { m_project = makeProject(m_tmp.filePath(QStringLiteral("project"))); }

    /// A path below the temporary source folder.
    QString src(const QString &rel = {}) const
    {
        return QDir::cleanPath(m_tmp.filePath(QStringLiteral("src/") + rel));
    }

    Project &project() { return *m_project; }

    void recreate(TaskType task)
    {
        m_project.reset();
        QDir(m_tmp.filePath(QStringLiteral("project"))).removeRecursively();
        m_project = makeProject(m_tmp.filePath(QStringLiteral("project")), task);
    }

    Result<ImportReport> import(const QString &source, ImportFormat format = ImportFormat::Auto,
                                const ImportCallbacks &cb = {})
    {
        ImportRequest r = defaultImportRequest(source);
        r.format = format;
        return importData(*m_project, r, cb);
    }

    int sampleCount()
    {
        return queryInt(*m_project, QStringLiteral("SELECT count(*) FROM samples"));
    }

    /// The sample stored under `path` (stored form), or an empty row.
    StoredSample row(const QString &path)
    {
        for (const StoredSample &r : sampleRows(*m_project))
            if (r.path == path)
                return r;
        ADD_FAILURE() << "no sample " << path.toStdString();
        return {};
    }

    QTemporaryDir m_tmp;
    std::optional<Project> m_project;
};

/// The reason `report` gives for skipping `ref`, or "<not skipped>".
QString reasonFor(const ImportReport &report, const QString &ref)
{
    for (const SkippedFile &s : report.skipped)
        if (s.path == ref)
            return s.reason;
    return QStringLiteral("<not skipped>");
}

} // namespace

TEST_F(ImportTest, FolderPerClassIsRecursiveAndKeepsLooseImagesUnlabeled)
{
    writeImage(src(QStringLiteral("cat/a.png")), 1);
    writeImage(src(QStringLiteral("cat/b.jpg")), 2);
    writeImage(src(QStringLiteral("dog/c.png")), 3);
    writeImage(src(QStringLiteral("dog/deeper/d.bmp")), 4);
    writeImage(src(QStringLiteral("loose.png")), 5);
    auto report = import(src());
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->format, ImportFormat::Folders);
    EXPECT_EQ(report->imported, 5);
    EXPECT_TRUE(report->skipped.isEmpty());
    EXPECT_TRUE(report->duplicates.isEmpty());
    EXPECT_EQ(report->classes, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    EXPECT_EQ(report->newClasses, report->classes);
    EXPECT_EQ(row(src(QStringLiteral("cat/b.jpg"))).labels, QStringList{QStringLiteral("cat")});
    EXPECT_EQ(row(src(QStringLiteral("dog/deeper/d.bmp"))).labels,
              QStringList{QStringLiteral("dog")});
    EXPECT_TRUE(row(src(QStringLiteral("loose.png"))).labels.isEmpty());
    for (const StoredSample &r : sampleRows(project()))
        EXPECT_EQ(r.split, QString()) << r.path;
    QSqlQuery q(project().database().db());
    ASSERT_TRUE(q.exec(QStringLiteral("SELECT width, height, format FROM samples WHERE path LIKE "
                                      "'%/cat/b.jpg'")) &&
                q.next());
    EXPECT_EQ(q.value(0).toInt(), 16);
    EXPECT_EQ(q.value(1).toInt(), 12);
    EXPECT_EQ(q.value(2).toString(), QStringLiteral("jpeg"));
    EXPECT_EQ(queryInt(project(), QStringLiteral("SELECT count(*) FROM imports")), 1);
}

TEST_F(ImportTest, ImageNetLayoutSplitFoldersBecomeSplits)
{
    writeImage(src(QStringLiteral("train/cat/1.png")), 1);
    writeImage(src(QStringLiteral("train/dog/2.png")), 2);
    writeImage(src(QStringLiteral("val/cat/3.png")), 3);
    writeImage(src(QStringLiteral("val/dog/4.png")), 4);
    writeImage(src(QStringLiteral("test/dog/5.png")), 5);
    auto report = import(src(), ImportFormat::Folders);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 5);
    EXPECT_EQ(report->classes, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    EXPECT_EQ(row(src(QStringLiteral("train/dog/2.png"))).split, QStringLiteral("train"));
    EXPECT_EQ(row(src(QStringLiteral("val/cat/3.png"))).split, QStringLiteral("val"));
    EXPECT_EQ(row(src(QStringLiteral("val/cat/3.png"))).labels, QStringList{QStringLiteral("cat")});
    EXPECT_EQ(row(src(QStringLiteral("test/dog/5.png"))).split, QStringLiteral("test"));
}

TEST_F(ImportTest, PaddleListWithRealClassMap)
{
    const QString map = sharedDataDir() + QStringLiteral("/paddleclas/ppcls/utils/PULC_label_list/"
                                                         "textline_orientation_label_list.txt");
    PULC_NEED_SHARED("data/paddleclas/ppcls/utils/PULC_label_list/"
                     "textline_orientation_label_list.txt");
    writeImage(src(QStringLiteral("imgs/a.png")), 1);
    writeImage(src(QStringLiteral("imgs/b b.png")), 2);
    writeImage(src(QStringLiteral("imgs/c.png")), 3);
    writeText(src(QStringLiteral("train_list.txt")),
              QStringLiteral("imgs/a.png 0\nimgs/b b.png 1\n\nimgs/c.png 1\n"));
    ImportRequest r = defaultImportRequest(src(QStringLiteral("train_list.txt")));
    r.classMapFile = map;
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->format, ImportFormat::PaddleList);
    EXPECT_EQ(report->imported, 3);
    EXPECT_EQ(report->classes,
              (QStringList{QStringLiteral("0_degree"), QStringLiteral("180_degree")}));
    EXPECT_EQ(row(src(QStringLiteral("imgs/a.png"))).labels,
              QStringList{QStringLiteral("0_degree")});
    EXPECT_EQ(row(src(QStringLiteral("imgs/b b.png"))).labels,
              QStringList{QStringLiteral("180_degree")});
    // The list's name gives the split.
    EXPECT_EQ(row(src(QStringLiteral("imgs/c.png"))).split, QStringLiteral("train"));
}

TEST_F(ImportTest, PaddleListLabelOutsideTheClassMapIsSkippedNamingTheLine)
{
    const QString map = sharedDataDir() + QStringLiteral("/paddleclas/ppcls/utils/PULC_label_list/"
                                                         "language_classification_label_list.txt");
    PULC_NEED_SHARED("data/paddleclas/ppcls/utils/PULC_label_list/"
                     "language_classification_label_list.txt");
    writeImage(src(QStringLiteral("a.png")), 1);
    writeImage(src(QStringLiteral("b.png")), 2);
    writeImage(src(QStringLiteral("c.png")), 3);
    writeText(src(QStringLiteral("list.txt")), QStringLiteral("a.png 9\nb.png 1\nc.png 10\n"));
    ImportRequest r = defaultImportRequest(src(QStringLiteral("list.txt")));
    r.classMapFile = map;
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 2);
    ASSERT_EQ(report->skipped.size(), 1);
    EXPECT_EQ(report->skipped[0].path, QStringLiteral("list.txt:3"));
    EXPECT_EQ(report->skipped[0].reason,
              QStringLiteral("label 10 is not in the class map (ids 0..9)"));
    // A class map declares every class, used or not, in id order.
    ASSERT_EQ(report->classes.size(), 10);
    EXPECT_EQ(report->classes.first(), QStringLiteral("arabic"));
    EXPECT_EQ(report->classes.last(), QStringLiteral("latin"));
    EXPECT_EQ(row(src(QStringLiteral("a.png"))).labels, QStringList{QStringLiteral("latin")});
    EXPECT_EQ(row(src(QStringLiteral("b.png"))).labels, QStringList{QStringLiteral("chinese_cht")});
    EXPECT_EQ(row(src(QStringLiteral("a.png"))).split, QString());
}

TEST_F(ImportTest, PaddleListTabSeparatedSingleLabel)
{
    // PaddleClas lists may separate path and label id by a tab; ids 0 and 1 then look like a
    // one-attribute vector, but in a single-label project they are class ids.
    writeImage(src(QStringLiteral("a.png")), 1);
    writeImage(src(QStringLiteral("b.png")), 2);
    writeText(src(QStringLiteral("list.txt")), QStringLiteral("a.png\t1\nb.png\t0\n"));
    ImportRequest r = defaultImportRequest(src(QStringLiteral("list.txt")));
    r.classNames = {QStringLiteral("no"), QStringLiteral("yes")};
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 2);
    EXPECT_EQ(row(src(QStringLiteral("a.png"))).labels, QStringList{QStringLiteral("yes")});
    EXPECT_EQ(row(src(QStringLiteral("b.png"))).labels, QStringList{QStringLiteral("no")});
}

TEST_F(ImportTest, PaddleMultiLabelListIntoMultiProject)
{
    recreate(TaskType::MultiLabel);
    writeText(src(QStringLiteral("attrs.txt")), QStringLiteral("0 hat\n1 glasses\n2 bag\n"));
    writeImage(src(QStringLiteral("a.png")), 1);
    writeImage(src(QStringLiteral("b.png")), 2);
    writeImage(src(QStringLiteral("c.png")), 3);
    writeImage(src(QStringLiteral("d.png")), 4);
    writeText(src(QStringLiteral("val_list.txt")),
              QStringLiteral("a.png\t0,1,0\nb.png\t1,1,0\nc.png\t0,0,0\nd.png\t1,0\n"));
    ImportRequest r = defaultImportRequest(src(QStringLiteral("val_list.txt")));
    r.classMapFile = src(QStringLiteral("attrs.txt"));
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 3);
    EXPECT_EQ(report->classes, (QStringList{QStringLiteral("hat"), QStringLiteral("glasses"),
                                            QStringLiteral("bag")}));
    EXPECT_EQ(row(src(QStringLiteral("a.png"))).labels, QStringList{QStringLiteral("glasses")});
    EXPECT_EQ(row(src(QStringLiteral("b.png"))).labels,
              (QStringList{QStringLiteral("glasses"), QStringLiteral("hat")}));
    EXPECT_TRUE(row(src(QStringLiteral("c.png"))).labels.isEmpty());
    EXPECT_EQ(row(src(QStringLiteral("b.png"))).split, QStringLiteral("val"));
    EXPECT_EQ(reasonFor(report.value(), QStringLiteral("val_list.txt:4")),
              QStringLiteral("2 attribute values, earlier lines have 3"));
}

TEST_F(ImportTest, MultiLabelLinesAreRefusedPerLineInSingleLabelProject)
{
    writeImage(src(QStringLiteral("a.png")), 1);
    writeImage(src(QStringLiteral("b.png")), 2);
    writeText(src(QStringLiteral("mixed.txt")), QStringLiteral("a.png 2\nb.png\t0,1,1\n"));
    auto report = import(src(QStringLiteral("mixed.txt")), ImportFormat::PaddleList);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 1);
    EXPECT_EQ(reasonFor(report.value(), QStringLiteral("mixed.txt:2")),
              QStringLiteral("a multi-label line, but the project is single-label"));

    // A list made only of such lines is not usable at all: the error names file and line.
    writeText(src(QStringLiteral("multi.txt")), QStringLiteral("a.png\t0,1\nb.png\t1,0\n"));
    auto failed = import(src(QStringLiteral("multi.txt")), ImportFormat::PaddleList);
    ASSERT_FALSE(failed);
    EXPECT_TRUE(failed.error().contains(src(QStringLiteral("multi.txt")))) << failed.error();
    EXPECT_TRUE(failed.error().contains(QStringLiteral("line 1"))) << failed.error();
    EXPECT_TRUE(failed.error().contains(QStringLiteral("multi-label"))) << failed.error();
    EXPECT_EQ(sampleCount(), 1);
}

TEST_F(ImportTest, CsvWithHeaderQuotesMultiLabelsAndSplits)
{
    recreate(TaskType::MultiLabel);
    writeImage(src(QStringLiteral("imgs/with, comma.png")), 1);
    writeImage(src(QStringLiteral("imgs/b.png")), 2);
    writeImage(src(QStringLiteral("imgs/c.png")), 3);
    writeImage(src(QStringLiteral("imgs/d.png")), 4);
    writeImage(src(QStringLiteral("imgs/e.png")), 5);
    writeText(src(QStringLiteral("data.csv")),
              QStringLiteral("path,label,split\r\n"
                             "\"imgs/with, comma.png\",cat,train\r\n"
                             "imgs/b.png,cat;dog,val\r\n"
                             "\"imgs/c.png\",\"dog\",TEST\r\n"
                             "imgs/d.png,,\r\n"
                             "imgs/e.png,cat,holiday\r\n"));
    auto report = import(src(QStringLiteral("data.csv")));
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->format, ImportFormat::Csv);
    EXPECT_EQ(report->imported, 4);
    EXPECT_EQ(report->classes, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    const StoredSample comma = row(src(QStringLiteral("imgs/with, comma.png")));
    EXPECT_EQ(comma.labels, QStringList{QStringLiteral("cat")});
    EXPECT_EQ(comma.split, QStringLiteral("train"));
    EXPECT_EQ(row(src(QStringLiteral("imgs/b.png"))).labels,
              (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    EXPECT_EQ(row(src(QStringLiteral("imgs/b.png"))).split, QStringLiteral("val"));
    EXPECT_EQ(row(src(QStringLiteral("imgs/c.png"))).split, QStringLiteral("test"));
    EXPECT_TRUE(row(src(QStringLiteral("imgs/d.png"))).labels.isEmpty());
    EXPECT_EQ(reasonFor(report.value(), QStringLiteral("data.csv:6")),
              QStringLiteral("unknown split 'holiday' (train, val, test or empty)"));
}

TEST_F(ImportTest, CsvMultiLabelRowIsRefusedInSingleLabelProject)
{
    writeImage(src(QStringLiteral("a.png")), 1);
    writeImage(src(QStringLiteral("b.png")), 2);
    writeText(src(QStringLiteral("data.csv")), QStringLiteral("a.png,cat\nb.png,cat;dog\n"));
    auto report = import(src(QStringLiteral("data.csv")));
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 1);
    EXPECT_EQ(reasonFor(report.value(), QStringLiteral("data.csv:2")),
              QStringLiteral("2 labels, but the project is single-label"));
}

TEST_F(ImportTest, UnlabeledFolder)
{
    writeImage(src(QStringLiteral("pool/1.png")), 1);
    writeImage(src(QStringLiteral("pool/2.jpg")), 2);
    writeImage(src(QStringLiteral("pool/sub/3.png")), 3);
    auto report = import(src(QStringLiteral("pool")), ImportFormat::Unlabeled);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 3);
    EXPECT_TRUE(report->classes.isEmpty());
    for (const StoredSample &r : sampleRows(project())) {
        EXPECT_TRUE(r.labels.isEmpty()) << r.path;
        EXPECT_EQ(r.split, QString()) << r.path;
    }
    // A folder of images without subfolders is detected as unlabeled.
    writeImage(src(QStringLiteral("flat/9.png")), 9);
    QString why;
    EXPECT_EQ(detectFormat(src(QStringLiteral("flat")), &why), ImportFormat::Unlabeled);
}

TEST_F(ImportTest, TinyIdxPairBecomesPngsInTheProject)
{
    writeIdxPair(src(QStringLiteral("idx/train-images-idx3-ubyte")),
                 src(QStringLiteral("idx/train-labels-idx1-ubyte")), 6, 5, 4,
                 QByteArray("\x00\x01\x02\x00\x01\x02", 6));
    QString why;
    EXPECT_EQ(detectFormat(src(QStringLiteral("idx")), &why), ImportFormat::Idx);
    ImportRequest r = defaultImportRequest(src(QStringLiteral("idx/train-images-idx3-ubyte")));
    r.classNames = {QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->format, ImportFormat::Idx);
    EXPECT_EQ(report->imported, 6);
    EXPECT_TRUE(report->duplicates.isEmpty());
    EXPECT_EQ(report->classes, r.classNames);
    const QList<StoredSample> rows = sampleRows(project());
    ASSERT_EQ(rows.size(), 6);
    for (qsizetype i = 0; i < rows.size(); ++i) {
        EXPECT_FALSE(QDir::isAbsolutePath(rows[i].path)) << rows[i].path;
        EXPECT_TRUE(rows[i].path.startsWith(QStringLiteral("images/"))) << rows[i].path;
        EXPECT_EQ(rows[i].split, QStringLiteral("train"));
        EXPECT_EQ(rows[i].labels, QStringList{r.classNames[i % 3]}) << rows[i].path;
        const QString file = project().absolutePath(rows[i].path);
        ASSERT_TRUE(QFileInfo::exists(file)) << file.toStdString();
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::ReadOnly));
        const ProbeResult probe = probeImage(f.readAll());
        EXPECT_TRUE(probe.ok) << probe.reason;
        EXPECT_EQ(probe.info.width, 4);
        EXPECT_EQ(probe.info.height, 5);
    }
}

TEST_F(ImportTest, RealFashionMnistTestFileWithLimit)
{
    const QString images =
        QStringLiteral("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    ASSERT_TRUE(QFileInfo::exists(images)) << "install dataset-fashion-mnist (scripts/setup)";
    auto labels = readIdxLabels(
        QStringLiteral("/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz"));
    ASSERT_TRUE(labels) << labels.error();
    ImportRequest r = defaultImportRequest(images);
    r.classNames = fashionMnistClassNames();
    r.limit = 300;
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 300);
    EXPECT_TRUE(report->skipped.isEmpty());
    EXPECT_EQ(report->classes, fashionMnistClassNames());
    const QList<StoredSample> rows = sampleRows(project()); // ordered by path = by index
    ASSERT_EQ(rows.size(), 300);
    for (int i : {0, 1, 42, 299}) {
        EXPECT_EQ(rows[i].split, QStringLiteral("test"));
        EXPECT_EQ(rows[i].labels, QStringList{fashionMnistClassNames()[quint8(labels->at(i))]})
            << rows[i].path;
        EXPECT_TRUE(
            rows[i].path.endsWith(QStringLiteral("/%1.png").arg(i, 5, 10, QLatin1Char('0'))))
            << rows[i].path;
    }
}

TEST_F(ImportTest, UnicodeFileNames)
{
    const QString cat = QString::fromUtf8("猫");
    const QString dog = QString::fromUtf8("Собака");
    writeImage(src(cat + QString::fromUtf8("/café 1.png")), 1);
    writeImage(src(dog + QString::fromUtf8("/naïve ü.jpg")), 2);
    auto report = import(src());
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 2);
    EXPECT_EQ(sorted(report->classes), sorted({cat, dog}));
    const StoredSample r = row(src(cat + QString::fromUtf8("/café 1.png")));
    EXPECT_EQ(r.labels, QStringList{cat});
    EXPECT_TRUE(QFileInfo::exists(project().absolutePath(r.path)));
}

TEST_F(ImportTest, HiddenFilesAndFoldersAreSkippedSilently)
{
    writeImage(src(QStringLiteral("cat/a.png")), 1);
    writeImage(src(QStringLiteral("cat/.b.png")), 2);
    writeImage(src(QStringLiteral("cat/.thumbs/c.png")), 3);
    writeImage(src(QStringLiteral(".git/d.png")), 4);
    writeImage(src(QStringLiteral(".e.png")), 5);
    auto report = import(src());
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 1);
    EXPECT_TRUE(report->skipped.isEmpty());
    EXPECT_EQ(report->classes, QStringList{QStringLiteral("cat")});
}

TEST_F(ImportTest, SymlinkLoopsEndAndEachFileIsImportedOnce)
{
    writeImage(src(QStringLiteral("cat/a.png")), 1);
    writeImage(src(QStringLiteral("dog/b.png")), 2);
    writeImage(m_tmp.filePath(QStringLiteral("outside/extra/e.png")), 3);
    ASSERT_TRUE(QFile::link(src(QStringLiteral("cat")), src(QStringLiteral("cat/self"))));
    ASSERT_TRUE(QFile::link(src(), src(QStringLiteral("cat/up"))));
    ASSERT_TRUE(QFile::link(src(QStringLiteral("dog")), src(QStringLiteral("cat/dogs"))));
    // A link to a folder elsewhere is followed (once).
    ASSERT_TRUE(QFile::link(m_tmp.filePath(QStringLiteral("outside/extra")),
                            src(QStringLiteral("dog/more"))));
    auto report = import(src());
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 3);
    EXPECT_TRUE(report->duplicates.isEmpty());
    EXPECT_TRUE(report->conflicts.isEmpty());
    EXPECT_EQ(row(src(QStringLiteral("dog/b.png"))).labels, QStringList{QStringLiteral("dog")});
    EXPECT_EQ(row(src(QStringLiteral("dog/more/e.png"))).labels,
              QStringList{QStringLiteral("dog")});
}

TEST_F(ImportTest, DuplicatesConflictsAndLeakageAreReportedWithPaths)
{
    writeImage(src(QStringLiteral("train/cat/a.png")), 1);
    writeImage(src(QStringLiteral("train/cat/a_copy.png")), 1);
    writeImage(src(QStringLiteral("train/cat/x.png")), 2);
    writeImage(src(QStringLiteral("train/dog/x.png")), 2);
    writeImage(src(QStringLiteral("train/dog/y.png")), 3);
    writeImage(src(QStringLiteral("val/dog/y.png")), 3);
    writeImage(src(QStringLiteral("val/cat/unique.png")), 4);
    auto report = import(src());
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 7);
    EXPECT_EQ(report->duplicates.size(), 3);

    ASSERT_EQ(report->conflicts.size(), 1);
    const DuplicateGroup &c = report->conflicts[0];
    EXPECT_EQ(sorted(c.paths), sorted({src(QStringLiteral("train/cat/x.png")),
                                       src(QStringLiteral("train/dog/x.png"))}));
    EXPECT_EQ(sorted(c.labels), (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    EXPECT_FALSE(c.leakage);

    ASSERT_EQ(report->leakage.size(), 1);
    const DuplicateGroup &l = report->leakage[0];
    EXPECT_EQ(sorted(l.paths), sorted({src(QStringLiteral("train/dog/y.png")),
                                       src(QStringLiteral("val/dog/y.png"))}));
    EXPECT_EQ(sorted(l.splits), (QStringList{QStringLiteral("train"), QStringLiteral("val")}));
    EXPECT_FALSE(l.conflict);

    // A later import that brings one more copy reports the group with the earlier samples.
    writeImage(src(QStringLiteral("more/cat/again.png")), 1);
    auto second = import(src(QStringLiteral("more")));
    ASSERT_TRUE(second) << second.error();
    ASSERT_EQ(second->duplicates.size(), 1);
    EXPECT_EQ(
        sorted(second->duplicates[0].paths),
        sorted({src(QStringLiteral("train/cat/a.png")), src(QStringLiteral("train/cat/a_copy.png")),
                src(QStringLiteral("more/cat/again.png"))}));
    EXPECT_TRUE(second->conflicts.isEmpty());
}

TEST_F(ImportTest, BadFilesAreSkippedWithTheirReasonAndTheRestImports)
{
    writeImage(src(QStringLiteral("cat/good.png")), 1);
    writeImage(src(QStringLiteral("cat/good.jpg")), 2);
    const QByteArray jpeg = encodeImage(3, ".jpg", 64, 64);
    writeFile(src(QStringLiteral("cat/truncated.jpg")), jpeg.left(jpeg.size() * 6 / 10));
    const QByteArray png = encodeImage(4, ".png", 64, 64);
    writeFile(src(QStringLiteral("cat/truncated.png")), png.left(png.size() / 2));
    writeFile(src(QStringLiteral("cat/empty.jpg")), {});
    writeText(src(QStringLiteral("cat/notes.jpg")), QStringLiteral("not a picture at all\n"));
    writeFile(src(QStringLiteral("cat/huge.png")), pngHeaderOnly(30000, 30000));
    writeFile(src(QStringLiteral("cat/anim.gif")), tinyGif());
    auto report = import(src());
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 2);
    EXPECT_EQ(report->skipped.size(), 6);
    auto reason = [&](const char *name) {
        return reasonFor(report.value(), src(QStringLiteral("cat/") + QLatin1String(name)));
    };
    EXPECT_EQ(reason("truncated.jpg"), QStringLiteral("truncated JPEG (no end-of-image marker)"));
    EXPECT_EQ(reason("truncated.png"), QStringLiteral("truncated PNG (no IEND chunk)"));
    EXPECT_EQ(reason("empty.jpg"), QStringLiteral("empty file"));
    EXPECT_EQ(reason("notes.jpg"), QStringLiteral("not an image (unrecognised format)"));
    EXPECT_EQ(reason("huge.png"),
              QStringLiteral("image too large: 30000x30000 pixels (limit 16384 pixels per side)"));
    EXPECT_EQ(reason("anim.gif"), QStringLiteral("unsupported format: GIF"));
    EXPECT_EQ(sampleCount(), 2);
    EXPECT_EQ(queryInt(project(), QStringLiteral("SELECT skipped FROM imports")), 6);
}

TEST_F(ImportTest, UnusableListFilesFailNamingFileAndLine)
{
    QByteArray garbage;
    for (int i = 0; i < 256; ++i)
        garbage += char(i * 37);
    writeFile(src(QStringLiteral("garbage.txt")), garbage);
    auto binary = import(src(QStringLiteral("garbage.txt")));
    ASSERT_FALSE(binary);
    EXPECT_TRUE(binary.error().contains(src(QStringLiteral("garbage.txt")))) << binary.error();
    EXPECT_TRUE(binary.error().contains(QStringLiteral("binary"))) << binary.error();

    writeText(src(QStringLiteral("prose.txt")),
              QStringLiteral("Dear diary,\ntoday I labelled no images.\n"));
    auto prose = import(src(QStringLiteral("prose.txt")));
    ASSERT_FALSE(prose);
    EXPECT_TRUE(prose.error().contains(src(QStringLiteral("prose.txt")))) << prose.error();
    EXPECT_TRUE(prose.error().contains(QStringLiteral("line 1"))) << prose.error();

    writeText(src(QStringLiteral("map.txt")), QStringLiteral("0 cat\none dog\n"));
    writeText(src(QStringLiteral("list.txt")), QStringLiteral("a.png 0\n"));
    ImportRequest r = defaultImportRequest(src(QStringLiteral("list.txt")));
    r.classMapFile = src(QStringLiteral("map.txt"));
    auto badMap = importData(project(), r);
    ASSERT_FALSE(badMap);
    EXPECT_TRUE(badMap.error().startsWith(src(QStringLiteral("map.txt:2")))) << badMap.error();

    writeText(src(QStringLiteral("broken.csv")), QStringLiteral("\"a.png,cat\nb.png\n"));
    auto csv = import(src(QStringLiteral("broken.csv")));
    ASSERT_FALSE(csv);
    EXPECT_TRUE(csv.error().contains(src(QStringLiteral("broken.csv")))) << csv.error();
    EXPECT_TRUE(csv.error().contains(QStringLiteral("line 1"))) << csv.error();
    EXPECT_EQ(sampleCount(), 0);
    EXPECT_EQ(queryInt(project(), QStringLiteral("SELECT count(*) FROM imports")), 0);
}

TEST_F(ImportTest, ReimportingTheSameFolderAddsNothing)
{
    writeImage(src(QStringLiteral("cat/a.png")), 1);
    writeImage(src(QStringLiteral("dog/b.png")), 2);
    writeImage(src(QStringLiteral("dog/c.png")), 3);
    for (bool copy : {false, true}) {
        ImportRequest r = defaultImportRequest(src());
        r.copy = copy;
        auto first = importData(project(), r);
        ASSERT_TRUE(first) << first.error();
        EXPECT_EQ(first->imported, 3);
        auto again = importData(project(), r);
        ASSERT_TRUE(again) << again.error();
        EXPECT_EQ(again->imported, 0);
        EXPECT_EQ(again->alreadyPresent, 3);
        EXPECT_TRUE(again->newClasses.isEmpty());
    }
    EXPECT_EQ(sampleCount(), 6); // the copies are samples of their own
    EXPECT_EQ(filesBelow(project().imagesDir()).size(), 3);
}

TEST_F(ImportTest, CopiesOfDifferentImagesWithTheSameNameAreKeptApart)
{
    // Two sources with the same folder name copy into images/data/: different content under
    // the same name must be renamed, not taken for the image already there.
    writeImage(m_tmp.filePath(QStringLiteral("a/data/cat/1.png")), 1);
    writeImage(m_tmp.filePath(QStringLiteral("b/data/cat/1.png")), 2);
    for (const char *source : {"a/data", "b/data"}) {
        ImportRequest r = defaultImportRequest(m_tmp.filePath(QString::fromLatin1(source)));
        r.copy = true;
        auto report = importData(project(), r);
        ASSERT_TRUE(report) << report.error();
        EXPECT_EQ(report->imported, 1) << source;
        EXPECT_EQ(report->alreadyPresent, 0) << source;
    }
    const QStringList files = filesBelow(project().imagesDir());
    EXPECT_EQ(files,
              (QStringList{QStringLiteral("data/cat/1.png"), QStringLiteral("data/cat/1_1.png")}));
    EXPECT_EQ(row(QStringLiteral("images/data/cat/1_1.png")).hash,
              QString::fromLatin1(
                  QCryptographicHash::hash(encodeImage(2), QCryptographicHash::Sha1).toHex()));

    ImportRequest again = defaultImportRequest(m_tmp.filePath(QStringLiteral("a/data")));
    again.copy = true;
    auto report = importData(project(), again);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 0);
    EXPECT_EQ(report->alreadyPresent, 1);
}

TEST_F(ImportTest, CancelWhileCheckingLeavesNothingBehind)
{
    writeImage(src(QStringLiteral("first/cat/0.png")), 1000);
    ASSERT_TRUE(import(src(QStringLiteral("first"))));
    for (int i = 0; i < 150; ++i)
        writeImage(src(QStringLiteral("many/%1/%2.png").arg(i % 2 ? "cat" : "dog").arg(i)), i, 32,
                   32);
    ImportRequest r = defaultImportRequest(src(QStringLiteral("many")));
    r.copy = true;
    r.threads = 1;
    int progressCalls = 0;
    bool sawCheck = false;
    ImportCallbacks cb;
    cb.progress = [&](const ImportProgress &p) {
        ++progressCalls;
        sawCheck = sawCheck || p.phase == QLatin1String("check");
    };
    cb.shouldCancel = [&] { return sawCheck; };
    auto report = importData(project(), r, cb);
    ASSERT_TRUE(report) << report.error();
    EXPECT_TRUE(report->cancelled);
    EXPECT_EQ(report->imported, 0);
    EXPECT_GT(progressCalls, 0);
    EXPECT_EQ(sampleCount(), 1);
    EXPECT_EQ(project().classes().size(), 1);
    EXPECT_EQ(queryInt(project(), QStringLiteral("SELECT count(*) FROM imports")), 1);
    EXPECT_EQ(filesBelow(project().imagesDir()), QStringList());
    EXPECT_EQ(project().database().integrityProblem(), QString());
}

TEST_F(ImportTest, CancelWhileWritingRollsBackTheTransaction)
{
    const QString images =
        QStringLiteral("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    ASSERT_TRUE(QFileInfo::exists(images)) << "install dataset-fashion-mnist (scripts/setup)";
    ImportRequest r = defaultImportRequest(images);
    r.limit = 2500;
    bool sawWrite = false;
    ImportCallbacks cb;
    cb.progress = [&](const ImportProgress &p) {
        sawWrite = sawWrite || p.phase == QLatin1String("write");
    };
    cb.shouldCancel = [&] { return sawWrite; };
    auto report = importData(project(), r, cb);
    ASSERT_TRUE(report) << report.error();
    EXPECT_TRUE(sawWrite);
    EXPECT_TRUE(report->cancelled);
    EXPECT_EQ(report->imported, 0);
    EXPECT_EQ(sampleCount(), 0);
    EXPECT_EQ(project().classes().size(), 0);
    EXPECT_EQ(queryInt(project(), QStringLiteral("SELECT count(*) FROM imports")), 0);
    EXPECT_EQ(filesBelow(project().imagesDir()), QStringList());

    // The same import then goes through.
    auto again = importData(project(), r);
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(again->imported, 2500);
    EXPECT_EQ(sampleCount(), 2500);
}

TEST_F(ImportTest, BinaryProjectRefusesAThirdClass)
{
    recreate(TaskType::Binary);
    writeImage(src(QStringLiteral("two/helmet/a.png")), 1);
    writeImage(src(QStringLiteral("two/no_helmet/b.png")), 2);
    ASSERT_TRUE(import(src(QStringLiteral("two"))));
    writeImage(src(QStringLiteral("three/cap/c.png")), 3);
    ImportRequest r = defaultImportRequest(src(QStringLiteral("three")));
    r.copy = true;
    auto report = importData(project(), r);
    ASSERT_FALSE(report);
    EXPECT_TRUE(report.error().contains(QStringLiteral("a binary project has two classes; this "
                                                       "import would give it 3")))
        << report.error();
    EXPECT_TRUE(report.error().contains(QStringLiteral("cap"))) << report.error();
    EXPECT_EQ(sampleCount(), 2);
    EXPECT_EQ(project().classes().size(), 2);
    EXPECT_EQ(filesBelow(project().imagesDir()), QStringList());
}

TEST_F(ImportTest, ASingleImageFileImportsAsOneUnlabeledSample)
{
    const QString file = writeImage(src(QStringLiteral("drop/photo.png")), 7);
    writeImage(src(QStringLiteral("drop/other.png")), 8); // its neighbour stays out
    auto report = import(file);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->format, ImportFormat::Unlabeled);
    EXPECT_EQ(report->imported, 1);
    EXPECT_EQ(sampleCount(), 1);
    EXPECT_TRUE(row(file).labels.isEmpty());
}

TEST_F(ImportTest, DetectsFormatsAndExplainsWhenItCannot)
{
    writeText(src(QStringLiteral("a.csv")), QStringLiteral("a.png,cat\n"));
    writeText(src(QStringLiteral("a_list.txt")), QStringLiteral("a.png 0\n"));
    writeImage(src(QStringLiteral("one.png")), 1);
    QString why;
    EXPECT_EQ(detectFormat(src(QStringLiteral("a.csv")), &why), ImportFormat::Csv);
    EXPECT_EQ(detectFormat(src(QStringLiteral("a_list.txt")), &why), ImportFormat::PaddleList);
    EXPECT_EQ(detectFormat(src(), &why), ImportFormat::PaddleList);
    EXPECT_EQ(detectFormat(src(QStringLiteral("one.png")), &why), ImportFormat::Unlabeled);
    auto missing = import(src(QStringLiteral("nothing-here")));
    ASSERT_FALSE(missing);
    EXPECT_TRUE(missing.error().contains(src(QStringLiteral("nothing-here")))) << missing.error();
}
