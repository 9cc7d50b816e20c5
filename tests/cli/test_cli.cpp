// Drives the built `pulc` binary the way scripts do and checks the contract they rely on
// (README.md, 'The command line'): exit codes, one JSON object on stdout with --json, messages on
// stderr.
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include "../qtenvironment.h"
#include "../shareddata.h"
#include "pulcrun.h"

#include <gtest/gtest.h>

#include <ostream>

// Lets QStrings stream into GoogleTest failure messages.
inline std::ostream &operator<<(std::ostream &os, const QString &s)
{
    return os << s.toStdString();
}

namespace {

[[maybe_unused]] ::testing::Environment *const kQtEnvironment =
    ::testing::AddGlobalTestEnvironment(new pulc::test::QtEnvironment("test_cli"));

const QString kFashionDir = QStringLiteral("/usr/share/datasets/fashion-mnist");

/// PaddleClas's PULC demo images in the shared folder; check with PULC_NEED_SHARED(kDemoImages).
const char *const kDemoImages = "data/paddleclas/deploy/images/PULC";

QString pulcDemoImages()
{
    return QString::fromStdString(pulc::test::sharedPath(kDemoImages));
}

using pulc::test::PulcRun;
using pulc::test::runPulc;

void expectKeys(const QJsonObject &o, std::initializer_list<const char *> keys)
{
    for (const char *k : keys)
        EXPECT_TRUE(o.contains(QLatin1String(k)))
            << "missing key " << k << " in " << QJsonDocument(o).toJson().toStdString();
}

int filesBelow(const QString &dir)
{
    int n = 0;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

class CliTest : public ::testing::Test
{
protected:
    QString path(const QString &rel) const { return QDir::cleanPath(m_tmp.filePath(rel)); }

    /// Creates a project and fails the test when `pulc project init` does not succeed.
    QString initProject(const QString &rel, const QString &task = QStringLiteral("single"))
    {
        const PulcRun r = runPulc({QStringLiteral("project"), QStringLiteral("init"), path(rel),
                                   QStringLiteral("--task"), task});
        EXPECT_EQ(r.exitCode, 0) << r;
        return path(rel);
    }

    QTemporaryDir m_tmp;
};

} // namespace

TEST_F(CliTest, HelpExitsZero)
{
    const PulcRun top = runPulc({QStringLiteral("--help")});
    EXPECT_EQ(top.exitCode, 0) << top;
    EXPECT_TRUE(top.out.contains("Usage: pulc")) << top;
    const PulcRun sub = runPulc({QStringLiteral("import"), QStringLiteral("--help")});
    EXPECT_EQ(sub.exitCode, 0) << sub;
    EXPECT_TRUE(sub.out.contains("--class-map")) << sub;
}

TEST_F(CliTest, BadUsageExitsTwoWithTheMessageOnStderr)
{
    const PulcRun none = runPulc({});
    EXPECT_EQ(none.exitCode, 2) << none;

    const PulcRun unknown = runPulc({QStringLiteral("frobnicate")});
    EXPECT_EQ(unknown.exitCode, 2) << unknown;
    EXPECT_TRUE(unknown.err.contains("unknown command 'frobnicate'")) << unknown;
    EXPECT_TRUE(unknown.out.isEmpty()) << unknown;

    const PulcRun unknownJson = runPulc({QStringLiteral("frobnicate"), QStringLiteral("--json")});
    EXPECT_EQ(unknownJson.exitCode, 2) << unknownJson;
    EXPECT_TRUE(unknownJson.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("frobnicate")));

    const QString project = initProject(QStringLiteral("p"));
    for (const QStringList &args :
         {QStringList{QStringLiteral("stats"), QStringLiteral("--project"), project,
                      QStringLiteral("--bogus")},
          QStringList{QStringLiteral("stats")},
          QStringList{QStringLiteral("import"), QStringLiteral("--project"), project},
          QStringList{QStringLiteral("import"), path(QStringLiteral("x")),
                      QStringLiteral("--project"), project, QStringLiteral("--format"),
                      QStringLiteral("pdf")},
          QStringList{QStringLiteral("split"), QStringLiteral("--project"), project,
                      QStringLiteral("--val"), QStringLiteral("1.5")},
          QStringList{QStringLiteral("export-dataset"), QStringLiteral("--project"), project,
                      QStringLiteral("--format"), QStringLiteral("zip"), path(QStringLiteral("o"))},
          QStringList{QStringLiteral("project"), QStringLiteral("init"), path(QStringLiteral("q")),
                      QStringLiteral("--task"), QStringLiteral("regression")},
          QStringList{QStringLiteral("demo")}}) {
        const PulcRun r = runPulc(args);
        EXPECT_EQ(r.exitCode, 2) << args.join(QLatin1Char(' ')) << "\n" << r;
        EXPECT_FALSE(r.err.isEmpty()) << args.join(QLatin1Char(' '));
    }
}

