// Pretrained weights in the GUI: the Export page writes PaddleClas weights, the Runs tab's
// Import Model turns that file into a ready run that predicts like the original, and the Train
// form's "Start from" lists the project's runs and weights files and says what a file holds.
#include "datafixtures.h"
#include "pagefixture.h"

#include <ui/export/exportpage.h>
#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>
#include <ui/train/runspanel.h>
#include <ui/train/trainconfigform.h>

#include <engine/predictor.h>
#include <engine/scenes.h>

#include <gtest/gtest.h>

#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTest>

using namespace pulc::ui;

namespace {

constexpr int kTimeout = 120000;

TrainedProject *shared = nullptr;

/// Top-1 name and score of `checkpoint` (a run folder works too) on `image`.
std::pair<std::string, float> top1(const std::string &model, const std::string &image)
{
    pulc::engine::Predictor predictor;
    if (const pulc::engine::Status loaded = predictor.load(model, 1); !loaded)
        return {"load failed: " + loaded.error, -1.0f};
    const pulc::engine::Prediction p = predictor.predictFile(image, 1);
    if (!p.ok || p.top.empty())
        return {"predict failed: " + p.error, -1.0f};
    return {p.top[0].name, p.top[0].score};
}

} // namespace

class PretrainedUi : public ::testing::Test
{
protected:
    static void SetUpTestSuite() { shared = new TrainedProject; }
    static void TearDownTestSuite()
    {
        delete shared;
        shared = nullptr;
    }
    void SetUp() override
    {
        ASSERT_FALSE(shared->projectDir.isEmpty());
        ASSERT_TRUE(shared->run.error.isEmpty()) << shared->run.error.toStdString();
    }
};

TEST_F(PretrainedUi, ExportedPdparamsImportsAsARunThatPredictsTheSame)
{
    PageOnProjectBase<ExportPage> p;
    ASSERT_TRUE(p.openPage(shared->projectDir, 30000));
    auto *paddle = p.page->findChild<QRadioButton *>(QStringLiteral("paddleFormat"));
    ASSERT_NE(paddle, nullptr);
    paddle->setChecked(true);
    const QString folder = shared->tmp.filePath(QStringLiteral("out/paddle"));
    QSignalSpy finished(p.page.get(), &ExportPage::exportFinished);
    p.page->startExport(folder);
    ASSERT_TRUE(finished.wait(kTimeout));
    ASSERT_TRUE(finished.front().front().toBool()) << p.page->errorText().toStdString();
    // The same call as `pulc export --format pdparams --out FOLDER`: <run>.pdparams and friends.
    const QString weights = QDir(folder).filePath(QStringLiteral("tiny.pdparams"));
    for (const char *file : {"tiny.pdparams", "config.yaml", "labels.txt"})
        EXPECT_TRUE(QFileInfo::exists(QDir(folder).filePath(QString::fromLatin1(file)))) << file;
    EXPECT_TRUE(p.page->resultText().contains(QStringLiteral("tiny.pdparams")))
        << p.page->resultText().toStdString();
    // PaddleClas's config points at the weights it was written with (PaddleClas adds .pdparams).
    QFile config(QDir(folder).filePath(QStringLiteral("config.yaml")));
    ASSERT_TRUE(config.open(QIODevice::ReadOnly));
    EXPECT_TRUE(config.readAll().contains("pretrained_model: ./tiny"));

    // Import Model on the Runs tab: a new finished run, selected, with the same answers.
    RunsPanel panel(&p.runs);
    QSignalSpy imported(&panel, &RunsPanel::modelImported);
    QSignalSpy failed(&p.runs, &ProjectRuns::failed);
    panel.importModelFile(weights, QStringLiteral("custom"));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !imported.isEmpty() || !failed.isEmpty(); }, kTimeout));
    ASSERT_TRUE(failed.isEmpty()) << failed.front().front().toString().toStdString();
    const qint64 runId = imported.front().at(0).toLongLong();
    EXPECT_NE(runId, shared->run.id);
    EXPECT_TRUE(imported.front().at(1).toString().contains(QStringLiteral("PPLCNet_x0_25")))
        << imported.front().at(1).toString().toStdString();
    ASSERT_TRUE(QTest::qWaitFor([&] { return p.runs.find(runId) != nullptr; }, kTimeout));
    const pulc::engine::RunSummary *run = p.runs.find(runId);
    EXPECT_EQ(run->status, "finished");
    EXPECT_EQ(run->model, "PPLCNet_x0_25");
    EXPECT_EQ(panel.currentRun(), runId);

    const std::string image =
        shared->tmp.filePath(QStringLiteral("source/val/banana/img0.png")).toStdString();
    ASSERT_TRUE(QFileInfo::exists(QString::fromStdString(image)));
    const auto original = top1(shared->run.runDir.toStdString(), image);
    const auto again = top1(run->dir, image);
    ASSERT_GE(original.second, 0.0f) << original.first;
    EXPECT_EQ(again.first, original.first);
    EXPECT_NEAR(again.second, original.second, 1e-5);

    // The Train form offers both the imported run and the exported file, and reads the file.
    TrainConfigForm form(&p.runs);
    p.runs.refresh();
    auto *combo = form.findChild<QComboBox *>(QStringLiteral("pretrained"));
    ASSERT_NE(combo, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return combo->findData(weights) >= 0; }, kTimeout))
        << "the exported file is not offered";
    EXPECT_GE(combo->findData(QString::fromStdString(run->dir)), 0);
    EXPECT_EQ(combo->itemData(0).toString(), QString()); // scratch first

    pulc::engine::TrainConfig c = tinyTrainConfig();
    c.model = "PPLCNet_x1_0";
    c.pretrained = weights.toStdString();
    form.setProjectTask(pulc::engine::Task::SingleLabel,
                        {QStringLiteral("a"), QStringLiteral("b")});
    form.setConfig(c);
    EXPECT_EQ(combo->currentData().toString(), weights);
    auto *info = form.findChild<QLabel *>(QStringLiteral("pretrainedInfo"));
    ASSERT_NE(info, nullptr);
    // The file holds x0.25: the form follows the file, and the 3-class fc will start afresh.
    ASSERT_TRUE(QTest::qWaitFor([&] { return form.config().model == "PPLCNet_x0_25"; }, kTimeout))
        << info->text().toStdString();
    EXPECT_TRUE(info->text().contains(QStringLiteral("3 classes"))) << info->text().toStdString();
    EXPECT_TRUE(info->text().contains(QStringLiteral("re-initialised")))
        << info->text().toStdString();
    EXPECT_EQ(form.config().pretrained, weights.toStdString());
}

