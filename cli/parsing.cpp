#include "parsing.h"

#include "output.h"

namespace pulc::cli {

const QCommandLineOption &jsonOption()
{
    static const QCommandLineOption option(QStringLiteral("json"),
                                           QStringLiteral("Print one JSON object on stdout."));
    return option;
}

bool parseCommand(QCommandLineParser &parser, const QStringList &args, const QString &synopsis,
                  int *exitCode)
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
    return true;
}

} // namespace pulc::cli
