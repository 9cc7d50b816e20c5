#include "ui/project/projectruns.h"
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
#include "ui/project/projectsession.h"

#include "engine/projectjobs.h"
#include <dataset/project.h>
#include <dataset/runs.h>

#include "engine/projectjobs.h"
#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include "engine/projectjobs.h"
#include <algorithm>

#include "engine/projectjobs.h"
namespace pulc::ui {
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
namespace {
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
struct Listing
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    std::vector<pulc::engine::RunSummary> runs;
#include "engine/projectjobs.h"
    std::vector<pulc::engine::ProjectWeightsFile> weightsFiles;
#include "engine/projectjobs.h"
    QString error;
#include "engine/projectjobs.h"
};
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
Listing readRuns(const QString &dir)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    Listing listing;
#include "engine/projectjobs.h"
    std::string error;
#include "engine/projectjobs.h"
    if (!pulc::engine::listProjectRuns(dir.toStdString(), &listing.runs, &error))
#include "engine/projectjobs.h"
        listing.error = QString::fromStdString(error);
#include "engine/projectjobs.h"
    else
#include "engine/projectjobs.h"
        listing.weightsFiles = pulc::engine::projectWeightsFiles(dir.toStdString());
#include "engine/projectjobs.h"
    return listing;
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
struct ImportOutcome
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    pulc::engine::ImportModelResult result;
#include "engine/projectjobs.h"
    QString error;
#include "engine/projectjobs.h"
};
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
ImportOutcome importFile(const QString &dir, const QString &file, const QString &scene)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    ImportOutcome outcome;
#include "engine/projectjobs.h"
    pulc::engine::ImportModelRequest request;
#include "engine/projectjobs.h"
    request.file = file.toStdString();
#include "engine/projectjobs.h"
    request.projectDir = dir.toStdString();
#include "engine/projectjobs.h"
    request.scene = scene.toStdString();
#include "engine/projectjobs.h"
    // The config.yaml and labels.txt `pulc export --format pdparams` writes beside the weights.
#include "engine/projectjobs.h"
    const pulc::engine::WeightsCompanions companions =
#include "engine/projectjobs.h"
        pulc::engine::weightsCompanions(request.file);
#include "engine/projectjobs.h"
    request.configFile = companions.configFile;
#include "engine/projectjobs.h"
    request.labelsFile = companions.labelsFile;
#include "engine/projectjobs.h"
    std::string error;
#include "engine/projectjobs.h"
    if (!pulc::engine::importModelIntoProject(request, &outcome.result, &error))
#include "engine/projectjobs.h"
        outcome.error = QString::fromStdString(error);
#include "engine/projectjobs.h"
    return outcome;
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
/// Renames or deletes in the worker's own connection; the error text, or empty.
#include "engine/projectjobs.h"
QString editRun(const QString &dir, qint64 id, const QString &newName, bool remove)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    auto project = pulc::dataset::Project::open(dir);
#include "engine/projectjobs.h"
    if (!project)
#include "engine/projectjobs.h"
        return project.error();
#include "engine/projectjobs.h"
    const pulc::dataset::Status status = remove ? pulc::dataset::deleteRun(*project, id)
#include "engine/projectjobs.h"
                                                : pulc::dataset::renameRun(*project, id, newName);
#include "engine/projectjobs.h"
    return status ? QString() : status.error;
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
bool hasCheckpoint(const pulc::engine::RunSummary &run)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    const QString dir = QString::fromStdString(run.dir);
#include "engine/projectjobs.h"
    return QFileInfo::exists(dir + QStringLiteral("/best.ckpt")) ||
#include "engine/projectjobs.h"
           QFileInfo::exists(dir + QStringLiteral("/last.ckpt"));
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
} // namespace
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
ProjectRuns::ProjectRuns(ProjectSession *session, QObject *parent)
#include "engine/projectjobs.h"
    : QObject(parent)
#include "engine/projectjobs.h"
    , m_session(session)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    connect(session, &ProjectSession::projectOpened, this, &ProjectRuns::refresh);
#include "engine/projectjobs.h"
    connect(session, &ProjectSession::projectClosed, this, &ProjectRuns::clear);
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
ProjectRuns::~ProjectRuns() = default;
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
const pulc::engine::RunSummary *ProjectRuns::find(qint64 id) const
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    for (const auto &run : m_runs) {
#include "engine/projectjobs.h"
        if (run.id == id)
#include "engine/projectjobs.h"
            return &run;
#include "engine/projectjobs.h"
    }
#include "engine/projectjobs.h"
    return nullptr;
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
std::vector<pulc::engine::RunSummary> ProjectRuns::usableRuns() const
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    std::vector<pulc::engine::RunSummary> usable;
#include "engine/projectjobs.h"
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
#include "engine/projectjobs.h"
        if (it->status != "failed" && it->status != "created" && hasCheckpoint(*it))
#include "engine/projectjobs.h"
            usable.push_back(*it);
#include "engine/projectjobs.h"
    }
#include "engine/projectjobs.h"
    return usable;
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
std::vector<pulc::engine::RunSummary> ProjectRuns::finishedRuns() const
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    std::vector<pulc::engine::RunSummary> finished;
#include "engine/projectjobs.h"
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
#include "engine/projectjobs.h"
        if (it->status == "finished" && hasCheckpoint(*it))
#include "engine/projectjobs.h"
            finished.push_back(*it);
