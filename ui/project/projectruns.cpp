#include "ui/project/projectruns.h"

#include "ui/common/latestjob.h"
#include "ui/project/projectsession.h"

#include <dataset/project.h>
#include <dataset/runs.h>

#include <QFileInfo>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

namespace pulc::ui {

namespace {

struct Listing
{
    std::vector<pulc::engine::RunSummary> runs;
    std::vector<pulc::engine::ProjectWeightsFile> weightsFiles;
    QString error;
};

Listing readRuns(const QString &dir)
{
    Listing listing;
    std::string error;
    if (!pulc::engine::listProjectRuns(dir.toStdString(), &listing.runs, &error))
        listing.error = QString::fromStdString(error);
    else
        listing.weightsFiles = pulc::engine::projectWeightsFiles(dir.toStdString());
    return listing;
}

struct ImportOutcome
{
    pulc::engine::ImportModelResult result;
    QString error;
};

ImportOutcome importFile(const QString &dir, const QString &file, const QString &scene)
{
    ImportOutcome outcome;
    pulc::engine::ImportModelRequest request;
    request.file = file.toStdString();
    request.projectDir = dir.toStdString();
    request.scene = scene.toStdString();
    // The config.yaml and labels.txt `pulc export --format pdparams` writes beside the weights.
    const pulc::engine::WeightsCompanions companions =
        pulc::engine::weightsCompanions(request.file);
    request.configFile = companions.configFile;
    request.labelsFile = companions.labelsFile;
    std::string error;
    if (!pulc::engine::importModelIntoProject(request, &outcome.result, &error))
        outcome.error = QString::fromStdString(error);
    return outcome;
}

/// Renames or deletes in the worker's own connection; the error text, or empty.
QString editRun(const QString &dir, qint64 id, const QString &newName, bool remove)
{
    auto project = pulc::dataset::Project::open(dir);
    if (!project)
        return project.error();
    const pulc::dataset::Status status = remove ? pulc::dataset::deleteRun(*project, id)
                                                : pulc::dataset::renameRun(*project, id, newName);
    return status ? QString() : status.error;
}

bool hasCheckpoint(const pulc::engine::RunSummary &run)
{
    const QString dir = QString::fromStdString(run.dir);
    return QFileInfo::exists(dir + QStringLiteral("/best.ckpt")) ||
           QFileInfo::exists(dir + QStringLiteral("/last.ckpt"));
}

} // namespace

ProjectRuns::ProjectRuns(ProjectSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_read(new LatestJob(this))
{
    connect(session, &ProjectSession::projectOpened, this, &ProjectRuns::refresh);
    connect(session, &ProjectSession::projectClosed, this, &ProjectRuns::clear);
}

ProjectRuns::~ProjectRuns() = default;

const pulc::engine::RunSummary *ProjectRuns::find(qint64 id) const
{
    for (const auto &run : m_runs) {
        if (run.id == id)
            return &run;
    }
    return nullptr;
}

std::vector<pulc::engine::RunSummary> ProjectRuns::usableRuns() const
{
    std::vector<pulc::engine::RunSummary> usable;
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
        if (it->status != "failed" && it->status != "created" && hasCheckpoint(*it))
            usable.push_back(*it);
    }
    return usable;
}

std::vector<pulc::engine::RunSummary> ProjectRuns::finishedRuns() const
{
    std::vector<pulc::engine::RunSummary> finished;
    for (auto it = m_runs.rbegin(); it != m_runs.rend(); ++it) {
        if (it->status == "finished" && hasCheckpoint(*it))
            finished.push_back(*it);
    }
    return finished;
}

QString ProjectRuns::projectDir() const
{
    return m_session->dir();
}

void ProjectRuns::clear()
{
    m_read->drop();
    m_runs.clear();
    m_weightsFiles.clear();
    Q_EMIT changed();
}

void ProjectRuns::refresh()
{
    const QString dir = m_session->dir();
    if (dir.isEmpty()) {
        m_read->drop();
        m_runs.clear();
        Q_EMIT changed();
        return;
    }
    // A read of another project, or an older read, is dropped.
    m_read->start([dir](LatestJob::Token &) { return readRuns(dir); },
                  [this](Listing listing) {
                      if (!listing.error.isEmpty()) {
                          Q_EMIT failed(listing.error);
                          return;
                      }
                      m_runs = std::move(listing.runs);
                      m_weightsFiles = std::move(listing.weightsFiles);
                      Q_EMIT changed();
                  });
}

void ProjectRuns::rename(qint64 id, const QString &name)
{
    edit(id, name, false);
}

void ProjectRuns::remove(qint64 id)
{
    edit(id, QString(), true);
}

void ProjectRuns::edit(qint64 id, const QString &name, bool removeRun)
{
    const QString dir = m_session->dir();
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher] {
        watcher->deleteLater();
        if (!watcher->result().isEmpty())
            Q_EMIT failed(watcher->result());
        refresh();
    });
    watcher->setFuture(QtConcurrent::run(editRun, dir, id, name, removeRun));
}

void ProjectRuns::importModel(const QString &file, const QString &scene)
{
    const QString dir = m_session->dir();
    if (dir.isEmpty())
        return;
    auto *watcher = new QFutureWatcher<ImportOutcome>(this);
    connect(watcher, &QFutureWatcher<ImportOutcome>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const ImportOutcome outcome = watcher->result();
        if (!outcome.error.isEmpty()) {
            Q_EMIT failed(outcome.error);
            return;
        }
        const pulc::engine::ImportModelResult &r = outcome.result;
        QStringList classes, notes;
        for (const std::string &c : r.classes)
            classes << QString::fromStdString(c);
        for (const std::string &m : r.messages)
            notes << QString::fromStdString(m);
        const QString summary =
            tr("Run “%1”: %2, scene %3, classes %4")
                .arg(QString::fromStdString(r.runName), QString::fromStdString(r.model),
                     QString::fromStdString(r.scene), classes.join(QStringLiteral(", ")));
        refresh();
        Q_EMIT modelImported(r.runId, summary, notes);
    });
    watcher->setFuture(QtConcurrent::run(importFile, dir, file, scene));
}

} // namespace pulc::ui
