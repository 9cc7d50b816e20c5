#include "ui/evaluate/attributemetricsmodel.h"

#include <QLocale>

#include <algorithm>

namespace pulc::ui {

AttributeMetricsModel::AttributeMetricsModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void AttributeMetricsModel::setResult(std::shared_ptr<const pulc::engine::EvalResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    m_thresholds.clear();
    m_figures.clear();
    if (m_result) {
        const int n = int(m_result->classNames.size());
        for (int a = 0; a < n; ++a) {
            m_thresholds.push_back(m_result->threshold);
            m_figures.push_back(attributeFigures(*m_result, a, float(m_result->threshold)));
        }
    }
    endResetModel();
}

void AttributeMetricsModel::setThreshold(int row, double threshold)
{
    if (!m_result || row < 0 || row >= rowCount())
        return;
    threshold = std::clamp(threshold, 0.0, 1.0);
    m_thresholds[size_t(row)] = threshold;
    m_figures[size_t(row)] = attributeFigures(*m_result, row, float(threshold));
    Q_EMIT dataChanged(index(row, ThresholdColumn), index(row, Columns - 1));
    Q_EMIT thresholdsChanged();
}

double AttributeMetricsModel::threshold(int row) const
{
    return row >= 0 && size_t(row) < m_thresholds.size() ? m_thresholds[size_t(row)] : 0.5;
}

double AttributeMetricsModel::meanAccuracy() const
{
    if (m_figures.empty())
        return 0.0;
    double sum = 0.0;
    for (const AttributeFigures &f : m_figures)
        sum += f.ma;
    return sum / double(m_figures.size());
}

int AttributeMetricsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_figures.size());
}

int AttributeMetricsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : Columns;
}

QVariant AttributeMetricsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const AttributeFigures &f = m_figures[size_t(index.row())];
    if (role == Qt::TextAlignmentRole)
        return index.column() == AttributeColumn ? QVariant()
                                                 : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole && index.column() == ThresholdColumn)
        return tr("An image has this attribute when its score is above the threshold. "
                  "Double-click to change it.");
    const bool raw = role == SortRole || role == Qt::EditRole;
    if (role != Qt::DisplayRole && !raw)
        return {};
    auto percent = [&](double v) -> QVariant {
        return raw ? QVariant(v) : QVariant(QLocale().toString(100.0 * v, 'f', 1) + u'%');
    };
    switch (index.column()) {
    case AttributeColumn:
        return QString::fromStdString(m_result->classNames[size_t(index.row())]);
    case ThresholdColumn:
        return raw ? QVariant(m_thresholds[size_t(index.row())])
                   : QVariant(QLocale().toString(m_thresholds[size_t(index.row())], 'f', 2));
    case MaColumn:
        return percent(f.ma);
    case AccuracyColumn:
        return percent(f.accuracy);
    case PrecisionColumn:
        return percent(f.precision);
    case RecallColumn:
        return percent(f.recall);
    case PositivesColumn:
        return raw ? QVariant(qlonglong(f.positives))
                   : QVariant(tr("%1 of %2")
                                  .arg(QLocale().toString(f.positives))
                                  .arg(QLocale().toString(f.positives + f.negatives)));
    }
    return {};
}

bool AttributeMetricsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || index.column() != ThresholdColumn)
        return false;
    bool ok = false;
    const double v = value.toDouble(&ok);
    if (!ok)
        return false;
    setThreshold(index.row(), v);
    return true;
}

Qt::ItemFlags AttributeMetricsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == ThresholdColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

QVariant AttributeMetricsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::ToolTipRole && section == MaColumn)
        return tr("(true-positive rate + true-negative rate) / 2, as PaddleClas's mA counts it");
    if (role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case AttributeColumn:
        return tr("Attribute");
    case ThresholdColumn:
        return tr("Threshold");
    case MaColumn:
        return tr("Mean accuracy");
    case AccuracyColumn:
        return tr("Accuracy");
    case PrecisionColumn:
        return tr("Precision");
    case RecallColumn:
        return tr("Recall");
    case PositivesColumn:
        return tr("Positives");
    }
    return {};
}

} // namespace pulc::ui
