// The model commands of `pulc`: train, runs, eval. Thin hosts over engine/projectjobs.h, the
// same calls the GUI makes; predict is in predictcommands.cpp.
#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "parsing.h"

#include "engine/bundle.h"
#include "engine/configfile.h"
#include "engine/projectjobs.h"
#include "engine/scenes.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <csignal>
#include <memory>
#include <optional>

namespace pulc::cli {
namespace {

using namespace pulc::engine;

const QCommandLineOption &kProject = projectOption();
const QCommandLineOption &kRun = runOption();
const QCommandLineOption &kThreads = threadsOption();

QJsonObject metricsJson(const std::map<std::string, double> &metrics)
{
    QJsonObject out;
    for (const auto &[key, value] : metrics)
        out.insert(qstr(key), std::isfinite(value) ? QJsonValue(value) : QJsonValue());
    return out;
}

QString formatSeconds(double seconds)
{
    const int s = static_cast<int>(std::lround(seconds));
    return s >= 3600 ? QStringLiteral("%1h%2m").arg(s / 3600).arg((s % 3600) / 60, 2, 10,
                                                                  QLatin1Char('0'))
                     : QStringLiteral("%1m%2s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

QString settingsHelp()
{
    QStringList lines{QStringLiteral("Settings for --set KEY=VALUE:")};
    for (const std::string &line : settingKeys())
        lines << QStringLiteral("  ") + qstr(line);
    QStringList sceneNames;
    for (const SceneInfo &scene : scenes())
        sceneNames << qstr(scene.name);
    lines << QString() << QStringLiteral("Scenes: ") + sceneNames.join(QStringLiteral(", "));
    return lines.join(QLatin1Char('\n'));
}

/// `pulc train`'s command line, as parseTrainOptions() reads it.
struct TrainOptions
{
    CommonOptions common;
    std::string scene = "custom";      ///< --scene
    std::optional<QString> configFile; ///< --config
    std::optional<QString> model;      ///< --model
    QStringList settings;              ///< each --set KEY=VALUE, in order
    std::optional<QString> pretrained; ///< --pretrained
    std::optional<QString> resume;     ///< --resume RUN
    QString runName;                   ///< --name
    QString teacher;                   ///< --teacher
    int gpus = 0;                      ///< --gpus (0: from where the --config file came from)
    bool force = false;                ///< --force: train despite unsupported config keys
    bool progress = false;             ///< progress lines on stderr: --progress, or no --json
};

/// Reads `pulc train`'s flags into *options. False when the command should stop: the help was
/// shown or a usage error printed, with *exitCode set.
bool parseTrainOptions(const QStringList &args, TrainOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption scene(QStringLiteral("scene"),
                                   QStringLiteral("Scene template (default custom)."),
                                   QStringLiteral("S"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("Model, e.g. PPLCNet_x1_0 (see pulc models)."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption config(QStringLiteral("config"),
                                    QStringLiteral("A training config in YAML, shaped like "
                                                   "PaddleClas's (applied over the scene)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QStringLiteral("Change one setting (repeatable); see below."),
                                 QStringLiteral("KEY=VALUE"));
    const QCommandLineOption resume(QStringLiteral("resume"),
                                    QStringLiteral("Continue a stopped run from its last "
                                                   "checkpoint."),
                                    QStringLiteral("RUN"));
    const QCommandLineOption name(QStringLiteral("name"), QStringLiteral("Name of the new run."),
                                  QStringLiteral("NAME"));
    const QCommandLineOption teacher(QStringLiteral("teacher"),
                                     QStringLiteral("A finished run to distil from (with --set "
                                                    "distill=skl_ugi|dml|udml)."),
                                     QStringLiteral("RUN"));
    const QCommandLineOption pretrained(
        QStringLiteral("pretrained"),
        QStringLiteral("Start from these weights: a PaddleClas .pdparams file, a checkpoint, a "
                       "finished run's folder (runs/<id>) or a bundle. The model must match; "
                       "fc is re-initialised when the number of classes differs."),
        QStringLiteral("FILE"));
    const QCommandLineOption gpus(
        QStringLiteral("gpus"),
        QStringLiteral("How many GPUs the --config file's per-GPU batch size and learning rate "
                       "were written for; they are scaled to this machine by the linear rule. "
                       "Default: 4 for PaddleClas's PULC configs (found in a ppcls/configs "
                       "folder, or a GPU config with a PULC scene's published numbers), else 1."),
        QStringLiteral("N"));
    const QCommandLineOption force(
        QStringLiteral("force"),
        QStringLiteral("Train even when the --config file has keys PULC Studio cannot honour "
                       "(the run then differs from the file)."));
    const QCommandLineOption progress(QStringLiteral("progress"),
                                      QStringLiteral("Print a progress line on stderr every few "
                                                     "seconds (default without --json)."));
    parser.addOptions({kProject, scene, model, config, set, pretrained, resume, name, teacher, gpus,
                       force, kThreads, progress});
    CommonOptions &common = options->common;
    if (!startCommand(parser, args,
                      QStringLiteral("Train a classifier on the project's train split, validating "
                                     "on val each epoch. Ctrl+C stops after the current step "
                                     "with a resumable checkpoint.\n\n") +
                          settingsHelp(),
                      &common, exitCode))
        return false;
    if (!requireProject(common, exitCode) ||
        !noPositionalArguments(parser, common.json, exitCode) ||
        !readThreads(parser, &common, exitCode))
        return false;
    if (parser.isSet(scene))
        options->scene = parser.value(scene).toStdString();
    options->configFile = optionalValue(parser, config);
    options->model = optionalValue(parser, model);
    options->settings = parser.values(set);
    options->pretrained = optionalValue(parser, pretrained);
    options->resume = optionalValue(parser, resume);
    options->runName = parser.value(name);
    options->teacher = parser.value(teacher);
    if (parser.isSet(gpus)) {
        bool ok = false;
        options->gpus = parser.value(gpus).toInt(&ok);
        if (!ok || options->gpus < 1 || options->gpus > 4096) {
            *exitCode = fail(common.json,
                             QStringLiteral("--gpus: expected a number from 1 to 4096, got '%1'")
                                 .arg(parser.value(gpus)),
                             kExitUsage);
            return false;
        }
        if (!options->configFile) {
            *exitCode =
                fail(common.json, QStringLiteral("--gpus: only applies with --config"), kExitUsage);
            return false;
        }
    }
    options->force = parser.isSet(force);
    options->progress = parser.isSet(progress) || !common.json;
    return true;
}

/// Reads the --config file over *config, and prints on stderr what it ignored or adapted. Keys
/// it cannot honour stop the command (the run would differ from the file) unless --force.
bool applyConfigFile(const TrainOptions &options, TrainConfig *config, int *exitCode)
{
    const bool json = options.common.json;
    ConfigReadOptions readOptions;
    readOptions.gpus = options.gpus;
    const ConfigReadResult read =
        readConfigFile(options.configFile->toStdString(), *config, readOptions);
    if (!read.errors.empty()) {
        *exitCode = fail(json, qstr(read.errors.front()), kExitUsage);
        return false;
    }
    for (const IgnoredKey &key : read.ignored)
        printErr(QStringLiteral("note: %1: %2").arg(qstr(key.key), qstr(key.reason)));
    for (const std::string &note : read.notes)
        printErr(QStringLiteral("note: %1").arg(qstr(note)));
    for (const std::string &warning : read.warnings)
        printErr(QStringLiteral("%1: %2").arg(options.force || read.unsupported.empty()
                                                  ? QStringLiteral("warning")
                                                  : QStringLiteral("error"),
                                              qstr(warning)));
    if (!read.unsupported.empty() && !options.force) {
        QStringList keys;
        for (const std::string &key : read.unsupported)
            keys << qstr(key);
        *exitCode = fail(json,
                         QStringLiteral("%1: %2 setting(s) cannot be honoured (%3), so the run "
                                        "would not train what the file says; change the file, "
                                        "or add --force to train without them")
                             .arg(*options.configFile)
                             .arg(read.unsupported.size())
                             .arg(keys.join(QStringLiteral(", "))),
                         kExitUsage);
        return false;
    }
    *config = read.config;
    return true;
}

/// Applies --model, then each --set KEY=VALUE in order, to *config, with what they imply
/// (engine::applySettings(): `input` alone also sets the train size and the eval resize).
bool applySettings(const TrainOptions &options, TrainConfig *config, int *exitCode)
{
    const bool json = options.common.json;
    if (options.model) {
        if (const Status set = applySetting(*config, "model", options.model->toStdString()); !set) {
            *exitCode = fail(json, QStringLiteral("--model: %1").arg(qstr(set.error)), kExitUsage);
            return false;
        }
    }
    std::vector<std::pair<std::string, std::string>> settings;
    TrainConfig probe = *config; // each setting checked alone, so the error names it
    for (const QString &assignment : options.settings) {
        const qsizetype eq = assignment.indexOf(QLatin1Char('='));
        if (eq <= 0) {
            *exitCode =
                fail(json, QStringLiteral("--set: expected KEY=VALUE, got '%1'").arg(assignment),
                     kExitUsage);
            return false;
        }
        settings.emplace_back(assignment.left(eq).toStdString(),
                              assignment.mid(eq + 1).toStdString());
        const Status set = applySetting(probe, settings.back().first, settings.back().second);
        if (!set) {
            *exitCode = fail(json, QStringLiteral("--set %1: %2").arg(assignment, qstr(set.error)),
                             kExitUsage);
            return false;
        }
    }
    if (const Status set = engine::applySettings(*config, settings); !set) {
        *exitCode = fail(json, QStringLiteral("--set: %1").arg(qstr(set.error)), kExitUsage);
        return false;
    }
    return true;
}

/// Sets the weights a new run starts from (--pretrained, else the config's) as an absolute path.
bool resolvePretrained(const TrainOptions &options, TrainConfig *config, int *exitCode)
{
    const bool json = options.common.json;
    if (options.pretrained) {
        if (options.resume) {
            *exitCode = fail(json,
                             QStringLiteral("--pretrained: a resumed run continues from its own "
                                            "checkpoint"),
                             kExitUsage);
            return false;
        }
        config->pretrained = options.pretrained->toStdString();
    }
    if (config->pretrained.empty() || options.resume)
        return true;
    // Stored absolute: the run must find it again whatever the current folder. PaddleClas
    // configs name it without the suffix (Global.pretrained_model: output/best_model).
    QString path = qstr(config->pretrained);
    if (!QFileInfo::exists(path) && QFileInfo::exists(path + QStringLiteral(".pdparams")))
        path += QStringLiteral(".pdparams");
    if (!QFileInfo::exists(path)) {
        *exitCode = fail(json, QStringLiteral("%1: no such weights file (pretrained)").arg(path));
        return false;
    }
    config->pretrained = QFileInfo(path).absoluteFilePath().toStdString();
    return true;
}

/// The run `options` ask for: the scene's config with --config, --model, --set and the
/// pretrained weights over it, in that order, so the first mistake is the one reported.
bool trainRequest(const TrainOptions &options, ProjectTrainRequest *request, int *exitCode)
{
    const bool json = options.common.json;
    if (!findScene(options.scene)) {
        *exitCode =
            fail(json, QStringLiteral("--scene: unknown scene '%1'").arg(qstr(options.scene)),
                 kExitUsage);
        return false;
    }
    request->config = sceneConfig(options.scene);
    if (options.configFile && !applyConfigFile(options, &request->config, exitCode))
        return false;
    if (!applySettings(options, &request->config, exitCode) ||
        !resolvePretrained(options, &request->config, exitCode))
        return false;
    if (!options.resume) {
        if (const auto problems = geometryProblems(request->config); !problems.empty()) {
            *exitCode = fail(
                json, QStringLiteral("the image sizes disagree: %1").arg(qstr(problems.front())),
                kExitUsage);
            return false;
        }
    }
    request->config.threads = options.common.threads;
    request->runName = options.runName.toStdString();
    request->resumeRun = options.resume.value_or(QString()).toStdString();
    request->teacherRun = options.teacher.toStdString();
    if (!request->teacherRun.empty() && request->config.distill.mode == DistillMode::None)
        request->config.distill.mode = DistillMode::SklUgi;
    return true;
}

/// How a run reports while it trains: log lines on stderr; each step as a JSON event, and as a
/// progress line on stderr at most every two seconds; each epoch as a JSON event or a line on
/// stdout. Ctrl+C (interrupt.h) stops it.
JobCallbacks trainCallbacks(const TrainOptions &options)
{
    const bool json = options.common.json;
    const bool showProgress = options.progress;
    auto lastLine = std::make_shared<QElapsedTimer>();
    lastLine->start();
    JobCallbacks callbacks;
    callbacks.shouldAbort = [] { return interrupted(); };
    callbacks.onLog = [](LogLevel level, const std::string &message) {
        const char *prefix = level == LogLevel::Error     ? "error: "
                             : level == LogLevel::Warning ? "warning: "
                                                          : "";
        printErr(QString::fromLatin1(prefix) + qstr(message));
    };
    callbacks.onStep = [json, showProgress, lastLine](const StepInfo &s) {
        if (json)
            printJson({{QStringLiteral("event"), QStringLiteral("step")},
                       {QStringLiteral("epoch"), s.epoch},
                       {QStringLiteral("step"), s.step},
                       {QStringLiteral("loss"), s.loss},
                       {QStringLiteral("lr"), s.learningRate},
                       {QStringLiteral("img_per_s"), s.imagesPerSecond}});
        if (showProgress && (lastLine->elapsed() >= 2000 || s.step == s.stepsPerEpoch)) {
            lastLine->restart();
            printErr(QStringLiteral("epoch %1 step %2/%3  loss %4  lr %5  %6 img/s  eta %7")
                         .arg(s.epoch)
                         .arg(s.step)
                         .arg(s.stepsPerEpoch)
                         .arg(s.loss, 0, 'f', 4)
                         .arg(s.learningRate, 0, 'g', 4)
                         .arg(s.imagesPerSecond, 0, 'f', 1)
                         .arg(formatSeconds(s.etaSeconds)));
        }
    };
    callbacks.onEpoch = [json](const EpochInfo &e) {
        if (json) {
            QJsonObject metrics = metricsJson(e.metrics);
            metrics.insert(QStringLiteral("main"), e.mainValue);
            printJson({{QStringLiteral("event"), QStringLiteral("epoch")},
                       {QStringLiteral("epoch"), e.epoch},
                       {QStringLiteral("metrics"), metrics},
                       {QStringLiteral("main_metric"), qstr(e.mainMetric)},
                       {QStringLiteral("best"), e.best},
                       {QStringLiteral("best_is_ema"), e.bestIsEma},
                       {QStringLiteral("seconds"), e.seconds}});
        } else {
            printOut(QStringLiteral("epoch %1/%2: %3 %4, train loss %5, %6%7")
                         .arg(e.epoch)
                         .arg(e.epochs)
                         .arg(qstr(e.mainMetric))
                         .arg(e.mainValue, 0, 'f', 4)
                         .arg(e.trainLoss, 0, 'f', 4)
                         .arg(formatSeconds(e.seconds))
                         .arg(e.bestIsEma ? QStringLiteral("  (best: the model EMA)")
                              : e.best    ? QStringLiteral("  (best)")
                                          : QString()));
        }
    };
    return callbacks;
}

/// Prints how the run ended. Returns the exit code: 0 when it finished, 1 when it failed or was
/// stopped (then with the command that resumes it).
int reportTraining(const TrainOptions &options, const ProjectTrainOutcome &outcome)
{
    const bool json = options.common.json;
    const TrainResult &result = outcome.result;
    if (result.status == TrainResult::Status::Failed) {
        if (json)
            printJson({{QStringLiteral("event"), QStringLiteral("error")},
                       {QStringLiteral("message"), qstr(result.error)},
                       {QStringLiteral("run"), qint64(outcome.runId)}});
        return kExitFailure; // the message went to stderr through onLog
    }
    const bool finished = result.status == TrainResult::Status::Finished;
    if (json) {
        printJson({{QStringLiteral("event"), QStringLiteral("done")},
                   {QStringLiteral("status"),
                    finished ? QStringLiteral("finished") : QStringLiteral("stopped")},
                   {QStringLiteral("run"), qint64(outcome.runId)},
                   {QStringLiteral("name"), qstr(outcome.runName)},
                   {QStringLiteral("best_epoch"), result.bestEpoch},
                   {QStringLiteral("best_is_ema"), result.bestIsEma},
                   {QStringLiteral("metrics"), metricsJson(result.bestMetrics)},
                   {QStringLiteral("checkpoint"), qstr(result.checkpoint)},
                   {QStringLiteral("last_checkpoint"), qstr(result.lastCheckpoint)}});
    } else if (finished) {
        printOut(QStringLiteral("run %1 (%2) finished: best epoch %3, checkpoint %4")
                     .arg(outcome.runId)
                     .arg(qstr(outcome.runName))
                     .arg(result.bestEpoch)
                     .arg(qstr(result.checkpoint)));
    }
    if (!finished) {
        printErr(QStringLiteral("stopped; continue with: pulc train --project %1 --resume %2")
                     .arg(*options.common.projectDir)
                     .arg(outcome.runId));
        return kExitFailure;
    }
    return kExitOk;
}

} // namespace

int cmdTrain(const QStringList &args)
{
    TrainOptions options;
    ProjectTrainRequest request;
    int code = kExitOk;
    if (!parseTrainOptions(args, &options, &code) || !trainRequest(options, &request, &code))
        return code;
    const JobCallbacks callbacks = trainCallbacks(options);
    watchInterrupt();
    const ProjectTrainOutcome outcome =
        trainInProject(options.common.projectDir->toStdString(), request, callbacks);
    stopWatchingInterrupt();
    return reportTraining(options, outcome);
}

int cmdRuns(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addOptions({kProject});
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(parser, args, QStringLiteral("List the project's training runs."), &common,
                      &code))
        return code;
    const bool json = common.json;
    if (!requireProject(common, &code))
        return code;
    const Result<std::vector<RunSummary>> listed =
        listProjectRuns(parser.value(kProject).toStdString());
    if (!listed)
        return fail(json, qstr(listed.error()));
    const std::vector<RunSummary> &runs = *listed;
    if (json) {
        QJsonArray list;
        for (const RunSummary &r : runs) {
            list.append(QJsonObject{
                {QStringLiteral("id"), qint64(r.id)},
                {QStringLiteral("name"), qstr(r.name)},
                {QStringLiteral("scene"), qstr(r.scene)},
                {QStringLiteral("model"), qstr(r.model)},
                {QStringLiteral("status"), qstr(r.status)},
                {QStringLiteral("created_at"), qstr(r.createdAt)},
                {QStringLiteral("started_at"), qstr(r.startedAt)},
                {QStringLiteral("finished_at"), qstr(r.finishedAt)},
                {QStringLiteral("best_epoch"), r.bestEpoch},
                {QStringLiteral("main_metric"), qstr(r.mainMetric)},
                {QStringLiteral("best_value"), r.hasBest ? QJsonValue(r.bestValue) : QJsonValue()},
                {QStringLiteral("dir"), qstr(r.dir)}});
        }
        printJson({{QStringLiteral("runs"), list}});
        return kExitOk;
    }
    if (runs.empty()) {
        printOut(QStringLiteral("no runs yet (start one with pulc train)"));
        return kExitOk;
    }
    int nameWidth = 4;
    int sceneWidth = 5;
    for (const RunSummary &r : runs) {
        nameWidth = std::max(nameWidth, int(qstr(r.name).size()));
        sceneWidth = std::max(sceneWidth, int(qstr(r.scene).size()));
    }
    printOut(QStringLiteral("%1  %2  %3  %4  %5  %6")
                 .arg(QStringLiteral("id"), 4)
                 .arg(QStringLiteral("name"), -nameWidth)
                 .arg(QStringLiteral("scene"), -sceneWidth)
                 .arg(QStringLiteral("model"), -16)
                 .arg(QStringLiteral("status"), -11)
                 .arg(QStringLiteral("best")));
    for (const RunSummary &r : runs) {
        const QString best = r.hasBest ? QStringLiteral("%1 %2 (epoch %3)")
                                             .arg(qstr(r.mainMetric))
                                             .arg(r.bestValue, 0, 'f', 4)
                                             .arg(r.bestEpoch)
                                       : QStringLiteral("-");
        printOut(QStringLiteral("%1  %2  %3  %4  %5  %6")
                     .arg(r.id, 4)
                     .arg(qstr(r.name), -nameWidth)
                     .arg(qstr(r.scene), -sceneWidth)
                     .arg(qstr(r.model), -16)
                     .arg(qstr(r.status), -11)
                     .arg(best));
    }
    return kExitOk;
}

namespace {

/// `pulc eval`'s command line, as parseEvalOptions() reads it.
struct EvalOptions
{
    CommonOptions common;
    QString run;   ///< --run: id or name
    QString split; ///< --split: val, test or train
};

/// Reads `pulc eval`'s flags into *options. False when the command should stop: the help was
/// shown or a usage error printed, with *exitCode set.
bool parseEvalOptions(const QStringList &args, EvalOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption split(QStringLiteral("split"),
                                   QStringLiteral("val (default), test or train."),
                                   QStringLiteral("SPLIT"), QStringLiteral("val"));
    parser.addOptions({kProject, kRun, split, kThreads});
    CommonOptions &common = options->common;
    if (!startCommand(parser, args,
                      QStringLiteral("Evaluate a run's model on a split: the scene's main metric, "
                                     "accuracy, per-class precision/recall/F1 and the confusion "
                                     "matrix."),
                      &common, exitCode))
        return false;
    if (!requireProject(common, exitCode))
        return false;
    if (!parser.isSet(kRun)) {
        *exitCode = fail(common.json, QStringLiteral("--run RUN is required"), kExitUsage);
        return false;
    }
    options->run = parser.value(kRun);
    options->split = parser.value(split);
    if (options->split != QLatin1String("val") && options->split != QLatin1String("test") &&
        options->split != QLatin1String("train")) {
        *exitCode = fail(
            common.json,
            QStringLiteral("--split: expected val, test or train, got '%1'").arg(options->split),
            kExitUsage);
        return false;
    }
    return readThreads(parser, &common, exitCode);
}

/// The name of class `c`, or an empty string past the project's classes.
QString className(const std::vector<std::string> &names, size_t c)
{
    return c < names.size() ? qstr(names[c]) : QString();
}

/// `pulc eval --json`: one object with the metrics, per-class figures and confusion matrix.
void printEvalJson(const EvalOptions &options, const EvalResult &result,
                   const std::vector<std::string> &names, int failed)
{
    QJsonArray perClass;
    for (size_t c = 0; c < result.perClass.size(); ++c) {
        const auto &m = result.perClass[c];
        perClass.append(QJsonObject{{QStringLiteral("class"), className(names, c)},
                                    {QStringLiteral("precision"), m.precision},
                                    {QStringLiteral("recall"), m.recall},
                                    {QStringLiteral("f1"), m.f1},
                                    {QStringLiteral("support"), qint64(m.support)}});
    }
    QJsonArray confusion;
    for (const auto &row : result.confusion) {
        QJsonArray r;
        for (int64_t v : row)
            r.append(qint64(v));
        confusion.append(r);
    }
    printJson({{QStringLiteral("run"), options.run},
               {QStringLiteral("split"), options.split},
               {QStringLiteral("main_metric"), qstr(result.mainMetric)},
               {QStringLiteral("main"), result.mainValue},
               {QStringLiteral("metrics"), metricsJson(result.metrics)},
               {QStringLiteral("per_class"), perClass},
               {QStringLiteral("confusion"), confusion},
               {QStringLiteral("failed"), failed}});
}

/// `pulc eval` as text: the main metric, every metric, then a table of per-class figures.
void printEvalText(const EvalOptions &options, const EvalResult &result,
                   const std::vector<std::string> &names)
{
    printOut(QStringLiteral("%1 on %2: %3 = %4")
                 .arg(options.run, options.split, qstr(result.mainMetric))
                 .arg(result.mainValue, 0, 'f', 4));
    for (const auto &[key, value] : result.metrics)
        printOut(QStringLiteral("  %1 %2").arg(qstr(key), -18).arg(value, 0, 'g', 6));
    printOut(QStringLiteral("  %1 %2 %3 %4 %5")
                 .arg(QStringLiteral("class"), -20)
                 .arg(QStringLiteral("precision"), 9)
                 .arg(QStringLiteral("recall"), 7)
                 .arg(QStringLiteral("f1"), 7)
                 .arg(QStringLiteral("support"), 8));
    for (size_t c = 0; c < result.perClass.size(); ++c) {
        const auto &m = result.perClass[c];
        printOut(QStringLiteral("  %1 %2 %3 %4 %5")
                     .arg(className(names, c), -20)
                     .arg(m.precision, 9, 'f', 4)
                     .arg(m.recall, 7, 'f', 4)
                     .arg(m.f1, 7, 'f', 4)
                     .arg(m.support, 8));
    }
}

} // namespace

int cmdEval(const QStringList &args)
{
    EvalOptions options;
    int code = kExitOk;
    if (!parseEvalOptions(args, &options, &code))
        return code;
    const bool json = options.common.json;
    const std::string projectDir = options.common.projectDir->toStdString();
    const Result<DatasetSnapshot> snapshotted = snapshotProject(projectDir);
    if (!snapshotted)
        return fail(json, qstr(snapshotted.error()));
    const DatasetSnapshot &snapshot = *snapshotted;
    JobCallbacks callbacks;
    callbacks.onLog = [](LogLevel, const std::string &message) { printErr(qstr(message)); };
    const EvalResult result =
        evaluateInProject(projectDir, options.run.toStdString(), options.split.toStdString(),
                          callbacks, options.common.threads);
    if (!result.ok)
        return fail(json, qstr(result.error));
    int failed = 0;
    for (const EvalSample &s : result.samples)
        failed += s.failed ? 1 : 0;
    if (json) {
        printEvalJson(options, result, snapshot.classNames, failed);
        return kExitOk;
    }
    printEvalText(options, result, snapshot.classNames);
    if (failed > 0)
        printErr(QStringLiteral("%1 images could not be read and were left out").arg(failed));
    return kExitOk;
}

} // namespace pulc::cli
