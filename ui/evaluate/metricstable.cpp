#include "ui/evaluate/metricstable.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

namespace pulc::ui {

MetricsTable::MetricsTable(QWidget *parent)
    : QTableView(parent)
    , m_proxy(new QSortFilterProxyModel(this))
{}

void MetricsTable::setUp(const QString &name, QAbstractItemModel *model, int sortRole)
{
    m_proxy->setSourceModel(model);
    m_proxy->setSortRole(sortRole);
    setObjectName(name);
    setModel(m_proxy);
    setSortingEnabled(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(false);
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Figures in columns of one width read as a table, not as scattered numbers.
    horizontalHeader()->setMinimumSectionSize(
        fontMetrics().horizontalAdvance(QStringLiteral("Precision")) + 40);
}

} // namespace pulc::ui
