// Pretrained weights through the CLI (docs/training.md, 'Starting from pretrained weights' and
// 'Importing a PaddleClas model'): `pulc export --format pdparams` writes a run in PaddleClas's
// names and layout, `pulc import-model` turns such a file into a finished run that predicts exactly
// what the original did, the scene comes from PaddleClas's file names, wrong or damaged files fail
// naming the file and leave nothing behind, and `pulc train --pretrained` starts from a file of
// another class count. Data: 160 real Fashion-MNIST training images; the .pdparams files are made
// by the tests themselves (no Paddle needed).
#include "pulcrun.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <algorithm>
#include <memory>

namespace {

using pulc::test::PulcRun;
using pulc::test::runPulc;

const QString kFashionImages =
    QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");
const QString kPython = QStringLiteral("/usr/bin/python3");

/// Settings that keep a run to seconds: x0.25 at 32x32, two short epochs (enough for scores
/// that differ from image to image).
QStringList quickSettings()
{
    QStringList args{QStringLiteral("--model"), QStringLiteral("PPLCNet_x0_25")};
    for (const QString &s : {QStringLiteral("input=32x32"), QStringLiteral("train_size=32x32"),
                             QStringLiteral("resize_short=0"), QStringLiteral("geometry=resize"),
                             QStringLiteral("batch_size=16"), QStringLiteral("warmup_epochs=0"),
                             QStringLiteral("lr=0.1"), QStringLiteral("epochs=2"),
                             QStringLiteral("max_steps_per_epoch=8")})
        args << QStringLiteral("--set") << s;
    return args;
}

/// What import-model needs to see the model as the 32x32 run saw it.
const QStringList kImportAt32{QStringLiteral("--set"), QStringLiteral("input=32x32"),
                              QStringLiteral("--set"), QStringLiteral("resize_short=0")};

QStringList imagesIn(const QString &dir)
{
    QStringList files;
    QDirIterator it(dir, {QStringLiteral("*.png")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    return files;
}

QStringList strings(const QJsonArray &array)
{
    QStringList out;
    for (const QJsonValue &v : array)
        out << v.toString();
    return out;
}

/// Projects and files shared by the tests of this file (made once per test process).
struct Shared
{
    QTemporaryDir tmp;
    QString source; ///< project with the trained run "tiny" (10 classes)
    QString target; ///< another project over the same images, no runs at first
    QString pdparams;
    PulcRun exported;
    QStringList images;
    QString error;
};

Shared *g_shared = nullptr;

Shared &shared()
{
    return *g_shared;
}

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

/// A project of the 160 images, split with the default seed (so two of them split alike).
QList<QStringList> makeProject(const QString &dir)
{
    return {{QStringLiteral("project"), QStringLiteral("init"), dir},
            {QStringLiteral("import"), kFashionImages, QStringLiteral("--project"), dir,
             QStringLiteral("--limit"), QStringLiteral("160")},
            {QStringLiteral("split"), QStringLiteral("--project"), dir, QStringLiteral("--val"),
             QStringLiteral("0.3"), QStringLiteral("--test"), QStringLiteral("0.1"),
             QStringLiteral("--reassign")}};
}

/// The source project, its run "tiny" and tiny.pdparams exported from it.
bool ensureShared()
{
    Shared &s = shared();
    if (!s.source.isEmpty())
        return s.error.isEmpty();
    s.source = s.tmp.filePath(QStringLiteral("source"));
    s.target = s.tmp.filePath(QStringLiteral("target"));
    s.pdparams = s.tmp.filePath(QStringLiteral("tiny.pdparams"));
    if (!QFileInfo::exists(kFashionImages)) {
        s.error = QStringLiteral("install dataset-fashion-mnist (scripts/setup)");
        return false;
    }
    QList<QStringList> steps = makeProject(s.source) + makeProject(s.target);
    steps << QStringList{QStringLiteral("train"),
                         QStringLiteral("--project"),
                         s.source,
                         QStringLiteral("--json"),
                         QStringLiteral("--name"),
                         QStringLiteral("tiny")} +
                 quickSettings();
    if (!runSteps(steps))
        return false;
    s.exported = runPulc({QStringLiteral("export"), QStringLiteral("--project"), s.source,
                          QStringLiteral("--run"), QStringLiteral("tiny"),
                          QStringLiteral("--format"), QStringLiteral("pdparams"),
                          QStringLiteral("--out"), s.pdparams, QStringLiteral("--json")});
    s.images = imagesIn(QDir(s.source).filePath(QStringLiteral("images"))).mid(0, 6);
    if (s.images.isEmpty())
        s.error = QStringLiteral("no PNG images in the project");
    return s.error.isEmpty();
}

QJsonArray runsOf(const QString &project)
{
    const PulcRun r = runPulc(
        {QStringLiteral("runs"), QStringLiteral("--project"), project, QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 0) << r;
    return r.json().value(QStringLiteral("runs")).toArray();
}

QStringList runFolders(const QString &project)
{
    return QDir(QDir(project).filePath(QStringLiteral("runs")))
        .entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
}

QList<QJsonObject> predictJson(const QString &project, const QString &run,
                               const QStringList &images)
{
    const PulcRun r =
        runPulc(QStringList{QStringLiteral("predict"), QStringLiteral("--json"),
                            QStringLiteral("--topk"), QStringLiteral("10"),
                            QStringLiteral("--project"), project, QStringLiteral("--run"), run} +
                images);
    EXPECT_EQ(r.exitCode, 0) << r;
    return r.jsonLines();
}

/// `pulc import-model FILE --project P --json ARGS`.
PulcRun importModel(const QString &file, const QString &project, const QStringList &extra = {})
{
    return runPulc(QStringList{QStringLiteral("import-model"), file, QStringLiteral("--project"),
                               project, QStringLiteral("--json")} +
                   extra);
}

/// Runs /usr/bin/python3 with `script`; empty optional-like result when Python or NumPy is
/// missing (the caller skips).
struct PythonRun
{
    bool available = false;
    int exitCode = -1;
    QString out;
    QString err;
};

PythonRun python(const QString &script, const QStringList &args)
{
    PythonRun run;
    if (!QFileInfo(kPython).isExecutable())
        return run;
    QProcess probe;
    probe.start(kPython, {QStringLiteral("-c"), QStringLiteral("import numpy")});
    if (!probe.waitForFinished(60000) || probe.exitCode() != 0)
        return run;
    run.available = true;
    QProcess p;
    p.start(kPython, QStringList{QStringLiteral("-c"), script} + args);
    p.waitForFinished(60000);
    run.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

/// The project's `models` rows as "run_id|format|path|role", read with the sqlite3 tool.
QStringList modelRecords(const QString &project)
{
    QProcess p;
    p.start(QStandardPaths::findExecutable(QStringLiteral("sqlite3")),
            {QDir(project).filePath(QStringLiteral("project.pulc")),
             QStringLiteral("SELECT run_id, format, path, json_extract(info, '$.role') "
                            "FROM models ORDER BY id")});
    p.waitForFinished(60000);
    return QString::fromUtf8(p.readAllStandardOutput()).split(u'\n', Qt::SkipEmptyParts);
}

/// Whether modelRecords() can run (the checks of the records are left out without sqlite3).
bool haveSqlite()
{
    return !QStandardPaths::findExecutable(QStringLiteral("sqlite3")).isEmpty();
}

class CliPretrainedTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite() { g_shared = new Shared; }
    static void TearDownTestSuite()
    {
        delete g_shared;
        g_shared = nullptr;
    }
};

TEST_F(CliPretrainedTest, ExportedPdparamsImportsAsARunThatPredictsTheSame)
{
    ASSERT_TRUE(ensureShared()) << shared().error.toStdString();
    const Shared &s = shared();
    ASSERT_EQ(s.exported.exitCode, 0) << s.exported;
    const QJsonObject exported = s.exported.json();
    EXPECT_TRUE(exported.value(QStringLiteral("ok")).toBool());
    EXPECT_EQ(exported.value(QStringLiteral("format")).toString(), QStringLiteral("pdparams"));
    EXPECT_EQ(exported.value(QStringLiteral("file")).toString(), s.pdparams);
    EXPECT_EQ(exported.value(QStringLiteral("labels")).toString(), QString());
    EXPECT_GT(exported.value(QStringLiteral("arrays")).toInt(), 50);
    EXPECT_EQ(exported.value(QStringLiteral("model")).toString(), QStringLiteral("PPLCNet_x0_25"));
    EXPECT_GT(QFileInfo(s.pdparams).size(), 100000);

    const PulcRun imported = importModel(s.pdparams, s.target, kImportAt32);
    ASSERT_EQ(imported.exitCode, 0) << imported;
    const QJsonObject o = imported.json();
    for (const char *key : {"run", "name", "model", "scene", "classes"})
        EXPECT_TRUE(o.contains(QLatin1String(key))) << key;
    EXPECT_EQ(o.value(QStringLiteral("name")).toString(), QStringLiteral("tiny"));
    EXPECT_EQ(o.value(QStringLiteral("model")).toString(), QStringLiteral("PPLCNet_x0_25"));
    EXPECT_EQ(o.value(QStringLiteral("scene")).toString(), QStringLiteral("custom"));
    const QString run = QString::number(o.value(QStringLiteral("run")).toInt());
    ASSERT_NE(run, QStringLiteral("0"));

    // The project's classes, in its order: the ones the source run was trained with.
    const QList<QJsonObject> before = predictJson(s.source, QStringLiteral("tiny"), s.images);
    const QList<QJsonObject> after = predictJson(s.target, run, s.images);
    ASSERT_EQ(before.size(), s.images.size());
    ASSERT_EQ(after.size(), before.size());
    QStringList sourceClasses;
    for (const QJsonValue &c : before[0].value(QStringLiteral("classes")).toArray())
        sourceClasses << c.toObject().value(QStringLiteral("name")).toString();
    const QStringList imported10 = strings(o.value(QStringLiteral("classes")).toArray());
    ASSERT_EQ(imported10.size(), 10);
    for (const QString &name : sourceClasses)
        EXPECT_TRUE(imported10.contains(name)) << name.toStdString();
    // The comparison means something only if the scores depend on the image: a model whose
    // early layers were loaded wrongly would then score differently.
    double lowest = 1.0;
    double highest = 0.0;
    for (const QJsonObject &p : before) {
        const double top = p.value(QStringLiteral("classes"))
                               .toArray()
                               .first()
                               .toObject()
                               .value(QStringLiteral("score"))
                               .toDouble();
        lowest = std::min(lowest, top);
        highest = std::max(highest, top);
    }
    EXPECT_GT(highest - lowest, 0.01) << "the tiny run's scores hardly depend on the image";
    for (int i = 0; i < before.size(); ++i) {
        const QJsonArray a = before[i].value(QStringLiteral("classes")).toArray();
        const QJsonArray b = after[i].value(QStringLiteral("classes")).toArray();
        ASSERT_EQ(a.size(), 10);
        ASSERT_EQ(b.size(), 10);
        for (int k = 0; k < 10; ++k) {
            EXPECT_EQ(a[k].toObject().value(QStringLiteral("id")).toInt(),
                      b[k].toObject().value(QStringLiteral("id")).toInt());
            EXPECT_EQ(a[k].toObject().value(QStringLiteral("name")).toString(),
                      b[k].toObject().value(QStringLiteral("name")).toString());
            EXPECT_NEAR(a[k].toObject().value(QStringLiteral("score")).toDouble(),
                        b[k].toObject().value(QStringLiteral("score")).toDouble(), 1e-5);
        }
    }

    // A finished run like a trained one: listed, evaluated (same split, same numbers), exported.
    const QJsonArray runs = runsOf(s.target);
    ASSERT_EQ(runs.size(), 1);
    EXPECT_EQ(runs[0].toObject().value(QStringLiteral("status")).toString(),
              QStringLiteral("finished"));
    EXPECT_TRUE(QFileInfo(QDir(runs[0].toObject().value(QStringLiteral("dir")).toString())
                              .filePath(QStringLiteral("config.yml")))
                    .size() > 0);
    const PulcRun evalSource =
        runPulc({QStringLiteral("eval"), QStringLiteral("--project"), s.source,
                 QStringLiteral("--run"), QStringLiteral("tiny"), QStringLiteral("--json")});
    const PulcRun evalTarget =
        runPulc({QStringLiteral("eval"), QStringLiteral("--project"), s.target,
                 QStringLiteral("--run"), run, QStringLiteral("--json")});
    ASSERT_EQ(evalSource.exitCode, 0) << evalSource;
    ASSERT_EQ(evalTarget.exitCode, 0) << evalTarget;
    EXPECT_EQ(evalTarget.json().value(QStringLiteral("main_metric")).toString(),
              QStringLiteral("top1"));
    EXPECT_NEAR(evalTarget.json().value(QStringLiteral("main")).toDouble(),
                evalSource.json().value(QStringLiteral("main")).toDouble(), 1e-9);
    EXPECT_EQ(evalTarget.json().value(QStringLiteral("confusion")),
              evalSource.json().value(QStringLiteral("confusion")));

    const QString bundle = s.tmp.filePath(QStringLiteral("imported-bundle"));
    const PulcRun onnx =
        runPulc({QStringLiteral("export"), QStringLiteral("--project"), s.target,
                 QStringLiteral("--run"), run, QStringLiteral("--format"), QStringLiteral("onnx"),
                 QStringLiteral("--out"), bundle, QStringLiteral("--json")});
    ASSERT_EQ(onnx.exitCode, 0) << onnx;
    EXPECT_TRUE(onnx.json().value(QStringLiteral("ok")).toBool());
    EXPECT_TRUE(onnx.json()
                    .value(QStringLiteral("parity"))
                    .toObject()
                    .value(QStringLiteral("passed"))
                    .toBool())
        << onnx;
    EXPECT_GT(QFileInfo(QDir(bundle).filePath(QStringLiteral("model.onnx"))).size(), 0);

    // The same file again: a second run, named so as not to clash; human output names it.
    const PulcRun again = runPulc(QStringList{QStringLiteral("import-model"), s.pdparams,
                                              QStringLiteral("--project"), s.target} +
                                  kImportAt32);
    ASSERT_EQ(again.exitCode, 0) << again;
    EXPECT_TRUE(again.out.contains("as run 2 (tiny-2)")) << again;
    EXPECT_TRUE(again.out.contains("model:   PPLCNet_x0_25")) << again;
    EXPECT_TRUE(again.out.contains("note: class names from the project")) << again;
}

TEST_F(CliPretrainedTest, FolderExportHasLabelsAndPythonPickleReadsIt)
{
    ASSERT_TRUE(ensureShared()) << shared().error.toStdString();
    const QString folder = shared().tmp.filePath(QStringLiteral("weights"));
    const PulcRun r =
        runPulc({QStringLiteral("export"), QStringLiteral("--project"), shared().source,
                 QStringLiteral("--run"), QStringLiteral("tiny"), QStringLiteral("--format"),
                 QStringLiteral("pdparams"), QStringLiteral("--out"), folder});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QString file = QDir(folder).filePath(QStringLiteral("tiny.pdparams"));
    EXPECT_TRUE(r.out.contains(("weights: " + file).toUtf8())) << r;
    EXPECT_EQ(QDir(folder).entryList(QDir::Files | QDir::Hidden),
              (QStringList{QStringLiteral("config.yaml"), QStringLiteral("labels.txt"),
                           QStringLiteral("tiny.pdparams")}));
    // PaddleClas's config for the weights: pretrained_model names them without the suffix, and
    // import-model --config takes the run's 32x32 input from it instead of the template's 224.
    QFile config(QDir(folder).filePath(QStringLiteral("config.yaml")));
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    EXPECT_TRUE(config.readAll().contains("pretrained_model: ./tiny"));
    const PulcRun imported = runPulc(
        {QStringLiteral("import-model"), file, QStringLiteral("--project"), shared().source,
         QStringLiteral("--config"), QDir(folder).filePath(QStringLiteral("config.yaml")),
         QStringLiteral("--name"), QStringLiteral("from-config"), QStringLiteral("--json")});
    ASSERT_EQ(imported.exitCode, 0) << imported;
    EXPECT_TRUE(imported.out.contains("settings from")) << imported;
    QFile runConfig(
        QDir(shared().source)
            .filePath(
                QStringLiteral("runs/%1/config.yml")
                    .arg(QJsonDocument::fromJson(imported.out).object().value("run").toInteger())));
    ASSERT_TRUE(runConfig.open(QIODevice::ReadOnly)) << runConfig.fileName().toStdString();
    const QByteArray runText = runConfig.readAll();
    EXPECT_TRUE(runText.contains("image_shape: [3, 32, 32]")) << runText.toStdString();
    QFile labels(QDir(folder).filePath(QStringLiteral("labels.txt")));
    ASSERT_TRUE(labels.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = labels.readAll().trimmed().split('\n');
    ASSERT_EQ(lines.size(), 10);
    for (int i = 0; i < 10; ++i)
        EXPECT_TRUE(lines[i].startsWith(QByteArray::number(i) + ' ')) << lines[i].toStdString();
    // The same bytes as the single-file export of the same run.
    QFile a(file);
    QFile b(shared().pdparams);
    ASSERT_TRUE(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    EXPECT_EQ(a.readAll(), b.readAll());

    const PythonRun py =
        python(QStringLiteral(
                   "import pickle, sys\n"
                   "import numpy as np\n"
                   "d = pickle.load(open(sys.argv[1], 'rb'))\n"
                   "print('count', len(d))\n"
                   "for k, v in d.items():\n"
                   "    print(k, type(v).__name__, v.dtype, 'x'.join(str(n) for n in v.shape))\n"
                   "print('fcsum', float(np.asarray(d['fc.bias'], dtype=np.float64).sum()))\n"),
               {file});
    if (!py.available)
        GTEST_SKIP() << "/usr/bin/python3 with numpy is not installed";
    ASSERT_EQ(py.exitCode, 0) << py.err.toStdString();
    const QStringList out = py.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    ASSERT_FALSE(out.isEmpty());
    EXPECT_EQ(out.first(),
              QStringLiteral("count %1")
                  .arg(shared().exported.json().value(QStringLiteral("arrays")).toInt()));
    EXPECT_TRUE(out.contains(QStringLiteral("fc.weight ndarray float32 1280x10")))
        << py.out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("fc.bias ndarray float32 10"))) << py.out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("conv1.conv.weight ndarray float32 8x3x3x3")))
        << py.out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("conv1.bn._mean ndarray float32 8")))
        << py.out.toStdString();
    EXPECT_TRUE(out.contains(QStringLiteral("conv1.bn._variance ndarray float32 8")))
        << py.out.toStdString();
    EXPECT_FALSE(py.out.contains(QStringLiteral("running_mean"))) << py.out.toStdString();
    EXPECT_FALSE(py.out.contains(QStringLiteral("num_batches_tracked"))) << py.out.toStdString();
}