#include "engine/projectjobs.h"
    }
#include "engine/projectjobs.h"
    return finished;
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
QString ProjectRuns::projectDir() const
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    return m_session->dir();
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
void ProjectRuns::clear()
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    ++m_generation;
#include "engine/projectjobs.h"
    m_runs.clear();
#include "engine/projectjobs.h"
    m_weightsFiles.clear();
#include "engine/projectjobs.h"
    Q_EMIT changed();
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
void ProjectRuns::refresh()
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    const QString dir = m_session->dir();
#include "engine/projectjobs.h"
    const quint64 generation = ++m_generation;
#include "engine/projectjobs.h"
    if (dir.isEmpty()) {
#include "engine/projectjobs.h"
        m_runs.clear();
#include "engine/projectjobs.h"
        Q_EMIT changed();
#include "engine/projectjobs.h"
        return;
#include "engine/projectjobs.h"
    }
#include "engine/projectjobs.h"
    auto *watcher = new QFutureWatcher<Listing>(this);
#include "engine/projectjobs.h"
    connect(watcher, &QFutureWatcher<Listing>::finished, this, [this, watcher, generation] {
#include "engine/projectjobs.h"
        watcher->deleteLater();
#include "engine/projectjobs.h"
        if (generation != m_generation)
#include "engine/projectjobs.h"
            return; // another project, or a newer read
#include "engine/projectjobs.h"
        Listing listing = watcher->result();
#include "engine/projectjobs.h"
        if (!listing.error.isEmpty()) {
#include "engine/projectjobs.h"
            Q_EMIT failed(listing.error);
#include "engine/projectjobs.h"
            return;
#include "engine/projectjobs.h"
        }
#include "engine/projectjobs.h"
        m_runs = std::move(listing.runs);
#include "engine/projectjobs.h"
        m_weightsFiles = std::move(listing.weightsFiles);
#include "engine/projectjobs.h"
        Q_EMIT changed();
#include "engine/projectjobs.h"
    });
#include "engine/projectjobs.h"
    watcher->setFuture(QtConcurrent::run(readRuns, dir));
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
void ProjectRuns::rename(qint64 id, const QString &name)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    edit(id, name, false);
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
void ProjectRuns::remove(qint64 id)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    edit(id, QString(), true);
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
void ProjectRuns::edit(qint64 id, const QString &name, bool removeRun)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    const QString dir = m_session->dir();
#include "engine/projectjobs.h"
    auto *watcher = new QFutureWatcher<QString>(this);
#include "engine/projectjobs.h"
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
#include "engine/projectjobs.h"
        watcher->deleteLater();
#include "engine/projectjobs.h"
        if (!watcher->result().isEmpty())
#include "engine/projectjobs.h"
            Q_EMIT failed(watcher->result());
#include "engine/projectjobs.h"
        refresh();
#include "engine/projectjobs.h"
    });
#include "engine/projectjobs.h"
    watcher->setFuture(QtConcurrent::run(editRun, dir, id, name, removeRun));
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
void ProjectRuns::importModel(const QString &file, const QString &scene)
#include "engine/projectjobs.h"
{
#include "engine/projectjobs.h"
    const QString dir = m_session->dir();
#include "engine/projectjobs.h"
    if (dir.isEmpty())
#include "engine/projectjobs.h"
        return;
#include "engine/projectjobs.h"
    auto *watcher = new QFutureWatcher<ImportOutcome>(this);
#include "engine/projectjobs.h"
    connect(watcher, &QFutureWatcher<ImportOutcome>::finished, this, [this, watcher] {
#include "engine/projectjobs.h"
        watcher->deleteLater();
#include "engine/projectjobs.h"
        const ImportOutcome outcome = watcher->result();
#include "engine/projectjobs.h"
        if (!outcome.error.isEmpty()) {
#include "engine/projectjobs.h"
            Q_EMIT failed(outcome.error);
#include "engine/projectjobs.h"
            return;
#include "engine/projectjobs.h"
        }
#include "engine/projectjobs.h"
        const pulc::engine::ImportModelResult &r = outcome.result;
#include "engine/projectjobs.h"
        QStringList classes, notes;
#include "engine/projectjobs.h"
        for (const std::string &c : r.classes)
#include "engine/projectjobs.h"
            classes << QString::fromStdString(c);
#include "engine/projectjobs.h"
        for (const std::string &m : r.messages)
#include "engine/projectjobs.h"
            notes << QString::fromStdString(m);
#include "engine/projectjobs.h"
        const QString summary =
#include "engine/projectjobs.h"
            tr("Run “%1”: %2, scene %3, classes %4")
#include "engine/projectjobs.h"
                .arg(QString::fromStdString(r.runName), QString::fromStdString(r.model),
#include "engine/projectjobs.h"
                     QString::fromStdString(r.scene), classes.join(QStringLiteral(", ")));
#include "engine/projectjobs.h"
        refresh();
#include "engine/projectjobs.h"
        Q_EMIT modelImported(r.runId, summary, notes);
#include "engine/projectjobs.h"
    });
#include "engine/projectjobs.h"
    watcher->setFuture(QtConcurrent::run(importFile, dir, file, scene));
#include "engine/projectjobs.h"
}
#include "engine/projectjobs.h"

#include "engine/projectjobs.h"
} // namespace pulc::ui
#include "engine/projectjobs.h"
