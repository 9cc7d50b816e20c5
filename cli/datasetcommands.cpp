// The dataset commands of `pulc`: project, import, stats, split, export-dataset, demo.
#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "parsing.h"

#include "dataset/demo.h"
#include "dataset/exporter.h"
#include "dataset/importer.h"
#include "dataset/project.h"
#include "dataset/splitter.h"
#include "dataset/stats.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonObject>

#include <opencv2/core/version.hpp>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace pulc::cli {
namespace {

using namespace pulc::dataset;

const QCommandLineOption &kProjectDir = projectOption();
const QCommandLineOption
    kProgress(QStringLiteral("progress"),
              QStringLiteral("Print progress lines on stderr (default: when it is a terminal)."));

/// Progress on stderr, throttled; on by --progress or when stderr is a terminal (and not --json).
std::function<void(const ImportProgress &)> progressPrinter(bool enabled)
{
    if (!enabled)
        return {};
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto lastPhase = std::make_shared<QString>();
    return [timer, lastPhase](const ImportProgress &p) {
        if (p.phase == *lastPhase && timer->elapsed() < 250 && p.done != p.total)
            return;
        timer->restart();
        *lastPhase = p.phase;
        printErr(p.total > 0 ? QStringLiteral("%1 %2/%3").arg(p.phase).arg(p.done).arg(p.total)
                             : QStringLiteral("%1 %2").arg(p.phase).arg(p.done));
    };
}

ImportCallbacks interruptibleCallbacks(bool progress)
{
    watchInterrupt();
    ImportCallbacks cb;
    cb.progress = progressPrinter(progress);
    cb.shouldCancel = [] { return interrupted(); };
    return cb;
}

bool wantProgress(const QCommandLineParser &parser, const CommonOptions &common)
{
    return parser.isSet(kProgress) || (!common.json && isatty(STDERR_FILENO));
}

/// Opens the project named by --project; on failure prints and sets *exitCode.
std::optional<Project> openProject(const CommonOptions &common, int *exitCode)
{
    if (!requireProject(common, exitCode))
        return std::nullopt;
    auto project = Project::open(*common.projectDir);
    if (!project) {
        *exitCode = fail(common.json, project.error());
        return std::nullopt;
    }
    return std::move(project.value());
}

bool parseFraction(const QString &text, double *out)
{
    bool ok = false;
    *out = text.toDouble(&ok);
    return ok && *out >= 0 && *out < 1;
}

} // namespace

QString opencvVersion()
{
    return QStringLiteral(CV_VERSION);
}

int cmdProject(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption task(
        QStringLiteral("task"),
        QStringLiteral("single (one class per image), multi (attributes) or binary."),
        QStringLiteral("TYPE"), QStringLiteral("single"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Display name."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption positive(QStringLiteral("positive"),
                                      QStringLiteral("Binary projects: the positive class."),
                                      QStringLiteral("CLASS"));
    parser.addOptions({task, name, positive});
    parser.addPositionalArgument(QStringLiteral("init"), QStringLiteral("The sub-command."));
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("Folder of the new project."));
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(parser, args, QStringLiteral("Create a project folder with its database."),
                      &common, &code))
        return code;
    const bool json = common.json;
    const QStringList pos = parser.positionalArguments();
    if (pos.size() != 2 || pos[0] != QLatin1String("init"))
        return fail(json,
                    QStringLiteral(
                        "usage: pulc project init DIR [--task single|multi|binary] [--name NAME]"),
                    kExitUsage);
    const auto taskType = taskTypeFromString(parser.value(task));
    if (!taskType)
        return fail(json,
                    QStringLiteral("--task must be single, multi or binary, not '%1'")
                        .arg(parser.value(task)),
                    kExitUsage);
    ProjectInfo info;
    info.name = parser.value(name);
    info.task = *taskType;
    info.positiveClass = parser.value(positive);
    auto project = Project::create(pos[1], info);
    if (!project)
        return fail(json, project.error());
    if (json)
        printJson({{QStringLiteral("project"), project->dir()},
                   {QStringLiteral("name"), project->info().name},
                   {QStringLiteral("task"), toString(project->info().task)}});
    else
        printOut(QStringLiteral("Created %1 project '%2' in %3")
                     .arg(toString(project->info().task), project->info().name, project->dir()));
    return kExitOk;
}

