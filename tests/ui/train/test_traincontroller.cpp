// The training controller (a run in a worker thread, throttled reports, stop and resume), the
// curves read from a run's metrics.jsonl, and the runs table.
#include "datafixtures.h"

#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>
#include <ui/project/runsmodel.h>
#include <ui/train/traincontroller.h>
#include <ui/train/traincurves.h>

#include <gtest/gtest.h>

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>
#include <cmath>

#include <ui/common/qcustomplotinclude.h>

using namespace pulc::ui;

namespace {

constexpr int kRunTimeoutMs = 180000;

pulc::engine::ProjectTrainRequest tinyRequest(int epochs, const std::string &name = {})
{
    pulc::engine::ProjectTrainRequest request;
    request.config = tinyTrainConfig(epochs);
    request.runName = name;
    return request;
}

TrainOutcome waitFinished(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(kRunTimeoutMs))
        return {};
    return spy.takeFirst().at(0).value<TrainOutcome>();
}

int stepPoints(const QSignalSpy &spy)
{
    int points = 0;
    for (const QList<QVariant> &args : spy)
        points += int(args.at(0).value<QList<TrainStepPoint>>().size());
    return points;
}

} // namespace

TEST(TrainController, TrainsReportsStepsAndEpochsAndFinishes)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    TrainController controller;
    QSignalSpy steps(&controller, &TrainController::stepsReported);
    QSignalSpy epochs(&controller, &TrainController::epochFinished);
    QSignalSpy progress(&controller, &TrainController::progressChanged);
    QSignalSpy logged(&controller, &TrainController::logged);
    QSignalSpy finished(&controller, &TrainController::finished);

    ASSERT_TRUE(controller.start(dir, tinyRequest(2, "first")));
    EXPECT_TRUE(controller.isRunning());
    EXPECT_FALSE(controller.start(dir, tinyRequest(2))) << "one job at a time";
    const TrainOutcome outcome = waitFinished(finished);
    EXPECT_FALSE(controller.isRunning());
    ASSERT_EQ(outcome.status, TrainOutcome::Status::Finished) << outcome.error.toStdString();
    EXPECT_EQ(outcome.runName, QStringLiteral("first"));
    EXPECT_GT(outcome.runId, 0);
    EXPECT_TRUE(QFileInfo::exists(outcome.runDir + QStringLiteral("/metrics.jsonl")));
    EXPECT_EQ(outcome.epochsDone, 2);

    // 15 training images in batches of 4: 4 steps an epoch, every one of them reported once,
    // in order, in fewer signals when they come fast.
    EXPECT_EQ(stepPoints(steps), 8);
    qint64 previous = 0;
    for (const QList<QVariant> &args : steps) {
        for (const TrainStepPoint &s : args.at(0).value<QList<TrainStepPoint>>()) {
            EXPECT_EQ(s.globalStep, previous + 1);
            previous = s.globalStep;
            EXPECT_EQ(s.stepsPerEpoch, 4);
            EXPECT_EQ(s.totalSteps, 8);
            EXPECT_GT(s.loss, 0.0);
        }
    }
    ASSERT_EQ(epochs.size(), 2);
    const auto second = epochs.at(1).at(0).value<TrainEpochPoint>();
    EXPECT_EQ(second.epoch, 2);
    EXPECT_EQ(second.epochs, 2);
    EXPECT_EQ(second.globalStep, 8);
    EXPECT_EQ(second.mainMetric, QStringLiteral("top1"));
    EXPECT_TRUE(second.metrics.contains(QStringLiteral("top1")));
    EXPECT_TRUE(second.metrics.contains(QStringLiteral("val_loss")));
    EXPECT_FALSE(progress.isEmpty());
    EXPECT_FALSE(logged.isEmpty());
}

