// The model commands' CLI contract (README.md, 'The command line'; docs/training.md,
// 'Stop, kill, resume'): `pulc train --json` streams step / epoch / done events, Ctrl+C stops with
// a resumable checkpoint, `pulc runs`, `pulc eval` and `pulc predict` read the run back. Data: 200
// real Fashion-MNIST training images.
#include "pulcrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>

#include <csignal>
#include <functional>

namespace {

using pulc::test::PulcRun;
using pulc::test::runPulc;

const QString kFashionImages =
    QStringLiteral("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz");

/// Settings that keep a run to seconds: x0.25 at 32x32, a few steps per epoch.
QStringList quickSettings(int epochs, int steps)
{
    QStringList args;
    for (const QString &s : {QStringLiteral("input=32x32"), QStringLiteral("train_size=32x32"),
                             QStringLiteral("resize_short=0"), QStringLiteral("geometry=resize"),
                             QStringLiteral("batch_size=16"), QStringLiteral("warmup_epochs=0"),
                             QStringLiteral("lr=0.1"), QStringLiteral("epochs=%1").arg(epochs),
                             QStringLiteral("max_steps_per_epoch=%1").arg(steps)})
        args << QStringLiteral("--set") << s;
    return args << QStringLiteral("--model") << QStringLiteral("PPLCNet_x0_25");
}

/// What `pulc` printed before it was killed, and whether it was.
struct KilledRun
{
    QByteArray out;
    bool killed = false;
};

/// Runs `pulc args` and SIGKILLs it (no handler runs, no stop checkpoint is written) at the
/// first line of output that `killAt` accepts.
KilledRun killPulcAt(const QStringList &args, const std::function<bool(const QByteArray &)> &killAt)
{
    KilledRun k;
    QProcess p;
    p.start(QStringLiteral(PULC_CLI_PATH), args);
    if (!p.waitForStarted())
        return k;
    while (p.state() == QProcess::Running && !k.killed) {
        p.waitForReadyRead(100);
        while (p.canReadLine()) {
            const QByteArray line = p.readLine();
            k.out += line;
            if (killAt(line)) {
                p.kill();
                k.killed = true;
                break;
            }
        }
    }
    p.waitForFinished();
    return k;
}

class CliTrainTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(QFileInfo::exists(kFashionImages))
            << "install dataset-fashion-mnist (scripts/setup)";
        m_project = m_tmp.filePath(QStringLiteral("p"));
        PulcRun r = runPulc({QStringLiteral("project"), QStringLiteral("init"), m_project});
        ASSERT_EQ(r.exitCode, 0) << r;
        r = runPulc({QStringLiteral("import"), kFashionImages, QStringLiteral("--project"),
                     m_project, QStringLiteral("--limit"), QStringLiteral("200")});
        ASSERT_EQ(r.exitCode, 0) << r;
        r = runPulc({QStringLiteral("split"), QStringLiteral("--project"), m_project,
                     QStringLiteral("--val"), QStringLiteral("0.25"), QStringLiteral("--test"),
                     QStringLiteral("0.1"), QStringLiteral("--reassign")});
        ASSERT_EQ(r.exitCode, 0) << r;
    }

    QStringList train(const QStringList &extra) const
    {
        return QStringList{
                   QStringLiteral("train"),  QStringLiteral("--project"), m_project,
                   QStringLiteral("--json"), QStringLiteral("--threads"), QStringLiteral("1")} +
               extra;
    }

    QTemporaryDir m_tmp;
    QString m_project;
};

