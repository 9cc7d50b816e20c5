#pragma once

#include <engine/projectjobs.h>

#include <QObject>
#include <QString>

#include <vector>

namespace pulc::ui {

class ProjectSession;

/// The open project's training runs, shared by the Train, Evaluate and Predict pages (the runs
/// list, the teacher and model selectors). Reading, renaming and deleting run in a worker thread
/// that opens its own database connection (STYLE.md 2); results of an outdated request (another
/// project opened meanwhile) are dropped. GUI thread.
class ProjectRuns : public QObject
{
    Q_OBJECT

public:
    explicit ProjectRuns(ProjectSession *session, QObject *parent = nullptr);
    ~ProjectRuns() override;

    /// The runs by id, as last read; empty without a project.
    const std::vector<pulc::engine::RunSummary> &runs() const { return m_runs; }
    /// The run `id`, or nullptr.
    const pulc::engine::RunSummary *find(qint64 id) const;
    /// Runs that have a checkpoint to predict with (finished, or stopped / interrupted after at
    /// least one epoch), newest first: what model selectors offer.
    std::vector<pulc::engine::RunSummary> usableRuns() const;
    /// Finished runs only, newest first (teachers).
    std::vector<pulc::engine::RunSummary> finishedRuns() const;
    /// The session's project folder (empty without a project).
    QString projectDir() const;

public Q_SLOTS:
    /// Reads the runs again (after a run started, finished, or was edited elsewhere).
    void refresh();
    /// Renames run `id`; failed() names the problem (name taken, empty).
    void rename(qint64 id, const QString &name);
    /// Deletes run `id` with its folder (refused while it trains).
    void remove(qint64 id);

Q_SIGNALS:
    /// runs() changed.
    void changed();
    /// A read, rename or delete failed: English text from the library.
    void failed(const QString &error);

private:
    void clear();
    /// Renames (or deletes, with `removeRun`) in a worker, then reads the runs again.
    void edit(qint64 id, const QString &name, bool removeRun);
    quint64 m_generation = 0;
    ProjectSession *m_session;
    std::vector<pulc::engine::RunSummary> m_runs;
};

} // namespace pulc::ui
