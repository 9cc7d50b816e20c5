#pragma once

#include "project.h"
#include "result.h"

#include <QJsonObject>
#include <QString>

#include <optional>
#include <vector>

namespace pulc::dataset {

// Weights files a project has met (schema v3 table `models`): the pretrained file a run started
// from, a PaddleClas file imported as a run, a run's weights exported as a .pdparams. Every
// function runs on the thread that owns the Project (its connection); each write is one
// transaction.

/// One row of the `models` table.
struct ModelFileRecord
{
    qint64 id = 0;
    std::optional<qint64> runId; ///< unset when the run was deleted (ON DELETE SET NULL)
    QString format;              ///< "pdparams", "checkpoint", ...
    QString path;      ///< as stored: relative to the project folder when inside it, with '/'
    QString createdAt; ///< ISO 8601, UTC
    QJsonObject info;  ///< free-form facts; "role" says why the file is recorded

    /// info["role"]: "pretrained", "imported", "exported", or "" when not set.
    QString role() const;
};

/// Records `path` (absolute; stored with Project::storedPath()) in `format` for run `runId`
/// (none: std::nullopt). Fails on an empty format, a relative path or an unknown run, naming
/// what was wrong. Returns the new row's id.
Result<qint64> addModelFile(Project &project, std::optional<qint64> runId, const QString &format,
                            const QString &path, const QJsonObject &info);

/// Every row, oldest first (by id). A row whose info text is not a JSON object reads as {}.
Result<std::vector<ModelFileRecord>> listModelFiles(Project &project);

/// Removes row `id`; fails when there is none. The file itself is not touched.
Status removeModelFile(Project &project, qint64 id);

} // namespace pulc::dataset
