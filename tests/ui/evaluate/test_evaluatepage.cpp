// The Evaluate page: its models on fixed predictions, the binary threshold figures, relabelling
// from the misclassified list, and one evaluation of a tiny trained run.
#include "datafixtures.h"

#include <ui/evaluate/attributemetricsmodel.h>
#include <ui/evaluate/binarythresholdpanel.h>
#include <ui/evaluate/confusionmatrixmodel.h>
#include <ui/evaluate/evaluatejob.h>
#include <ui/evaluate/evaluatemodels.h>
#include <ui/evaluate/evaluatepage.h>
#include <ui/evaluate/evaluatesamplemodel.h>
#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>

#include <gtest/gtest.h>

#include <QFile>
#include <QListView>
#include <QLocale>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

#include <memory>

using pulc::engine::EvalResult;
using pulc::engine::EvalSample;
using namespace pulc::ui;

namespace {

/// 3 classes, 6 images: labels a a b b c c, predicted a b b c c a, losses distinct.
EvalResult threeClassResult(const std::vector<qint64> &ids = {11, 12, 13, 14, 15, 16})
{
    EvalResult r;
    r.ok = true;
    r.classNames = {"apple", "banana", "cherry"};
    const int labels[] = {0, 0, 1, 1, 2, 2};
    const int predicted[] = {0, 1, 1, 2, 2, 0};
    const double losses[] = {0.1, 1.5, 0.2, 0.9, 0.3, 2.5};
    r.confusion.assign(3, std::vector<int64_t>(3, 0));
    for (int i = 0; i < 6; ++i) {
        pulc::engine::DatasetSnapshot::Item item;
        item.path = "/nowhere/" + std::to_string(i) + ".png";
        item.sampleId = ids[size_t(i)];
        item.label = labels[i];
        r.items.push_back(item);
        EvalSample s;
        s.index = i;
        s.predicted = predicted[i];
        s.loss = losses[i];
        s.scores = {0.1f, 0.1f, 0.1f};
        s.scores[size_t(predicted[i])] = 0.8f;
        r.samples.push_back(s);
        ++r.confusion[size_t(labels[i])][size_t(predicted[i])];
    }
    // An unreadable image: counted nowhere.
    pulc::engine::DatasetSnapshot::Item bad;
    bad.path = "/nowhere/bad.png";
    bad.sampleId = 99;
    bad.label = 1;
    r.items.push_back(bad);
    EvalSample failed;
    failed.index = 6;
    failed.failed = true;
    r.samples.push_back(failed);
    // P(apple) = 1/2, R(apple) = 1/2; P(banana) = 1/2, R = 1/2; cherry the same.
    r.perClass = {{0.5, 0.5, 0.5, 2}, {0.5, 0.5, 0.5, 2}, {0.5, 0.5, 0.5, 2}};
    r.perClass[0] = {1.0 / 2, 1.0 / 2, 0.5, 2};
    r.metrics = {{"top1", 0.5}, {"accuracy", 0.5}, {"macro_f1", 0.5}};
    r.mainMetric = "top1";
    r.mainValue = 0.5;
    return r;
}

/// Binary: p(positive) and labels chosen so the counts at each threshold are known.
EvalResult binaryResult()
{
    EvalResult r;
    r.ok = true;
    r.classNames = {"no", "yes"};
    r.threshold = 0.5;
    const float p[] = {0.9f, 0.8f, 0.6f, 0.3f, 0.7f, 0.4f, 0.2f, 0.1f, 0.05f, 0.02f};
    const int labels[] = {1, 1, 1, 1, 0, 0, 0, 0, 0, 0};
    r.confusion.assign(2, std::vector<int64_t>(2, 0));
    for (int i = 0; i < 10; ++i) {
        pulc::engine::DatasetSnapshot::Item item;
        item.sampleId = 100 + i;
        item.label = labels[i];
        r.items.push_back(item);
        EvalSample s;
        s.index = i;
        s.scores = {1.0f - p[i], p[i]};
        s.predicted = p[i] >= 0.5f ? 1 : 0;
        r.samples.push_back(s);
        ++r.confusion[size_t(labels[i])][size_t(s.predicted)];
    }
    r.perClass.assign(2, {});
    r.mainMetric = "top1";
    return r;
}

std::vector<qint64> idsOf(const EvaluateSampleModel &model)
{
    std::vector<qint64> ids;
    for (int r = 0; r < model.rowCount(); ++r)
        ids.push_back(model.sampleId(r));
    return ids;
}

} // namespace

