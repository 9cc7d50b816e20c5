// Tests of the Predict page: drops classified with the same engine Predictor as `pulc predict`,
// folders expanded, bad files reported per row, CSV export, damaged checkpoints.
#include "datafixtures.h"
#include "pagefixture.h"

#include <ui/predict/predictdetail.h>
#include <ui/predict/predictjob.h>
#include <ui/predict/predictmodel.h>
#include <ui/predict/predictpage.h>
#include <ui/predict/probabilitybars.h>
#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>

#include <dataset/project.h>
#include <dataset/splitter.h>

#include <engine/predictor.h>
#include <engine/projectjobs.h>

#include <gtest/gtest.h>

#include <QApplication>
#include <QBrush>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileInfo>
#include <QMimeData>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <memory>

using namespace pulc::ui;

namespace {

constexpr int kTimeout = 30000;

/// One project with one tiny finished run, shared by the tests (training takes seconds).
struct Shared : TrainedProject
{
    QString checkpoint;
};
Shared *shared = nullptr;

/// The session, runs and page on the shared project, with the run's model loaded.
struct PageOnProject : PageOnProjectBase<PredictPage>
{
    bool open()
    {
        return openPage(shared->projectDir, kTimeout) &&
               QTest::qWaitFor([this] { return page->job()->isLoaded(); }, kTimeout);
    }
    bool waitIdle(int rows)
    {
        return QTest::qWaitFor(
            [&] { return page->model()->rowCount() == rows && !page->job()->isBusy(); }, kTimeout);
    }
};

QString sourceImage(const QString &relative)
{
    return shared->tmp.filePath(QStringLiteral("source/") + relative);
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(bytes);
}

/// Drags `paths` over `target` and drops them; returns whether the drag was accepted.
bool dropOn(QWidget *target, const QStringList &paths)
{
    QMimeData mime;
    QList<QUrl> urls;
    for (const QString &path : paths)
        urls << QUrl::fromLocalFile(path);
    mime.setUrls(urls);
    QDragEnterEvent enter(QPoint(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    enter.ignore();
    QApplication::sendEvent(target, &enter);
    const bool accepted = enter.isAccepted();
    QDropEvent drop(QPointF(20, 20), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    drop.ignore();
    QApplication::sendEvent(target, &drop);
    return accepted && drop.isAccepted();
}

} // namespace

class PredictPageTest : public ::testing::Test
{
protected:
    static void SetUpTestSuite()
    {
        shared = new Shared;
        const auto checkpoint = pulc::engine::runCheckpoint(shared->projectDir.toStdString(),
                                                            std::to_string(shared->run.id));
        shared->checkpoint = checkpoint ? QString::fromStdString(*checkpoint) : QString();
    }
    static void TearDownTestSuite()
    {
        delete shared;
        shared = nullptr;
    }
    void SetUp() override
    {
        ASSERT_FALSE(shared->projectDir.isEmpty());
        ASSERT_TRUE(shared->run.error.isEmpty()) << shared->run.error.toStdString();
        ASSERT_FALSE(shared->checkpoint.isEmpty());
    }
};

TEST_F(PredictPageTest, DroppedImageGetsTheSamePredictionAsTheEngineAndCli)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    EXPECT_EQ(p.page->currentRunId(), shared->run.id);
    const QString file = sourceImage(QStringLiteral("val/banana/img1.png"));
    EXPECT_TRUE(dropOn(p.page->dropZone(), {file}));
    ASSERT_TRUE(p.waitIdle(1));

    PredictModel *model = p.page->model();
    ASSERT_EQ(model->state(0), PredictModel::State::Done) << model->result(0).error.toStdString();
    const PredictionResult &r = model->result(0);
    EXPECT_EQ(r.path, QFileInfo(file).absoluteFilePath());
    EXPECT_TRUE(QStringList({"apple", "banana", "cherry"}).contains(r.bestName()));
    EXPECT_EQ(r.topNames.size(), 3); // top-5 of 3 classes
    EXPECT_EQ(r.imageSize, QSize(16, 16));
    EXPECT_FALSE(r.thumbnail.isNull());

    // `pulc predict --run` does exactly this.
    pulc::engine::Predictor predictor;
    ASSERT_TRUE(predictor.load(shared->checkpoint.toStdString(), 1).ok);
    const pulc::engine::Prediction direct = predictor.predictFile(file.toStdString(), 5);
    ASSERT_TRUE(direct.ok);
    EXPECT_EQ(r.bestName(), QString::fromStdString(direct.top.front().name));
    EXPECT_NEAR(r.bestScore(), direct.top.front().score, 1e-5);
    for (size_t i = 0; i < direct.scores.size(); ++i)
        EXPECT_NEAR(r.scores.value(int(i)), direct.scores[i], 1e-5);

    // A single image shows in the detail panel with its class and bars.
    EXPECT_TRUE(QTest::qWaitFor([&] { return p.page->detail()->headline().contains(r.bestName()); },
                                kTimeout))
        << p.page->detail()->headline().toStdString();
}

TEST_F(PredictPageTest, DroppedOnThePageItselfIsAccepted)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    EXPECT_TRUE(dropOn(p.page.get(), {sourceImage(QStringLiteral("train/apple/img0.png"))}));
    ASSERT_TRUE(p.waitIdle(1));
    EXPECT_EQ(p.page->model()->state(0), PredictModel::State::Done);
    // A drag without local files is refused.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton, Qt::NoModifier);
    enter.ignore();
    QApplication::sendEvent(p.page.get(), &enter);
    EXPECT_FALSE(enter.isAccepted());
}

TEST_F(PredictPageTest, FolderDropExpandsToItsImagesRecursively)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    QTemporaryDir extra;
    // Not an image name: left out of the folder, as `pulc predict` does.
    writeBytes(shared->tmp.filePath(QStringLiteral("source/val/notes.txt")), "not an image");
    EXPECT_TRUE(dropOn(p.page->dropZone(), {sourceImage(QStringLiteral("val"))}));
    ASSERT_TRUE(p.waitIdle(6)); // 2 images in each of 3 class folders
    QStringList names;
    for (int row = 0; row < 6; ++row) {
        EXPECT_EQ(p.page->model()->state(row), PredictModel::State::Done);
        names << QDir(sourceImage(QStringLiteral("val")))
                     .relativeFilePath(p.page->model()->result(row).path);
    }
    EXPECT_EQ(names, QStringList({"apple/img0.png", "apple/img1.png", "banana/img0.png",
                                  "banana/img1.png", "cherry/img0.png", "cherry/img1.png"}));
    QFile::remove(shared->tmp.filePath(QStringLiteral("source/val/notes.txt")));
}