TEST_F(CliPretrainedTest, TrainFromAFileOfAnotherClassCountThenSceneFromTheFileName)
{
    ASSERT_TRUE(ensureShared()) << shared().error.toStdString();
    Shared &s = shared();
    // A binary project over 96 of the images: even files "no", odd files "yes".
    const QString list = s.tmp.filePath(QStringLiteral("binary_list.txt"));
    const QString map = s.tmp.filePath(QStringLiteral("binary_map.txt"));
    QFile listFile(list);
    ASSERT_TRUE(listFile.open(QIODevice::WriteOnly));
    const QStringList all = imagesIn(QDir(s.source).filePath(QStringLiteral("images")));
    for (int i = 0; i < all.size() && i < 96; ++i)
        listFile.write(QStringLiteral("%1 %2\n").arg(all[i]).arg(i % 2).toUtf8());
    listFile.close();
    QFile mapFile(map);
    ASSERT_TRUE(mapFile.open(QIODevice::WriteOnly));
    mapFile.write("0 no\n1 yes\n");
    mapFile.close();
    const QString binary = s.tmp.filePath(QStringLiteral("binary"));
    for (const QStringList &args :
         {QStringList{QStringLiteral("project"), QStringLiteral("init"), binary,
                      QStringLiteral("--task"), QStringLiteral("binary"),
                      QStringLiteral("--positive"), QStringLiteral("yes")},
          QStringList{QStringLiteral("import"), list, QStringLiteral("--project"), binary,
                      QStringLiteral("--format"), QStringLiteral("paddle-list"),
                      QStringLiteral("--class-map"), map},
          QStringList{QStringLiteral("split"), QStringLiteral("--project"), binary,
                      QStringLiteral("--val"), QStringLiteral("0.3"), QStringLiteral("--test"),
                      QStringLiteral("0"), QStringLiteral("--reassign")}}) {
        const PulcRun r = runPulc(args);
        ASSERT_EQ(r.exitCode, 0) << args.join(QLatin1Char(' ')).toStdString() << "\n" << r;
    }

    // 10 classes in the file, 2 in the project: fc starts afresh, the rest is loaded.
    const QString relative = QDir(QDir::currentPath()).relativeFilePath(s.pdparams);
    const PulcRun trained =
        runPulc(QStringList{QStringLiteral("train"), QStringLiteral("--project"), binary,
                            QStringLiteral("--name"), QStringLiteral("bin"),
                            QStringLiteral("--pretrained"), relative} +
                quickSettings());
    ASSERT_EQ(trained.exitCode, 0) << trained;
    EXPECT_TRUE(trained.err.contains("fc re-initialised")) << trained;
    EXPECT_TRUE(trained.err.contains(("starting from pretrained weights " + s.pdparams).toUtf8()))
        << trained;
    QFile config(QDir(binary).filePath(QStringLiteral("runs/1/config.yml")));
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    EXPECT_TRUE(config.readAll().contains(("pretrained_model: " + s.pdparams).toUtf8()));

    const PulcRun missing =
        runPulc(QStringList{QStringLiteral("train"), QStringLiteral("--project"), binary,
                            QStringLiteral("--pretrained"),
                            s.tmp.filePath(QStringLiteral("nope.pdparams"))} +
                quickSettings());
    EXPECT_EQ(missing.exitCode, 1) << missing;
    EXPECT_TRUE(missing.err.contains("nope.pdparams")) << missing;
    EXPECT_EQ(runsOf(binary).size(), 1);

    // The project records the file the run started from.
    if (haveSqlite())
        EXPECT_EQ(modelRecords(binary),
                  QStringList{QStringLiteral("1|pdparams|%1|pretrained").arg(s.pdparams)});

    // PaddleClas names its files <scene>_pretrained.pdparams: the scene and its class names
    // come from there.
    const QString twoClasses = s.tmp.filePath(QStringLiteral("bin.pdparams"));
    const PulcRun exported =
        runPulc({QStringLiteral("export"), QStringLiteral("--project"), binary,
                 QStringLiteral("--run"), QStringLiteral("bin"), QStringLiteral("--format"),
                 QStringLiteral("pdparams"), QStringLiteral("--out"), twoClasses});
    ASSERT_EQ(exported.exitCode, 0) << exported;
    const QString named = s.tmp.filePath(QStringLiteral("person_exists_pretrained.pdparams"));
    ASSERT_TRUE(QFile::copy(twoClasses, named));
    const PulcRun imported = importModel(named, s.target);
    ASSERT_EQ(imported.exitCode, 0) << imported;
    const QJsonObject o = imported.json();
    EXPECT_EQ(o.value(QStringLiteral("scene")).toString(), QStringLiteral("person_exists"));
    EXPECT_EQ(strings(o.value(QStringLiteral("classes")).toArray()),
              (QStringList{QStringLiteral("nobody"), QStringLiteral("someone")}));
    EXPECT_EQ(o.value(QStringLiteral("name")).toString(),
              QStringLiteral("person_exists_pretrained"));
    EXPECT_TRUE(strings(o.value(QStringLiteral("messages")).toArray())
                    .contains(QStringLiteral("scene person_exists (from the file name)")))
        << imported;
    // The template's input (224 centre crop of 256) and threshold decide the prediction.
    QFile yml(
        QDir(o.value(QStringLiteral("dir")).toString()).filePath(QStringLiteral("config.yml")));
    ASSERT_TRUE(yml.open(QIODevice::ReadOnly));
    const QByteArray text = yml.readAll();
    EXPECT_TRUE(text.contains("image_shape: [3, 224, 224]")) << text.toStdString();
    const QList<QJsonObject> p = predictJson(
        s.target, QString::number(o.value(QStringLiteral("run")).toInt()), s.images.mid(0, 1));
    ASSERT_EQ(p.size(), 1);
    EXPECT_EQ(p[0].value(QStringLiteral("task")).toString(), QStringLiteral("binary"));
    EXPECT_TRUE(p[0].value(QStringLiteral("decision_name")).toString() ==
                    QStringLiteral("nobody") ||
                p[0].value(QStringLiteral("decision_name")).toString() == QStringLiteral("someone"))
        << p[0].value(QStringLiteral("decision_name")).toString().toStdString();

    // The file of 10 classes under a binary scene: neither the template nor the binary project
    // has 10 classes, so they are numbered.
    const PulcRun numbered =
        importModel(s.pdparams, binary,
                    {QStringLiteral("--scene"), QStringLiteral("person_exists"),
                     QStringLiteral("--name"), QStringLiteral("ten")});
    ASSERT_EQ(numbered.exitCode, 0) << numbered;
    const QStringList classes = strings(numbered.json().value(QStringLiteral("classes")).toArray());
    ASSERT_EQ(classes.size(), 10);
    EXPECT_EQ(classes.first(), QStringLiteral("class_0"));
    EXPECT_EQ(classes.last(), QStringLiteral("class_9"));
    if (haveSqlite())
        EXPECT_EQ(modelRecords(binary),
                  (QStringList{QStringLiteral("1|pdparams|%1|pretrained").arg(s.pdparams),
                               QStringLiteral("1|pdparams|%1|exported").arg(twoClasses),
                               QStringLiteral("2|pdparams|%1|imported").arg(s.pdparams)}));
}