int cmdImport(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("auto, folders, paddle-list, csv, unlabeled or idx."),
        QStringLiteral("FORMAT"), QStringLiteral("auto"));
    const QCommandLineOption classMap(
        QStringLiteral("class-map"),
        QStringLiteral("PaddleClas class_id_map file ('id name' per line)."),
        QStringLiteral("FILE"));
    const QCommandLineOption root(
        QStringLiteral("root"),
        QStringLiteral("Base folder of relative paths in lists (default: the list's folder)."),
        QStringLiteral("DIR"));
    const QCommandLineOption split(QStringLiteral("split"),
                                   QStringLiteral("Put every image in this split."),
                                   QStringLiteral("train|val|test"));
    const QCommandLineOption copy(QStringLiteral("copy"),
                                  QStringLiteral("Copy the images into the project."));
    const QCommandLineOption limit(
        QStringLiteral("limit"),
        QStringLiteral("At most N images per source file or split folder."), QStringLiteral("N"),
        QStringLiteral("0"));
    const QCommandLineOption threads(QStringLiteral("threads"),
                                     QStringLiteral("Worker threads (default: all cores)."),
                                     QStringLiteral("N"), QStringLiteral("0"));
    parser.addOptions(
        {kProjectDir, format, classMap, root, split, copy, limit, threads, kProgress});
    parser.addPositionalArgument(QStringLiteral("SRC"),
                                 QStringLiteral("Folder, list file, CSV or IDX file."));
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(
            parser, args,
            QStringLiteral(
                "Import images into a project. All or nothing: a failure, Ctrl+C or a killed "
                "process adds nothing."),
            &common, &code))
        return code;
    const bool json = common.json;
    if (parser.positionalArguments().size() != 1)
        return fail(json, QStringLiteral("usage: pulc import SRC --project DIR [options]"),
                    kExitUsage);
    ImportRequest req = defaultImportRequest(parser.positionalArguments().first());
    const auto fmt = importFormatFromString(parser.value(format));
    if (!fmt)
        return fail(json, QStringLiteral("unknown --format '%1'").arg(parser.value(format)),
                    kExitUsage);
    req.format = *fmt;
    req.classMapFile = parser.value(classMap);
    req.root = parser.value(root);
    if (parser.isSet(split)) {
        const auto s = splitFromString(parser.value(split));
        if (!s || *s == Split::Unassigned)
            return fail(json, QStringLiteral("--split must be train, val or test"), kExitUsage);
        req.split = *s;
    }
    bool ok = true;
    req.copy = parser.isSet(copy);
    req.limit = parser.value(limit).toInt(&ok);
    if (!ok || req.limit < 0)
        return fail(json, QStringLiteral("--limit takes a whole number"), kExitUsage);
    req.threads = parser.value(threads).toInt(&ok);
    if (!ok || req.threads < 0)
        return fail(json, QStringLiteral("--threads takes a whole number"), kExitUsage);
    auto project = openProject(common, &code);
    if (!project)
        return code;
    auto report = importData(*project, req, interruptibleCallbacks(wantProgress(parser, common)));
    if (!report)
        return fail(json, report.error());
    if (json)
        printJson(toJson(report.value()));
    else
        for (const QString &line : describe(report.value()))
            printOut(line);
    return report->cancelled ? kExitFailure : kExitOk;
}

int cmdStats(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOption(kProjectDir);
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(parser, args, QStringLiteral("Counts per class and split, and warnings."),
                      &common, &code))
        return code;
    auto project = openProject(common, &code);
    if (!project)
        return code;
    auto stats = computeStats(*project);
    if (!stats)
        return fail(common.json, stats.error());
    if (common.json) {
        QJsonObject o = toJson(stats.value());
        o.insert(QStringLiteral("project"), project->dir());
        o.insert(QStringLiteral("name"), project->info().name);
        o.insert(QStringLiteral("task"), toString(project->info().task));
        printJson(o);
    } else {
        printOut(QStringLiteral("%1 (%2-label)")
                     .arg(project->info().name, toString(project->info().task)));
        for (const QString &line : describe(stats.value()))
            printOut(line);
    }
    return kExitOk;
}

int cmdSplit(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption val(QStringLiteral("val"), QStringLiteral("Fraction for validation."),
                                 QStringLiteral("F"), QStringLiteral("0.1"));
    const QCommandLineOption test(QStringLiteral("test"), QStringLiteral("Fraction for test."),
                                  QStringLiteral("F"), QStringLiteral("0.1"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Random seed."),
                                  QStringLiteral("N"), QStringLiteral("42"));
    const QCommandLineOption reassign(
        QStringLiteral("reassign"),
        QStringLiteral("Re-split every labeled image, not only unassigned ones."));
    parser.addOptions({kProjectDir, val, test, seed, reassign});
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(
            parser, args,
            QStringLiteral("Stratified random split of the labeled images that have no split yet."),
            &common, &code))
        return code;
    const bool json = common.json;
    SplitRequest req;
    bool ok = false;
    if (!parseFraction(parser.value(val), &req.val) ||
        !parseFraction(parser.value(test), &req.test))
        return fail(json, QStringLiteral("--val and --test take fractions between 0 and 1"),
                    kExitUsage);
    req.seed = parser.value(seed).toULongLong(&ok);
    if (!ok)
        return fail(json, QStringLiteral("--seed takes a whole number"), kExitUsage);
    req.reassign = parser.isSet(reassign);
    auto project = openProject(common, &code);
    if (!project)
        return code;
    auto result = splitDataset(*project, req);
    if (!result)
        return fail(json, result.error());
    if (json)
        printJson({{QStringLiteral("assigned"), result->assigned},
                   {QStringLiteral("train"), result->train},
                   {QStringLiteral("val"), result->val},
                   {QStringLiteral("test"), result->test}});
    else
        printOut(QStringLiteral("Assigned %1 images: %2 train, %3 val, %4 test")
                     .arg(result->assigned)
                     .arg(result->train)
                     .arg(result->val)
                     .arg(result->test));
    return kExitOk;
}