TEST_F(PredictPageTest, CorruptFileGetsAnErrorRowNamingItWhileOthersSucceed)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    QTemporaryDir dir;
    const QString corrupt = dir.filePath(QStringLiteral("x.png"));
    writeBytes(corrupt, QByteArray("\x89PNG garbage garbage garbage", 28));
    const QString good1 = sourceImage(QStringLiteral("val/apple/img0.png"));
    const QString good2 = sourceImage(QStringLiteral("val/cherry/img1.png"));
    p.page->addPaths({good1, corrupt, good2});
    ASSERT_TRUE(p.waitIdle(3));
    PredictModel *model = p.page->model();
    const int bad = model->rowOfPath(corrupt);
    ASSERT_EQ(bad, 1);
    EXPECT_EQ(model->state(bad), PredictModel::State::Failed);
    const QString error = model->data(model->index(bad, 0), PredictModel::ErrorRole).toString();
    EXPECT_TRUE(error.contains(QStringLiteral("x.png"))) << error.toStdString();
    // The row shows the problem in red.
    const QVariant color =
        model->data(model->index(bad, PredictModel::StatusColumn), Qt::ForegroundRole);
    EXPECT_EQ(color.value<QBrush>().color(), QColor(0xc6, 0x28, 0x28));
    EXPECT_FALSE(model->data(model->index(bad, PredictModel::StatusColumn)).toString().isEmpty());
    EXPECT_EQ(model->state(0), PredictModel::State::Done);
    EXPECT_EQ(model->state(2), PredictModel::State::Done);
    EXPECT_EQ(model->doneCount(), 2);
    EXPECT_EQ(model->failedCount(), 1);
}

TEST_F(PredictPageTest, CsvExportWritesHeaderAndOneRowPerImage)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    QTemporaryDir dir;
    const QString corrupt = dir.filePath(QStringLiteral("bad, \"quoted\".png"));
    writeBytes(corrupt, "garbage");
    const QString good = sourceImage(QStringLiteral("val/banana/img0.png"));
    p.page->addPaths({good, corrupt});
    ASSERT_TRUE(p.waitIdle(2));
    const QString csvPath = dir.filePath(QStringLiteral("out.csv"));
    QString error;
    ASSERT_TRUE(p.page->exportCsv(csvPath, &error)) << error.toStdString();
    QFile file(csvPath);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
    ASSERT_EQ(lines.size(), 4); // header, 2 rows, final newline
    EXPECT_EQ(lines[0], QStringLiteral("path,class_1,score_1,class_2,score_2,class_3,score_3,"
                                       "decision,milliseconds,error"));
    const PredictionResult &r = p.page->model()->result(0);
    const QStringList fields = lines[1].split(QLatin1Char(','));
    ASSERT_EQ(fields.size(), 10);
    EXPECT_EQ(fields[0], good);
    EXPECT_EQ(fields[1], r.topNames[0]);
    EXPECT_NEAR(fields[2].toDouble(), r.topScores[0], 1e-5);
    EXPECT_EQ(fields[7], r.topNames[0]); // single-label: the decision is the top class
    EXPECT_GT(fields[8].toDouble(), 0.0);
    EXPECT_TRUE(fields[9].isEmpty());
    // The bad file's path holds a comma and quotes: quoted, quotes doubled.
    const QString quoted = QStringLiteral("\"") +
                           QString(corrupt).replace(QStringLiteral("\""), QStringLiteral("\"\"")) +
                           "\"";
    EXPECT_TRUE(lines[2].startsWith(quoted + QStringLiteral(",,,,,,,,,")))
        << lines[2].toStdString();
    EXPECT_TRUE(lines[2].contains(QStringLiteral("quoted"))); // the error names the file
}