TEST(EvaluationModels, ClassTableShowsEachClassFigures)
{
    ClassMetricsModel model;
    EvalResult r = threeClassResult();
    r.perClass[1] = {0.25, 0.75, 0.375, 4};
    model.setResult(std::make_shared<const EvalResult>(r));
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 5);
    EXPECT_EQ(model.index(1, ClassMetricsModel::ClassColumn).data().toString(), "banana");
    EXPECT_EQ(model.index(1, ClassMetricsModel::PrecisionColumn).data().toString(),
              QLocale().toString(25.0, 'f', 1) + "%");
    EXPECT_EQ(model.index(1, ClassMetricsModel::RecallColumn).data().toString(),
              QLocale().toString(75.0, 'f', 1) + "%");
    EXPECT_DOUBLE_EQ(
        model.index(1, ClassMetricsModel::F1Column).data(ClassMetricsModel::SortRole).toDouble(),
        0.375);
    EXPECT_EQ(model.index(1, ClassMetricsModel::SupportColumn)
                  .data(ClassMetricsModel::SortRole)
                  .toLongLong(),
              4);
}

TEST(EvaluationModels, ConfusionCellsCountAndListTheirImages)
{
    ConfusionMatrixModel model;
    model.setResult(std::make_shared<const EvalResult>(threeClassResult()));
    ASSERT_EQ(model.rowCount(), 3);
    ASSERT_EQ(model.columnCount(), 3);
    EXPECT_EQ(model.headerData(2, Qt::Vertical).toString(), "cherry");
    EXPECT_EQ(model.index(0, 0).data(ConfusionMatrixModel::CountRole).toLongLong(), 1);
    EXPECT_EQ(model.index(2, 0).data(ConfusionMatrixModel::CountRole).toLongLong(), 1);
    EXPECT_EQ(model.index(0, 2).data(ConfusionMatrixModel::CountRole).toLongLong(), 0);
    EXPECT_EQ(model.index(0, 2).data().toString(), "");
    EXPECT_DOUBLE_EQ(model.index(1, 2).data(ConfusionMatrixModel::FractionRole).toDouble(), 0.5);
    // Cell (cherry -> apple) holds image 5; (banana -> banana) image 2 (sample index).
    EXPECT_EQ(model.samplesAt(2, 0), std::vector<int>{5});
    EXPECT_EQ(model.samplesAt(1, 1), std::vector<int>{2});
    EXPECT_TRUE(model.samplesAt(0, 2).empty());
}

TEST(EvaluationModels, MisclassifiedAreSortedByLossWithoutFailedImages)
{
    const EvalResult r = threeClassResult();
    // Wrong: image 1 (loss 1.5), 3 (0.9), 5 (2.5); image 6 failed.
    EXPECT_EQ(EvaluateSampleModel::misclassified(r), (std::vector<int>{5, 1, 3}));
}

TEST(EvaluationThreshold, CountsAtAThreshold)
{
    const BinaryScores scores = binaryScores(binaryResult());
    ASSERT_EQ(scores.positive.size(), 10u);
    BinaryCounts c = binaryCountsAt(scores, 0.5);
    EXPECT_EQ(c.tp, 3); // 0.9 0.8 0.6
    EXPECT_EQ(c.fn, 1); // 0.3
    EXPECT_EQ(c.fp, 1); // 0.7
    EXPECT_EQ(c.tn, 5);
    EXPECT_DOUBLE_EQ(c.tpr(), 0.75);
    EXPECT_DOUBLE_EQ(c.fpr(), 1.0 / 6.0);
    EXPECT_DOUBLE_EQ(c.precision(), 0.75);
    EXPECT_DOUBLE_EQ(c.accuracy(), 0.8);
    c = binaryCountsAt(scores, 0.25);
    EXPECT_EQ(c.tp, 4);
    EXPECT_EQ(c.fp, 2); // 0.7, 0.4
}

