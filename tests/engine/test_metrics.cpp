// Metrics of validation and evaluation, checked against values worked out by hand.
#include "engine/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace pulc::engine;

namespace {

TEST(MetricsHelpers, ArgmaxSoftmaxSigmoid)
{
    // Ties go to the lower index.
    EXPECT_EQ(argmaxRows({0.1f, 0.7f, 0.2f, 0.4f, 0.4f, 0.2f}, 3), (std::vector<int>{1, 0}));

    const std::vector<float> p = softmaxRows({0.0f, std::log(3.0f), 1000.0f, 1000.0f}, 2);
    ASSERT_EQ(p.size(), 4u);
    EXPECT_NEAR(p[0], 0.25f, 1e-6f);
    EXPECT_NEAR(p[1], 0.75f, 1e-6f);
    EXPECT_NEAR(p[2], 0.5f, 1e-6f); // large logits do not overflow
    EXPECT_NEAR(p[3], 0.5f, 1e-6f);

    const std::vector<float> s = sigmoid({0.0f, std::log(3.0f), -std::log(3.0f)});
    EXPECT_NEAR(s[0], 0.5f, 1e-6f);
    EXPECT_NEAR(s[1], 0.75f, 1e-6f);
    EXPECT_NEAR(s[2], 0.25f, 1e-6f);

    EXPECT_THROW(argmaxRows({1.0f, 2.0f, 3.0f}, 2), std::invalid_argument);
}

TEST(MetricsTopk, HandComputedTop1AndTop2)
{
    const std::vector<float> scores = {
        0.1f, 0.7f, 0.2f, // label 1: rank 0
        0.5f, 0.2f, 0.3f, // label 2: rank 1
        0.6f, 0.3f, 0.1f, // label 2: rank 2
        0.4f, 0.4f, 0.2f, // label 1: ties with class 0, which ranks first -> rank 1
        0.4f, 0.4f, 0.2f, // label 0: wins its tie -> rank 0
    };
    const std::vector<int> labels = {1, 2, 2, 1, 0};
    EXPECT_DOUBLE_EQ(topkAccuracy(scores, 3, labels, 1), 2.0 / 5.0);
    EXPECT_DOUBLE_EQ(topkAccuracy(scores, 3, labels, 2), 4.0 / 5.0);
    EXPECT_DOUBLE_EQ(topkAccuracy(scores, 3, labels, 3), 1.0);
    EXPECT_DOUBLE_EQ(topkAccuracy(scores, 3, labels, 5), 1.0); // clamped to 3 classes
}

TEST(MetricsTopk, OutOfRangeLabelIsWrongAndShapesAreChecked)
{
    EXPECT_DOUBLE_EQ(topkAccuracy({0.9f, 0.1f, 0.2f, 0.8f}, 2, {0, 7}, 2), 0.5);
    EXPECT_DOUBLE_EQ(topkAccuracy({}, 2, {}, 1), 0.0);
    EXPECT_THROW(topkAccuracy({0.9f, 0.1f}, 2, {0, 1}, 1), std::invalid_argument);
    EXPECT_THROW(topkAccuracy({0.9f, 0.1f}, 2, {0}, 0), std::invalid_argument);
}

// 6 negatives and 4 positives:
//   negatives 0.05 0.1 0.2 0.3 0.45 0.8
//   positives 0.4 0.6 0.7 0.9
class MetricsTprAtFpr : public ::testing::Test
{
protected:
    const std::vector<float> m_scores = {0.05f, 0.1f, 0.2f, 0.3f, 0.45f,
                                         0.8f,  0.4f, 0.6f, 0.7f, 0.9f};
    const std::vector<int> m_labels = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1};
};

TEST_F(MetricsTprAtFpr, BudgetOfOneNegative)
{
    // FPR <= 0.2 allows one negative of six above t: t >= 0.45 (the 0.45 itself is not above
    // it). There 0.6, 0.7 and 0.9 are above: TPR 3/4, first reached at i = 4500.
    const TprAtFprResult r = tprAtFpr(m_scores, m_labels, 0.2);
    EXPECT_TRUE(r.found);
    EXPECT_DOUBLE_EQ(r.tpr, 0.75);
    EXPECT_DOUBLE_EQ(r.fpr, 1.0 / 6.0);
    EXPECT_DOUBLE_EQ(r.threshold, 0.45);
    EXPECT_EQ(r.positives, 4);
    EXPECT_EQ(r.negatives, 6);
    EXPECT_FALSE(r.noPositives);
    EXPECT_FALSE(r.noNegatives);
}

TEST_F(MetricsTprAtFpr, ZeroBudget)
{
    // No negative may pass: t >= 0.8, leaving only 0.9 of the positives.
    const TprAtFprResult r = tprAtFpr(m_scores, m_labels, 0.0);
    EXPECT_DOUBLE_EQ(r.tpr, 0.25);
    EXPECT_DOUBLE_EQ(r.fpr, 0.0);
    EXPECT_DOUBLE_EQ(r.threshold, 0.8);
}

