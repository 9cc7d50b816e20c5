#pragma once

#include "result.h"

#include <QSqlDatabase>

namespace pulc::dataset::schema {

/// Applies the single step that takes the schema from `fromVersion` to `fromVersion + 1`.
/// Version 0 is an empty file. Called inside a transaction by Database::migrate.
Status applyStep(QSqlDatabase &db, int fromVersion);

} // namespace pulc::dataset::schema