TEST(EvaluationThreshold, ThresholdForMaxFprAndRoc)
{
    const BinaryScores scores = binaryScores(binaryResult());
    // No false positive allowed: above 0.7 only 0.9 and 0.8 are found (TPR 1/2), first at
    // t = 0.7 (p > t).
    pulc::engine::TprAtFprResult point = thresholdForMaxFpr(scores, 0.0);
    ASSERT_TRUE(point.found);
    EXPECT_DOUBLE_EQ(point.tpr, 0.5);
    EXPECT_DOUBLE_EQ(point.fpr, 0.0);
    EXPECT_NEAR(point.threshold, 0.7, 1e-9);
    // One false positive in six allowed: 0.6 is reached too (TPR 3/4) above t = 0.4.
    point = thresholdForMaxFpr(scores, 0.2);
    EXPECT_DOUBLE_EQ(point.tpr, 0.75);
    EXPECT_NEAR(point.threshold, 0.4, 1e-9);

    const std::vector<QPointF> roc = rocCurve(scores);
    ASSERT_EQ(roc.size(), 11u);
    EXPECT_EQ(roc.front(), QPointF(0, 0));
    EXPECT_EQ(roc.back(), QPointF(1, 1));
    EXPECT_EQ(roc[2], QPointF(0, 0.5));
}

TEST(EvaluationThreshold, PanelShowsTheFiguresAtTheSlider)
{
    BinaryThresholdPanel panel;
    panel.setResult(binaryResult());
    EXPECT_DOUBLE_EQ(panel.threshold(), 0.5);
    EXPECT_EQ(panel.counts().tp, 3);
    EXPECT_TRUE(panel.figuresText().contains(QLocale().toString(75.0, 'f', 1) + "%"));
    panel.setThreshold(0.95);
    EXPECT_EQ(panel.counts().tp, 0);
    EXPECT_EQ(panel.counts().fp, 0);
    panel.setMaxFpr(0.0);
    EXPECT_NEAR(panel.operatingPoint().threshold, 0.7, 1e-9);
}

TEST(EvaluationModels, AttributeThresholdRecomputesItsFigures)
{
    EvalResult r;
    r.ok = true;
    r.classNames = {"red", "round"};
    r.threshold = 0.5;
    // red: targets 1 1 0 0, scores .9 .4 .6 .1; round: all positive, scores .8 .7 .6 .9
    const float red[] = {0.9f, 0.4f, 0.6f, 0.1f};
    const float redT[] = {1, 1, 0, 0};
    const float round[] = {0.8f, 0.7f, 0.6f, 0.9f};
    for (int i = 0; i < 4; ++i) {
        pulc::engine::DatasetSnapshot::Item item;
        item.targets = {redT[i], 1.0f};
        r.items.push_back(item);
        EvalSample s;
        s.index = i;
        s.scores = {red[i], round[i]};
        r.samples.push_back(s);
    }
    AttributeMetricsModel model;
    model.setResult(std::make_shared<const EvalResult>(r));
    ASSERT_EQ(model.rowCount(), 2);
    // red at 0.5: TPR 1/2, TNR 1/2 -> 0.5; round: TPR 1, no negatives -> 0.5 (PaddleClas eps).
    EXPECT_DOUBLE_EQ(model.figures(0).ma, 0.5);
    EXPECT_DOUBLE_EQ(model.figures(0).precision, 0.5);
    EXPECT_DOUBLE_EQ(model.meanAccuracy(), 0.5);
    QSignalSpy changed(&model, &AttributeMetricsModel::thresholdsChanged);
    // At 0.3 red finds both positives and keeps one false positive: TPR 1, TNR 1/2.
    EXPECT_TRUE(model.setData(model.index(0, AttributeMetricsModel::ThresholdColumn), 0.3));
    EXPECT_EQ(changed.count(), 1);
    EXPECT_DOUBLE_EQ(model.figures(0).ma, 0.75);
    EXPECT_DOUBLE_EQ(model.figures(0).recall, 1.0);
    EXPECT_DOUBLE_EQ(model.meanAccuracy(), (0.75 + 0.5) / 2);
}

