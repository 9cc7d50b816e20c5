#pragma once

#include <dataset/project.h>
#include <dataset/stats.h>

#include <QObject>
#include <QString>

template<class T> class QFutureWatcher;

namespace pulc::ui {

/// What a worker read from a project: a plain value, safe to hand across threads.
struct ProjectSnapshot
{
    QString dir;
    QString error; ///< empty on success; English text from the dataset library otherwise
    pulc::dataset::ProjectInfo info;
    pulc::dataset::DatasetStats stats;
};

/// Reads a project folder off the GUI thread: opens it, computes statistics.
/// Thread-safe; opens its own database connection and closes it before returning.
ProjectSnapshot loadProjectSnapshot(const QString &dir);

/// The project the window shows. Opening and refreshing run in a worker thread, which opens
/// its own pulc::dataset::Project (a QSqlDatabase connection stays in its thread); the GUI
/// thread only receives the snapshot. Results of an outdated request are dropped, so opening
/// B while A still loads never ends up showing A. GUI thread.
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
    /// New statistics for the open project, after open() or refresh().
    void statsChanged();
    void openFailed(const QString &dirOrFile, const QString &error);

private:
    void start(const QString &dirOrFile, bool opening);
    void finish(QFutureWatcher<ProjectSnapshot> *watcher, quint64 generation, bool opening,
                const QString &requested);

    ProjectSnapshot m_snapshot;
    quint64 m_generation = 0;
    bool m_loading = false;
};

} // namespace pulc::ui