TEST_F(CliTrainTest, TrainStreamsEventsThenRunsEvalAndPredictReadTheRun)
{
    const PulcRun r = runPulc(train(
        quickSettings(2, 3) + QStringList{QStringLiteral("--name"), QStringLiteral("first")}));
    ASSERT_EQ(r.exitCode, 0) << r;
    const QList<QJsonObject> events = r.jsonLines();
    int steps = 0;
    int epochs = 0;
    QJsonObject done;
    for (const QJsonObject &e : events) {
        const QString kind = e.value(QStringLiteral("event")).toString();
        if (kind == QLatin1String("step")) {
            ++steps;
            for (const char *key : {"epoch", "step", "loss", "lr", "img_per_s"})
                EXPECT_TRUE(e.contains(QLatin1String(key))) << key;
        } else if (kind == QLatin1String("epoch")) {
            ++epochs;
            const QJsonObject metrics = e.value(QStringLiteral("metrics")).toObject();
            EXPECT_TRUE(metrics.contains(QStringLiteral("main")));
            EXPECT_TRUE(metrics.contains(QStringLiteral("top1")));
        } else if (kind == QLatin1String("done")) {
            done = e;
        } else {
            ADD_FAILURE() << "unexpected event " << kind.toStdString();
        }
    }
    EXPECT_EQ(steps, 6);
    EXPECT_EQ(epochs, 2);
    ASSERT_FALSE(done.isEmpty()) << r;
    EXPECT_EQ(events.last(), done);
    EXPECT_EQ(done.value(QStringLiteral("run")).toInt(), 1);
    EXPECT_GE(done.value(QStringLiteral("best_epoch")).toInt(), 1);
    const QString checkpoint = done.value(QStringLiteral("checkpoint")).toString();
    EXPECT_TRUE(QFileInfo::exists(checkpoint)) << checkpoint.toStdString();
    EXPECT_TRUE(
        QFileInfo::exists(QFileInfo(checkpoint).dir().filePath(QStringLiteral("metrics.jsonl"))));

    const PulcRun runs = runPulc(
        {QStringLiteral("runs"), QStringLiteral("--project"), m_project, QStringLiteral("--json")});
    ASSERT_EQ(runs.exitCode, 0) << runs;
    const QJsonArray list = runs.json().value(QStringLiteral("runs")).toArray();
    ASSERT_EQ(list.size(), 1);
    const QJsonObject run = list.first().toObject();
    EXPECT_EQ(run.value(QStringLiteral("name")).toString(), QStringLiteral("first"));
    EXPECT_EQ(run.value(QStringLiteral("status")).toString(), QStringLiteral("finished"));
    EXPECT_EQ(run.value(QStringLiteral("model")).toString(), QStringLiteral("PPLCNet_x0_25"));
    EXPECT_EQ(run.value(QStringLiteral("main_metric")).toString(), QStringLiteral("top1"));

    const PulcRun eval =
        runPulc({QStringLiteral("eval"), QStringLiteral("--project"), m_project,
                 QStringLiteral("--run"), QStringLiteral("first"), QStringLiteral("--json")});
    ASSERT_EQ(eval.exitCode, 0) << eval;
    const QJsonObject e = eval.json();
    EXPECT_EQ(e.value(QStringLiteral("main_metric")).toString(), QStringLiteral("top1"));
    // The best epoch's validation top-1 from training equals what eval measures now.
    EXPECT_DOUBLE_EQ(e.value(QStringLiteral("main")).toDouble(),
                     done.value(QStringLiteral("metrics")).toObject().value("top1").toDouble());
    EXPECT_EQ(e.value(QStringLiteral("confusion")).toArray().size(), 10);
    EXPECT_EQ(e.value(QStringLiteral("per_class")).toArray().size(), 10);

    const QString image = QDir(m_project).filePath(QStringLiteral("missing.png"));
    const PulcRun predict = runPulc(
        {QStringLiteral("predict"), QStringLiteral("--project"), m_project, QStringLiteral("--run"),
         QStringLiteral("1"), QStringLiteral("--topk"), QStringLiteral("3"),
         QStringLiteral("--json"), QDir(m_project).filePath(QStringLiteral("images")), image});
    EXPECT_EQ(predict.exitCode, 1) << predict; // one of the inputs is missing
    const QList<QJsonObject> lines = predict.jsonLines();
    ASSERT_GE(lines.size(), 2);
    const QJsonObject first = lines.first();
    EXPECT_EQ(first.value(QStringLiteral("top")).toArray().size(), 3);
    EXPECT_TRUE(first.contains(QStringLiteral("ms")));
    EXPECT_TRUE(first.value(QStringLiteral("top"))
                    .toArray()
                    .first()
                    .toObject()
                    .contains(QStringLiteral("class")));
    EXPECT_EQ(lines.last().value(QStringLiteral("path")).toString(), image);
    EXPECT_TRUE(lines.last().value(QStringLiteral("error")).toString().contains(image));
}

