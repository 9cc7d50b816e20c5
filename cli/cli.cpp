#include "cli.h"

#include "commands.h"
#include "output.h"

#include "engine/engineinfo.h"

#include <QCoreApplication>
#include <QJsonObject>
#include <QStringList>

namespace pulc::cli {
namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*handler)(const QStringList &args);
};

const Command kCommands[] = {
    {"project", "project init DIR: create a project (--task single|multi|binary)", &cmdProject},
    {"import", "import SRC --project DIR: add images (folders, PaddleClas lists, CSV, IDX)",
     &cmdImport},
    {"stats", "stats --project DIR: counts per class and split, warnings", &cmdStats},
    {"split", "split --project DIR --val F --test F: stratified, seeded split", &cmdSplit},
    {"export-dataset", "export-dataset --project DIR --format paddle-list|folders OUT",
     &cmdExportDataset},
    {"demo", "demo DIR: create the Fashion-MNIST demo project", &cmdDemo},
    {"models", "models [--classes N] [--input HxW]: parameters and MACs of each model", &cmdModels},
    {"train",
     "train --project DIR [--scene S] [--model M] [--config FILE] [--set K=V] [--pretrained "
     "FILE] [--resume RUN]: train a run",
     &cmdTrain},
    {"runs", "runs --project DIR: the project's training runs", &cmdRuns},
    {"eval", "eval --project DIR --run RUN [--split val|test]: metrics of a run's model", &cmdEval},
    {"predict",
     "predict (--model BUNDLE|RUN_DIR|CKPT | --project DIR --run RUN) IMAGE...: classify images",
     &cmdPredict},
    {"export",
     "export --project DIR --run RUN --out DIR [--format onnx|torch|pdparams]: a deployment "
     "bundle, or PaddleClas weights",
     &cmdExport},
    {"import-model",
     "import-model FILE --project DIR [--scene S] [--model M] [--name RUN]: a PaddleClas "
     ".pdparams as a finished run",
     &cmdImportModel},
    {"inspect-weights", "inspect-weights FILE: the model, classes and tensors of a weights file",
     &cmdInspectWeights},
    {"bench", "bench infer --model MODEL [--image FILE]: inference latency on this machine",
     &cmdBench},
    {"version", "version: versions of PULC Studio and its libraries", &cmdVersion},
};

QString usage()
{
    QStringList lines{
        QStringLiteral("Usage: pulc COMMAND [options]   (pulc COMMAND --help for more)"), QString(),
        QStringLiteral("Commands:")};
    for (const Command &c : kCommands)
        lines << QStringLiteral("  %1").arg(QString::fromLatin1(c.summary));
    lines << QString()
          << QStringLiteral("Every command takes --json to print one JSON object on stdout.")
          << QStringLiteral("Exit codes: 0 success, 1 failure, 2 bad usage.");
    return lines.join(QLatin1Char('\n'));
}

} // namespace

int cmdVersion(const QStringList &args)
{
    const bool json = args.contains(QStringLiteral("--json"));
    const engine::EngineInfo info = engine::engineInfo();
    const QString torch = QString::fromStdString(info.torchVersion);
    if (json) {
        printJson({{QStringLiteral("pulc"), QStringLiteral(PULC_VERSION)},
                   {QStringLiteral("qt"), QString::fromLatin1(qVersion())},
                   {QStringLiteral("libtorch"), torch},
                   {QStringLiteral("opencv"), opencvVersion()},
                   {QStringLiteral("threads"), info.intraOpThreads},
                   {QStringLiteral("openmp"), info.openmpAvailable},
                   {QStringLiteral("mkldnn"), info.mkldnnAvailable}});
    } else {
        printOut(QStringLiteral("pulc %1 (Qt %2, LibTorch %3, OpenCV %4; %5 threads)")
                     .arg(QStringLiteral(PULC_VERSION), QString::fromLatin1(qVersion()), torch,
                          opencvVersion())
                     .arg(info.intraOpThreads));
    }
    return kExitOk;
}

int run(int argc, char **argv)
{
    QStringList args;
    for (int i = 1; i < argc; ++i)
        args << QString::fromLocal8Bit(argv[i]);
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h") || args.first() == QLatin1String("help")) {
        printOut(usage());
        return args.isEmpty() ? kExitUsage : kExitOk;
    }
    if (args.first() == QLatin1String("--version"))
        return cmdVersion(args.mid(1));
    for (const Command &c : kCommands) {
        if (args.first() == QLatin1String(c.name))
            return c.handler(args);
    }
    return fail(args.contains(QStringLiteral("--json")),
                QStringLiteral("unknown command '%1'\n%2").arg(args.first(), usage()), kExitUsage);
}

} // namespace pulc::cli
