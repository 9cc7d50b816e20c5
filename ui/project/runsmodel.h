#pragma once

#include <engine/projectjobs.h>

#include <QAbstractTableModel>

namespace pulc::ui {

class ProjectRuns;

/// The project's runs as a table (ProjectRuns::runs(), by id): name, scene, model, date,
/// duration, main metric and status. Resets on ProjectRuns::changed(). Editing the name asks
/// ProjectRuns to rename the run. GUI thread.
class RunsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        NameColumn,
        SceneColumn,
        ModelColumn,
        DateColumn,
        DurationColumn,
        MetricColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        RunIdRole = Qt::UserRole, ///< qint64
        StatusRole,               ///< "finished", "stopped", "interrupted", "failed", "running"...
        RunDirRole,               ///< absolute folder
        RunNameRole,
        SortRole, ///< numbers for date, duration and metric; text otherwise
    };

    explicit RunsModel(ProjectRuns *runs, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    /// The run shown in `row`, or nullptr.
    const pulc::engine::RunSummary *runAt(int row) const;
    /// The row of run `id`, or -1.
    int rowOf(qint64 id) const;
    /// The run this window trains now (0: none): shown as running, not renamable.
    void setActiveRun(qint64 id);
    qint64 activeRun() const { return m_activeRun; }

    /// The status in the user's language.
    static QString statusText(const QString &status);

private:
    ProjectRuns *m_runs;
    qint64 m_activeRun = 0;
};

} // namespace pulc::ui