TEST_F(CliPretrainedTest, WrongModelAndDamagedOrMissingFilesFailAndLeaveNoRun)
{
    ASSERT_TRUE(ensureShared()) << shared().error.toStdString();
    const Shared &s = shared();
    const QString project = s.tmp.filePath(QStringLiteral("untouched"));
    for (const QStringList &args : makeProject(project).mid(0, 1)) {
        const PulcRun r = runPulc(args);
        ASSERT_EQ(r.exitCode, 0) << r;
    }
    const QJsonArray runsBefore = runsOf(project);
    const QStringList foldersBefore = runFolders(project);

    const PulcRun wrong = importModel(s.pdparams, project,
                                      {QStringLiteral("--model"), QStringLiteral("PPLCNet_x1_0")});
    EXPECT_EQ(wrong.exitCode, 1) << wrong;
    EXPECT_TRUE(wrong.err.contains("PPLCNet_x0_25")) << wrong;
    EXPECT_TRUE(wrong.err.contains("PPLCNet_x1_0")) << wrong;
    EXPECT_TRUE(wrong.err.contains(s.pdparams.toUtf8())) << wrong;
    EXPECT_TRUE(wrong.json().value(QStringLiteral("error")).toString().contains(s.pdparams));

    // The first half of the file, a text file, a missing file.
    QFile source(s.pdparams);
    ASSERT_TRUE(source.open(QIODevice::ReadOnly));
    const QByteArray bytes = source.readAll();
    const QString truncated = s.tmp.filePath(QStringLiteral("truncated.pdparams"));
    QFile half(truncated);
    ASSERT_TRUE(half.open(QIODevice::WriteOnly));
    half.write(bytes.left(bytes.size() / 2));
    half.close();
    const QString text = s.tmp.filePath(QStringLiteral("notes.txt"));
    QFile notes(text);
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("these are not weights\n");
    notes.close();
    const QString missing = s.tmp.filePath(QStringLiteral("missing.pdparams"));
    for (const QString &file : {truncated, text, missing}) {
        const PulcRun r = importModel(file, project);
        EXPECT_EQ(r.exitCode, 1) << file.toStdString() << "\n" << r;
        EXPECT_TRUE(r.err.contains(file.toUtf8())) << r;
    }
    const PulcRun notPickle = importModel(text, project);
    EXPECT_TRUE(notPickle.err.contains("not a weights file")) << notPickle;
    const PulcRun gone = importModel(missing, project);
    EXPECT_TRUE(gone.err.contains("no such file")) << gone;

    // A pickle of arrays of no known network (needs Python to write one).
    const QString foreign = s.tmp.filePath(QStringLiteral("foreign.pdparams"));
    const PythonRun py =
        python(QStringLiteral("import pickle, sys\nimport numpy as np\n"
                              "pickle.dump({'encoder.weight': np.zeros((4, 3), np.float32)}, "
                              "open(sys.argv[1], 'wb'), protocol=4)\n"),
               {foreign});
    if (py.available) {
        ASSERT_EQ(py.exitCode, 0) << py.err.toStdString();
        const PulcRun r = importModel(foreign, project);
        EXPECT_EQ(r.exitCode, 1) << r;
        EXPECT_TRUE(r.err.contains(foreign.toUtf8())) << r;
        EXPECT_TRUE(r.err.contains("unknown architecture")) << r;
    }

    EXPECT_EQ(runsOf(project), runsBefore);
    EXPECT_EQ(runFolders(project), foldersBefore);
    EXPECT_TRUE(runsBefore.isEmpty());
}

