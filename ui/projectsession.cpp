#include "projectsession.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace pulc::ui {

ProjectSnapshot loadProjectSnapshot(const QString &dir)
{
    ProjectSnapshot snap;
    try {
        auto project = pulc::dataset::Project::open(dir);
        if (!project) {
            snap.error = project.error();
            return snap;
        }
        auto stats = pulc::dataset::computeStats(*project);
        if (!stats) {
            snap.error = stats.error();
            return snap;
        }
        snap.dir = project->dir();
        snap.info = project->info();
        snap.stats = stats.value();
    } catch (const std::exception &e) {
        // No exception may escape into QtConcurrent: it would end up in the GUI thread.
        snap.error = QString::fromLocal8Bit(e.what());
    }
    return snap;
}

ProjectSession::ProjectSession(QObject *parent)
    : QObject(parent)
{}

ProjectSession::~ProjectSession()
{
    // Workers hold no pointer to us; their watchers are our children and are destroyed with
    // us, which disconnects them. A still-running worker finishes on its own.
    ++m_generation;
}

void ProjectSession::open(const QString &dirOrFile)
{
    start(dirOrFile, true);
}

void ProjectSession::refresh()
{
    if (hasProject())
        start(m_snapshot.dir, false);
}

void ProjectSession::close()
{
    ++m_generation;
    m_snapshot = {};
    if (m_loading) {
        m_loading = false;
        Q_EMIT loadingChanged(false);
    }
    Q_EMIT projectClosed();
}

void ProjectSession::start(const QString &dirOrFile, bool opening)
{
    const quint64 generation = ++m_generation;
    auto *watcher = new QFutureWatcher<ProjectSnapshot>(this);
    connect(watcher, &QFutureWatcher<ProjectSnapshot>::finished, this,
            [this, watcher, generation, opening, dirOrFile] {
                finish(watcher, generation, opening, dirOrFile);
            });
    watcher->setFuture(QtConcurrent::run(&loadProjectSnapshot, dirOrFile));
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
}

void ProjectSession::finish(QFutureWatcher<ProjectSnapshot> *watcher, quint64 generation,
                            bool opening, const QString &requested)
{
    watcher->deleteLater();
    if (generation != m_generation)
        return; // a newer request is on its way
    ProjectSnapshot snap = watcher->result();
    m_loading = false;
    Q_EMIT loadingChanged(false);
    if (!snap.error.isEmpty()) {
        Q_EMIT openFailed(requested, snap.error);
        return;
    }
    const bool replaced = opening || snap.dir != m_snapshot.dir;
    m_snapshot = std::move(snap);
    if (replaced)
        Q_EMIT projectOpened(m_snapshot.dir);
    Q_EMIT statsChanged();
}

} // namespace pulc::ui
