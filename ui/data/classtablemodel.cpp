#include "ui/data/classtablemodel.h"

#include "ui/data/labeling.h"

#include <QColor>
#include <QLocale>

namespace pulc::ui {

ClassTableModel::ClassTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ClassTableModel::setStats(const pulc::dataset::DatasetStats &stats)
{
    beginResetModel();
    m_classes = stats.classes;
    endResetModel();
}

void ClassTableModel::setClasses(const QList<pulc::dataset::ClassInfo> &classes,
                                 const pulc::dataset::DatasetStats &stats)
{
    QList<pulc::dataset::ClassStats> rows;
    rows.reserve(classes.size());
    for (const auto &info : classes) {
        pulc::dataset::ClassStats c;
        for (const auto &counted : stats.classes)
            if (counted.id == info.id)
                c = counted;
        c.id = info.id;
        c.name = info.name;
        c.color = info.color;
        rows.append(c);
    }
    beginResetModel();
    m_classes = rows;
    endResetModel();
}

int ClassTableModel::rowOf(qint64 classId) const
{
    for (int r = 0; r < m_classes.size(); ++r)
        if (m_classes.at(r).id == classId)
            return r;
    return -1;
}

void ClassTableModel::clear()
{
    beginResetModel();
    m_classes.clear();
    endResetModel();
}

int ClassTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_classes.size());
}

int ClassTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : kColumnCount;
}

QVariant ClassTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const pulc::dataset::ClassStats &c = m_classes.at(index.row());
    switch (role) {
    case ClassIdRole:
        return c.id;
    case NameRole:
        return c.name;
    case ColorRole:
        return QColor(c.color);
    case CountRole:
        return c.count;
    case TrainRole:
        return c.train;
    case ValRole:
        return c.val;
    case TestRole:
        return c.test;
    case UnassignedRole:
        return c.unassigned;
    case KeyRole:
        return labelingKey(index.row());
    case Qt::ToolTipRole:
        if (index.column() == KeyColumn && index.row() < 10)
            return tr("Press %1 to label the selected images “%2”")
                .arg(labelingKey(index.row()), c.name);
        return {};
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return QColor(c.color); // the view paints a colour swatch next to the name
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == KeyColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        if (index.column() != NameColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole: {
        const QLocale locale;
        switch (Column(index.column())) {
        case KeyColumn:
            return labelingKey(index.row());
        case NameColumn:
            return c.name;
        case CountColumn:
            return locale.toString(c.count);
        case TrainColumn:
            return locale.toString(c.train);
        case ValColumn:
            return locale.toString(c.val);
        case TestColumn:
            return locale.toString(c.test);
        case UnassignedColumn:
            return locale.toString(c.unassigned);
        }
        return {};
    }
    default:
        return {};
    }
}

QVariant ClassTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::TextAlignmentRole) {
        if (section == KeyColumn)
            return QVariant::fromValue(Qt::AlignCenter);
        return QVariant::fromValue((section == NameColumn ? Qt::AlignLeft : Qt::AlignRight) |
                                   Qt::AlignVCenter);
    }
    if (role == Qt::ToolTipRole && section == KeyColumn)
        return tr("Labeling key: press it to give the selected images this class");
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case KeyColumn:
        return tr("Key");
    case NameColumn:
        return tr("Class");
    case CountColumn:
        return tr("Images");
    case TrainColumn:
        return tr("Train");
    case ValColumn:
        return tr("Val");
    case TestColumn:
        return tr("Test");
    case UnassignedColumn:
        return tr("Unassigned");
    }
    return {};
}

QHash<int, QByteArray> ClassTableModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(ClassIdRole, "classId");
    names.insert(NameRole, "name");
    names.insert(ColorRole, "color");
    names.insert(CountRole, "count");
    names.insert(TrainRole, "train");
    names.insert(ValRole, "val");
    names.insert(TestRole, "test");
    names.insert(UnassignedRole, "unassigned");
    names.insert(KeyRole, "key");
    return names;
}

} // namespace pulc::ui
