#include "engine/train/scoring.h"

#include "engine/metrics.h"

#include <algorithm>
#include <cmath>

namespace pulc::engine {

std::string mainMetricKey(MainMetric metric)
{
    switch (metric) {
    case MainMetric::Top1:
        return "top1";
    case MainMetric::TprAtFpr:
        return "tpr_at_fpr";
    case MainMetric::MeanAcc:
        return "mA";
    }
    return "top1";
}

int binaryDecision(const std::vector<float> &probabilities, double threshold)
{
    if (probabilities.size() < 2)
        return -1;
    return probabilities[1] >= threshold ? 1 : 0;
}

void scoreEvaluation(const TrainConfig &config, Task task, int classes,
                     const std::vector<DatasetSnapshot::Item> &items,
                     const std::vector<std::vector<float>> &probabilities, EvalResult &out)
{
    constexpr double kTiny = 1e-12;
    out.metrics.clear();
    out.samples.clear();
    std::vector<float> scores;
    std::vector<int> labels;
    std::vector<int> targets;
    double lossSum = 0.0;
    for (size_t i = 0; i < items.size(); ++i) {
        const DatasetSnapshot::Item &item = items[i];
        EvalSample sample;
        sample.index = static_cast<int>(i);
        const std::vector<float> &p = probabilities[i];
        if (p.size() != static_cast<size_t>(classes)) {
            sample.failed = true;
            out.samples.push_back(sample);
            continue;
        }
        sample.scores = p;
        if (task == Task::MultiLabel) {
            if (item.targets.empty())
                continue;
            double loss = 0.0;
            for (int c = 0; c < classes; ++c) {
                const float t = c < int(item.targets.size()) ? item.targets[c] : -1.0f;
                targets.push_back(t == 1.0f ? 1 : t == 0.0f ? 0 : -1);
                if (t == 1.0f)
                    loss -= std::log(std::max<double>(p[c], kTiny));
                else if (t == 0.0f)
                    loss -= std::log(std::max<double>(1.0 - p[c], kTiny));
            }
            sample.loss = loss;
        } else {
            if (item.label < 0 || item.label >= classes)
                continue;
            labels.push_back(item.label);
            sample.loss = -std::log(std::max<double>(p[item.label], kTiny));
            sample.predicted =
                task == Task::Binary
                    ? binaryDecision(p, config.threshold)
                    : static_cast<int>(std::max_element(p.begin(), p.end()) - p.begin());
        }
        scores.insert(scores.end(), p.begin(), p.end());
        lossSum += sample.loss;
        out.samples.push_back(sample);
    }
    const size_t n =
        task == Task::MultiLabel ? targets.size() / std::max(1, classes) : labels.size();
    out.metrics["val_loss"] = n > 0 ? lossSum / double(n) : 0.0;
    out.metrics["images"] = double(n);
    if (n == 0) {
        out.ok = false;
        out.error = "no image could be evaluated";
        out.mainMetric = mainMetricKey(config.mainMetric);
        return;
    }

    if (task == Task::MultiLabel) {
        const AttributeMetrics attributes =
            attributeMetrics(scores, targets, classes, static_cast<float>(config.threshold));
        out.metrics["mA"] = attributes.meanAccuracy;
        out.metrics["instance_accuracy"] = attributes.instanceAccuracy;
        out.metrics["instance_f1"] = attributes.instanceF1;
        out.perClass.assign(classes, {});
        for (int c = 0; c < classes; ++c) {
            const double tp = double(attributes.truePos[c]);
            const double fp = double(attributes.falsePos[c]);
            const double fn = double(attributes.falseNeg[c]);
            auto &m = out.perClass[c];
            m.precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
            m.recall = tp + fn > 0 ? tp / (tp + fn) : 0.0;
            m.f1 = m.precision + m.recall > 0
                       ? 2 * m.precision * m.recall / (m.precision + m.recall)
                       : 0.0;
            m.support = attributes.truePos[c] + attributes.falseNeg[c];
        }
        out.mainMetric = "mA";
        out.mainValue = attributes.meanAccuracy;
        out.ok = true;
        return;
    }

    out.metrics["top1"] = topkAccuracy(scores, classes, labels, 1);
    const int k = std::max(2, config.topk);
    if (classes > 2 && k < classes)
        out.metrics["top" + std::to_string(k)] = topkAccuracy(scores, classes, labels, k);
    std::vector<int> predicted;
    for (const EvalSample &sample : out.samples) {
        if (!sample.failed && sample.predicted >= 0)
            predicted.push_back(sample.predicted);
    }
    const ConfusionMatrix matrix = confusionMatrix(labels, predicted, classes);
    const ClassReport report = classReport(matrix);
    out.confusion.assign(classes, std::vector<int64_t>(classes, 0));
    for (int t = 0; t < classes; ++t)
        for (int p = 0; p < classes; ++p)
            out.confusion[t][p] = matrix.at(t, p);
    out.perClass.assign(classes, {});
    for (int c = 0; c < classes; ++c)
        out.perClass[c] = {report.precision[c], report.recall[c], report.f1[c], report.support[c]};
    out.metrics["macro_f1"] = report.macroF1;
    out.metrics["accuracy"] = report.accuracy;
    out.mainMetric = "top1";
    out.mainValue = out.metrics["top1"];
    if (task == Task::Binary) {
        std::vector<float> positive;
        for (size_t i = 0; i < labels.size(); ++i)
            positive.push_back(scores[i * size_t(classes) + 1]);
        const TprAtFprResult tpr = tprAtFpr(positive, labels, config.maxFpr);
        out.metrics["tpr_at_fpr"] = tpr.tpr;
        out.metrics["fpr"] = tpr.fpr;
        out.metrics["threshold"] = tpr.threshold;
        if (config.mainMetric == MainMetric::TprAtFpr) {
            out.mainMetric = "tpr_at_fpr";
            out.mainValue = tpr.tpr;
        }
    }
    out.ok = true;
}

} // namespace pulc::engine
