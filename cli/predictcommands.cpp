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

namespace pulc::cli {
namespace {

using namespace pulc::engine;

const QCommandLineOption &kProject = projectOption();
const QCommandLineOption kRun(QStringLiteral("run"), QStringLiteral("A run, by id or name."),
                              QStringLiteral("RUN"));
const QCommandLineOption &kThreads = threadsOption();

} // namespace

int cmdPredict(const QStringList &args)
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
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(parser, args,
                      QStringLiteral("Classify images with a trained model: an exported bundle "
                                     "or a run folder (--model), a project's run (--project, "
                                     "--run) or a checkpoint file (--checkpoint). With --json, "
                                     "one JSON object per image: path, classes [{id, name, "
                                     "score}], decision (single-label: the top id; binary: 0 "
                                     "or 1; multi-label: 0/1 per attribute), milliseconds."),
                      &common, &code))
        return code;
    const bool json = common.json;
    bool ok = false;
    const int k = parser.value(topk).toInt(&ok);
    if (!ok || k < 1)
        return fail(json,
                    QStringLiteral("--topk: expected a positive whole number, got '%1'")
                        .arg(parser.value(topk)),
                    kExitUsage);
    double thresholdValue = 0.0;
    if (parser.isSet(threshold)) {
        thresholdValue = parser.value(threshold).toDouble(&ok);
        if (!ok || !(thresholdValue >= 0.0 && thresholdValue <= 1.0))
            return fail(json,
                        QStringLiteral("--threshold: expected a number from 0 to 1, got '%1'")
                            .arg(parser.value(threshold)),
                        kExitUsage);
    }
    if (!readThreads(parser, &common, &code))
        return code;
    const int threads = common.threads;
    if (parser.positionalArguments().isEmpty())
        return fail(json, QStringLiteral("no image given"), kExitUsage);
    if (parser.isSet(model) + parser.isSet(checkpoint) + parser.isSet(kRun) > 1)
        return fail(json, QStringLiteral("give one of --model, --checkpoint and --run"),
                    kExitUsage);

    std::string file = parser.value(checkpoint).toStdString();
    std::string error;
    if (parser.isSet(model)) {
        const QString value = parser.value(model);
        // A path wins; with --project, anything else is a run id or name.
        file =
            parser.isSet(kProject) && !QFileInfo::exists(value)
                ? runCheckpoint(parser.value(kProject).toStdString(), value.toStdString(), &error)
                : resolveModelPath(value.toStdString(), &error);
        if (file.empty())
            return fail(json, qstr(error));
    } else if (file.empty()) {
        if (!requireProject(common, &code))
            return code;
        if (!parser.isSet(kRun))
            return fail(json,
                        QStringLiteral("--model MODEL, --run RUN or --checkpoint FILE is required"),
                        kExitUsage);
        file = runCheckpoint(parser.value(kProject).toStdString(), parser.value(kRun).toStdString(),
                             &error);
        if (file.empty())
            return fail(json, qstr(error));
    }
    Predictor predictor;
    if (!predictor.load(file, threads))
        return fail(json, qstr(predictor.error()));
    if (parser.isSet(threshold))
        predictor.setThreshold(thresholdValue);

    QStringList images;
    for (const QString &arg : parser.positionalArguments()) {
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
            images << arg; // a missing file is reported per image below
        }
    }
    const TrainConfig &config = predictor.config();
    const double decisionThreshold = parser.isSet(threshold) ? thresholdValue : config.threshold;
    const std::vector<std::string> &names = predictor.classNames();
    auto nameOf = [&](int id) {
        return id >= 0 && id < int(names.size()) ? qstr(names[id]) : QString::number(id);
    };
    int failures = 0;
    for (const QString &path : images) {
        const Prediction p = predictor.predictFile(path.toStdString(), k);
        if (!p.ok) {
            ++failures;
            if (json)
                printJson(
                    {{QStringLiteral("path"), path}, {QStringLiteral("error"), qstr(p.error)}});
            else
                printErr(QStringLiteral("error: %1").arg(qstr(p.error)));
            continue;
        }
        if (json) {
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
                             {QStringLiteral("task"), qstr(toString(config.task))},
                             {QStringLiteral("classes"), classes},
                             {QStringLiteral("top"), top},
                             {QStringLiteral("milliseconds"), p.milliseconds},
                             {QStringLiteral("ms"), p.milliseconds}};
            if (config.task == Task::MultiLabel) {
                QJsonArray attributes;
                for (int a : p.attributes)
                    attributes.append(a);
                line.insert(QStringLiteral("decision"), attributes);
                line.insert(QStringLiteral("threshold"), decisionThreshold);
            } else {
                line.insert(QStringLiteral("decision"), p.decision);
                line.insert(QStringLiteral("decision_name"), nameOf(p.decision));
                if (config.task == Task::Binary)
                    line.insert(QStringLiteral("threshold"), decisionThreshold);
            }
            printJson(line);
            continue;
        }
        QStringList parts;
        if (config.task == Task::Binary)
            parts << QStringLiteral("%1 (p=%2, threshold %3)")
                         .arg(nameOf(p.decision))
                         .arg(p.scores.size() > 1 ? p.scores[1] : 0.0f, 0, 'f', 4)
                         .arg(decisionThreshold);
        else if (config.task == Task::MultiLabel) {
            for (size_t a = 0; a < p.attributes.size(); ++a) {
                if (p.attributes[a])
                    parts
                        << QStringLiteral("%1 %2").arg(nameOf(int(a))).arg(p.scores[a], 0, 'f', 3);
            }
            if (parts.isEmpty())
                parts << QStringLiteral("(no attribute)");
        } else {
            for (const ClassScore &s : p.top)
                parts << QStringLiteral("%1 %2").arg(qstr(s.name)).arg(s.score, 0, 'f', 4);
        }
        printOut(QStringLiteral("%1: %2  [%3 ms]")
                     .arg(path, parts.join(QStringLiteral(", ")))
                     .arg(p.milliseconds, 0, 'f', 1));
    }
    return failures > 0 ? kExitFailure : kExitOk;
}

} // namespace pulc::cli
