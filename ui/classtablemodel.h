#pragma once

#include <dataset/stats.h>

#include <QAbstractTableModel>
#include <QList>

namespace pulc::ui {

/// The project's classes with their counts per split, one row per class, filled from a
/// DatasetStats value (no database access, so it is cheap to reset from the GUI thread).
class ClassTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, CountColumn, TrainColumn, ValColumn, TestColumn, UnassignedColumn };
    static constexpr int kColumnCount = UnassignedColumn + 1;

    /// Raw values for delegates, charts and tests, whatever the column.
    enum Role {
        ClassIdRole = Qt::UserRole,
        NameRole,
        ColorRole, ///< QColor
        CountRole,
        TrainRole,
        ValRole,
        TestRole,
        UnassignedRole,
    };
    Q_ENUM(Role)

    explicit ClassTableModel(QObject *parent = nullptr);

    /// Replaces every row with the classes of `stats`.
    void setStats(const pulc::dataset::DatasetStats &stats);
    void clear();
    const pulc::dataset::ClassStats &classAt(int row) const { return m_classes.at(row); }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<pulc::dataset::ClassStats> m_classes;
};

} // namespace pulc::ui