TEST(TrainController, StopKeepsACheckpointAndResumeFinishesTheRun)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    TrainController controller;
    QSignalSpy finished(&controller, &TrainController::finished);
    QSignalSpy epochs(&controller, &TrainController::epochFinished);
    // Stop as soon as the first steps arrive: long before 40 epochs are done.
    QObject::connect(&controller, &TrainController::stepsReported, &controller,
                     [&controller] { controller.stop(); });
    ASSERT_TRUE(controller.start(dir, tinyRequest(40, "stopped")));
    const TrainOutcome stopped = waitFinished(finished);
    ASSERT_EQ(stopped.status, TrainOutcome::Status::Stopped) << stopped.error.toStdString();
    EXPECT_FALSE(controller.isStopping());
    EXPECT_TRUE(QFileInfo::exists(stopped.runDir + QStringLiteral("/last.ckpt")));
    EXPECT_LT(stopped.epochsDone, 40);

    const auto listed = pulc::engine::listProjectRuns(dir.toStdString());
    ASSERT_TRUE(listed) << listed.error();
    const std::vector<pulc::engine::RunSummary> &runs = *listed;
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, "stopped");

    // Resume with a short epoch count in the request: the run's own settings win (40 epochs).
    controller.disconnect(&controller);
    epochs.clear();
    pulc::engine::ProjectTrainRequest resume = tinyRequest(1);
    resume.resumeRun = std::to_string(stopped.runId);
    ASSERT_TRUE(controller.start(dir, resume));
    const TrainOutcome resumed = waitFinished(finished);
    ASSERT_EQ(resumed.status, TrainOutcome::Status::Finished) << resumed.error.toStdString();
    EXPECT_EQ(resumed.runId, stopped.runId);
    EXPECT_EQ(resumed.epochsDone, 40);
    ASSERT_FALSE(epochs.isEmpty());
    EXPECT_EQ(epochs.last().at(0).value<TrainEpochPoint>().epoch, 40);
    const auto relisted = pulc::engine::listProjectRuns(dir.toStdString());
    ASSERT_TRUE(relisted) << relisted.error();
    ASSERT_EQ(relisted->size(), 1u);
    EXPECT_EQ((*relisted)[0].status, "finished");
}

TEST(TrainController, FailuresEndWithFinishedFailedAndAMessage)
{
    QTemporaryDir tmp;
    TrainController controller;
    QSignalSpy finished(&controller, &TrainController::finished);
    ASSERT_TRUE(controller.start(tmp.filePath(QStringLiteral("no-such-project")), tinyRequest(1)));
    const TrainOutcome missing = waitFinished(finished);
    EXPECT_EQ(missing.status, TrainOutcome::Status::Failed);
    EXPECT_TRUE(missing.error.contains(QStringLiteral("no-such-project")))
        << missing.error.toStdString();
    EXPECT_FALSE(controller.isRunning());

    // A run that cannot be resumed: it has finished.
    const QString dir = makeFruitProject(tmp);
    const TinyRun run = trainTinyRun(dir, 1, QStringLiteral("done"));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    pulc::engine::ProjectTrainRequest resume = tinyRequest(1);
    resume.resumeRun = "done";
    ASSERT_TRUE(controller.start(dir, resume));
    const TrainOutcome finishedRun = waitFinished(finished);
    EXPECT_EQ(finishedRun.status, TrainOutcome::Status::Failed);
    EXPECT_TRUE(finishedRun.error.contains(QStringLiteral("already finished")))
        << finishedRun.error.toStdString();
}

TEST(TrainController, WaitForFinishedDeliversTheOutcomeAndTheGuiStaysResponsive)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    TrainController controller;
    QSignalSpy finished(&controller, &TrainController::finished);
    // The event loop keeps turning while the job runs: a 10 ms timer never waits long.
    QElapsedTimer clock;
    qint64 longest = 0, last = 0;
    QTimer tick;
    tick.setInterval(10);
    QObject::connect(&tick, &QTimer::timeout, [&] {
        longest = qMax(longest, clock.elapsed() - last);
        last = clock.elapsed();
    });
    ASSERT_TRUE(controller.start(dir, tinyRequest(2)));
    clock.start();
    tick.start();
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    tick.stop();
    EXPECT_LT(longest, 200) << "the GUI thread was blocked for " << longest << " ms";

    // Start again at once from the finished() slot's turn of the loop, stop and wait: the
    // outcome arrives inside waitForFinished(), every time.
    for (int i = 2; i <= 4; ++i) {
        ASSERT_TRUE(controller.start(dir, tinyRequest(1)));
        controller.stop();
        controller.waitForFinished();
        EXPECT_FALSE(controller.isRunning());
        ASSERT_EQ(finished.size(), i) << "finished() is emitted inside waitForFinished()";
    }
}

