// The augmentation preview runs the engine's training pipeline on the project's own images in a
// worker, and the cost estimate times real training steps.
#include "datafixtures.h"

#include <ui/project/projectsession.h>
#include <ui/train/augmentpreview.h>
#include <ui/train/augmentpreviewworker.h>
#include <ui/train/costestimate.h>

#include <engine/scenes.h>

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QImage>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <cstdlib>

using pulc::engine::TrainConfig;
using namespace pulc::ui;

namespace {

/// Only a resize to `side` x `side`, then the flip with probability `flip`.
TrainConfig flipOnly(double flip, int side = 32)
{
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.augment = {};
    c.augment.geometry = pulc::engine::TrainGeometry::Resize;
    c.augment.flipProb = flip;
    c.augment.autoAugmentProb = 0.0;
    c.augment.erasingProb = 0.0;
    c.trainHeight = c.trainWidth = side;
    return c;
}

/// Mean absolute difference of two RGB888 images of the same size.
double meanDifference(const QImage &a, const QImage &b)
{
    double sum = 0;
    for (int y = 0; y < a.height(); ++y)
        for (int x = 0; x < a.width() * 3; ++x)
            sum += std::abs(int(a.constScanLine(y)[x]) - int(b.constScanLine(y)[x]));
    return sum / (a.width() * a.height() * 3.0);
}

} // namespace

TEST(AugmentPreview, WorkerRunsTheEnginePipelineWithTheConfig)
{
    // Left half red, right half blue: the flip shows.
    QTemporaryDir tmp;
    QImage source(40, 40, QImage::Format_RGB888);
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x)
            source.setPixelColor(x, y, x < 20 ? QColor(220, 30, 30) : QColor(30, 30, 220));
    const QString path = tmp.filePath("halves.png");
    ASSERT_TRUE(source.save(path));
    const QImage expected = source.scaled(32, 32).convertToFormat(QImage::Format_RGB888);
    const QImage mirrored = expected.mirrored(true, false);

    const PreviewItem flipped = renderPreviewItem(path, flipOnly(1.0), 1);
    ASSERT_TRUE(flipped.error.isEmpty()) << flipped.error.toStdString();
    ASSERT_EQ(flipped.image.size(), QSize(32, 32));
    EXPECT_LT(meanDifference(flipped.image, mirrored), 2.0);
    EXPECT_GT(meanDifference(flipped.image, expected), 50.0);
    EXPECT_EQ(flipped.original.size(), QSize(40, 40));

    const PreviewItem plain = renderPreviewItem(path, flipOnly(0.0), 1);
    EXPECT_LT(meanDifference(plain.image, expected), 2.0);

    // RandomRot90 assigns a label; a missing file is an error naming it.
    TrainConfig rot = flipOnly(0.0);
    rot.augment.rot90Labels = true;
    const PreviewItem rotated = renderPreviewItem(path, rot, 3);
    EXPECT_GE(rotated.labelOverride, 0);
    EXPECT_LE(rotated.labelOverride, 3);
    const PreviewItem missing = renderPreviewItem(tmp.filePath("gone.png"), rot, 3);
    EXPECT_TRUE(missing.image.isNull());
    EXPECT_TRUE(missing.error.contains("gone.png")) << missing.error.toStdString();
}

TEST(AugmentPreview, RendersTheProjectsTrainImages)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ProjectSession session;
    ASSERT_TRUE(openAndWait(session, dir));
    AugmentPreview preview(&session);
    QSignalSpy rendered(&preview, &AugmentPreview::rendered);
    preview.setConfig(flipOnly(0.5, 48));
    preview.waitForDone();
    EXPECT_EQ(preview.renderedCount(), 12); // 15 train images, 12 cells
    EXPECT_EQ(rendered.count(), 1);
    // Captions name the classes.
    bool named = false;
    for (QLabel *label : preview.findChildren<QLabel *>())
        named |= label->text() == "apple" || label->text() == "banana" || label->text() == "cherry";
    EXPECT_TRUE(named);
    preview.resample();
    preview.waitForDone();
    EXPECT_EQ(preview.renderedCount(), 12);
    EXPECT_EQ(rendered.count(), 2);
    // Settings changed quickly: only the last render is shown.
    preview.setConfig(flipOnly(1.0, 40));
    preview.setConfig(flipOnly(0.0, 36));
    preview.waitForDone();
    EXPECT_EQ(rendered.count(), 3);
    preview.findChild<QCheckBox *>("showOriginal")->setChecked(true);
}

TEST(AugmentPreview, ExplainsAMissingProjectOrMissingImages)
{
    ProjectSession session;
    AugmentPreview preview(&session);
    preview.setConfig(flipOnly(0.5));
    preview.waitForDone();
    EXPECT_EQ(preview.renderedCount(), 0);
    auto *message = preview.findChild<QLabel *>("previewMessage");
    ASSERT_TRUE(message);
    EXPECT_FALSE(message->isHidden());
    EXPECT_TRUE(message->text().contains("project")) << message->text().toStdString();

    QTemporaryDir tmp;
    ASSERT_TRUE(openAndWait(session, makeMultiLabelProject(tmp))); // no train split
    preview.setConfig(flipOnly(0.5));
    preview.waitForDone();
    if (preview.renderedCount() == 0) {
        EXPECT_TRUE(message->text().contains("training images")) << message->text().toStdString();
    }
}

TEST(AugmentPreview, ShowsLabelChangeWarnings)
{
    ProjectSession session;
    AugmentPreview preview(&session);
    TrainConfig c = pulc::engine::sceneConfig("traffic_sign");
    c.augment.flipProb = 0.5;
    preview.setConfig(c);
    auto *warnings = preview.findChild<QLabel *>("previewWarnings");
    ASSERT_TRUE(warnings);
    EXPECT_FALSE(warnings->isHidden());
    preview.setConfig(pulc::engine::sceneConfig("traffic_sign"));
    EXPECT_TRUE(warnings->isHidden());
}

TEST(CostEstimate, MeasuresATinyConfig)
{
    CostEstimate cost;
    QSignalSpy estimated(&cost, &CostEstimate::estimated);
    TrainConfig c = tinyTrainConfig();
    cost.setConfig(c, 40, 3);
    ASSERT_TRUE(estimated.wait(60000));
    const double seconds = estimated.first().at(0).toDouble();
    EXPECT_GT(seconds, 0.0);
    EXPECT_DOUBLE_EQ(cost.secondsPerEpoch(), seconds);
    auto *text = cost.findChild<QLabel *>("costText");
    ASSERT_TRUE(text);
    EXPECT_TRUE(text->text().contains("10 step")) << text->text().toStdString();
    EXPECT_TRUE(text->text().contains("measured")) << text->text().toStdString();

    // More images, same model: the figure scales without a new measurement.
    cost.setConfig(c, 80, 3);
    EXPECT_DOUBLE_EQ(cost.secondsPerEpoch(), 2 * seconds);
    // Paused: a new model is not measured and the text says so.
    cost.setPaused(true);
    c.batchSize = 8;
    cost.setConfig(c, 80, 3);
    EXPECT_FALSE(estimated.wait(2500));
    EXPECT_TRUE(text->text().contains("not measured")) << text->text().toStdString();
}
