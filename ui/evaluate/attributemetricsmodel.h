#pragma once

#include "ui/evaluate/evaluatemodels.h"

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace pulc::ui {

/// The attributes of a multi-label evaluation, each with its own decision threshold (edited in
/// the table, Create ML style) and its figures at that threshold: (TPR + TNR) / 2, accuracy,
/// precision, recall. The mA at the top of the page is meanAccuracy(). GUI thread.
class AttributeMetricsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        AttributeColumn,
        ThresholdColumn,
        MaColumn,
        AccuracyColumn,
        PrecisionColumn,
        RecallColumn,
        PositivesColumn,
        Columns
    };
    enum Role { SortRole = Qt::UserRole };
    Q_ENUM(Role)

    explicit AttributeMetricsModel(QObject *parent = nullptr);

    /// Every attribute starts at the model's threshold (result->threshold).
    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);
    /// Sets attribute `row`'s threshold (clamped to 0..1) and recomputes its figures.
    void setThreshold(int row, double threshold);
    double threshold(int row) const;
    const AttributeFigures &figures(int row) const { return m_figures[size_t(row)]; }
    /// mA: mean over attributes of (TPR + TNR) / 2 at their thresholds.
    double meanAccuracy() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    /// A threshold changed: meanAccuracy() has a new value.
    void thresholdsChanged();

private:
    std::shared_ptr<const pulc::engine::EvalResult> m_result;
    std::vector<double> m_thresholds;
    std::vector<AttributeFigures> m_figures;
};

} // namespace pulc::ui
