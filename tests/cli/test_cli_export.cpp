// `pulc export`, `pulc predict --model` and `pulc bench infer` (docs/deploy.md): a tiny run trained
// through the CLI is exported as a bundle whose ONNX model agrees with the native predictor, the
// bundle predicts exactly what the run does, damaged models are named, a folder of other files is
// never overwritten, and (slow) the bundle's C++ example builds and agrees.
// Data: 160 real Fashion-MNIST training images.
#include "pulcrun.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <cmath>
#include <memory>
#include <random>

namespace {

using pulc::test::PulcRun;
using pulc::test::runPulc;

const QString kFashionImages =
    QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

/// Settings that keep a run to seconds: x0.25 at 32x32, one short epoch.
QStringList quickTrain(const QString &project, const QString &name)
{
    QStringList args{QStringLiteral("train"),
                     QStringLiteral("--project"),
                     project,
                     QStringLiteral("--json"),
                     QStringLiteral("--threads"),
                     QStringLiteral("2"),
                     QStringLiteral("--name"),
                     name,
                     QStringLiteral("--model"),
                     QStringLiteral("PPLCNet_x0_25")};
    for (const QString &s : {QStringLiteral("input=32x32"), QStringLiteral("train_size=32x32"),
                             QStringLiteral("resize_short=0"), QStringLiteral("geometry=resize"),
                             QStringLiteral("batch_size=16"), QStringLiteral("warmup_epochs=0"),
                             QStringLiteral("lr=0.1"), QStringLiteral("epochs=1"),
                             QStringLiteral("max_steps_per_epoch=3")})
        args << QStringLiteral("--set") << s;
    return args;
}

QStringList imagesIn(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

/// One trained single-label run and its bundle, shared by the tests of this file.
struct Shared
{
    QTemporaryDir tmp;
    QString project;
    QString bundle;
    PulcRun exported;
    QStringList images;
    QString error; ///< why the setup failed
};

Shared *g_shared = nullptr;

Shared &shared()
{
    return *g_shared;
}

/// Runs `steps`; false with shared().error set at the first that fails.
bool runSteps(const QList<QStringList> &steps)
{
    for (const QStringList &args : steps) {
        const PulcRun r = runPulc(args);
        if (r.exitCode != 0) {
            shared().error = args.join(QLatin1Char(' ')) + QStringLiteral(" failed: ") +
                             QString::fromUtf8(r.err);
            return false;
        }
    }
    return true;
}

/// The project with 160 images split train/val/test (each test process makes its own).
bool ensureProject()
{
    Shared &s = shared();
    if (!s.project.isEmpty())
        return s.error.isEmpty();
    s.project = s.tmp.filePath(QStringLiteral("p"));
    if (!QFileInfo::exists(kFashionImages)) {
        s.error = QStringLiteral("install dataset-fashion-mnist (scripts/setup)");
        return false;
    }
    if (!runSteps({{QStringLiteral("project"), QStringLiteral("init"), s.project},
                   {QStringLiteral("import"), kFashionImages, QStringLiteral("--project"),
                    s.project, QStringLiteral("--limit"), QStringLiteral("160")},
                   {QStringLiteral("split"), QStringLiteral("--project"), s.project,
                    QStringLiteral("--val"), QStringLiteral("0.3"), QStringLiteral("--test"),
                    QStringLiteral("0.1"), QStringLiteral("--reassign")}}))
        return false;
    s.images = imagesIn(QDir(s.project).filePath(QStringLiteral("images"))).mid(0, 6);
    if (s.images.isEmpty())
        s.error = QStringLiteral("no PNG images in the project");
    return s.error.isEmpty();
}

/// The run "tiny" trained and exported to shared().bundle.
bool ensureBundle()
{
    Shared &s = shared();
    if (!ensureProject())
        return false;
    if (!s.bundle.isEmpty())
        return true;
    if (!runSteps({quickTrain(s.project, QStringLiteral("tiny"))}))
        return false;
    s.bundle = s.tmp.filePath(QStringLiteral("bundle"));
    s.exported = runPulc(
        {QStringLiteral("export"), QStringLiteral("--project"), s.project, QStringLiteral("--run"),
         QStringLiteral("tiny"), QStringLiteral("--format"), QStringLiteral("onnx"),
         QStringLiteral("--out"), s.bundle, QStringLiteral("--threads"), QStringLiteral("2")});
    return true;
}

/// `pulc predict --json --topk 3 MODEL_ARGS IMAGES`, one object per image.
QList<QJsonObject> predictJson(const QStringList &modelArgs, const QStringList &images,
                               int expectedExit = 0)
{
    const PulcRun r = runPulc(QStringList{QStringLiteral("predict"), QStringLiteral("--json"),
                                          QStringLiteral("--topk"), QStringLiteral("3")} +
                              modelArgs + images);
    EXPECT_EQ(r.exitCode, expectedExit) << r;
    return r.jsonLines();
}

class CliExportTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite() { g_shared = new Shared; }
    static void TearDownTestSuite()
    {
        delete g_shared;
        g_shared = nullptr;
    }
};

void predictWithTheBundleGivesTheRunsClassesAndScores()
{
    const QList<QJsonObject> fromRun =
        predictJson({QStringLiteral("--project"), shared().project, QStringLiteral("--run"),
                     QStringLiteral("tiny")},
                    shared().images);
    const QList<QJsonObject> fromBundle =
        predictJson({QStringLiteral("--model"), shared().bundle}, shared().images);
    const QList<QJsonObject> byName =
        predictJson({QStringLiteral("--project"), shared().project, QStringLiteral("--model"),
                     QStringLiteral("tiny")},
                    shared().images.mid(0, 1));
    ASSERT_EQ(fromRun.size(), shared().images.size());
    ASSERT_EQ(fromBundle.size(), fromRun.size());
    for (int i = 0; i < fromRun.size(); ++i) {
        const QJsonArray a = fromRun[i].value(QStringLiteral("classes")).toArray();
        const QJsonArray b = fromBundle[i].value(QStringLiteral("classes")).toArray();
        ASSERT_EQ(a.size(), 3);
        ASSERT_EQ(b.size(), 3);
        for (int k = 0; k < 3; ++k) {
            const QJsonObject x = a[k].toObject();
            const QJsonObject y = b[k].toObject();
            EXPECT_EQ(x.value(QStringLiteral("id")).toInt(), y.value(QStringLiteral("id")).toInt());
            EXPECT_EQ(x.value(QStringLiteral("name")).toString(),
                      y.value(QStringLiteral("name")).toString());
            EXPECT_NEAR(x.value(QStringLiteral("score")).toDouble(),
                        y.value(QStringLiteral("score")).toDouble(), 1e-5);
        }
        // Single-label: the decision is the top class.
        EXPECT_EQ(fromBundle[i].value(QStringLiteral("decision")).toInt(),
                  b[0].toObject().value(QStringLiteral("id")).toInt());
        EXPECT_GE(fromBundle[i].value(QStringLiteral("milliseconds")).toDouble(), 0.0);
        EXPECT_EQ(fromBundle[i].value(QStringLiteral("path")).toString(), shared().images[i]);
    }
    ASSERT_EQ(byName.size(), 1);
    EXPECT_EQ(byName[0].value(QStringLiteral("classes")), fromRun[0].value("classes"));
}

void damagedOrForeignModelsFailNamingTheFile()
{
    // A copy of the bundle whose model.ckpt lost its second half.
    const QDir copy(shared().tmp.filePath(QStringLiteral("damaged")));
    ASSERT_TRUE(QDir().mkpath(copy.path()));
    for (const QString &name : QDir(shared().bundle).entryList(QDir::Files))
        ASSERT_TRUE(QFile::copy(QDir(shared().bundle).filePath(name), copy.filePath(name)));
    const QString ckpt = copy.filePath(QStringLiteral("model.ckpt"));
    QFile file(ckpt);
    ASSERT_TRUE(file.open(QIODevice::ReadWrite));
    ASSERT_TRUE(file.resize(file.size() / 2));
    file.close();

    const QString noise = shared().tmp.filePath(QStringLiteral("noise.bin"));
    QFile bytes(noise);
    ASSERT_TRUE(bytes.open(QIODevice::WriteOnly));
    std::mt19937 rng(7);
    QByteArray random(4096, '\0');
    for (char &c : random)
        c = static_cast<char>(rng() & 0xff);
    bytes.write(random);
    bytes.close();

    const QString png = shared().images.first();
    for (const auto &[model, named] :
         {std::pair{copy.path(), ckpt}, std::pair{noise, noise}, std::pair{png, png}}) {
        const PulcRun r = runPulc(
            {QStringLiteral("predict"), QStringLiteral("--model"), model, shared().images.first()});
        EXPECT_EQ(r.exitCode, 1) << model.toStdString() << "\n" << r;
        EXPECT_TRUE(QString::fromUtf8(r.err).contains(named)) << r;
    }
    const QString empty = shared().tmp.filePath(QStringLiteral("emptydir"));
    ASSERT_TRUE(QDir().mkpath(empty));
    const PulcRun r = runPulc({QStringLiteral("predict"), QStringLiteral("--model"), empty,
                               shared().images.first(), QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.json().value(QStringLiteral("error")).toString().contains(empty)) << r;
    EXPECT_TRUE(r.err.contains("not a model")) << r;
    QDir(empty).removeRecursively();
}

void torchFormatWritesACheckpointThatPredictLoads()
{
    const QString out = shared().tmp.filePath(QStringLiteral("torch"));
    const PulcRun r =
        runPulc({QStringLiteral("export"), QStringLiteral("--project"), shared().project,
                 QStringLiteral("--run"), QStringLiteral("tiny"), QStringLiteral("--format"),
                 QStringLiteral("torch"), QStringLiteral("--out"), out, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject o = r.json();
    EXPECT_TRUE(o.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(o.value(QStringLiteral("files")).toArray(),
              (QJsonArray{QStringLiteral("labels.txt"), QStringLiteral("model.ckpt")}));
    EXPECT_EQ(QDir(out).entryList(QDir::Files),
              (QStringList{QStringLiteral("labels.txt"), QStringLiteral("model.ckpt")}));
    const QList<QJsonObject> a =
        predictJson({QStringLiteral("--model"), out}, shared().images.mid(0, 2));
    const QList<QJsonObject> b =
        predictJson({QStringLiteral("--model"), shared().bundle}, shared().images.mid(0, 2));
    ASSERT_EQ(a.size(), 2);
    ASSERT_EQ(b.size(), 2);
    for (int i = 0; i < 2; ++i)
        EXPECT_EQ(a[i].value(QStringLiteral("decision")), b[i].value(QStringLiteral("decision")));

    // Exporting again over a previous bundle replaces it.
    const PulcRun again =
        runPulc({QStringLiteral("export"), QStringLiteral("--project"), shared().project,
                 QStringLiteral("--run"), QStringLiteral("tiny"), QStringLiteral("--format"),
                 QStringLiteral("torch"), QStringLiteral("--out"), out});
    EXPECT_EQ(again.exitCode, 0) << again;
    QDir(out).removeRecursively();
}

void benchInferPrintsMedianAndP90()
{
    PulcRun r = runPulc({QStringLiteral("bench"), QStringLiteral("infer"),
                         QStringLiteral("--model"), shared().bundle, QStringLiteral("--runs"),
                         QStringLiteral("8"), QStringLiteral("--image"), shared().images.first()});
    ASSERT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.out.contains("backend: ")) << r;
    EXPECT_TRUE(r.out.contains("input: 3x32x32")) << r;
    EXPECT_TRUE(QString::fromUtf8(r.out).contains(
        QRegularExpression(QStringLiteral("forward: median [0-9.]+ ms, p90 [0-9.]+ ms"))))
        << r;
    EXPECT_TRUE(r.out.contains("end to end (predictFile): median")) << r;

    r = runPulc({QStringLiteral("bench"), QStringLiteral("infer"), QStringLiteral("--model"),
                 shared().bundle, QStringLiteral("--runs"), QStringLiteral("5"),
                 QStringLiteral("--batch"), QStringLiteral("4"), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject o = r.json();
    EXPECT_EQ(o.value(QStringLiteral("batch")).toInt(), 4);
    EXPECT_GT(o.value(QStringLiteral("forward_median_ms")).toDouble(), 0.0);
    EXPECT_GE(o.value(QStringLiteral("forward_p90_ms")).toDouble(),
              o.value(QStringLiteral("forward_median_ms")).toDouble());
    EXPECT_FALSE(o.contains(QStringLiteral("end_to_end_median_ms")));

    r = runPulc({QStringLiteral("bench"), QStringLiteral("--model"), shared().bundle});
    EXPECT_EQ(r.exitCode, 2) << r;
}

TEST_F(CliExportTest, ExportPredictAndBenchOnATinyRun)
{
    ASSERT_TRUE(ensureBundle()) << shared().error.toStdString();
    const PulcRun &r = shared().exported;
    ASSERT_EQ(r.exitCode, 0) << r;
    const QDir bundle(shared().bundle);
    for (const char *file : {"model.onnx", "inference.yml", "labels.txt", "model.ckpt", "README.md",
                             "example/classify.cpp", "example/CMakeLists.txt"})
        EXPECT_TRUE(QFileInfo(bundle.filePath(QLatin1String(file))).size() > 0) << file;
    // Nothing else: no temporary folder next to it, no partial file inside.
    EXPECT_EQ(
        QDir(shared().tmp.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
        (QStringList{QStringLiteral("bundle"), QStringLiteral("p")}));
    EXPECT_EQ(bundle.entryList(QDir::Files | QDir::Hidden).size(), 5);

    // "parity on 48 val images: 48 agree (100.00%), max probability difference 2.1e-06"
    static const QRegularExpression parity(
        QStringLiteral("parity on (\\d+) val images: (\\d+) agree \\((\\d+\\.\\d\\d)%\\), max "
                       "probability difference (\\S+)"));
    const QRegularExpressionMatch m = parity.match(QString::fromUtf8(r.out));
    ASSERT_TRUE(m.hasMatch()) << r;
    EXPECT_GE(m.captured(1).toInt(), 40);
    EXPECT_GE(m.captured(3).toDouble(), 99.9) << r;
    // The same folded graph on both sides: float rounding only.
    EXPECT_LT(m.captured(4).toDouble(), 1e-4) << r;
    EXPECT_TRUE(r.out.contains("latency: ")) << r;
    EXPECT_TRUE(r.err.contains("parity")) << r; // progress on stderr

    // The deploy config says what the run was trained with: a direct 32x32 resize, top-k.
    QFile yml(bundle.filePath(QStringLiteral("inference.yml")));
    ASSERT_TRUE(yml.open(QIODevice::ReadOnly));
    const QByteArray text = yml.readAll();
    EXPECT_TRUE(text.contains("size: [32, 32]")) << text.toStdString();
    EXPECT_FALSE(text.contains("CropImage")) << text.toStdString();
    EXPECT_TRUE(text.contains("main_indicator: Topk")) << text.toStdString();
    EXPECT_TRUE(text.contains("class_id_map_file: labels.txt")) << text.toStdString();
    QFile labels(bundle.filePath(QStringLiteral("labels.txt")));
    ASSERT_TRUE(labels.open(QIODevice::ReadOnly));
    const QList<QByteArray> labelLines = labels.readAll().trimmed().split('\n');
    EXPECT_EQ(labelLines.size(), 10);
    EXPECT_TRUE(labelLines.first().startsWith("0 ")) << labelLines.first().toStdString();
    EXPECT_TRUE(labelLines.last().startsWith("9 ")) << labelLines.last().toStdString();

    QFile card(bundle.filePath(QStringLiteral("README.md")));
    ASSERT_TRUE(card.open(QIODevice::ReadOnly));
    const QByteArray readme = card.readAll();
    for (const char *part : {"PPLCNet_x0_25", "## Metrics", "top1", "## Parity", "agree (", "ms.",
                             "example/classify.cpp", "32x32"})
        EXPECT_TRUE(readme.contains(part)) << part << "\n" << readme.toStdString();

    {
        SCOPED_TRACE("predict --model BUNDLE");
        predictWithTheBundleGivesTheRunsClassesAndScores();
    }
    {
        SCOPED_TRACE("damaged models");
        damagedOrForeignModelsFailNamingTheFile();
    }
    {
        SCOPED_TRACE("--format torch");
        torchFormatWritesACheckpointThatPredictLoads();
    }
    {
        SCOPED_TRACE("bench infer");
        benchInferPrintsMedianAndP90();
    }
}

TEST_F(CliExportTest, ExportRefusesAFolderOfOtherFilesAndLeavesThem)
{
    ASSERT_TRUE(ensureProject()) << shared().error.toStdString();
    const QDir target(shared().tmp.filePath(QStringLiteral("mine")));
    ASSERT_TRUE(QDir().mkpath(target.path()));
    QFile notes(target.filePath(QStringLiteral("notes.txt")));
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("keep me");
    notes.close();
    const PulcRun r = runPulc({QStringLiteral("export"), QStringLiteral("--project"),
                               shared().project, QStringLiteral("--run"), QStringLiteral("tiny"),
                               QStringLiteral("--out"), target.path(), QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.json().value(QStringLiteral("error")).toString().contains(target.path())) << r;
    EXPECT_EQ(target.entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
              QStringList{QStringLiteral("notes.txt")});
    ASSERT_TRUE(notes.open(QIODevice::ReadOnly));
    EXPECT_EQ(notes.readAll(), QByteArray("keep me"));
    QDir(target.path()).removeRecursively();
}

TEST_F(CliExportTest, ThresholdChangesABinaryDecision)
{
    ASSERT_TRUE(ensureProject()) << shared().error.toStdString();
    // A binary project over the same images: even files "no", odd files "yes".
    const QString list = shared().tmp.filePath(QStringLiteral("binary_list.txt"));
    const QString map = shared().tmp.filePath(QStringLiteral("binary_map.txt"));
    QFile listFile(list);
    ASSERT_TRUE(listFile.open(QIODevice::WriteOnly));
    const QStringList all = imagesIn(QDir(shared().project).filePath(QStringLiteral("images")));
    for (int i = 0; i < all.size() && i < 96; ++i)
        listFile.write(QStringLiteral("%1 %2\n").arg(all[i]).arg(i % 2).toUtf8());
    listFile.close();
    QFile mapFile(map);
    ASSERT_TRUE(mapFile.open(QIODevice::WriteOnly));
    mapFile.write("0 no\n1 yes\n");
    mapFile.close();
    const QString project = shared().tmp.filePath(QStringLiteral("binary"));
    for (const QStringList &args :
         {QStringList{QStringLiteral("project"), QStringLiteral("init"), project,
                      QStringLiteral("--task"), QStringLiteral("binary"),
                      QStringLiteral("--positive"), QStringLiteral("yes")},
          QStringList{QStringLiteral("import"), list, QStringLiteral("--project"), project,
                      QStringLiteral("--format"), QStringLiteral("paddle-list"),
                      QStringLiteral("--class-map"), map},
          QStringList{QStringLiteral("split"), QStringLiteral("--project"), project,
                      QStringLiteral("--val"), QStringLiteral("0.3"), QStringLiteral("--test"),
                      QStringLiteral("0"), QStringLiteral("--reassign")},
          quickTrain(project, QStringLiteral("bin"))}) {
        const PulcRun r = runPulc(args);
        ASSERT_EQ(r.exitCode, 0) << args.join(QLatin1Char(' ')).toStdString() << "\n" << r;
    }
    const QString out = shared().tmp.filePath(QStringLiteral("binary_bundle"));
    const PulcRun exported = runPulc({QStringLiteral("export"), QStringLiteral("--project"),
                                      project, QStringLiteral("--run"), QStringLiteral("bin"),
                                      QStringLiteral("--out"), out, QStringLiteral("--json")});
    ASSERT_EQ(exported.exitCode, 0) << exported;
    EXPECT_GE(exported.json()
                  .value(QStringLiteral("parity"))
                  .toObject()
                  .value(QStringLiteral("agreement"))
                  .toDouble(),
              0.999);
    QFile yml(QDir(out).filePath(QStringLiteral("inference.yml")));
    ASSERT_TRUE(yml.open(QIODevice::ReadOnly));
    const QByteArray text = yml.readAll();
    EXPECT_TRUE(text.contains("main_indicator: ThreshOutput")) << text.toStdString();
    // Quoted: a plain no / yes would be read back as a boolean by YAML 1.1 readers (PyYAML).
    EXPECT_TRUE(text.contains("label_0: \"no\"")) << text.toStdString();
    EXPECT_TRUE(text.contains("label_1: \"yes\"")) << text.toStdString();

    const QStringList images = shared().images.mid(0, 3);
    const QList<QJsonObject> low = predictJson(
        {QStringLiteral("--model"), out, QStringLiteral("--threshold"), QStringLiteral("0")},
        images);
    const QList<QJsonObject> high = predictJson(
        {QStringLiteral("--model"), out, QStringLiteral("--threshold"), QStringLiteral("1")},
        images);
    ASSERT_EQ(low.size(), 3);
    ASSERT_EQ(high.size(), 3);
    for (int i = 0; i < 3; ++i) {
        const double p1 = [&] {
            for (const QJsonValue &c : low[i].value(QStringLiteral("classes")).toArray())
                if (c.toObject().value(QStringLiteral("id")).toInt() == 1)
                    return c.toObject().value(QStringLiteral("score")).toDouble();
            return -1.0;
        }();
        ASSERT_GE(p1, 0.0);
        EXPECT_EQ(low[i].value(QStringLiteral("decision")).toInt(), 1) << "p1 " << p1;
        EXPECT_EQ(low[i].value(QStringLiteral("decision_name")).toString(), QStringLiteral("yes"));
        EXPECT_DOUBLE_EQ(low[i].value(QStringLiteral("threshold")).toDouble(), 0.0);
        if (p1 < 1.0)
            EXPECT_EQ(high[i].value(QStringLiteral("decision")).toInt(), 0) << "p1 " << p1;
    }
    const PulcRun bad =
        runPulc({QStringLiteral("predict"), QStringLiteral("--model"), out,
                 QStringLiteral("--threshold"), QStringLiteral("1.5"), images.first()});
    EXPECT_EQ(bad.exitCode, 2) << bad;
    EXPECT_TRUE(bad.err.contains("--threshold")) << bad;
}

/// Builds the bundle's example with CMake and the compiler, runs it on images and checks that
/// its top class is `pulc predict`'s.
TEST_F(CliExportTest, SlowBundleExampleBuildsAndAgreesWithPredict)
{
    ASSERT_TRUE(ensureBundle()) << shared().error.toStdString();
    ASSERT_EQ(shared().exported.exitCode, 0) << shared().exported;
    const QString cmake = QStandardPaths::findExecutable(QStringLiteral("cmake"));
    ASSERT_FALSE(cmake.isEmpty()) << "cmake not found";
    const QString build = shared().tmp.filePath(QStringLiteral("example-build"));
    auto runTool = [](const QString &program, const QStringList &args) {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(program, args);
        p.waitForFinished(600000);
        return std::pair{p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAll()};
    };
    auto [code, log] = runTool(
        cmake, {QStringLiteral("-S"), QDir(shared().bundle).filePath(QStringLiteral("example")),
                QStringLiteral("-B"), build, QStringLiteral("-DCMAKE_BUILD_TYPE=Release")});
    ASSERT_EQ(code, 0) << log.toStdString();
    std::tie(code, log) = runTool(cmake, {QStringLiteral("--build"), build});
    ASSERT_EQ(code, 0) << log.toStdString();
    const QString classify = QDir(build).filePath(QStringLiteral("classify"));
    ASSERT_TRUE(QFileInfo(classify).isExecutable());

    const QList<QJsonObject> predicted =
        predictJson({QStringLiteral("--model"), shared().bundle}, shared().images);
    ASSERT_EQ(predicted.size(), shared().images.size());
    for (int i = 0; i < shared().images.size(); ++i) {
        // "top1 3 0.91234 Dress"
        std::tie(code, log) = runTool(classify, {shared().images[i]});
        ASSERT_EQ(code, 0) << log.toStdString();
        const QList<QByteArray> fields = log.split('\n').first().split(' ');
        ASSERT_GE(fields.size(), 4) << log.toStdString();
        EXPECT_EQ(fields[0], QByteArray("top1"));
        const QJsonObject top =
            predicted[i].value(QStringLiteral("classes")).toArray().first().toObject();
        EXPECT_EQ(fields[1].toInt(), top.value(QStringLiteral("id")).toInt()) << log.toStdString();
        EXPECT_NEAR(fields[2].toDouble(), top.value(QStringLiteral("score")).toDouble(), 1e-4);
    }
    QDir(build).removeRecursively();
}

} // namespace