TEST_F(MetricsTprAtFpr, ComparesInFloatLikeNumpy)
{
    // Three negatives may pass: t >= 0.2. In float 0.2f is not above t = 0.2 (i = 2000); in
    // double 0.2f (0.2000000030) would be, pushing the answer to 0.2001.
    const TprAtFprResult r = tprAtFpr(m_scores, m_labels, 0.5);
    EXPECT_DOUBLE_EQ(r.tpr, 1.0);
    EXPECT_DOUBLE_EQ(r.fpr, 0.5);
    EXPECT_DOUBLE_EQ(r.threshold, 0.2);
}

TEST(MetricsTprAtFprEdges, MissingClassesAreFlagged)
{
    const TprAtFprResult onlyPos = tprAtFpr({0.3f, 0.6f}, {1, 1}, 0.001);
    EXPECT_TRUE(onlyPos.noNegatives);
    EXPECT_TRUE(onlyPos.found);
    EXPECT_DOUBLE_EQ(onlyPos.tpr, 1.0); // both are above t = 0
    EXPECT_DOUBLE_EQ(onlyPos.threshold, 0.0);
    EXPECT_DOUBLE_EQ(onlyPos.fpr, 0.0);

    const TprAtFprResult onlyNeg = tprAtFpr({0.3f, 0.6f}, {0, 0}, 0.001);
    EXPECT_TRUE(onlyNeg.noPositives);
    EXPECT_FALSE(onlyNeg.found);
    EXPECT_DOUBLE_EQ(onlyNeg.tpr, 0.0);

    // Positives never above any threshold: TPR stays 0 and nothing is reported.
    const TprAtFprResult none = tprAtFpr({0.0f, 0.5f}, {1, 0}, 1.0);
    EXPECT_FALSE(none.found);
    EXPECT_FALSE(none.noPositives);
}

// 4 samples x 3 attributes, threshold 0.5 (strict):
//   scores              targets       predictions
//   0.9 0.2 0.6          1  0  1       1 0 1
//   0.3 0.7 0.4          0  1 -1       0 1 (ignored)
//   0.8 0.1 0.55         1  1  0       1 0 1
//   0.4 0.6 0.5          1  0  0       0 1 0
const std::vector<float> kAttrScores = {0.9f, 0.2f, 0.6f,  0.3f, 0.7f, 0.4f,
                                        0.8f, 0.1f, 0.55f, 0.4f, 0.6f, 0.5f};
const std::vector<int> kAttrTargets = {1, 0, 1, 0, 1, -1, 1, 1, 0, 1, 0, 0};