TEST_F(CliTrainTest, InterruptStopsWithACheckpointAndResumeFinishes)
{
    QProcess p;
    p.start(QStringLiteral(PULC_CLI_PATH), train(quickSettings(2, 8)));
    ASSERT_TRUE(p.waitForStarted());
    QByteArray out;
    bool interrupted = false;
    while (p.state() == QProcess::Running) {
        p.waitForReadyRead(100);
        while (p.canReadLine()) {
            const QByteArray line = p.readLine();
            out += line;
            if (!interrupted && line.contains("\"event\":\"step\"")) {
                ::kill(static_cast<pid_t>(p.processId()), SIGINT);
                interrupted = true;
            }
        }
    }
    p.waitForFinished();
    out += p.readAllStandardOutput();
    ASSERT_TRUE(interrupted) << out.toStdString();
    EXPECT_EQ(p.exitStatus(), QProcess::NormalExit);
    EXPECT_EQ(p.exitCode(), 1);
    const QByteArray err = p.readAllStandardError();
    EXPECT_TRUE(err.contains("--resume 1")) << err.toStdString();
    const QList<QByteArray> lines = out.trimmed().split('\n');
    const QJsonObject done = QJsonDocument::fromJson(lines.last()).object();
    EXPECT_EQ(done.value(QStringLiteral("event")).toString(), QStringLiteral("done"));
    EXPECT_EQ(done.value(QStringLiteral("status")).toString(), QStringLiteral("stopped"));
    EXPECT_TRUE(QFileInfo::exists(done.value(QStringLiteral("last_checkpoint")).toString()));

    const PulcRun runs = runPulc(
        {QStringLiteral("runs"), QStringLiteral("--project"), m_project, QStringLiteral("--json")});
    EXPECT_EQ(runs.json()
                  .value(QStringLiteral("runs"))
                  .toArray()
                  .first()
                  .toObject()
                  .value(QStringLiteral("status"))
                  .toString(),
              QStringLiteral("stopped"));

    const PulcRun resumed = runPulc(train({QStringLiteral("--resume"), QStringLiteral("1")}));
    ASSERT_EQ(resumed.exitCode, 0) << resumed;
    int steps = 0;
    for (const QJsonObject &e : resumed.jsonLines())
        steps += e.value(QStringLiteral("event")).toString() == QLatin1String("step") ? 1 : 0;
    // 16 steps in all; the interrupted process did at least one of them.
    EXPECT_GE(steps, 1);
    EXPECT_LT(steps, 16);
    EXPECT_EQ(resumed.jsonLines().last().value(QStringLiteral("status")).toString(),
              QStringLiteral("finished"));
}

TEST_F(CliTrainTest, KilledRunShowsAsInterruptedAndResumes)
{
    const KilledRun k = killPulcAt(train(quickSettings(2, 8)), [](const QByteArray &line) {
        return line.contains("\"event\":\"epoch\""); // after the first checkpoint
    });
    ASSERT_TRUE(k.killed) << k.out.toStdString();
    const PulcRun runs = runPulc(
        {QStringLiteral("runs"), QStringLiteral("--project"), m_project, QStringLiteral("--json")});
    const QJsonObject run = runs.json().value(QStringLiteral("runs")).toArray().first().toObject();
    EXPECT_EQ(run.value(QStringLiteral("status")).toString(), QStringLiteral("interrupted"));
    const PulcRun resumed = runPulc(train({QStringLiteral("--resume"), QStringLiteral("1")}));
    ASSERT_EQ(resumed.exitCode, 0) << resumed;
    int epochs = 0;
    for (const QJsonObject &e : resumed.jsonLines())
        epochs += e.value(QStringLiteral("event")).toString() == QLatin1String("epoch") ? 1 : 0;
    EXPECT_EQ(epochs, 1); // epoch 1 was checkpointed before the kill
}

