#pragma once

#include <dataset/edits.h>
#include <dataset/project.h>
#include <dataset/samples.h>
#include <dataset/stats.h>

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <vector>

class QTimer;
class QUndoStack;

namespace pulc::ui {

/// What a worker read from a project: a plain value, safe to hand across threads.
struct ProjectSnapshot
{
    QString dir;
    QString error; ///< empty on success; English text from the dataset library otherwise
    pulc::dataset::ProjectInfo info;
    pulc::dataset::DatasetStats stats;
    QList<pulc::dataset::ClassInfo> classes;
    std::vector<pulc::dataset::SampleRow> rows;
};

class DatasetWriter;
class LatestJob;

/// Reads a project folder off the GUI thread: opens it, loads its samples, computes statistics.
/// Thread-safe; opens its own database connection and closes it before returning.
ProjectSnapshot loadProjectSnapshot(const QString &dir);

/// The project the window shows, held in memory: its classes and every sample, which models
/// read without SQL. Opening and refreshing run in a worker thread, which opens its own
/// pulc::dataset::Project (a QSqlDatabase connection stays in its thread); results of an
/// outdated request are dropped (a LatestJob), so opening B while A still loads never ends up
/// showing A.
///
/// Edits change the memory at once (views update in the same event) and queue the database
/// write on a DatasetWriter thread. They are called by the undo commands of editcommands.h,
/// never directly by views. If a write fails, editFailed() is emitted, the undo stack is
/// cleared and the project is reloaded from the database. GUI thread.
class ProjectSession : public QObject
{
    Q_OBJECT

public:
    explicit ProjectSession(QObject *parent = nullptr);
    ~ProjectSession() override;

    bool hasProject() const { return !m_snapshot.dir.isEmpty(); }
    /// The open project's folder, or empty.
    const QString &dir() const { return m_snapshot.dir; }
    const pulc::dataset::ProjectInfo &info() const { return m_snapshot.info; }
    const pulc::dataset::DatasetStats &stats() const { return m_snapshot.stats; }
    bool isLoading() const { return m_loading; }
    const QList<pulc::dataset::ClassInfo> &classes() const { return m_snapshot.classes; }
    /// Every sample, removed ones included (SampleRow::removed).
    const std::vector<pulc::dataset::SampleRow> &rows() const { return m_snapshot.rows; }
    /// Index into rows() of the sample `id`, or -1.
    int rowIndex(qint64 sampleId) const { return m_rowIndex.value(sampleId, -1); }
    /// The class `id`, or nullptr.
    const pulc::dataset::ClassInfo *classById(qint64 classId) const;
    /// Display position of a class (for sorting), or INT_MAX when unknown.
    int classPosition(qint64 classId) const;
    QUndoStack *undoStack() const { return m_undoStack; }
    DatasetWriter *writer() const { return m_writer; }

    /// Why `name` cannot name a class (empty, taken by another class), or an empty string.
    QString classNameProblem(const QString &name, qint64 exceptClassId = 0) const;
    /// An id no class uses, for a class about to be added.
    qint64 nextClassId() const;

    // Edit primitives for the undo commands: memory now, database on the writer thread.
    pulc::dataset::LabelSnapshot labelsOf(const std::vector<qint64> &sampleIds) const;
    void applyLabel(const std::vector<qint64> &sampleIds, pulc::dataset::LabelMode mode,
                    qint64 classId);
    void restoreLabels(const pulc::dataset::LabelSnapshot &snapshot);
    pulc::dataset::SplitSnapshot splitsOf(const std::vector<qint64> &sampleIds) const;
    void setSplit(const std::vector<qint64> &sampleIds, pulc::dataset::Split split);
    void restoreSplits(const pulc::dataset::SplitSnapshot &snapshot);
    void setRemoved(const std::vector<qint64> &sampleIds, bool removed);
    pulc::dataset::ClassSnapshot classSnapshot(qint64 classId) const;
    /// Adds (or re-creates) a class at its position with its labels.
    void insertClass(const pulc::dataset::ClassSnapshot &snapshot);
    void deleteClass(qint64 classId);
    void renameClass(qint64 classId, const QString &name);
    void setClassColor(qint64 classId, const QString &color);
    void setClassOrder(const std::vector<qint64> &orderedIds);
    void mergeClasses(qint64 fromId, qint64 intoId);
    void unmergeClasses(const pulc::dataset::ClassSnapshot &from,
                        const pulc::dataset::LabelSnapshot &labels);

    /// Opens the project in `dirOrFile` (a folder or its project.pulc). The current project
    /// stays until the new one has loaded; on failure it stays and openFailed() is emitted.
    void open(const QString &dirOrFile);
    /// Recomputes the statistics of the open project.
    void refresh();
    /// Forgets the open project.
    void close();

Q_SIGNALS:
    void loadingChanged(bool loading);
    /// A project was opened (or another one replaced it).
    void projectOpened(const QString &dir);
    void projectClosed();
    /// New statistics for the open project, after open() or refresh(), and shortly after edits
    /// (computed in a worker, with the duplicate / conflict / leakage flags of rows()).
    void statsChanged();
    void openFailed(const QString &dirOrFile, const QString &error);
    /// rows() and classes() were replaced wholesale (open, refresh, reload after a failure).
    void rowsReset();
    /// These samples changed (labels, split, removed).
    void samplesChanged(const QList<qint64> &sampleIds);
    /// Classes were added, removed, renamed, recoloured or reordered.
    void classesChanged();
    /// A database write failed; the project was reloaded. English text from the dataset library.
    void editFailed(const QString &error);

private:
    void start(const QString &dirOrFile, bool opening);
    void rebuildRowIndex();
    void dropClass(qint64 classId);
    void sortClassIds(std::vector<qint64> &ids) const;
    void changedSamples(const std::vector<qint64> &sampleIds);
    void changedClasses();
    void scheduleStats();
    void startStats();
    void submit(std::function<pulc::dataset::Status(pulc::dataset::Project &)> write);
    void writeFailed(const QString &error);
    void finish(ProjectSnapshot snap, quint64 writes, bool opening, const QString &requested);

    ProjectSnapshot m_snapshot;
    QHash<qint64, int> m_rowIndex;
    quint64 m_writes = 0; ///< edits submitted so far, to spot a refresh that missed some
    bool m_loading = false;
    DatasetWriter *m_writer;
    QUndoStack *m_undoStack;
    QTimer *m_statsTimer;
    LatestJob *m_load;  ///< opens and refreshes
    LatestJob *m_stats; ///< dropped whenever rows or classes change: its figures are outdated
};

} // namespace pulc::ui
