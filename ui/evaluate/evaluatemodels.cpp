#include "ui/evaluate/evaluatemodels.h"

#include <QLocale>

#include <algorithm>

namespace pulc::ui {

using pulc::engine::EvalResult;

BinaryScores binaryScores(const EvalResult &result)
{
    BinaryScores out;
    if (result.classNames.size() != 2)
        return out;
    for (size_t i = 0; i < result.samples.size(); ++i) {
        const pulc::engine::EvalSample &sample = result.samples[i];
        if (sample.failed || sample.scores.size() < 2 || sample.index < 0 ||
            size_t(sample.index) >= result.items.size())
            continue;
        const int label = result.items[size_t(sample.index)].label;
        if (label != 0 && label != 1)
            continue;
        out.positive.push_back(sample.scores[1]);
        out.labels.push_back(label);
        out.samples.push_back(int(i));
    }
    return out;
}

BinaryCounts binaryCountsAt(const BinaryScores &scores, double threshold)
{
    BinaryCounts counts;
    for (size_t i = 0; i < scores.positive.size(); ++i) {
        const bool predicted = scores.positive[i] >= threshold;
        if (scores.labels[i] == 1)
            ++(predicted ? counts.tp : counts.fn);
        else
            ++(predicted ? counts.fp : counts.tn);
    }
    return counts;
}

std::vector<QPointF> rocCurve(const BinaryScores &scores)
{
    std::vector<size_t> order(scores.positive.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return scores.positive[a] > scores.positive[b]; });
    qint64 positives = 0;
    for (int label : scores.labels)
        positives += label == 1;
    const qint64 negatives = qint64(scores.labels.size()) - positives;
    std::vector<QPointF> points{{0.0, 0.0}};
    qint64 tp = 0, fp = 0;
    for (size_t k = 0; k < order.size(); ++k) {
        ++(scores.labels[order[k]] == 1 ? tp : fp);
        // Samples of equal score are decided together: one point after the last of them.
        if (k + 1 < order.size() && scores.positive[order[k + 1]] == scores.positive[order[k]])
            continue;
        points.emplace_back(negatives > 0 ? double(fp) / double(negatives) : 0.0,
                            positives > 0 ? double(tp) / double(positives) : 0.0);
    }
    if (points.back() != QPointF(1.0, 1.0) && positives > 0 && negatives > 0)
        points.emplace_back(1.0, 1.0);
    return points;
}

pulc::engine::TprAtFprResult thresholdForMaxFpr(const BinaryScores &scores, double maxFpr)
{
    return pulc::engine::tprAtFpr(scores.positive, scores.labels, maxFpr);
}

AttributeFigures attributeFigures(const EvalResult &result, int attribute, float threshold)
{
    AttributeFigures out;
    const int attributes = int(result.classNames.size());
    if (attribute < 0 || attribute >= attributes)
        return out;
    std::vector<float> scores;
    std::vector<int> targets;
    for (const pulc::engine::EvalSample &sample : result.samples) {
        if (sample.failed || int(sample.scores.size()) != attributes || sample.index < 0 ||
            size_t(sample.index) >= result.items.size())
            continue;
        const std::vector<float> &t = result.items[size_t(sample.index)].targets;
        const float target = attribute < int(t.size()) ? t[size_t(attribute)] : -1.0f;
        scores.push_back(sample.scores[size_t(attribute)]);
        targets.push_back(target == 1.0f ? 1 : target == 0.0f ? 0 : -1);
    }
    const pulc::engine::AttributeMetrics m =
        pulc::engine::attributeMetrics(scores, targets, 1, threshold);
    const double tp = double(m.truePos[0]), fp = double(m.falsePos[0]);
    const double fn = double(m.falseNeg[0]);
    out.ma = m.perAttributeMa[0];
    out.accuracy = m.perAttributeAccuracy[0];
    out.precision = tp + fp > 0 ? tp / (tp + fp) : 0.0;
    out.recall = tp + fn > 0 ? tp / (tp + fn) : 0.0;
    out.positives = m.truePos[0] + m.falseNeg[0];
    out.negatives = m.trueNeg[0] + m.falsePos[0];
    return out;
}

ClassMetricsModel::ClassMetricsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ClassMetricsModel::setResult(std::shared_ptr<const EvalResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

int ClassMetricsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() || !m_result)
        return 0;
    return int(std::min(m_result->perClass.size(), m_result->classNames.size()));
}

int ClassMetricsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Columns;
}

QVariant ClassMetricsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_result || index.row() >= rowCount())
        return {};
    const auto &m = m_result->perClass[size_t(index.row())];
    const QString name = QString::fromStdString(m_result->classNames[size_t(index.row())]);
    if (role == ClassIndexRole)
        return index.row();
    if (role == Qt::TextAlignmentRole)
        return index.column() == ClassColumn ? QVariant()
                                             : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole && role != SortRole)
        return {};
    const bool raw = role == SortRole;
    auto percent = [&](double v) -> QVariant {
        return raw ? QVariant(v) : QVariant(QLocale().toString(100.0 * v, 'f', 1) + u'%');
    };
    switch (index.column()) {
    case ClassColumn:
        return name;
    case PrecisionColumn:
        return percent(m.precision);
    case RecallColumn:
        return percent(m.recall);
    case F1Column:
        return percent(m.f1);
    case SupportColumn:
        return raw ? QVariant(qlonglong(m.support)) : QVariant(QLocale().toString(m.support));
    }
    return {};
}

QVariant ClassMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case ClassColumn:
        return tr("Class");
    case PrecisionColumn:
        return tr("Precision");
    case RecallColumn:
        return tr("Recall");
    case F1Column:
        return tr("F1");
    case SupportColumn:
        return tr("Images");
    }
    return {};
}

} // namespace pulc::ui
