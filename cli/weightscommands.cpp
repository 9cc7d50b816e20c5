// `pulc import-model` (a PaddleClas PULC .pdparams as a finished run of a project) and
// `pulc inspect-weights` (what a weights file holds). Thin hosts over engine/pretrained.h.
#include "commands.h"
#include "output.h"
#include "parsing.h"

#include "engine/pretrained.h"
#include "engine/projectjobs.h"
#include "engine/scenes.h"

#include <QCommandLineParser>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

namespace pulc::cli {
namespace {

using namespace pulc::engine;

QJsonArray jsonList(const std::vector<std::string> &items)
{
    QJsonArray out;
    for (const std::string &item : items)
        out.append(qstr(item));
    return out;
}

QString joined(const std::vector<std::string> &items)
{
    QStringList out;
    for (const std::string &item : items)
        out << qstr(item);
    return out.join(QStringLiteral(", "));
}

/// The one FILE argument of a command; false with a usage error otherwise.
bool oneFile(const QCommandLineParser &parser, bool json, QString *file, int *exitCode)
{
    const QStringList positional = parser.positionalArguments();
    if (positional.size() == 1) {
        *file = positional.first();
        return true;
    }
    *exitCode = fail(json,
                     positional.isEmpty()
                         ? QStringLiteral("no weights file given")
                         : QStringLiteral("expected one weights file, got %1 arguments ('%2')")
                               .arg(positional.size())
                               .arg(positional.join(QStringLiteral("' '"))),
                     kExitUsage);
    return false;
}

/// `pulc import-model`'s command line, as parseImportModelOptions() reads it.
struct ImportModelOptions
{
    CommonOptions common;
    QString file;               ///< the weights file, as given
    ImportModelRequest request; ///< what engine/pretrained.h is asked to import
};

/// Reads `pulc import-model`'s flags into *options. False when the command should stop: the
/// help was shown or a usage error printed, with *exitCode set.
bool parseImportModelOptions(const QStringList &args, ImportModelOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption scene(QStringLiteral("scene"),
                                   QStringLiteral("Scene template for input size, thresholds and "
                                                  "post-processing (default: from the file name "
                                                  "<scene>_pretrained.pdparams, else the "
                                                  "project's latest run, else custom)."),
                                   QStringLiteral("S"));
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("The model the file must be (default: read from "
                                                  "its shapes); a different one fails."),
                                   QStringLiteral("NAME"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Name of the new run (default: the file's base "
                                                 "name)."),
                                  QStringLiteral("RUN"));
    const QCommandLineOption set(QStringLiteral("set"),
                                 QStringLiteral("Change one setting of the scene template "
                                                "(repeatable), as pulc train --set, e.g. "
                                                "input=32x32."),
                                 QStringLiteral("KEY=VALUE"));
    const QCommandLineOption labels(QStringLiteral("labels"),
                                    QStringLiteral("Class names from a PaddleClas class_id_map "
                                                   "file (\"id name\" per line, as labels.txt)."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption config(
        QStringLiteral("config"),
        QStringLiteral("Settings from a PaddleClas-shaped YAML config (a PULC PPLCNet_x1_0.yaml, "
                       "or the config.yaml pulc export --format pdparams writes beside the "
                       "weights), read over the scene template before --set."),
        QStringLiteral("FILE"));
    parser.addOptions({projectOption(), scene, model, name, set, labels, config});
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A PaddleClas .pdparams file (or a PULC Studio "
                                                "checkpoint)."));
    CommonOptions &common = options->common;
    if (!startCommand(
            parser, args,
            QStringLiteral(
                "Import a PaddleClas PULC model (.pdparams, e.g. "
                "person_exists_pretrained.pdparams) "
                "as a finished run of the project, ready for pulc predict, eval and export. The "
                "model comes from the file's shapes; input size, strides, threshold and "
                "post-processing from the scene template; class names from the template when "
                "their count fits, else from the project's classes, else class_0, class_1, ..."),
            &common, exitCode))
        return false;
    const bool json = common.json;
    if (!requireProject(common, exitCode) || !oneFile(parser, json, &options->file, exitCode))
        return false;
    if (parser.isSet(scene) && !findScene(parser.value(scene).toStdString())) {
        *exitCode =
            fail(json, QStringLiteral("--scene: unknown scene '%1'").arg(parser.value(scene)),
                 kExitUsage);
        return false;
    }
    for (const QString &assignment : parser.values(set)) {
        if (assignment.indexOf(QLatin1Char('=')) <= 0) {
            *exitCode =
                fail(json, QStringLiteral("--set: expected KEY=VALUE, got '%1'").arg(assignment),
                     kExitUsage);
            return false;
        }
    }
    ImportModelRequest &request = options->request;
    request.file = options->file.toStdString();
    request.projectDir = common.projectDir->toStdString();
    request.scene = parser.value(scene).toStdString();
    request.model = parser.value(model).toStdString();
    request.runName = parser.value(name).toStdString();
    request.labelsFile = parser.value(labels).toStdString();
    request.configFile = parser.value(config).toStdString();
    for (const QString &assignment : parser.values(set))
        request.settings.push_back(assignment.toStdString());
    return true;
}

} // namespace

int cmdImportModel(const QStringList &args)
{
    ImportModelOptions options;
    int code = kExitOk;
    if (!parseImportModelOptions(args, &options, &code))
        return code;
    const bool json = options.common.json;
    const QString &file = options.file;
    Result<ImportModelResult> imported = importModelIntoProject(options.request);
    if (!imported)
        return fail(json, qstr(imported.error()));
    const ImportModelResult &result = *imported;

    if (json) {
        printJson({{QStringLiteral("run"), qint64(result.runId)},
                   {QStringLiteral("name"), qstr(result.runName)},
                   {QStringLiteral("model"), qstr(result.model)},
                   {QStringLiteral("scene"), qstr(result.scene)},
                   {QStringLiteral("classes"), jsonList(result.classes)},
                   {QStringLiteral("dir"), qstr(result.runDir)},
                   {QStringLiteral("checkpoint"), qstr(result.checkpoint)},
                   {QStringLiteral("messages"), jsonList(result.messages)}});
        return kExitOk;
    }
    printOut(QStringLiteral("imported %1 as run %2 (%3)")
                 .arg(QFileInfo(file).absoluteFilePath())
                 .arg(result.runId)
                 .arg(qstr(result.runName)));
    printOut(QStringLiteral("  model:   %1").arg(qstr(result.model)));
    printOut(QStringLiteral("  scene:   %1").arg(qstr(result.scene)));
    printOut(QStringLiteral("  classes: %1 (%2)")
                 .arg(joined(result.classes))
                 .arg(result.classes.size()));
    printOut(QStringLiteral("  folder:  %1").arg(qstr(result.runDir)));
    for (const std::string &message : result.messages)
        printOut(QStringLiteral("note: %1").arg(qstr(message)));
    return kExitOk;
}

int cmdInspectWeights(const QStringList &args)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("FILE"),
                                 QStringLiteral("A .pdparams file, a checkpoint, a run folder or "
                                                "a bundle."));
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(parser, args,
                      QStringLiteral("Describe a weights file: its format, the model its shapes "
                                     "fit, the number of classes, tensors and values, and (for "
                                     "checkpoints) the class names."),
                      &common, &code))
        return code;
    const bool json = common.json;
    QString file;
    if (!oneFile(parser, json, &file, &code))
        return code;
    const Result<WeightsInfo> inspected = inspectWeights(file.toStdString());
    if (!inspected)
        return fail(json, qstr(inspected.error()));
    const WeightsInfo &info = *inspected;
    if (json) {
        QJsonObject object{{QStringLiteral("path"), qstr(info.path)},
                           {QStringLiteral("format"), qstr(info.format)},
                           {QStringLiteral("model"), qstr(info.model)},
                           {QStringLiteral("classes"), info.classes},
                           {QStringLiteral("use_last_conv"), info.useLastConv},
                           {QStringLiteral("tensors"), info.tensors},
                           {QStringLiteral("values"), qint64(info.values)},
                           {QStringLiteral("student_prefix"), info.studentPrefix},
                           {QStringLiteral("class_names"), jsonList(info.classNames)}};
        if (!info.why.empty())
            object.insert(QStringLiteral("why"), qstr(info.why));
        printJson(object);
        return kExitOk;
    }
    printOut(QStringLiteral("%1 (%2)").arg(qstr(info.path), qstr(info.format)));
    printOut(QStringLiteral("  model:   %1")
                 .arg(info.model.empty() ? QStringLiteral("unknown: ") + qstr(info.why)
                                         : qstr(info.model)));
    printOut(QStringLiteral("  classes: %1").arg(info.classes));
    if (!info.classNames.empty())
        printOut(QStringLiteral("  names:   %1").arg(joined(info.classNames)));
    printOut(QStringLiteral("  last_conv: %1").arg(info.useLastConv ? "yes" : "no"));
    printOut(QStringLiteral("  tensors: %1, values: %2").arg(info.tensors).arg(info.values));
    if (info.studentPrefix)
        printOut(QStringLiteral("  a distillation checkpoint: its Student. weights are used"));
    return kExitOk;
}

} // namespace pulc::cli