TEST_F(CliPretrainedTest, InspectWeightsAndHelpNameTheNewOptions)
{
    ASSERT_TRUE(ensureShared()) << shared().error.toStdString();
    const Shared &s = shared();
    PulcRun r = runPulc({QStringLiteral("inspect-weights"), s.pdparams, QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    QJsonObject o = r.json();
    EXPECT_EQ(o.value(QStringLiteral("format")).toString(), QStringLiteral("pdparams"));
    EXPECT_EQ(o.value(QStringLiteral("model")).toString(), QStringLiteral("PPLCNet_x0_25"));
    EXPECT_EQ(o.value(QStringLiteral("classes")).toInt(), 10);
    EXPECT_TRUE(o.value(QStringLiteral("use_last_conv")).toBool());
    EXPECT_EQ(o.value(QStringLiteral("tensors")).toInt(),
              s.exported.json().value(QStringLiteral("arrays")).toInt());
    EXPECT_GT(o.value(QStringLiteral("values")).toInteger(), 100000);
    EXPECT_TRUE(o.value(QStringLiteral("class_names")).toArray().isEmpty());

    // A run folder: its checkpoint, with the same tensors and the class names.
    r = runPulc({QStringLiteral("inspect-weights"),
                 QDir(s.source).filePath(QStringLiteral("runs/1")), QStringLiteral("--json")});
    ASSERT_EQ(r.exitCode, 0) << r;
    const QJsonObject run = r.json();
    EXPECT_EQ(run.value(QStringLiteral("format")).toString(), QStringLiteral("checkpoint"));
    EXPECT_EQ(run.value(QStringLiteral("model")).toString(), QStringLiteral("PPLCNet_x0_25"));
    EXPECT_EQ(run.value(QStringLiteral("tensors")), o.value(QStringLiteral("tensors")));
    EXPECT_EQ(run.value(QStringLiteral("values")), o.value(QStringLiteral("values")));
    EXPECT_EQ(run.value(QStringLiteral("class_names")).toArray().size(), 10);

    r = runPulc({QStringLiteral("inspect-weights"), s.tmp.filePath(QStringLiteral("none.bin"))});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains("none.bin")) << r;
    r = runPulc({QStringLiteral("inspect-weights")});
    EXPECT_EQ(r.exitCode, 2) << r;

    r = runPulc({QStringLiteral("import-model"), QStringLiteral("--help")});
    EXPECT_EQ(r.exitCode, 0) << r;
    for (const char *option : {"--scene", "--model", "--name", "--set", "--labels", "--project"})
        EXPECT_TRUE(r.out.contains(option)) << option;
    r = runPulc({QStringLiteral("train"), QStringLiteral("--help")});
    EXPECT_TRUE(r.out.contains("--pretrained <FILE>")) << r;
    r = runPulc({QStringLiteral("export"), QStringLiteral("--help")});
    EXPECT_TRUE(r.out.contains("pdparams")) << r;
    r = runPulc({QStringLiteral("--help")});
    EXPECT_TRUE(r.out.contains("import-model FILE")) << r;
    EXPECT_TRUE(r.out.contains("inspect-weights FILE")) << r;
    // Usage errors: no file, no project, an unknown scene.
    r = runPulc({QStringLiteral("import-model"), QStringLiteral("--project"), s.target});
    EXPECT_EQ(r.exitCode, 2) << r;
    r = runPulc({QStringLiteral("import-model"), s.pdparams});
    EXPECT_EQ(r.exitCode, 2) << r;
    r = runPulc({QStringLiteral("import-model"), s.pdparams, QStringLiteral("--project"), s.target,
                 QStringLiteral("--scene"), QStringLiteral("moon_landing")});
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.err.contains("moon_landing")) << r;
}

} // namespace
