#pragma once

#include "ui/predict/predictjob.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QIcon>

#include <vector>

namespace pulc::ui {

/// The Predict page's images, one row each, in the order they were added: waiting, done
/// (classes and scores) or failed (the reason, in red). Sort with a QSortFilterProxyModel on
/// SortRole. GUI thread.
class PredictModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        ImageColumn,
        FileColumn,
        ClassColumn,
        ScoreColumn,
        SecondColumn,
        DecisionColumn,
        TimeColumn,
        StatusColumn,
        ColumnCount
    };
    enum Role {
        PathRole = Qt::UserRole, ///< QString, absolute
        StateRole,               ///< int State
        ResultRole,              ///< PredictionResult (only when Done or Failed)
        ScoreRole,               ///< double in [0, 1] for score columns, -1 otherwise
        SortRole,                ///< what the column sorts by
        ErrorRole,               ///< QString, empty unless Failed
    };
    enum class State { Waiting, Done, Failed, Stopped };

    explicit PredictModel(QObject *parent = nullptr);

    /// Adds a waiting row for each image; `first` numbers them as the job does.
    void addPending(int first, const QStringList &paths);
    /// Fills the row of image `index` (ignored when unknown, e.g. after clear()).
    void setResult(int index, const PredictionResult &result);
    /// Rows still waiting become Stopped (the job was cancelled).
    void markWaitingStopped();
    void clear();
    /// The model's task, which names the columns ("Best attribute" for multi-label).
    void setTask(pulc::engine::Task task);

    /// The row of image `index`, or -1.
    int rowOf(int index) const { return m_rowOfIndex.value(index, -1); }
    /// The row showing `path`, or -1.
    int rowOfPath(const QString &path) const;
    const PredictionResult &result(int row) const { return m_rows[size_t(row)].result; }
    State state(int row) const { return m_rows[size_t(row)].state; }
    int doneCount() const;
    int failedCount() const;

    /// Writes the rows as CSV (header: path, class_1, score_1, ..., decision, milliseconds,
    /// error) atomically with QSaveFile. False with `error` naming the file when it fails.
    bool exportCsv(const QString &fileName, QString *error) const;
    /// The CSV text exportCsv writes.
    QString csv() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        int index = 0;
        State state = State::Waiting;
        PredictionResult result; ///< path always set
        QIcon thumbnail;         ///< made on first paint from result.thumbnail
    };
    QVariant displayData(const Row &row, int column) const;
    QVariant sortData(const Row &row, int column) const;

    pulc::engine::Task m_task = pulc::engine::Task::SingleLabel;
    std::vector<Row> m_rows;
    QHash<int, int> m_rowOfIndex;
};

} // namespace pulc::ui
