#include "ui/evaluate/classmetricstab.h"

#include "ui/evaluate/evaluatemodels.h"

#include <QHeaderView>

namespace pulc::ui {

ClassMetricsTab::ClassMetricsTab(QWidget *parent)
    : MetricsTable(parent)
    , m_model(new ClassMetricsModel(this))
{
    setUp(QStringLiteral("classMetricsView"), m_model, ClassMetricsModel::SortRole);
    // Five short columns: spread over the page rather than huddled at its left edge.
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    sortByColumn(-1, Qt::AscendingOrder);
}

void ClassMetricsTab::setResult(std::shared_ptr<const pulc::engine::EvalResult> result)
{
    m_model->setResult(std::move(result));
}

} // namespace pulc::ui
