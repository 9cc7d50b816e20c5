// The Train page: Start trains a run that appears in the runs list, problems found before
// starting are shown on the page, Stop leaves a resumable run, and the curves follow.
#include "datafixtures.h"

#include <engine/scenes.h>
#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>
#include <ui/project/runsmodel.h>
#include <ui/train/runspanel.h>
#include <ui/train/trainconfigform.h>
#include <ui/train/traincontroller.h>
#include <ui/train/traincurves.h>
#include <ui/train/trainpage.h>

#include <gtest/gtest.h>

#include <QAction>
#include <QElapsedTimer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace pulc::ui;

namespace {

constexpr int kRunTimeoutMs = 180000;

/// Waits until ProjectRuns lists run `name` with `status`.
bool waitForRun(ProjectRuns &runs, const std::string &status, int timeoutMs = 20000)
{
    QSignalSpy changed(&runs, &ProjectRuns::changed);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < timeoutMs) {
        for (const auto &run : runs.runs()) {
            if (run.status == status)
                return true;
        }
        changed.wait(500);
    }
    return false;
}

struct PageFixture
{
    QTemporaryDir tmp;
    ProjectSession session;
    ProjectRuns runs{&session};
    std::unique_ptr<TrainPage> page;

    bool open()
    {
        const QString dir = makeFruitProject(tmp);
        if (!openAndWait(session, dir))
            return false;
        page = std::make_unique<TrainPage>(&session, &runs);
        page->resize(1400, 900);
        return true;
    }
    TrainConfigForm *form() const { return page->findChild<TrainConfigForm *>(); }
};

} // namespace

TEST(TrainPage, StartButtonTrainsARunThatEndsFinishedInTheRunsList)
{
    PageFixture f;
    ASSERT_TRUE(f.open());
    TrainConfigForm *form = f.form();
    ASSERT_NE(form, nullptr);
    form->setConfig(tinyTrainConfig(2));
    ASSERT_EQ(form->config().epochs, 2) << "the form gives back the settings it was given";
    auto *start = f.page->findChild<QPushButton *>(QStringLiteral("startTraining"));
    ASSERT_NE(start, nullptr);
    ASSERT_TRUE(start->isEnabled());

    QSignalSpy training(f.page.get(), &TrainPage::trainingChanged);
    QSignalSpy finished(f.page->controller(), &TrainController::finished);
    QTest::mouseClick(start, Qt::LeftButton);
    ASSERT_EQ(training.size(), 1);
    EXPECT_TRUE(training.at(0).at(0).toBool());
    EXPECT_TRUE(f.page->isTraining());
    EXPECT_FALSE(start->isEnabled());
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    const auto outcome = finished.at(0).at(0).value<TrainOutcome>();
    ASSERT_EQ(outcome.status, TrainOutcome::Status::Finished) << outcome.error.toStdString();
    EXPECT_FALSE(f.page->isTraining());
    EXPECT_FALSE(training.at(1).at(0).toBool());
    EXPECT_TRUE(start->isEnabled());
    EXPECT_EQ(f.page->curves()->stepCount(), 8);
    EXPECT_EQ(f.page->curves()->epochCount(), 2);

    ASSERT_TRUE(waitForRun(f.runs, "finished"));
    ASSERT_EQ(f.runs.runs().size(), 1u);
    RunsModel *model = f.page->runsPanel()->model();
    ASSERT_EQ(model->rowCount(), 1);
    EXPECT_EQ(model->index(0, 0).data(RunsModel::StatusRole).toString(),
              QStringLiteral("finished"));
}

TEST(TrainPage, StopLeavesAResumableRunAndResumeFinishesIt)
{
    PageFixture f;
    ASSERT_TRUE(f.open());
    f.form()->setConfig(tinyTrainConfig(40));
    QSignalSpy finished(f.page->controller(), &TrainController::finished);
    QSignalSpy steps(f.page->controller(), &TrainController::stepsReported);
    f.page->startTraining();
    ASSERT_TRUE(f.page->isTraining());
    ASSERT_TRUE(steps.wait(kRunTimeoutMs));
    f.page->stopAndWait();
    EXPECT_FALSE(f.page->isTraining());
    ASSERT_EQ(finished.size(), 1);
    const auto stopped = finished.takeFirst().at(0).value<TrainOutcome>();
    ASSERT_EQ(stopped.status, TrainOutcome::Status::Stopped) << stopped.error.toStdString();
    ASSERT_TRUE(waitForRun(f.runs, "stopped"));

    auto *resume = f.page->findChild<QPushButton *>(QStringLiteral("resumeTraining"));
    ASSERT_NE(resume, nullptr);
    ASSERT_TRUE(resume->isEnabled());
    QTest::mouseClick(resume, Qt::LeftButton);
    ASSERT_TRUE(f.page->isTraining());
    ASSERT_TRUE(finished.wait(kRunTimeoutMs));
    const auto resumed = finished.at(0).at(0).value<TrainOutcome>();
    ASSERT_EQ(resumed.status, TrainOutcome::Status::Finished) << resumed.error.toStdString();
    EXPECT_EQ(resumed.runId, stopped.runId);
    // The curves hold the run's earlier steps (read from its folder) and the resumed ones.
    EXPECT_TRUE(QTest::qWaitFor([&] { return f.page->curves()->stepCount() == 40 * 4; }, 20000))
        << f.page->curves()->stepCount();
    ASSERT_TRUE(waitForRun(f.runs, "finished"));
}