TEST_F(PretrainedUi, DamagedFileIsNamedAndNothingIsImported)
{
    PageOnProjectBase<ExportPage> p;
    ASSERT_TRUE(p.openPage(shared->projectDir, 30000));
    const size_t before = p.runs.runs().size();
    const QString bad = shared->tmp.filePath(QStringLiteral("bad.pdparams"));
    {
        QFile file(bad);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("\x80\x04\x95 not really a pickle");
    }
    RunsPanel panel(&p.runs);
    QSignalSpy failed(&p.runs, &ProjectRuns::failed);
    QSignalSpy imported(&panel, &RunsPanel::modelImported);
    panel.importModelFile(bad, QString());
    ASSERT_TRUE(failed.wait(kTimeout));
    EXPECT_TRUE(imported.isEmpty());
    EXPECT_TRUE(failed.front().front().toString().contains(QStringLiteral("bad.pdparams")))
        << failed.front().front().toString().toStdString();
    p.runs.refresh();
    QTest::qWait(200);
    ASSERT_TRUE(QTest::qWaitFor([&] { return p.runs.runs().size() == before; }, kTimeout));

    // The Train form says why it cannot start from that file.
    TrainConfigForm form(&p.runs);
    pulc::engine::TrainConfig c = tinyTrainConfig();
    c.pretrained = bad.toStdString();
    form.setConfig(c);
    auto *info = form.findChild<QLabel *>(QStringLiteral("pretrainedInfo"));
    ASSERT_NE(info, nullptr);
    ASSERT_TRUE(QTest::qWaitFor([&] { return info->text().startsWith(QStringLiteral("Cannot")); },
                                kTimeout))
        << info->text().toStdString();
    EXPECT_TRUE(info->text().contains(QStringLiteral("bad.pdparams")));
    EXPECT_EQ(form.config().model, c.model); // nothing followed from a file that cannot be read
}