TEST(EvaluateJob, ReportsTheEngineErrorWithoutThrowing)
{
    QTemporaryDir tmp;
    EvaluateJob job;
    QSignalSpy finished(&job, &EvaluateJob::finished);
    job.start(tmp.path() + "/missing", 1, "val", 1);
    ASSERT_TRUE(finished.wait(10000));
    EXPECT_FALSE(job.result().ok);
    EXPECT_FALSE(job.result().error.empty());
    EXPECT_FALSE(job.isRunning());
}

TEST(EvaluatePage, RelabelFromMisclassifiedListIsUndoable)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ProjectSession session;
    ASSERT_TRUE(openAndWait(session, dir));
    ProjectRuns runs(&session);
    EvaluatePage page(&session, &runs);
    // Six real samples stand in for the evaluated images: two of each class, as labelled.
    std::vector<qint64> ids;
    for (const QString name : {"apple", "banana", "cherry"}) {
        const qint64 id = classIdOf(session, name);
        int taken = 0;
        for (const auto &row : session.rows()) {
            if (taken < 2 && row.classIds == std::vector<qint64>{id}) {
                ids.push_back(row.id);
                ++taken;
            }
        }
    }
    ASSERT_EQ(ids.size(), 6u);
    ASSERT_EQ(session.classes().at(1).name, "banana");
    page.setResult(threeClassResult(ids));
    EvaluateSampleModel *missed = page.misclassifiedModel();
    ASSERT_EQ(missed->rowCount(), 3);
    EXPECT_EQ(idsOf(*missed), (std::vector<qint64>{ids[5], ids[1], ids[3]}));

    auto *view = page.findChild<QListView *>("misclassifiedView");
    ASSERT_TRUE(view);
    view->setCurrentIndex(missed->index(0));
    const qint64 sample = ids[5];
    const auto labels = [&] { return session.rows()[size_t(session.rowIndex(sample))].classIds; };
    const std::vector<qint64> before = labels();
    // Key 2 = the second class of the project.
    QTest::keyClick(view, Qt::Key_2);
    const qint64 second = session.classes().at(1).id;
    EXPECT_EQ(labels(), std::vector<qint64>{second});
    EXPECT_EQ(session.undoStack()->count(), 1);
    EXPECT_EQ(missed->rowCount(), 3); // stays in the list...
    EXPECT_TRUE(missed->index(0).data(EvaluateSampleModel::RelabelledRole).toBool()); // ...marked
    session.undoStack()->undo();
    EXPECT_EQ(labels(), before);
    EXPECT_FALSE(missed->index(0).data(EvaluateSampleModel::RelabelledRole).toBool());

    // P accepts the prediction: image 1 (apple) was predicted banana.
    view->setCurrentIndex(missed->index(1));
    QTest::keyClick(view, Qt::Key_P);
    EXPECT_EQ(session.rows()[size_t(session.rowIndex(ids[1]))].classIds,
              std::vector<qint64>{classIdOf(session, "banana")});
}

TEST(EvaluatePage, ConfusionCellShowsItsImages)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ProjectSession session;
    ASSERT_TRUE(openAndWait(session, dir));
    ProjectRuns runs(&session);
    EvaluatePage page(&session, &runs);
    page.setResult(threeClassResult());
    EXPECT_TRUE(page.summaryText().contains(QLocale().toString(50.0, 'f', 1) + "%"));
    EXPECT_TRUE(page.summaryText().contains("Top-1 accuracy"));
    EXPECT_TRUE(page.summaryText().contains("Skipped (unreadable): 1"));
    page.showCell(1, 2);
    EXPECT_EQ(idsOf(*page.cellModel()), std::vector<qint64>{14});
    page.showCell(0, 0);
    EXPECT_EQ(idsOf(*page.cellModel()), std::vector<qint64>{11});
}

