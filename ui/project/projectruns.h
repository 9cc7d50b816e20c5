#pragma once

#include <engine/pretrained.h>
#include <engine/projectjobs.h>

#include <QObject>
#include <QString>
#include <QStringList>

#include <vector>

namespace pulc::ui {

class LatestJob;
class ProjectSession;

/// The open project's training runs, shared by the Train, Evaluate and Predict pages (the runs
/// list, the teacher and model selectors). Reading, renaming and deleting run in a worker thread
/// that opens its own database connection (STYLE.md 2); results of an outdated read (another
/// project opened, or a newer read, meanwhile: a LatestJob) are dropped. GUI thread.
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
    /// Weights files the project has used (pretrained, imported, exported), newest first, as
    /// last read with the runs: the Train page's "Start from" list.
    const std::vector<pulc::engine::ProjectWeightsFile> &weightsFiles() const
    {
        return m_weightsFiles;
    }

public Q_SLOTS:
    /// Reads the runs again (after a run started, finished, or was edited elsewhere).
    void refresh();
    /// Renames run `id`; failed() names the problem (name taken, empty).
    void rename(qint64 id, const QString &name);
    /// Deletes run `id` with its folder (refused while it trains).
    void remove(qint64 id);
    /// Imports a PaddleClas weights file (a PULC scene model, `<scene>_pretrained.pdparams`) as
    /// a finished run, in a worker; `scene` empty lets the engine infer it. The config.yaml and
    /// labels.txt that `pulc export --format pdparams` writes beside the file are used when they
    /// belong to it (pulc::engine::weightsCompanions). Ends with
    /// modelImported() or failed(), then reads the runs again.
    void importModel(const QString &file, const QString &scene);

Q_SIGNALS:
    /// runs() changed.
    void changed();
    /// A read, rename, delete or import failed: English text from the library.
    void failed(const QString &error);
    /// importModel() created run `runId`; `summary` says what it is (model, scene, classes) and
    /// `notes` what the user should know (class names taken from the scene template, ...).
    void modelImported(qint64 runId, const QString &summary, const QStringList &notes);

private:
    void clear();
    /// Renames (or deletes, with `removeRun`) in a worker, then reads the runs again.
    void edit(qint64 id, const QString &name, bool removeRun);
    ProjectSession *m_session;
    LatestJob *m_read; ///< reads the runs; renames, deletes and imports each run to the end
    std::vector<pulc::engine::RunSummary> m_runs;
    std::vector<pulc::engine::ProjectWeightsFile> m_weightsFiles;
};

} // namespace pulc::ui
