#pragma once

#include <dataset/project.h>
#include <dataset/stats.h>

#include <QAbstractTableModel>
#include <QList>

namespace pulc::ui {

/// The project's classes with their labeling key and counts per split, one row per class, filled
/// from the session's class list and a DatasetStats value (no database access, so it is cheap
/// to reset from the GUI thread).
class ClassTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        KeyColumn,
        NameColumn,
        CountColumn,
        TrainColumn,
        ValColumn,
        TestColumn,
        UnassignedColumn
    };
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
        KeyRole, ///< the labeling key ("1".."9", "0"), empty past the tenth class
    };
    Q_ENUM(Role)

    explicit ClassTableModel(QObject *parent = nullptr);

    /// Replaces every row with the classes of `stats`.
    void setStats(const pulc::dataset::DatasetStats &stats);
    /// Replaces every row with `classes`, in their order, counted by `stats` (zero counts for a
    /// class the statistics do not know yet: they follow edits after a short delay).
    void setClasses(const QList<pulc::dataset::ClassInfo> &classes,
                    const pulc::dataset::DatasetStats &stats);
    /// The row of class `id`, or -1.
    int rowOf(qint64 classId) const;
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
