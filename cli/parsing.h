#pragma once

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>

namespace pulc::cli {

/// The --json option every command takes.
const QCommandLineOption &jsonOption();

/// --project DIR (-p): the project folder, for every command that works on one.
const QCommandLineOption &projectOption();

/// --threads N: compute threads, default 2.
const QCommandLineOption &threadsOption();

/// --run RUN: a run of the project, by id or name.
const QCommandLineOption &runOption();

/// What every command reads at its start: startCommand() fills `json` and `projectDir`,
/// readThreads() fills `threads`.
struct CommonOptions
{
    bool json = false;                 ///< --json: one JSON object on stdout
    std::optional<QString> projectDir; ///< --project DIR, when the command takes it and it is given
    int threads = 2;                   ///< --threads N
};

/// The start every command shares, once its own options are on `parser`: adds --json and --help,
/// parses `args` (args[0] is the command name) and reads --json and --project into *common.
/// Returns false when the command should stop: a usage error was printed (*exitCode 2) or the
/// help was shown (*exitCode 0). The checks of --project and --threads stay separate calls
/// (requireProject(), readThreads()), placed among each command's own checks so that a command
/// line with several mistakes keeps reporting the same one first.
bool startCommand(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
                  CommonOptions *common, int *exitCode);

/// Reads --threads as a whole number from 1 to 256 into common->threads; otherwise a usage
/// error, *exitCode kExitUsage and false.
bool readThreads(const QCommandLineParser &parser, CommonOptions *common, int *exitCode);

/// The value of `option`, or nullopt when the command line does not give it.
std::optional<QString> optionalValue(const QCommandLineParser &parser,
                                     const QCommandLineOption &option);

/// Reads `option` as a whole number from 1 to `max` into *value. Otherwise prints a usage error
/// naming the option and the value, sets *exitCode (kExitUsage) and returns false.
bool positiveInt(const QCommandLineParser &parser, const QCommandLineOption &option, int max,
                 int *value, bool json, int *exitCode);

/// False, a usage error and *exitCode kExitUsage when --project is not given.
bool requireProject(const CommonOptions &common, int *exitCode);

/// For commands that take no positional argument: false, a usage error naming the first one and
/// *exitCode kExitUsage when there is one.
bool noPositionalArguments(const QCommandLineParser &parser, bool json, int *exitCode);

} // namespace pulc::cli