TEST(EvaluatePage, EvaluatesATrainedRunAndExplainsAnEmptySplit)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    const TinyRun run = trainTinyRun(dir, 1, "tiny");
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    ProjectSession session;
    ASSERT_TRUE(openAndWait(session, dir));
    ProjectRuns runs(&session);
    if (runs.usableRuns().empty()) {
        QSignalSpy changed(&runs, &ProjectRuns::changed);
        runs.refresh();
        ASSERT_TRUE(changed.wait(10000));
    }
    EvaluatePage page(&session, &runs);
    QSignalSpy finished(page.job(), &EvaluateJob::finished);
    page.setSplit("val");
    page.showRun(run.id);
    ASSERT_TRUE(finished.wait(30000));
    ASSERT_TRUE(page.result()) << page.messageText().toStdString();
    const EvalResult &r = *page.result();
    EXPECT_EQ(r.items.size(), 6u);
    EXPECT_TRUE(page.summaryText().contains(QLocale().toString(100.0 * r.mainValue, 'f', 1) + "%"))
        << page.summaryText().toStdString();
    EXPECT_EQ(page.confusionModel()->rowCount(), 3);

    page.setSplit("test");
    page.evaluate();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_FALSE(page.job()->result().ok);
    EXPECT_TRUE(page.messageText().contains("split has no labelled images"))
        << page.messageText().toStdString();

    // A damaged model file: a clear message, nothing else touched.
    for (const char *name : {"best.ckpt", "last.ckpt"}) {
        QFile file(run.runDir + "/" + name);
        if (file.exists()) {
            ASSERT_TRUE(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
            file.write("not a checkpoint");
        }
    }
    const size_t rowsBefore = session.rows().size();
    page.setSplit("val");
    page.evaluate();
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_FALSE(page.job()->result().ok);
    EXPECT_TRUE(page.messageText().contains("model file cannot be read"))
        << page.messageText().toStdString();
    EXPECT_EQ(session.rows().size(), rowsBefore);
}

TEST(EvaluatePage, TabsFollowTheTask)
{
    QTemporaryDir tmp;
    ProjectSession session;
    ProjectRuns runs(&session);
    EvaluatePage page(&session, &runs);
    auto *tabs = page.findChild<QTabWidget *>("evaluationTabs");
    ASSERT_TRUE(tabs);
    const auto visible = [&](const QString &title) {
        for (int i = 0; i < tabs->count(); ++i) {
            if (tabs->tabText(i).startsWith(title))
                return tabs->isTabVisible(i);
        }
        return false;
    };
    page.setResult(threeClassResult());
    EXPECT_TRUE(visible("Confusion matrix"));
    EXPECT_FALSE(visible("Threshold"));
    EXPECT_FALSE(visible("Attributes"));
    EXPECT_TRUE(visible("Misclassified (3)"));
    page.setResult(binaryResult());
    EXPECT_TRUE(visible("Threshold"));
    EXPECT_EQ(page.thresholdPanel()->counts().tp, 3);
    // Multi-label: no confusion matrix, attributes with their thresholds.
    EvalResult multi;
    multi.ok = true;
    multi.classNames = {"red"};
    multi.mainMetric = "mA";
    pulc::engine::DatasetSnapshot::Item item;
    item.targets = {1.0f};
    multi.items.push_back(item);
    EvalSample s;
    s.scores = {0.9f};
    multi.samples.push_back(s);
    page.setResult(multi);
    EXPECT_FALSE(visible("Confusion matrix"));
    EXPECT_TRUE(visible("Attributes"));
    EXPECT_EQ(page.attributeModel()->rowCount(), 1);
    EXPECT_TRUE(page.summaryText().contains("mA")) << page.summaryText().toStdString();
}