// Killed in its first epoch: only the checkpoints written within the epoch (here every 2 steps)
// are there to resume from, and resume continues with the steps after the last of them.
TEST_F(CliTrainTest, RunKilledInItsFirstEpochResumesMidEpoch)
{
    const KilledRun k = killPulcAt(
        train(quickSettings(1, 8) << QStringLiteral("--set")
                                  << QStringLiteral("save_interval_steps=2")),
        [](const QByteArray &line) {
            // Step 3 starts after the checkpoint of step 2 was written.
            const QJsonObject e = QJsonDocument::fromJson(line).object();
            return e.value(QStringLiteral("event")).toString() == QLatin1String("step") &&
                   e.value(QStringLiteral("step")).toInt() == 3;
        });
    ASSERT_TRUE(k.killed) << k.out.toStdString();
    EXPECT_FALSE(k.out.contains("\"event\":\"epoch\"")) << k.out.toStdString();

    const PulcRun resumed = runPulc(train({QStringLiteral("--resume"), QStringLiteral("1")}));
    ASSERT_EQ(resumed.exitCode, 0) << resumed;
    int steps = 0;
    int epochs = 0;
    for (const QJsonObject &e : resumed.jsonLines()) {
        const QString event = e.value(QStringLiteral("event")).toString();
        if (event == QLatin1String("step")) {
            ++steps;
            EXPECT_GE(e.value(QStringLiteral("step")).toInt(), 3);
        }
        epochs += event == QLatin1String("epoch") ? 1 : 0;
    }
    // Steps 3 to 8, or fewer when the process got past step 4's checkpoint before the kill.
    EXPECT_GE(steps, 2);
    EXPECT_LE(steps, 6);
    EXPECT_EQ(epochs, 1);
}

TEST_F(CliTrainTest, BadSettingsAndRunsAreUsageOrFailureErrors)
{
    PulcRun r = runPulc(train({QStringLiteral("--set"), QStringLiteral("epochs=zero")}));
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.err.contains("epochs")) << r;
    r = runPulc(train({QStringLiteral("--scene"), QStringLiteral("no_such_scene")}));
    EXPECT_EQ(r.exitCode, 2) << r;
    r = runPulc(train({QStringLiteral("--config"), m_tmp.filePath(QStringLiteral("none.yaml"))}));
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.err.contains("none.yaml")) << r;
    r = runPulc({QStringLiteral("eval"), QStringLiteral("--project"), m_project,
                 QStringLiteral("--run"), QStringLiteral("7"), QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("7")));
    r = runPulc({QStringLiteral("predict"), QStringLiteral("--checkpoint"),
                 m_tmp.filePath(QStringLiteral("nothing.ckpt")), QStringLiteral("x.png")});
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains("nothing.ckpt")) << r;
    // A teacher that does not exist fails before a run is created: `pulc runs` stays empty.
    r = runPulc(train({QStringLiteral("--teacher"), QStringLiteral("no-such-run")}));
    EXPECT_EQ(r.exitCode, 1) << r;
    EXPECT_TRUE(r.err.contains("no-such-run")) << r;
    r = runPulc(
        {QStringLiteral("runs"), QStringLiteral("--project"), m_project, QStringLiteral("--json")});
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.json().value(QStringLiteral("runs")).toArray().isEmpty()) << r;
}

} // namespace

