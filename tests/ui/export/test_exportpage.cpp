// Tests of the Export page: a run exported as a bundle through the engine's exportRun (the same
// call as `pulc export`), with the parity check shown; a refused folder; the checkpoint format.
#include "datafixtures.h"
#include "pagefixture.h"

#include <ui/export/exportpage.h>
#include <ui/predict/predictjob.h>
#include <ui/predict/predictmodel.h>
#include <ui/predict/predictpage.h>
#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>

#include <engine/predictor.h>

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace pulc::ui;

namespace {

constexpr int kTimeout = 120000;

TrainedProject *shared = nullptr;

struct PageOnProject : PageOnProjectBase<ExportPage>
{
    bool open()
    {
        return openPage(shared->projectDir, 30000) && page->currentRunId() == shared->run.id;
    }
    /// Exports into `folder`; returns the page's verdict.
    bool exportTo(const QString &folder)
    {
        QSignalSpy finished(page.get(), &ExportPage::exportFinished);
        page->startExport(folder);
        if (!page->isBusy() && finished.isEmpty())
            return false;
        if (finished.isEmpty() && !finished.wait(kTimeout))
            return false;
        return finished.front().front().toBool();
    }
};

} // namespace

class ExportPageTest : public ::testing::Test
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

TEST_F(ExportPageTest, BundleIsWrittenCheckedAndLoadsInThePredictor)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    const QString folder = shared->tmp.filePath(QStringLiteral("out/bundle"));
    ASSERT_TRUE(p.exportTo(folder)) << p.page->errorText().toStdString();
    for (const char *file : {"model.onnx", "inference.yml", "labels.txt", "README.md", "model.ckpt",
                             "example/classify.cpp", "example/CMakeLists.txt"})
        EXPECT_TRUE(QFileInfo::exists(QDir(folder).filePath(QString::fromLatin1(file)))) << file;
    // The result panel shows the parity check on the validation images and the files.
    const QString text = p.page->resultText();
    EXPECT_TRUE(text.contains(QStringLiteral("validation images agree"))) << text.toStdString();
    EXPECT_TRUE(text.contains(QStringLiteral("model.onnx"))) << text.toStdString();
    EXPECT_TRUE(p.page->errorText().isEmpty());
    // The bundle folder is a model the predictor (and so the Predict page) loads directly.
    pulc::engine::Predictor predictor;
    const pulc::engine::Status loaded = predictor.load(folder.toStdString(), 1);
    ASSERT_TRUE(loaded) << loaded.error;
    EXPECT_EQ(predictor.classNames().size(), size_t(3));
    EXPECT_EQ(predictor.backend(), "native");

    // The Predict page opens the bundle's checkpoint as a model file and gives the same answer.
    PredictPage predict(&p.session, &p.runs);
    predict.openModel(QDir(folder).filePath(QStringLiteral("model.ckpt")));
    EXPECT_EQ(predict.currentRunId(), -1);
    ASSERT_TRUE(QTest::qWaitFor([&] { return predict.job()->isLoaded(); }, kTimeout))
        << predict.message().toStdString();
    const QString image = shared->tmp.filePath(QStringLiteral("source/val/apple/img0.png"));
    ASSERT_TRUE(QFileInfo::exists(image));
    predict.addPaths({image});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return predict.model()->rowCount() == 1 && !predict.job()->isBusy(); }, kTimeout));
    ASSERT_EQ(predict.model()->state(0), PredictModel::State::Done)
        << predict.model()->result(0).error.toStdString();
    const pulc::engine::Prediction direct = predictor.predictFile(image.toStdString(), 5);
    ASSERT_TRUE(direct.ok) << direct.error;
    EXPECT_EQ(predict.model()->result(0).bestName(), QString::fromStdString(direct.top[0].name));
    EXPECT_NEAR(predict.model()->result(0).bestScore(), direct.top[0].score, 1e-5);
}

TEST_F(ExportPageTest, NonEmptyUnrelatedFolderIsRefusedAndKeepsItsFiles)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    const QString folder = shared->tmp.filePath(QStringLiteral("out/busy"));
    ASSERT_TRUE(QDir().mkpath(folder));
    const QString mine = QDir(folder).filePath(QStringLiteral("notes.txt"));
    {
        QFile file(mine);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write("keep me");
    }
    EXPECT_FALSE(p.exportTo(folder));
    EXPECT_FALSE(p.page->errorText().isEmpty());
    EXPECT_TRUE(p.page->errorText().contains(folder)) << p.page->errorText().toStdString();
    QFile file(mine);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    EXPECT_EQ(file.readAll(), QByteArray("keep me"));
    EXPECT_FALSE(QFileInfo::exists(QDir(folder).filePath(QStringLiteral("model.onnx"))));
}