TEST_F(PredictPageTest, TopKChangeClassifiesTheImagesAgain)
{
    PageOnProject p;
    ASSERT_TRUE(p.open());
    p.page->addPaths({sourceImage(QStringLiteral("val/apple/img1.png"))});
    ASSERT_TRUE(p.waitIdle(1));
    EXPECT_EQ(p.page->model()->result(0).topNames.size(), 3);
    auto *spin = p.page->findChild<QSpinBox *>();
    ASSERT_NE(spin, nullptr);
    spin->setValue(1);
    ASSERT_TRUE(QTest::qWaitFor(
        [&] {
            return p.page->model()->rowCount() == 1 &&
                   p.page->model()->state(0) == PredictModel::State::Done &&
                   p.page->model()->result(0).topNames.size() == 1;
        },
        kTimeout));
    spin->setValue(5);
}

TEST_F(PredictPageTest, DamagedCheckpointIsReportedNamingTheFile)
{
    QTemporaryDir dir;
    const QString damaged = dir.filePath(QStringLiteral("damaged.ckpt"));
    QFile original(shared->checkpoint);
    ASSERT_TRUE(original.open(QIODevice::ReadOnly));
    writeBytes(damaged, original.read(original.size() / 2));
    const QString text = dir.filePath(QStringLiteral("notes.txt"));
    writeBytes(text, "this is not a checkpoint\n");

    PredictJob job;
    QSignalSpy failed(&job, &PredictJob::loadFailed);
    for (const QString &file : {damaged, text}) {
        failed.clear();
        job.setCheckpoint(file);
        ASSERT_TRUE(failed.wait(kTimeout));
        const QString error = failed.first().first().toString();
        EXPECT_TRUE(error.contains(QFileInfo(file).fileName())) << error.toStdString();
        EXPECT_FALSE(job.isLoaded());
    }
    // Images queued meanwhile get a row error that says why, instead of hanging.
    QSignalSpy predicted(&job, &PredictJob::predicted);
    job.enqueue({sourceImage(QStringLiteral("val/apple/img0.png"))});
    ASSERT_TRUE(predicted.wait(kTimeout));
    const auto result = predicted.first().at(1).value<PredictionResult>();
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.error.contains(QStringLiteral("notes.txt"))) << result.error.toStdString();

    // The good checkpoint loads in the same job afterwards, even when images are cancelled
    // right after asking for it (a model switch with images shown).
    QSignalSpy loaded(&job, &PredictJob::loaded);
    job.setCheckpoint(shared->checkpoint);
    job.cancel();
    ASSERT_TRUE(loaded.wait(kTimeout));
    const auto info = loaded.first().first().value<PredictionModelInfo>();
    EXPECT_EQ(info.classNames, QStringList({"apple", "banana", "cherry"}));
}

TEST(PredictPageNoModel, AsksToTrainFirst)
{
    ProjectSession session;
    ProjectRuns runs(&session);
    PredictPage page(&session, &runs);
    EXPECT_EQ(page.currentRunId(), 0);
    page.addPaths({QStringLiteral("/tmp/whatever.png")});
    EXPECT_TRUE(page.message().contains(QStringLiteral("Train page")))
        << page.message().toStdString();
    EXPECT_EQ(page.model()->rowCount(), 0);
}