TEST(TrainPage, ProblemsBeforeStartAreShownNotTrained)
{
    ProjectSession session;
    ProjectRuns runs(&session);
    TrainPage page(&session, &runs);
    page.startTraining();
    EXPECT_FALSE(page.isTraining());
    EXPECT_FALSE(page.message().isEmpty());

    // A project whose images have no split yet (a CSV without one): nothing in train.
    QTemporaryDir tmp;
    const QString dir = makeMultiLabelProject(tmp);
    ASSERT_TRUE(openAndWait(session, dir));
    ASSERT_EQ(session.stats().train, 0);
    page.startTraining();
    EXPECT_FALSE(page.isTraining());
    EXPECT_TRUE(page.message().contains(QStringLiteral("train split")))
        << page.message().toStdString();
    EXPECT_TRUE(runs.runs().empty()) << "no run is created";
}

TEST(TrainPage, SmallImagesStartAt64NotAt224)
{
    // The fruit project's images are 16x16: the template's 224x224 would only blow them up.
    PageFixture f;
    ASSERT_TRUE(f.open());
    const pulc::engine::TrainConfig config = f.form()->config();
    EXPECT_EQ(config.inputHeight, 64);
    EXPECT_EQ(config.inputWidth, 64);
    EXPECT_EQ(config.trainHeight, 64);
    EXPECT_EQ(config.resizeShort, 0);
    EXPECT_EQ(config.model, pulc::engine::sceneConfig("custom").model) << "only the size changes";
    EXPECT_TRUE(f.page->message().contains(QStringLiteral("16 px")))
        << f.page->message().toStdString();
}

TEST(TrainPageRuns, ActionsOnAFinishedRunReachTheFormAndThePages)
{
    PageFixture f;
    ASSERT_TRUE(f.open());
    const TinyRun run = trainTinyRun(f.session.dir(), 2, QStringLiteral("done"));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    f.runs.refresh();
    ASSERT_TRUE(waitForRun(f.runs, "finished"));
    RunsPanel *panel = f.page->runsPanel();
    panel->selectRun(run.id);
    ASSERT_EQ(panel->currentRun(), run.id);
    EXPECT_TRUE(panel->evaluateAction()->isEnabled());
    EXPECT_TRUE(panel->predictAction()->isEnabled());
    EXPECT_TRUE(panel->deleteAction()->isEnabled());
    EXPECT_FALSE(panel->resumeAction()->isEnabled()) << "a finished run cannot be resumed";

    QSignalSpy evaluate(f.page.get(), &TrainPage::evaluateRequested);
    QSignalSpy predict(f.page.get(), &TrainPage::predictRequested);
    panel->evaluateAction()->trigger();
    panel->predictAction()->trigger();
    ASSERT_EQ(evaluate.size(), 1);
    EXPECT_EQ(evaluate.at(0).at(0).toLongLong(), run.id);
    ASSERT_EQ(predict.size(), 1);
    EXPECT_EQ(predict.at(0).at(0).toLongLong(), run.id);

    // Duplicate settings: the run's config.yml comes back into the form.
    f.form()->setConfig(pulc::engine::sceneConfig("custom"));
    panel->duplicateAction()->trigger();
    EXPECT_EQ(f.form()->config().epochs, 2);
    EXPECT_EQ(f.form()->config().model, "PPLCNet_x0_25");
    EXPECT_TRUE(f.page->message().contains(QStringLiteral("done")))
        << f.page->message().toStdString();

    // Show curves reads the run's metrics.jsonl in a worker.
    panel->showCurvesAction()->trigger();
    EXPECT_TRUE(QTest::qWaitFor([&] { return f.page->curves()->stepCount() == 8; }, 20000));
    panel->compareAction()->trigger();
    EXPECT_TRUE(QTest::qWaitFor([&] { return f.page->curves()->overlayCount() == 1; }, 20000));
}