int cmdExportDataset(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("paddle-list or folders."),
                                    QStringLiteral("FORMAT"), QStringLiteral("paddle-list"));
    const QCommandLineOption copy(
        QStringLiteral("copy"),
        QStringLiteral("paddle-list: copy images into OUT/images and list relative paths."));
    parser.addOptions({kProjectDir, format, copy, kProgress});
    parser.addPositionalArgument(QStringLiteral("OUT"), QStringLiteral("Output folder."));
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(
            parser, args,
            QStringLiteral("Export the labeled dataset for PaddleClas or as class folders."),
            &common, &code))
        return code;
    const bool json = common.json;
    if (parser.positionalArguments().size() != 1)
        return fail(
            json,
            QStringLiteral(
                "usage: pulc export-dataset --project DIR --format paddle-list|folders OUT"),
            kExitUsage);
    ExportRequest req;
    req.outDir = parser.positionalArguments().first();
    const auto fmt = exportFormatFromString(parser.value(format));
    if (!fmt)
        return fail(json, QStringLiteral("--format must be paddle-list or folders"), kExitUsage);
    req.format = *fmt;
    req.copyImages = parser.isSet(copy);
    auto project = openProject(common, &code);
    if (!project)
        return code;
    auto report =
        exportDataset(*project, req, interruptibleCallbacks(wantProgress(parser, common)));
    if (!report)
        return fail(json, report.error());
    if (json) {
        QJsonArray skipped;
        for (const auto &s : report->skipped)
            skipped.append(QJsonObject{{QStringLiteral("path"), s.path},
                                       {QStringLiteral("reason"), s.reason}});
        printJson({{QStringLiteral("exported"), report->samples},
                   {QStringLiteral("out"), req.outDir},
                   {QStringLiteral("files"), QJsonArray::fromStringList(report->files)},
                   {QStringLiteral("skipped"), skipped}});
    } else {
        printOut(QStringLiteral("Exported %1 images to %2").arg(report->samples).arg(req.outDir));
        for (const auto &s : report->skipped)
            printOut(QStringLiteral("  skipped %1: %2").arg(s.path, s.reason));
    }
    return report->skipped.isEmpty() ? kExitOk : kExitFailure;
}

int cmdDemo(const QStringList &args)
{
    QCommandLineParser parser;
    const QCommandLineOption train(
        QStringLiteral("train"),
        QStringLiteral("Images from the training file (split into train and val)."),
        QStringLiteral("N"), QStringLiteral("5000"));
    const QCommandLineOption val(QStringLiteral("val"),
                                 QStringLiteral("Fraction of those for validation (default 0.2)."),
                                 QStringLiteral("F"), QStringLiteral("0.2"));
    const QCommandLineOption test(QStringLiteral("test"),
                                  QStringLiteral("Images from the test file."), QStringLiteral("N"),
                                  QStringLiteral("1000"));
    parser.addOptions({train, test, val, kProgress});
    parser.addPositionalArgument(QStringLiteral("DIR"),
                                 QStringLiteral("Folder of the new demo project."));
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(
            parser, args,
            QStringLiteral(
                "Create the Fashion-MNIST demo project (Debian's dataset-fashion-mnist)."),
            &common, &code))
        return code;
    const bool json = common.json;
    if (parser.positionalArguments().size() != 1)
        return fail(json, QStringLiteral("usage: pulc demo DIR"), kExitUsage);
    DemoRequest req;
    req.dir = parser.positionalArguments().first();
    bool ok1 = false, ok2 = false;
    req.trainImages = parser.value(train).toInt(&ok1);
    req.testImages = parser.value(test).toInt(&ok2);
    if (!ok1 || !ok2 || req.trainImages < 0 || req.testImages < 0)
        return fail(json, QStringLiteral("--train and --test take whole numbers (0: all)"),
                    kExitUsage);
    if (!parseFraction(parser.value(val), &req.valFraction) || req.valFraction >= 1.0)
        return fail(json,
                    QStringLiteral("--val: expected a fraction from 0 to below 1, got '%1'")
                        .arg(parser.value(val)),
                    kExitUsage);
    auto dir = createDemoProject(req, interruptibleCallbacks(wantProgress(parser, common)));
    if (!dir)
        return fail(json, dir.error());
    auto project = Project::open(dir.value());
    if (!project)
        return fail(json, project.error());
    auto stats = computeStats(*project);
    if (!stats)
        return fail(json, stats.error());
    if (json) {
        QJsonObject o = toJson(stats.value());
        o.insert(QStringLiteral("project"), dir.value());
        printJson(o);
    } else {
        printOut(QStringLiteral("Created the demo project in %1").arg(dir.value()));
        for (const QString &line : describe(stats.value()))
            printOut(line);
    }
    return kExitOk;
}

} // namespace pulc::cli
