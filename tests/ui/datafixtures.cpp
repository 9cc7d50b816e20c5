#include "datafixtures.h"

#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>

#include <engine/projectjobs.h>
#include <engine/scenes.h>

#include <dataset/importer.h>
#include <dataset/project.h>

#include <gtest/gtest.h>

#include <QDir>
#include <QFile>
#include <QImage>
#include <QSignalSpy>
#include <QTemporaryDir>

namespace {

// Writes `count` small distinct PNGs into dir (distinct so none is a duplicate of another).
void writeImages(const QString &dir, int count, int seed)
{
    QDir().mkpath(dir);
    for (int i = 0; i < count; ++i) {
        QImage image(16, 16, QImage::Format_RGB32);
        image.fill(QColor::fromHsv((seed * 37 + i * 11) % 360, 200, 40 + i * 7 % 200));
        image.setPixel(i % 16, (i / 16) % 16, qRgb(seed, i, 255 - i));
        image.setPixel(15, 15, qRgb(seed * 13 % 256, seed, i * 3));
        ASSERT_TRUE(image.save(QStringLiteral("%1/img%2.png").arg(dir).arg(i)));
    }
}

bool import(pulc::dataset::Project &project, const QString &source,
            pulc::dataset::ImportFormat format)
{
    auto request = pulc::dataset::defaultImportRequest(source);
    request.format = format;
    auto report = pulc::dataset::importData(project, request);
    EXPECT_TRUE(report.ok()) << report.error().toStdString();
    return report.ok();
}

} // namespace

QString makeFruitProject(const QTemporaryDir &tmp, int unlabeled)
{
    const QString source = tmp.filePath(QStringLiteral("source"));
    const QStringList classes = {QStringLiteral("apple"), QStringLiteral("banana"),
                                 QStringLiteral("cherry")};
    for (int c = 0; c < classes.size(); ++c) {
        writeImages(source + QStringLiteral("/train/") + classes.at(c), 4 + c, c * 2);
        writeImages(source + QStringLiteral("/val/") + classes.at(c), 2, c * 2 + 1);
    }
    const QString dir = tmp.filePath(QStringLiteral("project"));
    pulc::dataset::ProjectInfo info;
    info.name = QStringLiteral("Fruit");
    auto project = pulc::dataset::Project::create(dir, info);
    EXPECT_TRUE(project.ok()) << project.error().toStdString();
    if (!project || !import(*project, source, pulc::dataset::ImportFormat::Folders))
        return {};
    if (unlabeled > 0) {
        const QString more = tmp.filePath(QStringLiteral("more"));
        writeImages(more, unlabeled, 50);
        if (!import(*project, more, pulc::dataset::ImportFormat::Unlabeled))
            return {};
    }
    return project->dir();
}

QString makeMultiLabelProject(const QTemporaryDir &tmp)
{
    const QString source = tmp.filePath(QStringLiteral("multi"));
    writeImages(source, 6, 7);
    QFile csv(source + QStringLiteral("/labels.csv"));
    EXPECT_TRUE(csv.open(QIODevice::WriteOnly));
    csv.write("path,label\n"
              "img0.png,red;round\n"
              "img1.png,red\n"
              "img2.png,round;sweet\n"
              "img3.png,red;round;sweet\n"
              "img4.png,sweet\n"
              "img5.png,red;sweet\n");
    csv.close();
    const QString dir = tmp.filePath(QStringLiteral("project"));
    pulc::dataset::ProjectInfo info;
    info.name = QStringLiteral("Attributes");
    info.task = pulc::dataset::TaskType::MultiLabel;
    auto project = pulc::dataset::Project::create(dir, info);
    EXPECT_TRUE(project.ok()) << project.error().toStdString();
    if (!project || !import(*project, csv.fileName(), pulc::dataset::ImportFormat::Csv))
        return {};
    return project->dir();
}

bool openAndWait(pulc::ui::ProjectSession &session, const QString &dir)
{
    QSignalSpy stats(&session, &pulc::ui::ProjectSession::statsChanged);
    session.open(dir);
    return stats.wait(20000);
}

qint64 classIdOf(const pulc::ui::ProjectSession &session, const QString &name)
{
    for (const auto &c : session.classes())
        if (c.name == name)
            return c.id;
    return 0;
}

pulc::engine::TrainConfig tinyTrainConfig(int epochs)
{
    pulc::engine::TrainConfig config = pulc::engine::sceneConfig("custom");
    config.model = "PPLCNet_x0_25";
    config.inputHeight = config.inputWidth = 32;
    config.trainHeight = config.trainWidth = 32;
    config.resizeShort = 0;
    config.epochs = epochs;
    config.batchSize = 4;
    config.warmupEpochs = 0;
    config.learningRate = 0.05;
    config.threads = 1;
    config.loaderThreads = 1;
    config.prefetchBatches = 2;
    return config;
}

TinyRun trainTinyRun(const QString &projectDir, int epochs, const QString &name)
{
    pulc::engine::ProjectTrainRequest request;
    request.config = tinyTrainConfig(epochs);
    request.runName = name.toStdString();
    const pulc::engine::ProjectTrainOutcome outcome =
        pulc::engine::trainInProject(projectDir.toStdString(), request);
    TinyRun run;
    run.id = outcome.runId;
    run.name = QString::fromStdString(outcome.runName);
    run.runDir = QString::fromStdString(outcome.runDir);
    if (outcome.result.status != pulc::engine::TrainResult::Status::Finished)
        run.error = QStringLiteral("tiny run did not finish: ") +
                    QString::fromStdString(outcome.result.error);
    return run;
}

TrainedProject::TrainedProject()
    : projectDir(makeFruitProject(tmp))
    , run(trainTinyRun(projectDir, 1, QStringLiteral("tiny")))
{}

bool openWithRuns(pulc::ui::ProjectSession &session, pulc::ui::ProjectRuns &runs,
                  const QString &dir, int timeoutMs)
{
    QSignalSpy runsChanged(&runs, &pulc::ui::ProjectRuns::changed);
    if (!openAndWait(session, dir))
        return false;
    return !runsChanged.isEmpty() || runsChanged.wait(timeoutMs);
}
