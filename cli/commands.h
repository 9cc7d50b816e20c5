#pragma once

#include <QString>
#include <QStringList>

namespace pulc::cli {

// One function per `pulc` command. `args` starts with the command name; each returns the
// process exit code. They run on the main thread and print their own output.
int cmdProject(const QStringList &args);
int cmdImport(const QStringList &args);
int cmdStats(const QStringList &args);
int cmdSplit(const QStringList &args);
int cmdExportDataset(const QStringList &args);
int cmdDemo(const QStringList &args);
int cmdModels(const QStringList &args);
int cmdTrain(const QStringList &args);
int cmdRuns(const QStringList &args);
int cmdEval(const QStringList &args);
int cmdPredict(const QStringList &args);
int cmdExport(const QStringList &args);
int cmdImportModel(const QStringList &args);
int cmdInspectWeights(const QStringList &args);
int cmdBench(const QStringList &args);
int cmdVersion(const QStringList &args);

/// OpenCV's version string (kept here so cli.cpp needs no OpenCV header).
QString opencvVersion();

} // namespace pulc::cli
