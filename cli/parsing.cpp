#include "parsing.h"

#include "output.h"

namespace pulc::cli {

const QCommandLineOption &jsonOption()
{
    static const QCommandLineOption option(QStringLiteral("json"),
                                           QStringLiteral("Print one JSON object on stdout."));
    return option;
}

const QCommandLineOption &projectOption()
{
    static const QCommandLineOption option(
        QStringList{QStringLiteral("project"), QStringLiteral("p")},
        QStringLiteral("The project folder."), QStringLiteral("DIR"));
    return option;
}

const QCommandLineOption &threadsOption()
{
    static const QCommandLineOption option(QStringLiteral("threads"),
                                           QStringLiteral("Compute threads (default 2)."),
                                           QStringLiteral("N"), QStringLiteral("2"));
    return option;
}

const QCommandLineOption &runOption()
{
    static const QCommandLineOption option(
        QStringLiteral("run"), QStringLiteral("A run, by id or name."), QStringLiteral("RUN"));
    return option;
}

bool startCommand(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
                  CommonOptions *common, int *exitCode)
{
    parser.setApplicationDescription(synopsis);
    parser.addOption(jsonOption());
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    // args[0] is the command name, which QCommandLineParser takes as the program name.
    if (!parser.parse(args)) {
        *exitCode = fail(args.contains(QStringLiteral("--json")), parser.errorText(), kExitUsage);
        return false;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().replace(QStringLiteral("pulc [options]"),
                                           QStringLiteral("pulc ") + args.first() +
                                               QStringLiteral(" [options]")));
        *exitCode = kExitOk;
        return false;
    }
    common->json = parser.isSet(jsonOption());
    // Looked up by the names found on the command line: parser.value() of an option the parser
    // does not define prints a warning, and a command without --project failed to parse it.
    const QStringList given = parser.optionNames();
    for (const QString &name : projectOption().names()) {
        if (given.contains(name)) {
            common->projectDir = parser.value(projectOption());
            break;
        }
    }
    return true;
}

bool readThreads(const QCommandLineParser &parser, CommonOptions *common, int *exitCode)
{
    return positiveInt(parser, threadsOption(), 256, &common->threads, common->json, exitCode);
}

std::optional<QString> optionalValue(const QCommandLineParser &parser,
                                     const QCommandLineOption &option)
{
    if (!parser.isSet(option))
        return std::nullopt;
    return parser.value(option);
}

bool positiveInt(const QCommandLineParser &parser, const QCommandLineOption &option, int max,
                 int *value, bool json, int *exitCode)
{
    bool ok = false;
    *value = parser.value(option).toInt(&ok);
    if (!ok || *value < 1 || *value > max) {
        *exitCode = fail(json,
                         QStringLiteral("--%1: expected a whole number from 1 to %2, got '%3'")
                             .arg(option.names().first())
                             .arg(max)
                             .arg(parser.value(option)),
                         kExitUsage);
        return false;
    }
    return true;
}

bool requireProject(const CommonOptions &common, int *exitCode)
{
    if (common.projectDir)
        return true;
    *exitCode = fail(common.json, QStringLiteral("--project DIR is required"), kExitUsage);
    return false;
}

bool noPositionalArguments(const QCommandLineParser &parser, bool json, int *exitCode)
{
    if (parser.positionalArguments().isEmpty())
        return true;
    *exitCode = fail(
        json, QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().at(0)),
        kExitUsage);
    return false;
}

} // namespace pulc::cli