TEST(TrainController, DestructorStopsAndWaits)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    {
        TrainController controller;
        QSignalSpy steps(&controller, &TrainController::stepsReported);
        ASSERT_TRUE(controller.start(dir, tinyRequest(200)));
        ASSERT_TRUE(steps.wait(kRunTimeoutMs));
    }
    const auto listed = pulc::engine::listProjectRuns(dir.toStdString());
    ASSERT_TRUE(listed) << listed.error();
    const std::vector<pulc::engine::RunSummary> &runs = *listed;
    ASSERT_EQ(runs.size(), 1u);
    EXPECT_EQ(runs[0].status, "stopped");
}

TEST(TrainingControllerCurves, ReadsMetricsLinesAndSkipsCutOnes)
{
    QTemporaryDir tmp;
    QFile file(tmp.filePath(QStringLiteral("metrics.jsonl")));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(
        R"({"event":"step","epoch":1,"step":1,"global_step":1,"loss":2.5,"lr":0.01,"img_per_s":0}
{"event":"step","epoch":1,"step":2,"global_step":2,"loss":null,"lr":0.009,"img_per_s":100}
{"event":"epoch","epoch":1,"global_step":2,"seconds":0.7,"skipped":0,"best":true,"main":"top1","metrics":{"top1":0.25,"top5":0.75,"val_loss":2.7,"train_loss":2.4}}
{"event":"step","epoch":2,"step":1,"global_step":3,"loss":2.1,"lr":0.005,"img_per_s":120}
{"event":"step","epoch":2,"step":2,"glo)");
    file.close();
    RunCurvesData data;
    QString error;
    ASSERT_TRUE(readRunCurves(tmp.path(), &data, &error)) << error.toStdString();
    ASSERT_EQ(data.steps.size(), 3);
    EXPECT_EQ(data.steps[2].globalStep, 3);
    EXPECT_DOUBLE_EQ(data.steps[2].loss, 2.1);
    EXPECT_TRUE(std::isnan(data.steps[1].loss));
    ASSERT_EQ(data.epochs.size(), 1);
    EXPECT_EQ(data.epochs[0].mainMetric, QStringLiteral("top1"));
    EXPECT_DOUBLE_EQ(data.epochs[0].mainValue, 0.25);
    EXPECT_TRUE(data.epochs[0].best);

    TrainCurves curves;
    ASSERT_TRUE(curves.loadRun(tmp.path(), QStringLiteral("run-1"), &error));
    EXPECT_EQ(curves.stepCount(), 3);
    EXPECT_EQ(curves.epochCount(), 1);
    EXPECT_FALSE(readRunCurves(tmp.filePath(QStringLiteral("nowhere")), &data, &error));
    EXPECT_TRUE(error.contains(QStringLiteral("nowhere/metrics.jsonl"))) << error.toStdString();
}

TEST(TrainingControllerCurves, LoadsARealRunAndOverlaysAnother)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    const TinyRun first = trainTinyRun(dir, 2, QStringLiteral("first"));
    ASSERT_TRUE(first.error.isEmpty()) << first.error.toStdString();
    const TinyRun second = trainTinyRun(dir, 1, QStringLiteral("second"));
    ASSERT_TRUE(second.error.isEmpty()) << second.error.toStdString();

    TrainCurves curves;
    QString error;
    ASSERT_TRUE(curves.loadRun(first.runDir, first.name, &error)) << error.toStdString();
    EXPECT_EQ(curves.stepCount(), 8);
    EXPECT_EQ(curves.epochCount(), 2);
    const int graphs = curves.plot()->graphCount();
    // Raw and smoothed loss and the learning rate have a point per step.
    int perStep = 0;
    for (int i = 0; i < graphs; ++i)
        perStep += curves.plot()->graph(i)->dataCount() == 8 ? 1 : 0;
    EXPECT_EQ(perStep, 3);

    ASSERT_TRUE(curves.addOverlay(second.runDir, second.name, &error)) << error.toStdString();
    EXPECT_EQ(curves.overlayCount(), 1);
    EXPECT_EQ(curves.overlayNames(), QStringList{QStringLiteral("second")});
    EXPECT_EQ(curves.plot()->graphCount(), graphs + 3);
    bool named = false;
    for (int i = 0; i < curves.plot()->graphCount(); ++i)
        named = named || (curves.plot()->graph(i)->name().contains(QStringLiteral("second")) &&
                          curves.plot()->graph(i)->pen().style() == Qt::DashLine);
    EXPECT_TRUE(named) << "the overlay is dashed and named after its run";

    curves.clearOverlays();
    EXPECT_EQ(curves.plot()->graphCount(), graphs);
    curves.setLossLogScale(true);
    EXPECT_TRUE(curves.lossLogScale());
    curves.clear();
    EXPECT_EQ(curves.stepCount(), 0);
}

