#include "engine/metrics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace pulc::engine {
namespace {

/// PaddleClas's AttrMeter epsilon: keeps 0/0 at 0 without changing any other ratio.
constexpr double kAttrEps = 1e-20;

/// Number of rows of an N x C array; throws when the size is not a multiple of C.
std::size_t rowCount(const std::vector<float> &values, int columns, const char *what)
{
    if (columns <= 0)
        throw std::invalid_argument(std::string(what) + ": the column count must be positive");
    if (values.size() % std::size_t(columns) != 0)
        throw std::invalid_argument(std::string(what) + ": " + std::to_string(values.size()) +
                                    " values is not a multiple of " + std::to_string(columns) +
                                    " columns");
    return values.size() / std::size_t(columns);
}

void requireSameLength(std::size_t a, std::size_t b, const char *what)
{
    if (a != b)
        throw std::invalid_argument(std::string(what) + ": " + std::to_string(a) + " rows but " +
                                    std::to_string(b) + " labels");
}

double ratio(std::int64_t num, std::int64_t den)
{
    return den > 0 ? double(num) / double(den) : 0.0;
}

} // namespace

std::vector<int> argmaxRows(const std::vector<float> &scores, int classes)
{
    const std::size_t n = rowCount(scores, classes, "argmaxRows");
    std::vector<int> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const float *row = scores.data() + i * std::size_t(classes);
        // max_element returns the first of equal maxima: the lowest index wins a tie.
        out[i] = int(std::max_element(row, row + classes) - row);
    }
    return out;
}

std::vector<float> softmaxRows(const std::vector<float> &logits, int classes)
{
    const std::size_t n = rowCount(logits, classes, "softmaxRows");
    std::vector<float> out(logits.size());
    for (std::size_t i = 0; i < n; ++i) {
        const float *row = logits.data() + i * std::size_t(classes);
        float *dst = out.data() + i * std::size_t(classes);
        const float top = *std::max_element(row, row + classes);
        double sum = 0.0;
        for (int c = 0; c < classes; ++c) {
            dst[c] = std::exp(row[c] - top);
            sum += dst[c];
        }
        for (int c = 0; c < classes; ++c)
            dst[c] = float(dst[c] / sum);
    }
    return out;
}

std::vector<float> sigmoid(const std::vector<float> &logits)
{
    std::vector<float> out(logits.size());
    std::transform(logits.begin(), logits.end(), out.begin(),
                   [](float x) { return float(1.0 / (1.0 + std::exp(-double(x)))); });
    return out;
}

double topkAccuracy(const std::vector<float> &scores, int classes, const std::vector<int> &labels,
                    int k)
{
    const std::size_t n = rowCount(scores, classes, "topkAccuracy");
    requireSameLength(n, labels.size(), "topkAccuracy");
    if (k <= 0)
        throw std::invalid_argument("topkAccuracy: k must be positive");
    if (n == 0)
        return 0.0;
    k = std::min(k, classes);
    std::int64_t hits = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const int label = labels[i];
        if (label < 0 || label >= classes)
            continue;
        const float *row = scores.data() + i * std::size_t(classes);
        // Rank of the label = classes that beat it: higher score, or equal score and lower index.
        int rank = 0;
        for (int c = 0; c < classes && rank < k; ++c) {
            if (row[c] > row[label] || (row[c] == row[label] && c < label))
                ++rank;
        }
        if (rank < k)
            ++hits;
    }
    return double(hits) / double(n);
}

TprAtFprResult tprAtFpr(const std::vector<float> &positiveProb, const std::vector<int> &labels,
                        double maxFpr)
{
    requireSameLength(positiveProb.size(), labels.size(), "tprAtFpr");
    std::vector<float> pos;
    std::vector<float> neg;
    for (std::size_t i = 0; i < labels.size(); ++i)
        (labels[i] == 0 ? neg : pos).push_back(positiveProb[i]);
    std::sort(pos.begin(), pos.end());
    std::sort(neg.begin(), neg.end());

    TprAtFprResult r;
    r.positives = std::int64_t(pos.size());
    r.negatives = std::int64_t(neg.size());
    r.noPositives = pos.empty();
    r.noNegatives = neg.empty();
    if (r.noPositives)
        return r;

    // Scores above t = the elements after the last one <= t in the sorted list.
    const auto above = [](const std::vector<float> &sorted, float t) {
        return std::int64_t(sorted.end() - std::upper_bound(sorted.begin(), sorted.end(), t));
    };
    for (int i = 0; i < 10000; ++i) {
        const double threshold = i / 10000.0;
        const float t = float(threshold);
        const double tpr = ratio(above(pos, t), r.positives);
        const double fpr = r.noNegatives ? 0.0 : ratio(above(neg, t), r.negatives);
        if (fpr <= maxFpr && tpr > r.tpr) {
            r.tpr = tpr;
            r.fpr = fpr;
            r.threshold = threshold;
            r.found = true;
        }
    }
    return r;
}

