// `pulc models`: the architectures the engine can train, with their size and cost.
#include "commands.h"
#include "output.h"
#include "parsing.h"

#include "engine/models.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace pulc::cli {

namespace {

/// `pulc models`'s command line, as parseModelsOptions() reads it.
struct ModelsOptions
{
    CommonOptions common;
    int classes = 1000; ///< --classes
    int height = 224;   ///< --input HxW
    int width = 224;
    bool textLine = false;   ///< --textline: PP-LCNet's text-line strides
    bool noLastConv = false; ///< --no-last-conv: PP-LCNet without its last conv
};

/// Reads `pulc models`'s flags into *options. False when the command should stop: the help was
/// shown or a usage error printed, with *exitCode set.
bool parseModelsOptions(const QStringList &args, ModelsOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption classes(QStringLiteral("classes"),
                                     QStringLiteral("Number of classes (default 1000)."),
                                     QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption input(QStringLiteral("input"),
                                   QStringLiteral("Input size, height x width (default 224x224)."),
                                   QStringLiteral("HxW"), QStringLiteral("224x224"));
    const QCommandLineOption textLine(
        QStringLiteral("textline"),
        QStringLiteral("PP-LCNet rows: text-line strides [2, [2,1], [2,1], [2,1], [2,1]] (use "
                       "with --input 80x160). Other families are listed with their default "
                       "strides."));
    const QCommandLineOption noLastConv(
        QStringLiteral("no-last-conv"),
        QStringLiteral("PP-LCNet rows: without the 1280-wide last conv (as clarity_assessment "
                       "and image_orientation). MobileNetV3 always has it, ResNet_vd never."));
    parser.addOptions({classes, input, textLine, noLastConv});
    CommonOptions &common = options->common;
    if (!startCommand(parser, args,
                      QStringLiteral(
                          "List the models (PP-LCNet, MobileNetV3 small and large, ResNet_vd) with "
                          "their parameters and multiply-accumulates (MACs: convolutions and the "
                          "final FC, for one image)."),
                      &common, exitCode))
        return false;
    const bool json = common.json;
    if (!noPositionalArguments(parser, json, exitCode))
        return false;
    bool ok = false;
    options->classes = parser.value(classes).toInt(&ok);
    if (!ok || options->classes < 1) {
        *exitCode = fail(json,
                         QStringLiteral("--classes: expected a positive whole number, got '%1'")
                             .arg(parser.value(classes)),
                         kExitUsage);
        return false;
    }
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const QRegularExpressionMatch size = sizePattern.match(parser.value(input));
    options->height = size.hasMatch() ? size.captured(1).toInt() : 0;
    options->width = size.hasMatch() ? size.captured(2).toInt() : 0;
    if (options->height < 1 || options->width < 1) {
        *exitCode = fail(json,
                         QStringLiteral("--input: expected HEIGHTxWIDTH such as 224x224, got '%1'")
                             .arg(parser.value(input)),
                         kExitUsage);
        return false;
    }
    options->textLine = parser.isSet(textLine);
    options->noLastConv = parser.isSet(noLastConv);
    return true;
}

} // namespace

int cmdModels(const QStringList &args)
{
    ModelsOptions options;
    int code = kExitOk;
    if (!parseModelsOptions(args, &options, &code))
        return code;
    const bool json = options.common.json;
    const int classCount = options.classes;
    const int height = options.height;
    const int width = options.width;

    QJsonArray models;
    QStringList lines{QStringLiteral("%1 %2 %3 %4 %5")
                          .arg(QStringLiteral("model"), -24)
                          .arg(QStringLiteral("family"), -18)
                          .arg(QStringLiteral("scale"), 6)
                          .arg(QStringLiteral("params (M)"), 11)
                          .arg(QStringLiteral("MACs (M)"), 10)};
    for (const engine::ModelSpec &spec : engine::knownModels()) {
        // --textline and --no-last-conv describe PULC's PP-LCNet variants; ResNet_vd would take
        // the strides too (its stride_list), but that is not a configuration PULC ships.
        const bool lcnet = spec.family == "PPLCNet";
        const engine::ModelStats stats = engine::describeModel(
            spec.name, classCount, height, width, !(lcnet && options.noLastConv),
            lcnet && options.textLine ? engine::kTextLineStrides : engine::kDefaultStrides);
        if (!stats.ok())
            return fail(json, QStringLiteral("%1: %2").arg(QString::fromStdString(spec.name),
                                                           QString::fromStdString(stats.error)));
        const QString name = QString::fromStdString(spec.name);
        const QString family = QString::fromStdString(spec.family);
        models.append(QJsonObject{{QStringLiteral("name"), name},
                                  {QStringLiteral("family"), family},
                                  {QStringLiteral("scale"), spec.scale},
                                  {QStringLiteral("params"), qint64(stats.parameters)},
                                  {QStringLiteral("macs"), qint64(stats.macs)}});
        lines << QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(name, -24)
                     .arg(family, -18)
                     .arg(spec.scale, 6, 'f', 2)
                     .arg(stats.parameters / 1e6, 11, 'f', 3)
                     .arg(stats.macs / 1e6, 10, 'f', 1);
    }
    if (json) {
        printJson({{QStringLiteral("classes"), classCount},
                   {QStringLiteral("input"), QJsonArray{height, width}},
                   {QStringLiteral("textline_strides"), options.textLine},
                   {QStringLiteral("last_conv"), !options.noLastConv},
                   {QStringLiteral("models"), models}});
    } else {
        lines << QString()
              << QStringLiteral("%1 classes, %2x%3 input; MACs count convolutions and the final "
                                "FC (not BN, activations or pooling).")
                     .arg(classCount)
                     .arg(height)
                     .arg(width);
        if (options.textLine || options.noLastConv)
            lines << QStringLiteral(
                "--textline and --no-last-conv apply to the PPLCNet rows only.");
        printOut(lines.join(QLatin1Char('\n')));
    }
    return kExitOk;
}

} // namespace pulc::cli