TEST(PredictionModelTest, CsvQuotesFieldsAndSortsByScore)
{
    PredictModel model;
    model.addPending(10, {QStringLiteral("/a/one.png"), QStringLiteral("/a/t\"w,o.png")});
    ASSERT_EQ(model.rowCount(), 2);
    EXPECT_EQ(model.rowOf(11), 1);
    PredictionResult r;
    r.ok = true;
    r.path = QStringLiteral("/a/t\"w,o.png");
    r.classNames = {QStringLiteral("cat, big"), QStringLiteral("dog")};
    r.topNames = {QStringLiteral("cat, big"), QStringLiteral("dog")};
    r.topIds = {0, 1};
    r.topScores = {0.75f, 0.25f};
    r.scores = {0.75f, 0.25f};
    r.decision = 0;
    r.milliseconds = 3.5;
    model.setResult(11, r);
    EXPECT_EQ(model.state(0), PredictModel::State::Waiting);
    EXPECT_EQ(model.state(1), PredictModel::State::Done);
    EXPECT_EQ(model.csv(),
              QStringLiteral("path,class_1,score_1,class_2,score_2,decision,milliseconds,error\n"
                             "/a/one.png,,,,,,,not classified\n"
                             "\"/a/t\"\"w,o.png\",\"cat, big\",0.750000,dog,0.250000,"
                             "\"cat, big\",3.50,\n"));
    EXPECT_DOUBLE_EQ(
        model.data(model.index(1, PredictModel::ScoreColumn), PredictModel::SortRole).toDouble(),
        0.75);
    EXPECT_EQ(model.data(model.index(1, PredictModel::ClassColumn)).toString(),
              QStringLiteral("cat, big"));
    model.markWaitingStopped();
    EXPECT_EQ(model.state(0), PredictModel::State::Stopped);
}

TEST(PredictionModelTest, BinaryDecisionShowsTheThreshold)
{
    PredictionResult r;
    r.ok = true;
    r.task = pulc::engine::Task::Binary;
    r.classNames = {QStringLiteral("nobody"), QStringLiteral("person")};
    r.scores = {0.07f, 0.93f};
    r.topNames = {QStringLiteral("person"), QStringLiteral("nobody")};
    r.topIds = {1, 0};
    r.topScores = {0.93f, 0.07f};
    r.decision = 1;
    r.threshold = 0.5;
    EXPECT_EQ(r.decisionText(), QStringLiteral("person: yes (0.93 ≥ 0.50)"));
    r.threshold = 0.95;
    r.decision = 0;
    EXPECT_EQ(r.decisionText(), QStringLiteral("person: no (0.93 < 0.95)"));
    EXPECT_EQ(r.bestName(), QStringLiteral("nobody"));
    r.task = pulc::engine::Task::MultiLabel;
    r.attributes = {0, 1};
    EXPECT_EQ(r.decisionText(), QStringLiteral("person"));
}

TEST(PredictPageMultiLabel, ShowsEveryAttributeWithItsScore)
{
    QTemporaryDir tmp;
    const QString dir = makeMultiLabelProject(tmp);
    ASSERT_FALSE(dir.isEmpty());
    {
        auto project = pulc::dataset::Project::open(dir);
        ASSERT_TRUE(project.ok()) << project.error().toStdString();
        pulc::dataset::SplitRequest request;
        request.val = 0.5; // 3 train images: one batch of 3 (a batch of 1 breaks BatchNorm)
        request.test = 0.0;
        ASSERT_TRUE(pulc::dataset::splitDataset(*project, request).ok());
    }
    const TinyRun run = trainTinyRun(dir, 1, QStringLiteral("attrs"));
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    ProjectSession session;
    ProjectRuns runs(&session);
    QSignalSpy changed(&runs, &ProjectRuns::changed);
    ASSERT_TRUE(openAndWait(session, dir));
    if (changed.isEmpty()) {
        ASSERT_TRUE(changed.wait(kTimeout));
    }
    PredictPage page(&session, &runs);
    ASSERT_TRUE(QTest::qWaitFor([&] { return page.job()->isLoaded(); }, kTimeout));
    page.addPaths({tmp.filePath(QStringLiteral("multi/img2.png"))});
    ASSERT_TRUE(QTest::qWaitFor(
        [&] { return page.model()->rowCount() == 1 && !page.job()->isBusy(); }, kTimeout));
    ASSERT_EQ(page.model()->state(0), PredictModel::State::Done);
    const PredictionResult &r = page.model()->result(0);
    EXPECT_EQ(r.task, pulc::engine::Task::MultiLabel);
    ASSERT_EQ(r.scores.size(), 3);
    ASSERT_EQ(r.attributes.size(), 3);
    QStringList on;
    for (int i = 0; i < 3; ++i) {
        EXPECT_EQ(r.attributes[i], r.scores[i] >= r.threshold ? 1 : 0);
        if (r.attributes[i])
            on << r.classNames[i];
    }
    EXPECT_EQ(r.decisionText(),
              on.isEmpty() ? QStringLiteral("(no attribute)") : on.join(QStringLiteral(", ")));
    // The detail lists every attribute, best first.
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return page.detail()->bars()->entries().size() == 3; }, kTimeout));
    const auto entries = page.detail()->bars()->entries();
    EXPECT_GE(entries[0].score, entries[1].score);
    EXPECT_GE(entries[1].score, entries[2].score);
}
