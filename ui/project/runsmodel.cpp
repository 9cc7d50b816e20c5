#include "ui/project/runsmodel.h"

#include "ui/project/projectruns.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace pulc::ui {

namespace {

QDateTime utc(const std::string &text)
{
    QDateTime time = QDateTime::fromString(QString::fromStdString(text), Qt::ISODate);
    return time;
}

/// Seconds from start to finish; a run still training counts to now. -1 when unknown.
qint64 durationSeconds(const pulc::engine::RunSummary &run)
{
    const QDateTime start = utc(run.startedAt);
    if (!start.isValid())
        return -1;
    QDateTime end = utc(run.finishedAt);
    if (!end.isValid()) {
        if (run.status != "running")
            return -1;
        end = QDateTime::currentDateTimeUtc();
    }
    return qMax<qint64>(0, start.secsTo(end));
}

QString durationText(qint64 seconds)
{
    if (seconds < 0)
        return {};
    const qint64 h = seconds / 3600, m = seconds / 60 % 60, s = seconds % 60;
    if (h > 0)
        return QStringLiteral("%1:%2:%3")
            .arg(h)
            .arg(m, 2, 10, QLatin1Char('0'))
            .arg(s, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString metricName(const std::string &metric)
{
    if (metric == "top1")
        return RunsModel::tr("top-1");
    if (metric == "tpr_at_fpr")
        return RunsModel::tr("TPR@FPR");
    if (metric == "mA")
        return RunsModel::tr("mA");
    return QString::fromStdString(metric);
}

} // namespace

RunsModel::RunsModel(ProjectRuns *runs, QObject *parent)
    : QAbstractTableModel(parent)
    , m_runs(runs)
{
    connect(runs, &ProjectRuns::changed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int RunsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_runs->runs().size());
}

int RunsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const pulc::engine::RunSummary *RunsModel::runAt(int row) const
{
    const auto &runs = m_runs->runs();
    return row >= 0 && row < int(runs.size()) ? &runs[size_t(row)] : nullptr;
}

int RunsModel::rowOf(qint64 id) const
{
    const auto &runs = m_runs->runs();
    for (size_t i = 0; i < runs.size(); ++i) {
        if (runs[i].id == id)
            return int(i);
    }
    return -1;
}

void RunsModel::setActiveRun(qint64 id)
{
    if (m_activeRun == id)
        return;
    const int before = rowOf(m_activeRun), after = rowOf(id);
    m_activeRun = id;
    for (int row : {before, after}) {
        if (row >= 0)
            Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
    }
}

QString RunsModel::statusText(const QString &status)
{
    if (status == QLatin1String("finished"))
        return tr("finished");
    if (status == QLatin1String("stopped"))
        return tr("stopped");
    if (status == QLatin1String("interrupted"))
        return tr("interrupted");
    if (status == QLatin1String("failed"))
        return tr("failed");
    if (status == QLatin1String("running"))
        return tr("running");
    if (status == QLatin1String("created"))
        return tr("not started");
    return status;
}

QVariant RunsModel::data(const QModelIndex &index, int role) const
{
    const pulc::engine::RunSummary *run = runAt(index.row());
    if (!run || index.column() < 0 || index.column() >= ColumnCount)
        return {};
    QString status = QString::fromStdString(run->status);
    if (run->id == m_activeRun)
        status = QStringLiteral("running");
    switch (role) {
    case RunIdRole:
        return QVariant::fromValue<qint64>(run->id);
    case StatusRole:
        return status;
    case RunDirRole:
        return QString::fromStdString(run->dir);
    case RunNameRole:
        return QString::fromStdString(run->name);
    default:
        break;
    }
    const auto column = Column(index.column());
    if (role == Qt::DisplayRole || role == Qt::EditRole || role == SortRole) {
        const bool sort = role == SortRole;
        switch (column) {
        case NameColumn:
            return QString::fromStdString(run->name);
        case SceneColumn:
            return QString::fromStdString(run->scene);
        case ModelColumn:
            return QString::fromStdString(run->model);
        case DateColumn: {
            const QDateTime created = utc(run->createdAt);
            if (sort)
                return created.isValid() ? created.toSecsSinceEpoch() : 0;
            return created.isValid()
                       ? QLocale().toString(created.toLocalTime(), QLocale::ShortFormat)
                       : QString::fromStdString(run->createdAt);
        }
        case DurationColumn: {
            const qint64 seconds = durationSeconds(*run);
            return sort ? QVariant(seconds) : QVariant(durationText(seconds));
        }
        case MetricColumn:
            if (!run->hasBest)
                return sort ? QVariant(-1.0) : QVariant(QString());
            if (sort)
                return run->bestValue;
            return tr("%1 %2 (epoch %3)")
                .arg(metricName(run->mainMetric), QString::number(run->bestValue, 'f', 4))
                .arg(run->bestEpoch);
        case StatusColumn:
            return statusText(status);
        case ColumnCount:
            break;
        }
        return {};
    }
    if (role == Qt::ToolTipRole) {
        if (column == NameColumn || column == StatusColumn)
            return QString::fromStdString(run->dir);
        return {};
    }
    if (role == Qt::ForegroundRole && column == StatusColumn) {
        if (status == QLatin1String("failed"))
            return QBrush(QColor(200, 40, 40));
        if (status == QLatin1String("running"))
            return QBrush(QColor(30, 110, 200));
        if (status == QLatin1String("stopped") || status == QLatin1String("interrupted"))
            return QBrush(QColor(170, 110, 0));
    }
    if (role == Qt::TextAlignmentRole && (column == DurationColumn || column == MetricColumn))
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("Name");
    case SceneColumn:
        return tr("Scene");
    case ModelColumn:
        return tr("Model");
    case DateColumn:
        return tr("Created");
    case DurationColumn:
        return tr("Duration");
    case MetricColumn:
        return tr("Best");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

Qt::ItemFlags RunsModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    const pulc::engine::RunSummary *run = runAt(index.row());
    if (run && index.column() == NameColumn && run->id != m_activeRun && run->status != "running")
        f |= Qt::ItemIsEditable;
    return f;
}

bool RunsModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    const pulc::engine::RunSummary *run = runAt(index.row());
    if (!run || role != Qt::EditRole || index.column() != NameColumn)
        return false;
    const QString name = value.toString().trimmed();
    if (name.isEmpty() || name == QString::fromStdString(run->name))
        return false;
    m_runs->rename(run->id, name); // the model resets when the rename is read back
    return true;
}

} // namespace pulc::ui
