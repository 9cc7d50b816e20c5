#pragma once

#include <cstdint>
#include <vector>

// Classification metrics on plain arrays, computed the way PaddleClas computes them so the
// numbers a PULC user compares with the published tables mean the same thing here.
//
// Scores are row-major N x C floats. Every function is pure: it reads its arguments only and may
// run on any thread, concurrently with other calls. A shape mismatch between arguments (a caller
// bug, not bad user data) throws std::invalid_argument; labels outside [0, C) are user data and
// are handled as documented per function.

namespace pulc::engine {

/// Index of the largest score of each row; the lowest index wins a tie. Empty when N is 0.
std::vector<int> argmaxRows(const std::vector<float> &scores, int classes);

/// Row-wise softmax of N x C logits (max-subtracted, so large logits do not overflow).
std::vector<float> softmaxRows(const std::vector<float> &logits, int classes);

/// Element-wise logistic sigmoid.
std::vector<float> sigmoid(const std::vector<float> &logits);

/// Fraction of samples whose label is among the k highest scores of its row, as
/// paddle.metric.accuracy (PaddleClas TopkAcc) counts it. Ties at the k-th place: Paddle's CPU
/// top-k does not define their order; here the lower class index ranks first, so a label that
/// ties with a higher-index class is counted as inside. k larger than C is clamped to C (every
/// in-range label then counts). A label outside [0, C) counts as wrong. 0 when N is 0.
double topkAccuracy(const std::vector<float> &scores, int classes, const std::vector<int> &labels,
                    int k);

/// Outcome of tprAtFpr(): the operating point of a binary scene.
struct TprAtFprResult
{
    double tpr = 0.0;         ///< best true-positive rate with FPR <= maxFpr (0 when !found)
    double fpr = 0.0;         ///< false-positive rate at that threshold (0 without negatives)
    double threshold = 0.0;   ///< i / 10000 of the first (lowest) i reaching the best TPR
    bool found = false;       ///< some threshold gave TPR > 0 within the FPR budget
    bool noPositives = false; ///< no sample had label 1: nothing can be measured
    bool noNegatives = false; ///< no sample had label 0: FPR taken as 0 (PaddleClas warns here)
    std::int64_t positives = 0;
    std::int64_t negatives = 0;
};

/// PaddleClas TprAtFpr (docs/paddleclas-compat.md, 'Losses and metrics'). `positiveProb` holds
/// p(class 1) per sample (after softmax), `labels` 0 for negative and anything else for positive.
/// Sweeps t = i/10000, i = 0..9999, with TPR = P(p > t | pos) and FPR = P(p > t | neg), the
/// comparison done in float as NumPy does it for a float32 array; keeps the largest TPR with
/// FPR <= maxFpr. PaddleClas only replaces its answer on a strictly larger TPR, so among thresholds
/// of equal TPR the lowest one is reported (and a best TPR of 0 reports nothing: found stays
/// false).
TprAtFprResult tprAtFpr(const std::vector<float> &positiveProb, const std::vector<int> &labels,
                        double maxFpr);

/// Outcome of attributeMetrics(): PaddleClas ATTRMetric / AttrMeter figures.
struct AttributeMetrics
{
    double meanAccuracy = 0.0;                ///< mA: mean over attributes of perAttributeMa
    std::vector<double> perAttributeMa;       ///< (TP/(P+eps) + TN/(N+eps)) / 2, eps = 1e-20
    std::vector<double> positiveRecall;       ///< TP / (P + eps): 0 for an attribute without P
    std::vector<double> negativeRecall;       ///< TN / (N + eps): 0 for an attribute without N
    std::vector<double> perAttributeAccuracy; ///< (TP + TN) / rated entries; 0 when none
    std::vector<std::int64_t> truePos, trueNeg, falsePos, falseNeg;
    double instanceAccuracy = 0.0;  ///< mean over samples of |pred ∩ gt| / (|pred ∪ gt| + eps)
    double instancePrecision = 0.0; ///< mean over samples of |pred ∩ gt| / (|pred| + eps)
    double instanceRecall = 0.0;    ///< mean over samples of |pred ∩ gt| / (|gt| + eps)
    double instanceF1 = 0.0;        ///< 2PR / (P + R + eps) of the two means above
};

/// Multi-label attribute metrics (PaddleClas get_attr_metrics + AttrMeter.res). `scores` and
/// `targets` are N x A; a target is 1 (positive), 0 (negative) or -1 (not rated: ignored
/// everywhere). A prediction is positive when score > threshold (strict). An attribute without
/// positives contributes TNR / 2 to mA, one without negatives TPR / 2: PaddleClas's epsilon
/// makes the missing rate 0 rather than skipping the attribute. A target other than 1 / 0 / -1
/// is treated as -1.
AttributeMetrics attributeMetrics(const std::vector<float> &scores, const std::vector<int> &targets,
                                  int attributes, float threshold = 0.5f);

/// Counts of (true class, predicted class) pairs.
struct ConfusionMatrix
{
    int classes = 0;
    std::vector<std::int64_t> counts; ///< classes x classes, row = true class, column = predicted
    std::int64_t ignored = 0;         ///< pairs with a class outside [0, classes)

    std::int64_t at(int trueClass, int predicted) const
    {
        return counts[std::size_t(trueClass) * std::size_t(classes) + std::size_t(predicted)];
    }
    std::int64_t total() const;
};

/// Builds the confusion matrix of `labels` against `predictions` (same length). Pairs with a
/// class outside [0, classes) are not counted, only tallied in `ignored`.
ConfusionMatrix confusionMatrix(const std::vector<int> &labels, const std::vector<int> &predictions,
                                int classes);

/// Per-class precision / recall / F1 and their macro averages.
struct ClassReport
{
    std::vector<double> precision;     ///< TP / predicted; 0 when the class was never predicted
    std::vector<double> recall;        ///< TP / support; 0 when the class has no sample
    std::vector<double> f1;            ///< 2PR / (P + R); 0 when P + R is 0
    std::vector<std::int64_t> support; ///< true samples of the class
    double macroPrecision = 0.0;       ///< mean over classes that occur as truth or prediction
    double macroRecall = 0.0;          ///< (scikit-learn's default label set), 0 when none does
    double macroF1 = 0.0;
    double accuracy = 0.0; ///< trace / total; 0 when the matrix is empty
};

/// Derives the per-class report from a confusion matrix.
ClassReport classReport(const ConfusionMatrix &matrix);

} // namespace pulc::engine