TEST_F(CliTest, FailuresExitOneWithTheMessageOnStderr)
{
    const PulcRun missing = runPulc(
        {QStringLiteral("stats"), QStringLiteral("--project"), path(QStringLiteral("nowhere"))});
    EXPECT_EQ(missing.exitCode, 1) << missing;
    EXPECT_TRUE(missing.err.contains(path(QStringLiteral("nowhere")).toUtf8())) << missing;
    EXPECT_TRUE(missing.out.isEmpty()) << missing;

    const QString project = initProject(QStringLiteral("p"));
    const PulcRun again = runPulc(
        {QStringLiteral("project"), QStringLiteral("init"), project, QStringLiteral("--json")});
    EXPECT_EQ(again.exitCode, 1) << again;
    EXPECT_TRUE(again.err.contains("already holds a project")) << again;
    EXPECT_TRUE(again.json()
                    .value(QStringLiteral("error"))
                    .toString()
                    .contains(QStringLiteral("already holds a project")));

    const PulcRun noSource =
        runPulc({QStringLiteral("import"), path(QStringLiteral("no-such-folder")),
                 QStringLiteral("--project"), project, QStringLiteral("--json")});
    EXPECT_EQ(noSource.exitCode, 1) << noSource;
    EXPECT_TRUE(noSource.err.contains(path(QStringLiteral("no-such-folder")).toUtf8())) << noSource;
    EXPECT_TRUE(noSource.json().contains(QStringLiteral("error")));
}