TEST(MetricsAttributes, HandComputedMeanAccuracy)
{
    const AttributeMetrics m = attributeMetrics(kAttrScores, kAttrTargets, 3);
    // attr0: TP 2 FN 1 TN 1 FP 0 -> (2/3 + 1)/2 = 5/6
    // attr1: TP 1 FN 1 TN 1 FP 1 -> (1/2 + 1/2)/2 = 1/2
    // attr2: TP 1 FP 1 TN 1, the -1 ignored -> (1 + 1/2)/2 = 3/4
    ASSERT_EQ(m.perAttributeMa.size(), 3u);
    EXPECT_DOUBLE_EQ(m.perAttributeMa[0], 5.0 / 6.0);
    EXPECT_DOUBLE_EQ(m.perAttributeMa[1], 0.5);
    EXPECT_DOUBLE_EQ(m.perAttributeMa[2], 0.75);
    EXPECT_DOUBLE_EQ(m.meanAccuracy, 25.0 / 36.0);
    EXPECT_EQ(m.truePos, (std::vector<std::int64_t>{2, 1, 1}));
    EXPECT_EQ(m.trueNeg, (std::vector<std::int64_t>{1, 1, 1}));
    EXPECT_EQ(m.falsePos, (std::vector<std::int64_t>{0, 1, 1}));
    EXPECT_EQ(m.falseNeg, (std::vector<std::int64_t>{1, 1, 0}));
    EXPECT_DOUBLE_EQ(m.perAttributeAccuracy[0], 3.0 / 4.0);
    EXPECT_DOUBLE_EQ(m.perAttributeAccuracy[1], 2.0 / 4.0);
    EXPECT_DOUBLE_EQ(m.perAttributeAccuracy[2], 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.positiveRecall[0], 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(m.negativeRecall[2], 0.5);

    // Per sample (|pred ∩ gt|, |pred ∪ gt|, |pred|, |gt|): (2,2,2,2) (1,1,1,1) (1,3,2,2) (0,2,1,1)
    EXPECT_DOUBLE_EQ(m.instanceAccuracy, (1.0 + 1.0 + 1.0 / 3.0 + 0.0) / 4.0);
    EXPECT_DOUBLE_EQ(m.instancePrecision, 0.625);
    EXPECT_DOUBLE_EQ(m.instanceRecall, 0.625);
    EXPECT_DOUBLE_EQ(m.instanceF1, 0.625);
}

TEST(MetricsAttributes, ThresholdIsStrictAndConfigurable)
{
    // At 0.55 the 0.55 of sample 2 / attr2 is no longer positive: attr2 has TN 2, FP 0 -> 1.
    const AttributeMetrics m = attributeMetrics(kAttrScores, kAttrTargets, 3, 0.55f);
    EXPECT_DOUBLE_EQ(m.perAttributeMa[2], 1.0);
    EXPECT_DOUBLE_EQ(m.meanAccuracy, (5.0 / 6.0 + 0.5 + 1.0) / 3.0);
}

TEST(MetricsAttributes, AttributeWithoutPositivesCountsHalf)
{
    // PaddleClas's epsilon makes the missing TPR 0, so a perfect negative-only attribute scores
    // 1/2, not 1; an attribute rated nowhere scores 0.
    const AttributeMetrics m = attributeMetrics({0.1f, 0.7f, 0.2f, 0.9f}, {0, -1, 0, -1}, 2);
    EXPECT_DOUBLE_EQ(m.perAttributeMa[0], 0.5);
    EXPECT_DOUBLE_EQ(m.perAttributeMa[1], 0.0);
    EXPECT_DOUBLE_EQ(m.perAttributeAccuracy[0], 1.0);
    EXPECT_DOUBLE_EQ(m.perAttributeAccuracy[1], 0.0);
    EXPECT_DOUBLE_EQ(m.meanAccuracy, 0.25);
    EXPECT_THROW(attributeMetrics({0.1f, 0.2f}, {0}, 2), std::invalid_argument);
}

// labels      0 0 0 1 1 2 2 2 2 5
// predictions 0 1 0 1 2 2 2 1 2 0   (the last pair is out of range)
// matrix (true x predicted): [2 1 0; 0 1 1; 0 1 3]
const std::vector<int> kLabels = {0, 0, 0, 1, 1, 2, 2, 2, 2, 5};
const std::vector<int> kPredictions = {0, 1, 0, 1, 2, 2, 2, 1, 2, 0};

TEST(MetricsConfusion, CountsTrueByPredicted)
{
    const ConfusionMatrix m = confusionMatrix(kLabels, kPredictions, 3);
    EXPECT_EQ(m.counts, (std::vector<std::int64_t>{2, 1, 0, 0, 1, 1, 0, 1, 3}));
    EXPECT_EQ(m.at(2, 1), 1);
    EXPECT_EQ(m.at(1, 2), 1);
    EXPECT_EQ(m.total(), 9);
    EXPECT_EQ(m.ignored, 1);
    EXPECT_THROW(confusionMatrix({0, 1}, {0}, 2), std::invalid_argument);
}

TEST(MetricsConfusion, PrecisionRecallF1)
{
    const ClassReport r = classReport(confusionMatrix(kLabels, kPredictions, 3));
    // class 0: TP 2 of 2 predicted, 3 true; class 1: 1 of 3, 2; class 2: 3 of 4, 4
    EXPECT_DOUBLE_EQ(r.precision[0], 1.0);
    EXPECT_DOUBLE_EQ(r.recall[0], 2.0 / 3.0);
    EXPECT_DOUBLE_EQ(r.f1[0], 0.8);
    EXPECT_DOUBLE_EQ(r.precision[1], 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(r.recall[1], 0.5);
    EXPECT_DOUBLE_EQ(r.f1[1], 0.4);
    EXPECT_DOUBLE_EQ(r.precision[2], 0.75);
    EXPECT_DOUBLE_EQ(r.recall[2], 0.75);
    EXPECT_DOUBLE_EQ(r.f1[2], 0.75);
    EXPECT_EQ(r.support, (std::vector<std::int64_t>{3, 2, 4}));
    EXPECT_DOUBLE_EQ(r.macroPrecision, 25.0 / 36.0);
    EXPECT_DOUBLE_EQ(r.macroRecall, 23.0 / 36.0);
    EXPECT_DOUBLE_EQ(r.macroF1, 0.65);
    EXPECT_DOUBLE_EQ(r.accuracy, 6.0 / 9.0);
}

TEST(MetricsConfusion, AbsentClassIsZeroAndLeftOutOfMacro)
{
    const ClassReport r = classReport(confusionMatrix(kLabels, kPredictions, 4));
    EXPECT_DOUBLE_EQ(r.precision[3], 0.0);
    EXPECT_DOUBLE_EQ(r.recall[3], 0.0);
    EXPECT_DOUBLE_EQ(r.f1[3], 0.0);
    EXPECT_EQ(r.support[3], 0);
    EXPECT_DOUBLE_EQ(r.macroPrecision, 25.0 / 36.0);
    EXPECT_DOUBLE_EQ(r.macroF1, 0.65);

    // A class predicted but never true counts in the macro average with recall 0.
    const ClassReport p = classReport(confusionMatrix({0, 0}, {0, 1}, 2));
    EXPECT_DOUBLE_EQ(p.precision[1], 0.0);
    EXPECT_DOUBLE_EQ(p.recall[1], 0.0);
    EXPECT_DOUBLE_EQ(p.macroRecall, (0.5 + 0.0) / 2.0);
    EXPECT_DOUBLE_EQ(p.macroPrecision, (1.0 + 0.0) / 2.0);
}

} // namespace
