#pragma once

#include <QTableView>

class QSortFilterProxyModel;

namespace pulc::ui {

/// A table of figures sorted by clicking a column, in columns at least as wide as "Precision"
/// so the numbers read as a table, not scattered: the base of the Evaluate page's per-class and
/// attribute tabs. GUI thread.
class MetricsTable : public QTableView
{
    Q_OBJECT

public:
    explicit MetricsTable(QWidget *parent = nullptr);

protected:
    /// Shows `model` sorted by its `sortRole` (a raw number where the cell shows text) and names
    /// the view `name`. Called once, by the constructor of a subclass.
    void setUp(const QString &name, QAbstractItemModel *model, int sortRole);

private:
    QSortFilterProxyModel *m_proxy;
};

} // namespace pulc::ui