TEST_F(CliTest, ProjectInitPrintsTheProject)
{
    const PulcRun r =
        runPulc({QStringLiteral("project"), QStringLiteral("init"), path(QStringLiteral("p")),
                 QStringLiteral("--task"), QStringLiteral("multi"), QStringLiteral("--name"),
                 QStringLiteral("Person attributes"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject o = r.json();
    EXPECT_EQ(o.value(QStringLiteral("task")).toString(), QStringLiteral("multi"));
    EXPECT_EQ(o.value(QStringLiteral("name")).toString(), QStringLiteral("Person attributes"));
    EXPECT_EQ(o.value(QStringLiteral("project")).toString(), path(QStringLiteral("p")));
    EXPECT_TRUE(QFileInfo::exists(path(QStringLiteral("p/project.pulc"))));
}

TEST_F(CliTest, ImportSplitStatsExportOnThePaddleClasDemoImages)
{
    PULC_NEED_SHARED(kDemoImages);
    const QString images = pulcDemoImages();
    ASSERT_TRUE(QFileInfo(images).isDir()) << images;
    const QStringList classFolders =
        QDir(images).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    ASSERT_EQ(classFolders.size(), 13);
    const int imageFiles = filesBelow(images);
    const QString project = initProject(QStringLiteral("p"));

    const PulcRun imp = runPulc({QStringLiteral("import"), images, QStringLiteral("--project"),
                                 project, QStringLiteral("--json")});
    ASSERT_EQ(imp.exitCode, 0) << imp;
    const QJsonObject report = imp.json();
    expectKeys(report, {"imported", "skipped", "duplicates", "conflicts", "leakage", "classes"});
    const int imported = report.value(QStringLiteral("imported")).toInt();
    const QJsonArray skipped = report.value(QStringLiteral("skipped")).toArray();
    EXPECT_EQ(imported + skipped.size(), imageFiles);
    EXPECT_GE(imported, 28);
    for (const QJsonValue &s : skipped) {
        expectKeys(s.toObject(), {"path", "reason"});
        ADD_FAILURE() << "skipped a demo image: "
                      << QJsonDocument(s.toObject()).toJson().toStdString();
    }
    EXPECT_TRUE(report.value(QStringLiteral("duplicates")).isArray());
    EXPECT_TRUE(report.value(QStringLiteral("conflicts")).isArray());
    EXPECT_TRUE(report.value(QStringLiteral("leakage")).isArray());
    QStringList classes;
    for (const QJsonValue &c : report.value(QStringLiteral("classes")).toArray())
        classes << c.toString();
    EXPECT_EQ(classes, classFolders);

    // Importing again adds nothing.
    const PulcRun again = runPulc({QStringLiteral("import"), images, QStringLiteral("--project"),
                                   project, QStringLiteral("--json")});
    ASSERT_EQ(again.exitCode, 0) << again;
    EXPECT_EQ(again.json().value(QStringLiteral("imported")).toInt(), 0);

    const PulcRun split = runPulc(
        {QStringLiteral("split"), QStringLiteral("--project"), project, QStringLiteral("--val"),
         QStringLiteral("0.2"), QStringLiteral("--test"), QStringLiteral("0.2"),
         QStringLiteral("--seed"), QStringLiteral("3"), QStringLiteral("--json")});
    ASSERT_EQ(split.exitCode, 0) << split;
    EXPECT_EQ(split.json().value(QStringLiteral("assigned")).toInt(), imported);

    const PulcRun stats = runPulc(
        {QStringLiteral("stats"), QStringLiteral("--project"), project, QStringLiteral("--json")});
    ASSERT_EQ(stats.exitCode, 0) << stats;
    const QJsonObject st = stats.json();
    expectKeys(st, {"samples", "labeled", "unlabeled", "splits", "classes"});
    EXPECT_EQ(st.value(QStringLiteral("samples")).toInt(), imported);
    EXPECT_EQ(st.value(QStringLiteral("labeled")).toInt(), imported);
    EXPECT_EQ(st.value(QStringLiteral("unlabeled")).toInt(), 0);
    const QJsonObject splits = st.value(QStringLiteral("splits")).toObject();
    expectKeys(splits, {"train", "val", "test"});
    EXPECT_EQ(splits.value(QStringLiteral("train")).toInt() +
                  splits.value(QStringLiteral("val")).toInt() +
                  splits.value(QStringLiteral("test")).toInt(),
              imported);
    const QJsonArray classStats = st.value(QStringLiteral("classes")).toArray();
    ASSERT_EQ(classStats.size(), 13);
    int total = 0;
    for (const QJsonValue &v : classStats) {
        const QJsonObject c = v.toObject();
        expectKeys(c, {"name", "count", "train", "val", "test"});
        total += c.value(QStringLiteral("count")).toInt();
    }
    EXPECT_EQ(total, imported);

    const PulcRun human = runPulc({QStringLiteral("stats"), QStringLiteral("--project"), project});
    ASSERT_EQ(human.exitCode, 0) << human;
    EXPECT_TRUE(human.out.contains("images:")) << human;
    EXPECT_FALSE(human.out.trimmed().startsWith('{')) << human;

    const PulcRun lists =
        runPulc({QStringLiteral("export-dataset"), QStringLiteral("--project"), project,
                 QStringLiteral("--format"), QStringLiteral("paddle-list"),
                 path(QStringLiteral("lists")), QStringLiteral("--json")});
    ASSERT_EQ(lists.exitCode, 0) << lists;
    EXPECT_EQ(lists.json().value(QStringLiteral("exported")).toInt(), imported);
    EXPECT_TRUE(QFileInfo::exists(path(QStringLiteral("lists/train_list.txt"))));
    EXPECT_TRUE(QFileInfo::exists(path(QStringLiteral("lists/label_list.txt"))));

    const PulcRun folders = runPulc({QStringLiteral("export-dataset"), QStringLiteral("--project"),
                                     project, QStringLiteral("--format"), QStringLiteral("folders"),
                                     path(QStringLiteral("folders")), QStringLiteral("--json")});
    ASSERT_EQ(folders.exitCode, 0) << folders;
    EXPECT_EQ(folders.json().value(QStringLiteral("exported")).toInt(), imported);
    EXPECT_EQ(filesBelow(path(QStringLiteral("folders"))), imported);

    // The exported lists import into a fresh project with the same counts.
    const QString fresh = initProject(QStringLiteral("fresh"));
    const PulcRun back = runPulc({QStringLiteral("import"), path(QStringLiteral("lists")),
                                  QStringLiteral("--project"), fresh, QStringLiteral("--json")});
    ASSERT_EQ(back.exitCode, 0) << back;
    EXPECT_EQ(back.json().value(QStringLiteral("imported")).toInt(), imported);
}

TEST_F(CliTest, ImportReportsSkippedFilesAsPathAndReason)
{
    PULC_NEED_SHARED(kDemoImages);
    const QString src = path(QStringLiteral("src/cat"));
    ASSERT_TRUE(QDir().mkpath(src));
    const QString good = pulcDemoImages() +
                         QStringLiteral("/textline_orientation/textline_orientation_test_0_0.png");
    ASSERT_TRUE(QFile::copy(good, src + QStringLiteral("/good.png")));
    QFile full(good);
    ASSERT_TRUE(full.open(QIODevice::ReadOnly));
    QFile cut(src + QStringLiteral("/cut.png"));
    ASSERT_TRUE(cut.open(QIODevice::WriteOnly));
    cut.write(full.readAll().left(int(full.size() / 2)));
    cut.close();
    const QString project = initProject(QStringLiteral("p"));
    const PulcRun r = runPulc({QStringLiteral("import"), path(QStringLiteral("src")),
                               QStringLiteral("--project"), project, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject o = r.json();
    EXPECT_EQ(o.value(QStringLiteral("imported")).toInt(), 1);
    const QJsonArray skipped = o.value(QStringLiteral("skipped")).toArray();
    ASSERT_EQ(skipped.size(), 1);
    EXPECT_EQ(skipped[0].toObject().value(QStringLiteral("path")).toString(),
              src + QStringLiteral("/cut.png"));
    EXPECT_EQ(skipped[0].toObject().value(QStringLiteral("reason")).toString(),
              QStringLiteral("truncated PNG (no IEND chunk)"));
}

TEST_F(CliTest, FoldersExportOfAMultiLabelProjectFails)
{
    const QString project = initProject(QStringLiteral("p"), QStringLiteral("multi"));
    const PulcRun r = runPulc({QStringLiteral("export-dataset"), QStringLiteral("--project"),
                               project, QStringLiteral("--format"), QStringLiteral("folders"),
                               path(QStringLiteral("out"))});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains("paddle-list")) << r;
}

TEST_F(CliTest, DemoCreatesAFashionMnistProject)
{
    ASSERT_TRUE(QFileInfo::exists(kFashionDir + QStringLiteral("/train-images-idx3-ubyte.gz")))
        << "install dataset-fashion-mnist (scripts/setup)";
    const PulcRun r =
        runPulc({QStringLiteral("demo"), path(QStringLiteral("demo")), QStringLiteral("--train"),
                 QStringLiteral("300"), QStringLiteral("--test"), QStringLiteral("100"),
                 QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject o = r.json();
    EXPECT_EQ(o.value(QStringLiteral("samples")).toInt(), 400);
    EXPECT_EQ(o.value(QStringLiteral("labeled")).toInt(), 400);
    const QJsonObject splits = o.value(QStringLiteral("splits")).toObject();
    EXPECT_EQ(splits.value(QStringLiteral("test")).toInt(), 100);
    EXPECT_EQ(splits.value(QStringLiteral("train")).toInt() +
                  splits.value(QStringLiteral("val")).toInt(),
              300);
    EXPECT_NEAR(splits.value(QStringLiteral("val")).toInt(), 60, 10);
    EXPECT_EQ(o.value(QStringLiteral("classes")).toArray().size(), 10);
    EXPECT_EQ(o.value(QStringLiteral("classes"))
                  .toArray()[0]
                  .toObject()
                  .value(QStringLiteral("name"))
                  .toString(),
              QStringLiteral("T-shirt-top"));

    const PulcRun again = runPulc({QStringLiteral("demo"), path(QStringLiteral("demo"))});
    EXPECT_EQ(again.exitCode, 1) << again;
}

// A process killed while importing leaves the database whole: all of the import or none.
TEST_F(CliTest, SlowKilledImportLeavesAllOrNothing)
{
    const QString images = kFashionDir + QStringLiteral("/t10k-images-idx3-ubyte.gz");
    ASSERT_TRUE(QFileInfo::exists(images)) << "install dataset-fashion-mnist (scripts/setup)";
    const QString sqlite = QStandardPaths::findExecutable(QStringLiteral("sqlite3"));
    const QString project = initProject(QStringLiteral("p"));
    const QStringList args{QStringLiteral("import"), images, QStringLiteral("--project"), project,
                           QStringLiteral("--progress")};

    QProcess p;
    p.start(QStringLiteral(PULC_CLI_PATH), args);
    ASSERT_TRUE(p.waitForStarted());
    QByteArray seen;
    bool killed = false;
    while (p.state() == QProcess::Running && !killed) {
        p.waitForReadyRead(100);
        p.setReadChannel(QProcess::StandardError);
        while (p.canReadLine()) {
            const QByteArray line = p.readLine();
            seen += line;
            if (line.startsWith("write")) {
                p.kill(); // SIGKILL: no handler, no cleanup
                killed = true;
                break;
            }
        }
    }
    p.waitForFinished();
    ASSERT_TRUE(killed) << "the import ended before its write phase:\n" << seen.toStdString();
    EXPECT_EQ(p.exitStatus(), QProcess::CrashExit);

    if (!sqlite.isEmpty()) {
        QProcess check;
        check.start(sqlite,
                    {project + QStringLiteral("/project.pulc"),
                     QStringLiteral("PRAGMA integrity_check; SELECT count(*) FROM samples;")});
        ASSERT_TRUE(check.waitForFinished());
        const QList<QByteArray> lines = check.readAllStandardOutput().trimmed().split('\n');
        ASSERT_EQ(lines.size(), 2) << check.readAllStandardError().toStdString();
        EXPECT_EQ(lines[0], "ok");
        EXPECT_TRUE(lines[1] == "0" || lines[1] == "10000") << lines[1].toStdString();
    }
    const PulcRun stats = runPulc(
        {QStringLiteral("stats"), QStringLiteral("--project"), project, QStringLiteral("--json")});
    ASSERT_EQ(stats.exitCode, 0) << stats;
    const int samples = stats.json().value(QStringLiteral("samples")).toInt();
    EXPECT_TRUE(samples == 0 || samples == 10000) << samples;

    const PulcRun again = runPulc({QStringLiteral("import"), images, QStringLiteral("--project"),
                                   project, QStringLiteral("--json")},
                                  300000);
    ASSERT_EQ(again.exitCode, 0) << again;
    const QJsonObject o = again.json();
    EXPECT_EQ(o.value(QStringLiteral("imported")).toInt() +
                  o.value(QStringLiteral("already_present")).toInt(),
              10000);
    const PulcRun after = runPulc(
        {QStringLiteral("stats"), QStringLiteral("--project"), project, QStringLiteral("--json")});
    EXPECT_EQ(after.json().value(QStringLiteral("samples")).toInt(), 10000);
    if (sqlite.isEmpty())
        GTEST_SKIP() << "sqlite3 not installed: integrity_check not run";
}

// `pulc models --json` lists every architecture with its family and size: the eight PP-LCNet scales
// with the figures of docs/paddleclas-compat.md, 'Size and cost' (x1.0 has 2.953 M parameters and
// 155.7 M conv+FC MACs at 224x224 with 1000 classes), then MobileNetV3 and ResNet_vd with
// PaddleClas's published parameter counts (ResNet50_vd 25.58 M, MobileNetV3_large_x1_0 5.480 M
// summed from its layers).
TEST_F(CliTest, ModelsListsEveryFamilyWithItsSize)
{
    const PulcRun r = runPulc({QStringLiteral("models"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonArray models = r.json().value(QStringLiteral("models")).toArray();
    ASSERT_EQ(models.size(), 20) << r;
    QJsonObject x1;
    QMap<QString, int> families;
    QMap<QString, QJsonObject> byName;
    for (const QJsonValue &m : models) {
        expectKeys(m.toObject(), {"name", "family", "scale", "params", "macs"});
        ++families[m.toObject().value(QStringLiteral("family")).toString()];
        byName.insert(m.toObject().value(QStringLiteral("name")).toString(), m.toObject());
    }
    EXPECT_EQ(families.value(QStringLiteral("PPLCNet")), 8);
    EXPECT_EQ(families.value(QStringLiteral("MobileNetV3_small")), 5);
    EXPECT_EQ(families.value(QStringLiteral("MobileNetV3_large")), 5);
    EXPECT_EQ(families.value(QStringLiteral("ResNet_vd")), 2);
    x1 = byName.value(QStringLiteral("PPLCNet_x1_0"));
    ASSERT_FALSE(x1.isEmpty()) << r;
    EXPECT_DOUBLE_EQ(x1.value(QStringLiteral("scale")).toDouble(), 1.0);
    EXPECT_NEAR(x1.value(QStringLiteral("params")).toDouble() / 1e6, 2.953, 0.0005);
    EXPECT_NEAR(x1.value(QStringLiteral("macs")).toDouble() / 1e6, 155.7, 0.05);
    EXPECT_NEAR(
        byName.value(QStringLiteral("ResNet50_vd")).value(QStringLiteral("params")).toDouble() /
            1e6,
        25.58, 0.005);
    EXPECT_EQ(byName.value(QStringLiteral("MobileNetV3_large_x1_0"))
                  .value(QStringLiteral("params"))
                  .toInteger(),
              5480206);
    EXPECT_EQ(byName.value(QStringLiteral("MobileNetV3_small_x0_35"))
                  .value(QStringLiteral("family"))
                  .toString(),
              QStringLiteral("MobileNetV3_small"));

    // Fewer classes shrink the FC: 1280 * (1000 - 10) weights and 990 biases fewer.
    const PulcRun ten = runPulc({QStringLiteral("models"), QStringLiteral("--classes"),
                                 QStringLiteral("10"), QStringLiteral("--json")});
    ASSERT_EQ(ten.exitCode, 0) << ten;
    const QJsonObject x1Ten = ten.json().value(QStringLiteral("models")).toArray().at(4).toObject();
    EXPECT_EQ(x1Ten.value(QStringLiteral("name")).toString(), QStringLiteral("PPLCNet_x1_0"));
    EXPECT_EQ(x1.value(QStringLiteral("params")).toInteger() -
                  x1Ten.value(QStringLiteral("params")).toInteger(),
              1281 * 990);

    const PulcRun bad = runPulc({QStringLiteral("models"), QStringLiteral("--input"),
                                 QStringLiteral("224"), QStringLiteral("--json")});
    EXPECT_EQ(bad.exitCode, 2) << bad;
    EXPECT_TRUE(bad.err.contains("--input")) << bad;
}

TEST_F(CliTest, ModelsForTextLineScenesAndWithoutTheLastConv)
{
    // textline_orientation: 2 classes, 80x160 input, width halved only once: about 293 M
    // (docs/paddleclas-compat.md, 'Size and cost').
    const PulcRun line =
        runPulc({QStringLiteral("models"), QStringLiteral("--json"), QStringLiteral("--textline"),
                 QStringLiteral("--input"), QStringLiteral("80x160"), QStringLiteral("--classes"),
                 QStringLiteral("2")});
    ASSERT_EQ(line.exitCode, 0) << line;
    const QJsonObject x1 = line.json().value(QStringLiteral("models")).toArray().at(4).toObject();
    EXPECT_EQ(x1.value(QStringLiteral("name")).toString(), QStringLiteral("PPLCNet_x1_0"));
    EXPECT_NEAR(x1.value(QStringLiteral("macs")).toDouble() / 1e6, 293.0, 0.05);

    // --textline is PP-LCNet's: the other families keep their default strides at 80x160.
    const PulcRun plain =
        runPulc({QStringLiteral("models"), QStringLiteral("--json"), QStringLiteral("--input"),
                 QStringLiteral("80x160"), QStringLiteral("--classes"), QStringLiteral("2")});
    ASSERT_EQ(plain.exitCode, 0) << plain;
    const auto rows = [](const PulcRun &r) {
        return r.json().value(QStringLiteral("models")).toArray();
    };
    const auto onlyPPLCNetDiffers = [](const QJsonArray &a, const QJsonArray &b, const char *key) {
        ASSERT_EQ(a.size(), b.size());
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QJsonObject x = a.at(i).toObject();
            const bool lcnet =
                x.value(QStringLiteral("family")).toString() == QLatin1String("PPLCNet");
            EXPECT_EQ(x.value(QLatin1String(key)) == b.at(i).toObject().value(QLatin1String(key)),
                      !lcnet)
                << key << " of " << x.value(QStringLiteral("name")).toString().toStdString();
        }
    };
    onlyPPLCNetDiffers(rows(plain), rows(line), "macs");

    // Without last_conv the FC reads the 512 blocks6 channels: 512*1280 weights fewer, and the
    // FC shrinks from 1280*4+4 to 512*4+4. MobileNetV3 keeps its last conv.
    const auto withOptions = [this](const QStringList &extra) {
        const QStringList args = QStringList{QStringLiteral("models"), QStringLiteral("--json"),
                                             QStringLiteral("--classes"), QStringLiteral("4")} +
                                 extra;
        const PulcRun r = runPulc(args);
        EXPECT_EQ(r.exitCode, 0) << r;
        return r.json().value(QStringLiteral("models")).toArray();
    };
    const QJsonArray with = withOptions({});
    const QJsonArray without = withOptions({QStringLiteral("--no-last-conv")});
    const auto paramsOfX1 = [](const QJsonArray &models) {
        return models.at(4).toObject().value(QStringLiteral("params")).toInteger();
    };
    EXPECT_EQ(paramsOfX1(with) - paramsOfX1(without), 512 * 1280 + (1280 - 512) * 4);
    onlyPPLCNetDiffers(with, without, "params");
}
