// `pulc predict`: classify images with a trained model. A thin host over engine/predictor.h, the
// same calls the GUI makes.
#include "commands.h"
#include "output.h"
#include "parsing.h"

#include "dataset/importsource.h"
#include "engine/bundle.h"
#include "engine/projectjobs.h"

#include <QCommandLineParser>
#include <QDirIterator>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <optional>

namespace pulc::cli {
namespace {

using namespace pulc::engine;

const QCommandLineOption &kProject = projectOption();
const QCommandLineOption &kRun = runOption();
const QCommandLineOption &kThreads = threadsOption();

/// `pulc predict`'s command line, as parsePredictOptions() reads it.
struct PredictOptions
{
    CommonOptions common;
    int topk = 5;                    ///< --topk: classes shown per image
    std::optional<double> threshold; ///< --threshold; the model's own when not given
    std::optional<QString> model;    ///< --model: a bundle, run folder or checkpoint, or a run
    QString checkpoint;              ///< --checkpoint
    std::optional<QString> run;      ///< --run
    QStringList inputs;              ///< image files and folders, as given
};

/// Reads `pulc predict`'s flags into *options. False when the command should stop: the help was
/// shown or a usage error printed, with *exitCode set.
bool parsePredictOptions(const QStringList &args, PredictOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption topk(QStringLiteral("topk"),
                                  QStringLiteral("Classes to show per image (default 5)."),
                                  QStringLiteral("K"), QStringLiteral("5"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("An exported bundle, a run folder or a "
                                                  "checkpoint file; with --project also a run id "
                                                  "or name."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption checkpoint(QStringLiteral("checkpoint"),
                                        QStringLiteral("A checkpoint file instead of "
                                                       "--project and --run."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption threshold(QStringLiteral("threshold"),
                                       QStringLiteral("Binary / multi-label decision threshold "
                                                      "from 0 to 1 (default: the model's)."),
                                       QStringLiteral("T"));
    parser.addOptions({kProject, kRun, model, checkpoint, topk, threshold, kThreads});
    parser.addPositionalArgument(QStringLiteral("IMAGE"),
                                 QStringLiteral("Image files or folders (searched recursively)."),
                                 QStringLiteral("IMAGE..."));
    CommonOptions &common = options->common;
    if (!startCommand(parser, args,
                      QStringLiteral("Classify images with a trained model: an exported bundle "
                                     "or a run folder (--model), a project's run (--project, "
                                     "--run) or a checkpoint file (--checkpoint). With --json, "
                                     "one JSON object per image: path, classes [{id, name, "
                                     "score}], decision (single-label: the top id; binary: 0 "
                                     "or 1; multi-label: 0/1 per attribute), milliseconds."),
                      &common, exitCode))
        return false;
    const bool json = common.json;
    bool ok = false;
    options->topk = parser.value(topk).toInt(&ok);
    if (!ok || options->topk < 1) {
        *exitCode = fail(json,
                         QStringLiteral("--topk: expected a positive whole number, got '%1'")
                             .arg(parser.value(topk)),
                         kExitUsage);
        return false;
    }
    if (parser.isSet(threshold)) {
        const double value = parser.value(threshold).toDouble(&ok);
        if (!ok || !(value >= 0.0 && value <= 1.0)) {
            *exitCode = fail(json,
                             QStringLiteral("--threshold: expected a number from 0 to 1, got '%1'")
                                 .arg(parser.value(threshold)),
                             kExitUsage);
            return false;
        }
        options->threshold = value;
    }
    if (!readThreads(parser, &common, exitCode))
        return false;
    options->inputs = parser.positionalArguments();
    if (options->inputs.isEmpty()) {
        *exitCode = fail(json, QStringLiteral("no image given"), kExitUsage);
        return false;
    }
    if (parser.isSet(model) + parser.isSet(checkpoint) + parser.isSet(kRun) > 1) {
        *exitCode =
            fail(json, QStringLiteral("give one of --model, --checkpoint and --run"), kExitUsage);
        return false;
    }
    options->model = optionalValue(parser, model);
    options->checkpoint = parser.value(checkpoint);
    options->run = optionalValue(parser, kRun);
    return true;
}

/// The checkpoint file to load: --model (a path wins; with --project, anything else is a run id
/// or name), else --checkpoint, else --project's --run. Empty, after the error was printed and
/// *exitCode set, when there is none.
std::string modelFile(const PredictOptions &options, int *exitCode)
{
    const bool json = options.common.json;
    const std::optional<QString> &projectDir = options.common.projectDir;
    Result<std::string> file = std::string();
    if (options.model) {
        file = projectDir && !QFileInfo::exists(*options.model)
                   ? runCheckpoint(projectDir->toStdString(), options.model->toStdString())
                   : resolveModelPath(options.model->toStdString());
    } else if (!options.checkpoint.isEmpty()) {
        return options.checkpoint.toStdString();
    } else {
        if (!requireProject(options.common, exitCode))
            return {};
        if (!options.run) {
            *exitCode = fail(
                json, QStringLiteral("--model MODEL, --run RUN or --checkpoint FILE is required"),
                kExitUsage);
            return {};
        }
        file = runCheckpoint(projectDir->toStdString(), options.run->toStdString());
    }
    if (!file) {
        *exitCode = fail(json, qstr(file.error()));
        return {};
    }
    return *file;
}

/// The images to classify: files as given (a missing one is reported when it is predicted),
/// and for a folder the images below it, sorted.
QStringList expandImages(const QStringList &inputs)
{
    QStringList images;
    for (const QString &arg : inputs) {
        const QFileInfo info(arg);
        if (info.isDir()) {
            QStringList found;
            QDirIterator it(arg, QDir::Files, QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString path = it.next();
                if (dataset::hasImageExtension(path))
                    found << path;
            }
            found.sort();
            images << found;
        } else {
            images << arg;
        }
    }
    return images;
}

/// What printing a prediction needs to know of the loaded model.
struct PredictionFormat
{
    Task task = Task::SingleLabel;
    double threshold = 0.5; ///< the decision threshold in use (binary and multi-label)
    const std::vector<std::string> *names = nullptr;

    /// The name of class `id`, or its number when the model has no name for it.
    QString nameOf(int id) const
    {
        return id >= 0 && id < int(names->size()) ? qstr((*names)[id]) : QString::number(id);
    }
};

/// One image's prediction as the JSON object `pulc predict --json` prints for it.
QJsonObject predictionJson(const QString &path, const Prediction &p, const PredictionFormat &f)
{
    QJsonArray top;
    QJsonArray classes;
    for (const ClassScore &s : p.top) {
        top.append(QJsonObject{{QStringLiteral("id"), s.id},
                               {QStringLiteral("class"), qstr(s.name)},
                               {QStringLiteral("score"), double(s.score)}});
        classes.append(QJsonObject{{QStringLiteral("id"), s.id},
                                   {QStringLiteral("name"), qstr(s.name)},
                                   {QStringLiteral("score"), double(s.score)}});
    }
    QJsonObject line{{QStringLiteral("path"), path},
                     {QStringLiteral("task"), qstr(toString(f.task))},
                     {QStringLiteral("classes"), classes},
                     {QStringLiteral("top"), top},
                     {QStringLiteral("milliseconds"), p.milliseconds},
                     {QStringLiteral("ms"), p.milliseconds}};
    if (f.task == Task::MultiLabel) {
        QJsonArray attributes;
        for (int a : p.attributes)
            attributes.append(a);
        line.insert(QStringLiteral("decision"), attributes);
        line.insert(QStringLiteral("threshold"), f.threshold);
    } else {
        line.insert(QStringLiteral("decision"), p.decision);
        line.insert(QStringLiteral("decision_name"), f.nameOf(p.decision));
        if (f.task == Task::Binary)
            line.insert(QStringLiteral("threshold"), f.threshold);
    }
    return line;
}

/// One image's prediction as a line of text: the binary decision with its probability, the
/// attributes that are on, or the top classes with their scores.
QString predictionLine(const QString &path, const Prediction &p, const PredictionFormat &f)
{
    QStringList parts;
    if (f.task == Task::Binary)
        parts << QStringLiteral("%1 (p=%2, threshold %3)")
                     .arg(f.nameOf(p.decision))
                     .arg(p.scores.size() > 1 ? p.scores[1] : 0.0f, 0, 'f', 4)
                     .arg(f.threshold);
    else if (f.task == Task::MultiLabel) {
        for (size_t a = 0; a < p.attributes.size(); ++a) {
            if (p.attributes[a])
                parts << QStringLiteral("%1 %2").arg(f.nameOf(int(a))).arg(p.scores[a], 0, 'f', 3);
        }
        if (parts.isEmpty())
            parts << QStringLiteral("(no attribute)");
    } else {
        for (const ClassScore &s : p.top)
            parts << QStringLiteral("%1 %2").arg(qstr(s.name)).arg(s.score, 0, 'f', 4);
    }
    return QStringLiteral("%1: %2  [%3 ms]")
        .arg(path, parts.join(QStringLiteral(", ")))
        .arg(p.milliseconds, 0, 'f', 1);
}

} // namespace

int cmdPredict(const QStringList &args)
{
    PredictOptions options;
    int code = kExitOk;
    if (!parsePredictOptions(args, &options, &code))
        return code;
    const bool json = options.common.json;
    const std::string file = modelFile(options, &code);
    if (file.empty())
        return code;
    Predictor predictor;
    if (const Status loaded = predictor.load(file, options.common.threads); !loaded)
        return fail(json, qstr(loaded.error));
    if (options.threshold)
        predictor.setThreshold(*options.threshold);

    const QStringList images = expandImages(options.inputs);
    const PredictionFormat format{predictor.config().task,
                                  options.threshold.value_or(predictor.config().threshold),
                                  &predictor.classNames()};
    int failures = 0;
    for (const QString &path : images) {
        const Prediction p = predictor.predictFile(path.toStdString(), options.topk);
        if (!p.ok) {
            ++failures;
            if (json)
                printJson(
                    {{QStringLiteral("path"), path}, {QStringLiteral("error"), qstr(p.error)}});
            else
                printErr(QStringLiteral("error: %1").arg(qstr(p.error)));
        } else if (json) {
            printJson(predictionJson(path, p, format));
        } else {
            printOut(predictionLine(path, p, format));
        }
    }
    return failures > 0 ? kExitFailure : kExitOk;
}

} // namespace pulc::cli
