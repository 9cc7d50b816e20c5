#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace pulc::cli {

/// The --json option every command takes.
const QCommandLineOption &jsonOption();

/// Adds --json and --help to `parser` and parses `args` (args[0] is the command name).
/// Returns false when the command should stop: a usage error was printed (*exitCode 2) or the
/// help was shown (*exitCode 0).
bool parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
                  int *exitCode);

} // namespace pulc::cli
