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

int cmdModels(const QStringList &args)
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
    CommonOptions common;
    int code = kExitOk;
    if (!startCommand(parser, args,
                      QStringLiteral(
                          "List the models (PP-LCNet, MobileNetV3 small and large, ResNet_vd) with "
                          "their parameters and multiply-accumulates (MACs: convolutions and the "
                          "final FC, for one image)."),
                      &common, &code))
        return code;
    const bool json = common.json;
    if (!noPositionalArguments(parser, json, &code))
        return code;

    bool ok = false;
    const int classCount = parser.value(classes).toInt(&ok);
    if (!ok || classCount < 1)
        return fail(json,
                    QStringLiteral("--classes: expected a positive whole number, got '%1'")
                        .arg(parser.value(classes)),
                    kExitUsage);
    static const QRegularExpression sizePattern(QStringLiteral("^(\\d{1,5})[xX](\\d{1,5})$"));
    const QRegularExpressionMatch size = sizePattern.match(parser.value(input));
    const int height = size.hasMatch() ? size.captured(1).toInt() : 0;
    const int width = size.hasMatch() ? size.captured(2).toInt() : 0;
    if (height < 1 || width < 1)
        return fail(json,
                    QStringLiteral("--input: expected HEIGHTxWIDTH such as 224x224, got '%1'")
                        .arg(parser.value(input)),
                    kExitUsage);

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
            spec.name, classCount, height, width, !(lcnet && parser.isSet(noLastConv)),
            lcnet && parser.isSet(textLine) ? engine::kTextLineStrides : engine::kDefaultStrides);
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
                   {QStringLiteral("textline_strides"), parser.isSet(textLine)},
                   {QStringLiteral("last_conv"), !parser.isSet(noLastConv)},
                   {QStringLiteral("models"), models}});
    } else {
        lines << QString()
              << QStringLiteral("%1 classes, %2x%3 input; MACs count convolutions and the final "
                                "FC (not BN, activations or pooling).")
                     .arg(classCount)
                     .arg(height)
                     .arg(width);
        if (parser.isSet(textLine) || parser.isSet(noLastConv))
            lines << QStringLiteral(
                "--textline and --no-last-conv apply to the PPLCNet rows only.");
        printOut(lines.join(QLatin1Char('\n')));
    }
    return kExitOk;
}

} // namespace pulc::cli