AttributeMetrics attributeMetrics(const std::vector<float> &scores, const std::vector<int> &targets,
                                  int attributes, float threshold)
{
    const std::size_t n = rowCount(scores, attributes, "attributeMetrics");
    if (targets.size() != scores.size())
        throw std::invalid_argument("attributeMetrics: " + std::to_string(scores.size()) +
                                    " scores but " + std::to_string(targets.size()) + " targets");
    const std::size_t a = std::size_t(attributes);
    AttributeMetrics m;
    m.truePos.assign(a, 0);
    m.trueNeg.assign(a, 0);
    m.falsePos.assign(a, 0);
    m.falseNeg.assign(a, 0);

    double accSum = 0.0;
    double precSum = 0.0;
    double recSum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        std::int64_t gtPos = 0;
        std::int64_t predPos = 0;
        std::int64_t both = 0;
        std::int64_t either = 0;
        for (std::size_t j = 0; j < a; ++j) {
            const int target = targets[i * a + j];
            if (target != 0 && target != 1)
                continue; // unrated: PaddleClas sets the prediction to -1 as well
            const bool predicted = scores[i * a + j] > threshold;
            const bool actual = target == 1;
            if (actual)
                (predicted ? m.truePos : m.falseNeg)[j]++;
            else
                (predicted ? m.falsePos : m.trueNeg)[j]++;
            gtPos += actual;
            predPos += predicted;
            both += actual && predicted;
            either += actual || predicted;
        }
        accSum += double(both) / (double(either) + kAttrEps);
        precSum += double(both) / (double(predPos) + kAttrEps);
        recSum += double(both) / (double(gtPos) + kAttrEps);
    }

    double maSum = 0.0;
    for (std::size_t j = 0; j < a; ++j) {
        const double pos = double(m.truePos[j] + m.falseNeg[j]);
        const double neg = double(m.trueNeg[j] + m.falsePos[j]);
        const double tpr = double(m.truePos[j]) / (pos + kAttrEps);
        const double tnr = double(m.trueNeg[j]) / (neg + kAttrEps);
        m.positiveRecall.push_back(tpr);
        m.negativeRecall.push_back(tnr);
        m.perAttributeMa.push_back((tpr + tnr) / 2.0);
        m.perAttributeAccuracy.push_back(
            ratio(m.truePos[j] + m.trueNeg[j], std::int64_t(pos + neg)));
        maSum += m.perAttributeMa.back();
    }
    m.meanAccuracy = a > 0 ? maSum / double(a) : 0.0;
    if (n > 0) {
        m.instanceAccuracy = accSum / double(n);
        m.instancePrecision = precSum / double(n);
        m.instanceRecall = recSum / double(n);
        m.instanceF1 = 2.0 * m.instancePrecision * m.instanceRecall /
                       (m.instancePrecision + m.instanceRecall + kAttrEps);
    }
    return m;
}

std::int64_t ConfusionMatrix::total() const
{
    std::int64_t sum = 0;
    for (std::int64_t c : counts)
        sum += c;
    return sum;
}

ConfusionMatrix confusionMatrix(const std::vector<int> &labels, const std::vector<int> &predictions,
                                int classes)
{
    if (classes <= 0)
        throw std::invalid_argument("confusionMatrix: the class count must be positive");
    requireSameLength(predictions.size(), labels.size(), "confusionMatrix");
    ConfusionMatrix m;
    m.classes = classes;
    m.counts.assign(std::size_t(classes) * std::size_t(classes), 0);
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const int t = labels[i];
        const int p = predictions[i];
        if (t < 0 || t >= classes || p < 0 || p >= classes) {
            ++m.ignored;
            continue;
        }
        ++m.counts[std::size_t(t) * std::size_t(classes) + std::size_t(p)];
    }
    return m;
}

ClassReport classReport(const ConfusionMatrix &matrix)
{
    const int c = matrix.classes;
    ClassReport r;
    std::int64_t correct = 0;
    int present = 0;
    for (int k = 0; k < c; ++k) {
        std::int64_t support = 0;
        std::int64_t predicted = 0;
        for (int j = 0; j < c; ++j) {
            support += matrix.at(k, j);
            predicted += matrix.at(j, k);
        }
        const std::int64_t tp = matrix.at(k, k);
        correct += tp;
        const double p = ratio(tp, predicted);
        const double rec = ratio(tp, support);
        r.precision.push_back(p);
        r.recall.push_back(rec);
        r.f1.push_back(p + rec > 0.0 ? 2.0 * p * rec / (p + rec) : 0.0);
        r.support.push_back(support);
        if (support > 0 || predicted > 0) {
            ++present;
            r.macroPrecision += p;
            r.macroRecall += rec;
            r.macroF1 += r.f1.back();
        }
    }
    if (present > 0) {
        r.macroPrecision /= present;
        r.macroRecall /= present;
        r.macroF1 /= present;
    }
    r.accuracy = ratio(correct, matrix.total());
    return r;
}

} // namespace pulc::engine
