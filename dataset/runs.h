#pragma once

#include "project.h"
#include "result.h"

#include <QString>

#include <optional>
#include <vector>

namespace pulc::dataset {

// Training runs of a project (schema v3 tables `runs` and `run_metrics`). Every function runs on
// the thread that owns the Project (its connection); a trainer thread opens its own Project on
// the same folder. Each write is one transaction.

/// One row of the `runs` table.
struct RunRecord
{
    qint64 id = 0;
    QString name;                      ///< unique among the project's runs
    QString scene;                     ///< PULC scene key, or "custom"
    QString model;                     ///< network name, e.g. "PPLCNet_x1_0"
    QString config;                    ///< the run's configuration text (JSON or YAML)
    QString status;                    ///< created, running, stopped, failed or finished
    QString dir;                       ///< stored path of the run folder, "runs/<id>"
    QString createdAt;                 ///< ISO 8601, UTC
    std::optional<QString> startedAt;  ///< first time the run became 'running'
    std::optional<QString> finishedAt; ///< last time it became finished, failed or stopped
    std::optional<int> bestEpoch;
    std::optional<QString> mainMetric; ///< key of the metric that picks the best epoch
    std::optional<double> bestValue;
    std::optional<qint64> teacherRun; ///< run whose model taught this one (distillation)
};

/// One value logged by a run: `key` (e.g. "train/loss", "val/top1") at an epoch and step.
struct RunMetric
{
    int epoch = 0;
    qint64 step = 0;
    QString key;
    double value = 0.0;

    bool operator==(const RunMetric &) const = default;
};

/// The statuses a run can have, as stored.
inline constexpr const char *kRunStatuses[] = {"created", "running", "stopped", "failed",
                                               "finished"};

/// Adds a run with status 'created', created_at now, and creates its folder `runs/<id>` under
/// the project. `name` must not be used by another run; an empty name becomes "run-<id>".
Result<RunRecord> createRun(Project &project, const QString &name, const QString &scene,
                            const QString &model, const QString &configText);

/// Changes the status. Becoming 'running' sets started_at the first time only; becoming
/// finished, failed or stopped sets finished_at. Fails on an unknown status or run.
Status setRunStatus(Project &project, qint64 id, const QString &status);

/// Records the best epoch so far and the value of its main metric.
Status setRunBest(Project &project, qint64 id, int epoch, const QString &metric, double value);

/// Replaces the stored configuration text.
Status setRunConfig(Project &project, qint64 id, const QString &configText);

/// Appends metric values to a run, all in one transaction (none is stored when one fails). A NaN
/// value cannot be stored (SQLite keeps NaN as NULL): the batch is refused with its key named,
/// so a trainer should report divergence itself rather than log the NaN.
Status addRunMetrics(Project &project, qint64 runId, const std::vector<RunMetric> &metrics);

/// Every run, ordered by id.
Result<std::vector<RunRecord>> listRuns(Project &project);

/// The run whose id is `idOrName` when it is a number, otherwise the run of that name.
Result<RunRecord> findRun(Project &project, const QString &idOrName);

/// The metrics of a run, ordered as logged (epoch, step, then insertion); only those of `key`
/// when it is not empty.
Result<std::vector<RunMetric>> runMetrics(Project &project, qint64 runId, const QString &key = {});

/// Renames a run; fails when the name is empty or used by another run.
Status renameRun(Project &project, qint64 id, const QString &newName);

/// Deletes a run, its metrics and its folder. A run whose status is 'running' is refused
/// unless `force` is set (its trainer may still be writing there). Exported models keep their
/// rows (run_id becomes NULL).
Status deleteRun(Project &project, qint64 id, bool force = false);

/// The absolute path of the run's folder.
QString runDirectory(Project &project, const RunRecord &run);

} // namespace pulc::dataset
