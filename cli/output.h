#pragma once

#include "dataset/stringconv.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <string>

namespace pulc::dataset {
struct ImportReport;
struct DatasetStats;
struct DuplicateGroup;
} // namespace pulc::dataset

namespace pulc::cli {

/// An engine string (UTF-8) as a QString: the one conversion of dataset/stringconv.h.
using dataset::qstr;

/// Exit codes of the CLI contract.
enum ExitCode { kExitOk = 0, kExitFailure = 1, kExitUsage = 2 };

/// Prints one JSON object on stdout, compact, newline-terminated.
void printJson(const QJsonObject &object);
/// Prints a line on stdout / stderr (UTF-8).
void printOut(const QString &line);
void printErr(const QString &line);

/// Reports an error: JSON `{"error": message}` on stdout with --json, and the message on
/// stderr always. Returns `code` for convenient `return fail(...)`.
int fail(bool json, const QString &message, int code = kExitFailure);

QJsonObject toJson(const dataset::ImportReport &report);
QJsonObject toJson(const dataset::DatasetStats &stats);
QJsonObject toJson(const dataset::DuplicateGroup &group);

/// Human-readable summaries.
QStringList describe(const dataset::ImportReport &report);
QStringList describe(const dataset::DatasetStats &stats);

} // namespace pulc::cli