namespace {

TEST_F(CliTrainTest, UnsupportedConfigKeysStopTheRunUnlessForced)
{
    // A valid PaddleClas file with one operator PULC Studio does not have.
    const QString file = m_tmp.filePath(QStringLiteral("gridmask.yaml"));
    {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("DataLoader:\n  Train:\n    dataset:\n      transform_ops:\n"
                "        - DecodeImage:\n        - ResizeImage:\n            size: 32\n"
                "        - GridMask:\n            d1: 96\n        - NormalizeImage:\n");
    }
    PulcRun r = runPulc(train(QStringList{QStringLiteral("--config"), file} + quickSettings(1, 2)));
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(
        r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("GridMask")))
        << r;
    EXPECT_TRUE(
        r.json().value(QStringLiteral("error")).toString().contains(QStringLiteral("--force")))
        << r;
    r = runPulc(
        {QStringLiteral("runs"), QStringLiteral("--project"), m_project, QStringLiteral("--json")});
    EXPECT_TRUE(r.json().value(QStringLiteral("runs")).toArray().isEmpty()) << r;

    r = runPulc(train(QStringList{QStringLiteral("--config"), file, QStringLiteral("--force")} +
                      quickSettings(1, 2)));
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.err.contains("GridMask")) << r; // still said, as a warning
}

TEST_F(CliTrainTest, GpuCountIsAFlagAndTheLearningRateIsPrinted)
{
    const QString file = m_tmp.filePath(QStringLiteral("lr.yaml"));
    {
        QFile f(file);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        f.write("Optimizer:\n  lr:\n    name: Cosine\n    learning_rate: 0.2\n"
                "DataLoader:\n  Train:\n    sampler:\n      batch_size: 16\n");
    }
    QStringList settings = quickSettings(1, 2);
    const qsizetype lr = settings.indexOf(QStringLiteral("lr=0.1")); // the file's LR instead
    ASSERT_GT(lr, 0);
    settings.remove(lr - 1, 2);
    PulcRun r = runPulc(train(QStringList{QStringLiteral("--config"), file,
                                          QStringLiteral("--gpus"), QStringLiteral("4")} +
                              settings));
    EXPECT_EQ(r.exitCode, 0) << r;
    EXPECT_TRUE(r.err.contains("4 GPUs assumed")) << r;
    EXPECT_TRUE(r.err.contains("learning rate 0.05 ")) << r; // 0.2 / 4, from the run's log line

    r = runPulc(train(QStringList{QStringLiteral("--gpus"), QStringLiteral("4")} + settings));
    EXPECT_EQ(r.exitCode, 2) << r; // nothing to scale without --config
    r = runPulc(train(QStringList{QStringLiteral("--config"), file, QStringLiteral("--gpus"),
                                  QStringLiteral("0")} +
                      settings));
    EXPECT_EQ(r.exitCode, 2) << r;
}

TEST_F(CliTrainTest, DisagreeingTrainAndEvalSizesAreRefusedBeforeTheRun)
{
    // The template trains at 224 unless told; an eval input of 32 with a 256 resize would
    // validate a patch. --set input alone now implies both, so the run is fine...
    PulcRun r = runPulc(
        train({QStringLiteral("--model"), QStringLiteral("PPLCNet_x0_25"), QStringLiteral("--set"),
               QStringLiteral("input=32x32"), QStringLiteral("--set"), QStringLiteral("epochs=1"),
               QStringLiteral("--set"), QStringLiteral("max_steps_per_epoch=1"),
               QStringLiteral("--set"), QStringLiteral("batch_size=8")}));
    EXPECT_EQ(r.exitCode, 0) << r;
    // ...while an explicit 224 training size with a 32 input is refused, naming both.
    r = runPulc(train({QStringLiteral("--set"), QStringLiteral("input=32x32"),
                       QStringLiteral("--set"), QStringLiteral("train_size=224x224")}));
    EXPECT_EQ(r.exitCode, 2) << r;
    EXPECT_TRUE(r.err.contains("training at 224x224")) << r;
}

} // namespace
