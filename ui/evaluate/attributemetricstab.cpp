#include "ui/evaluate/attributemetricstab.h"

#include "ui/evaluate/attributemetricsmodel.h"

namespace pulc::ui {

AttributeMetricsTab::AttributeMetricsTab(QWidget *parent)
    : MetricsTable(parent)
    , m_model(new AttributeMetricsModel(this))
{
    setUp(QStringLiteral("attributeView"), m_model, AttributeMetricsModel::SortRole);
    // Thresholds are edited in place: a cell, not a row, is selected.
    setSelectionBehavior(QAbstractItemView::SelectItems);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                    QAbstractItemView::AnyKeyPressed);
}

void AttributeMetricsTab::setResult(std::shared_ptr<const pulc::engine::EvalResult> result)
{
    m_model->setResult(std::move(result));
}

} // namespace pulc::ui