TEST(TrainingControllerCurves, LiveStepsAppendAndAResumedRunReplacesRepeatedSteps)
{
    TrainCurves curves;
    QList<TrainStepPoint> steps;
    for (int i = 1; i <= 5; ++i)
        steps.append({i, 1, i, 5, 10, 2.0 / i, 0.01, 100, 10});
    curves.appendSteps(steps);
    EXPECT_EQ(curves.stepCount(), 5);
    curves.appendSteps(
        {{4, 1, 4, 5, 10, 0.4, 0.01, 100, 10}, {5, 1, 5, 5, 10, 0.3, 0.01, 100, 10}});
    EXPECT_EQ(curves.stepCount(), 5);
    TrainEpochPoint epoch;
    epoch.epoch = 1;
    epoch.mainMetric = QStringLiteral("top1");
    epoch.metrics = {{QStringLiteral("top1"), 0.5}, {QStringLiteral("val_loss"), 1.0}};
    curves.appendEpoch(epoch);
    EXPECT_EQ(curves.epochCount(), 1);
}

TEST(TrainingControllerRunsModel, ListsTheProjectsRunsWithTheirStatus)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    const TinyRun run = trainTinyRun(dir, 1, QStringLiteral("alpha"));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    ProjectSession session;
    ProjectRuns runs(&session);
    RunsModel model(&runs);
    QSignalSpy changed(&runs, &ProjectRuns::changed);
    ASSERT_TRUE(openAndWait(session, dir));
    if (runs.runs().empty()) {
        ASSERT_TRUE(changed.wait(20000));
    }
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.columnCount(), int(RunsModel::ColumnCount));
    const QModelIndex name = model.index(0, RunsModel::NameColumn);
    EXPECT_EQ(name.data().toString(), QStringLiteral("alpha"));
    EXPECT_EQ(name.data(RunsModel::RunIdRole).toLongLong(), run.id);
    EXPECT_EQ(name.data(RunsModel::StatusRole).toString(), QStringLiteral("finished"));
    EXPECT_EQ(model.index(0, RunsModel::StatusColumn).data().toString(),
              QStringLiteral("finished"));
    EXPECT_EQ(model.index(0, RunsModel::ModelColumn).data().toString(),
              QStringLiteral("PPLCNet_x0_25"));
    EXPECT_TRUE(model.index(0, RunsModel::MetricColumn)
                    .data()
                    .toString()
                    .contains(QStringLiteral("top-1")));
    EXPECT_TRUE(model.flags(name) & Qt::ItemIsEditable);

    // The run this window trains shows as running and cannot be renamed.
    model.setActiveRun(run.id);
    EXPECT_EQ(name.data(RunsModel::StatusRole).toString(), QStringLiteral("running"));
    EXPECT_FALSE(model.flags(name) & Qt::ItemIsEditable);
    model.setActiveRun(0);

    // Renaming through the model renames the run.
    changed.clear();
    ASSERT_TRUE(model.setData(name, QStringLiteral("beta")));
    ASSERT_TRUE(changed.wait(20000));
    EXPECT_EQ(model.index(0, RunsModel::NameColumn).data().toString(), QStringLiteral("beta"));
}
