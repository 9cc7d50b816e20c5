#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

namespace pulc::cli {

/// The --json option every command takes.
const QCommandLineOption &jsonOption();

/// --project DIR (-p): the project folder, for every command that works on one.
const QCommandLineOption &projectOption();

/// --threads N: compute threads, default 2.
const QCommandLineOption &threadsOption();

/// Adds --json and --help to `parser` and parses `args` (args[0] is the command name).
/// Returns false when the command should stop: a usage error was printed (*exitCode 2) or the
/// help was shown (*exitCode 0).
bool parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
                  int *exitCode);

/// Reads `option` as a whole number from 1 to `max` into *value. Otherwise prints a usage error
/// naming the option and the value, sets *exitCode (kExitUsage) and returns false.
bool positiveInt(const QCommandLineParser &parser, const QCommandLineOption &option, int max,
                 int *value, bool json, int *exitCode);

/// False, a usage error and *exitCode kExitUsage when --project is not given.
bool requireProject(const QCommandLineParser &parser, bool json, int *exitCode);

/// For commands that take no positional argument: false, a usage error naming the first one and
/// *exitCode kExitUsage when there is one.
bool noPositionalArguments(const QCommandLineParser &parser, bool json, int *exitCode);

} // namespace pulc::cli
