// `pulc export` (a run as a deployment bundle, or as PaddleClas weights) and `pulc bench infer`
// (how fast a model classifies here). Thin hosts over engine/bundle.h, engine/pretrained.h and
// engine/predictor.h.
#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "parsing.h"

#include "engine/bundle.h"
#include "engine/pipeline.h"
#include "engine/predictor.h"
#include "engine/pretrained.h"
#include "engine/projectjobs.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>

namespace pulc::cli {
namespace {

using namespace pulc::engine;

const QCommandLineOption &kProject = projectOption();
const QCommandLineOption &kThreads = threadsOption();

QString parityLine(const ParityReport &p)
{
    return QStringLiteral("parity on %1 val images: %2 agree (%3%), max probability difference %4")
        .arg(p.images)
        .arg(p.agreeing)
        .arg(100.0 * p.agreement, 0, 'f', 2)
        .arg(p.maxProbabilityDifference, 0, 'g', 2);
}

/// Median and 90th percentile (nearest rank) of `ms`.
std::pair<double, double> medianP90(std::vector<double> ms)
{
    if (ms.empty())
        return {0.0, 0.0};
    std::sort(ms.begin(), ms.end());
    const size_t p90 =
        std::min(ms.size() - 1, static_cast<size_t>(std::ceil(0.9 * double(ms.size()))) - 1);
    return {ms[ms.size() / 2], ms[p90]};
}

/// `pulc export --format pdparams`: the run's weights in PaddleClas's names and layout.
int exportPdparamsCommand(const QString &projectDir, const QString &run, const QString &out,
                          bool json)
{
    const Result<PdparamsExport> exported =
        exportRunPdparams(projectDir.toStdString(), run.toStdString(), out.toStdString());
    if (!exported)
        return fail(json, qstr(exported.error()));
    const PdparamsExport &result = *exported;
    const QFileInfo file(qstr(result.file));
    QStringList files{file.fileName()};
    if (!result.labels.empty())
        files << QFileInfo(qstr(result.labels)).fileName();
    if (!result.config.empty())
        files << QFileInfo(qstr(result.config)).fileName();
    if (json) {
        printJson({{QStringLiteral("ok"), true},
                   {QStringLiteral("format"), QStringLiteral("pdparams")},
                   {QStringLiteral("out"), QFileInfo(out).absoluteFilePath()},
                   {QStringLiteral("files"), QJsonArray::fromStringList(files)},
                   {QStringLiteral("file"), qstr(result.file)},
                   {QStringLiteral("labels"), qstr(result.labels)},
                   {QStringLiteral("config"), qstr(result.config)},
                   {QStringLiteral("arrays"), result.arrays},
                   {QStringLiteral("run"), qint64(result.runId)},
                   {QStringLiteral("model"), qstr(result.model)}});
        return kExitOk;
    }
    printOut(QStringLiteral("weights: %1 (%2, %3 arrays, %4 classes)")
                 .arg(qstr(result.file), qstr(result.model))
                 .arg(result.arrays)
                 .arg(result.classes.size()));
    if (!result.labels.empty())
        printOut(QStringLiteral("labels: %1").arg(qstr(result.labels)));
    if (!result.config.empty())
        printOut(QStringLiteral("PaddleClas config: %1 (Global.pretrained_model points at the "
                                "weights)")
                     .arg(qstr(result.config)));
    return kExitOk;
}

/// `pulc export`'s command line, as parseExportOptions() reads it.
struct ExportCommandOptions
{
    CommonOptions common;
    QString run;        ///< --run: id or name
    QString out;        ///< --out: the bundle folder, or the .pdparams file or folder
    QString format;     ///< --format: onnx, torch or pdparams
    bool parity = true; ///< false with --no-parity
};

/// Reads `pulc export`'s flags into *options. False when the command should stop: the help was
/// shown or a usage error printed, with *exitCode set.
bool parseExportOptions(const QStringList &args, ExportCommandOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption run(QStringLiteral("run"), QStringLiteral("The run, by id or name."),
                                 QStringLiteral("RUN"));
    const QCommandLineOption format(QStringLiteral("format"),
                                    QStringLiteral("onnx (default: the whole bundle), torch "
                                                   "(model.ckpt and labels.txt only) or "
                                                   "pdparams (PaddleClas weights: --out "
                                                   "FILE.pdparams, or a folder that receives "
                                                   "<run>.pdparams, labels.txt and a PaddleClas "
                                                   "config.yaml)."),
                                    QStringLiteral("FORMAT"), QStringLiteral("onnx"));
    const QCommandLineOption out(QStringLiteral("out"),
                                 QStringLiteral("The bundle folder to create (new, empty, or a "
                                                "previous bundle, which is replaced); with "
                                                "--format pdparams a .pdparams file or a "
                                                "folder."),
                                 QStringLiteral("DIR"));
    const QCommandLineOption noParity(QStringLiteral("no-parity"),
                                      QStringLiteral("Skip the parity check of model.onnx "
                                                     "against the native predictor."));
    parser.addOptions({kProject, run, format, out, kThreads, noParity});
    CommonOptions &common = options->common;
    if (!startCommand(
            parser, args,
            QStringLiteral(
                "Export a trained run as a deployment bundle: model.onnx (opset 13, probabilities "
                "out), inference.yml (PaddleClas's deploy config shape), labels.txt, model.ckpt, "
                "README.md (model card) and example/ (C++ with OpenCV DNN). The ONNX model is "
                "checked on the validation split against the native predictor; below 99.9% "
                "agreement the export fails and nothing is written. --format pdparams writes "
                "the weights in PaddleClas's names and layout instead (paddle.load and pulc "
                "import-model read them)."),
            &common, exitCode))
        return false;
    if (!noPositionalArguments(parser, common.json, exitCode) || !requireProject(common, exitCode))
        return false;
    if (!parser.isSet(run)) {
        *exitCode = fail(common.json, QStringLiteral("--run RUN is required"), kExitUsage);
        return false;
    }
    if (!parser.isSet(out)) {
        *exitCode = fail(common.json, QStringLiteral("--out DIR is required"), kExitUsage);
        return false;
    }
    options->run = parser.value(run);
    options->out = parser.value(out);
    options->format = parser.value(format);
    options->parity = !parser.isSet(noParity);
    if (options->format == QLatin1String("pdparams"))
        return true; // the weights file only: --threads is not read
    if (options->format != QLatin1String("onnx") && options->format != QLatin1String("torch")) {
        *exitCode = fail(common.json,
                         QStringLiteral("--format: expected onnx, torch or pdparams, got '%1'")
                             .arg(options->format),
                         kExitUsage);
        return false;
    }
    return readThreads(parser, &common, exitCode);
}

/// Exports the bundle, with a progress line on stderr at each new stage and at most every two
/// seconds within one. Ctrl+C cancels it.
ExportResult runExport(const ExportCommandOptions &options)
{
    ExportOptions exportOptions;
    exportOptions.format = options.format.toStdString();
    exportOptions.outDir = options.out.toStdString();
    exportOptions.threads = options.common.threads;
    exportOptions.parity = options.parity;
    QString lastStage;
    QElapsedTimer lastLine;
    lastLine.start();
    exportOptions.progress = [&](const std::string &stage, int done, int total) {
        const QString name = qstr(stage);
        if (name != lastStage || done == total || lastLine.elapsed() >= 2000) {
            printErr(QStringLiteral("%1 %2/%3").arg(name).arg(done).arg(total));
            lastLine.restart();
            lastStage = name;
        }
        return !interrupted();
    };
    watchInterrupt();
    const ExportResult result = exportRun(options.common.projectDir->toStdString(),
                                          options.run.toStdString(), exportOptions);
    stopWatchingInterrupt();
    return result;
}

/// `pulc export --json`: one object with the files and the parity check. Returns the exit code.
int printExportJson(const ExportCommandOptions &options, const ExportResult &result)
{
    QJsonArray files;
    for (const std::string &f : result.files)
        files.append(qstr(f));
    QJsonArray disagreeing;
    for (const std::string &path : result.parity.disagreeing)
        disagreeing.append(qstr(path));
    QJsonObject object{{QStringLiteral("ok"), result.ok},
                       {QStringLiteral("format"), options.format},
                       {QStringLiteral("out"), QFileInfo(options.out).absoluteFilePath()},
                       {QStringLiteral("files"), files},
                       {QStringLiteral("latency_ms"), result.latencyMs}};
    if (result.parityChecked)
        object.insert(QStringLiteral("parity"),
                      QJsonObject{{QStringLiteral("images"), result.parity.images},
                                  {QStringLiteral("agreeing"), result.parity.agreeing},
                                  {QStringLiteral("agreement"), result.parity.agreement},
                                  {QStringLiteral("max_probability_difference"),
                                   result.parity.maxProbabilityDifference},
                                  {QStringLiteral("disagreeing"), disagreeing},
                                  {QStringLiteral("passed"), result.parity.passed}});
    if (!result.ok)
        object.insert(QStringLiteral("error"), qstr(result.error));
    printJson(object);
    if (!result.ok)
        printErr(QStringLiteral("error: %1").arg(qstr(result.error)));
    return result.ok ? kExitOk : kExitFailure;
}

/// `pulc export` as text: the parity check, then the error, or the latency and the files.
/// Returns the exit code.
int printExportText(const ExportCommandOptions &options, const ExportResult &result)
{
    if (result.parityChecked) {
        printOut(parityLine(result.parity));
        for (const std::string &path : result.parity.disagreeing)
            printOut(QStringLiteral("  disagrees: %1").arg(qstr(path)));
    } else if (options.parity && options.format == QLatin1String("onnx") && result.ok) {
        printOut(QStringLiteral("parity: not checked (the project has no validation images)"));
    }
    if (!result.ok)
        return fail(false, QStringLiteral("error: %1").arg(qstr(result.error)));
    if (result.latencyMs > 0.0)
        printOut(QStringLiteral("latency: %1 ms per image (median, batch 1, %2 threads)")
                     .arg(result.latencyMs, 0, 'f', 2)
                     .arg(options.common.threads));
    printOut(QStringLiteral("bundle: %1").arg(QFileInfo(options.out).absoluteFilePath()));
    for (const std::string &f : result.files)
        printOut(QStringLiteral("  %1").arg(qstr(f)));
    return kExitOk;
}

} // namespace

int cmdExport(const QStringList &args)
{
    ExportCommandOptions options;
    int code = kExitOk;
    if (!parseExportOptions(args, &options, &code))
        return code;
    if (options.format == QLatin1String("pdparams"))
        return exportPdparamsCommand(*options.common.projectDir, options.run, options.out,
                                     options.common.json);
    const ExportResult result = runExport(options);
    return options.common.json ? printExportJson(options, result)
                               : printExportText(options, result);
}

namespace {

/// `pulc bench infer`'s command line, as parseBenchOptions() reads it.
struct BenchOptions
{
    CommonOptions common;
    QString model; ///< --model: a bundle, run folder or checkpoint, or with --project a run
    int runs = 30; ///< --runs: timed runs, after three warm-up ones
    int batch = 1; ///< --batch: images per forward pass
    QString image; ///< --image; random input when empty
};

/// Reads `pulc bench`'s flags into *options. False when the command should stop: the help was
/// shown or a usage error printed, with *exitCode set.
bool parseBenchOptions(const QStringList &args, BenchOptions *options, int *exitCode)
{
    QCommandLineParser parser;
    const QCommandLineOption model(QStringLiteral("model"),
                                   QStringLiteral("A bundle folder, a run folder or a checkpoint "
                                                  "file; with --project also a run id or name."),
                                   QStringLiteral("MODEL"));
    const QCommandLineOption runs(QStringLiteral("runs"),
                                  QStringLiteral("Timed runs (default 30)."), QStringLiteral("N"),
                                  QStringLiteral("30"));
    const QCommandLineOption batch(QStringLiteral("batch"),
                                   QStringLiteral("Images per forward pass (default 1)."),
                                   QStringLiteral("N"), QStringLiteral("1"));
    const QCommandLineOption image(QStringLiteral("image"),
                                   QStringLiteral("Time this image (forward and end to end) "
                                                  "instead of random input."),
                                   QStringLiteral("FILE"));
    parser.addOptions({model, kProject, kThreads, runs, batch, image});
    parser.addPositionalArgument(QStringLiteral("infer"),
                                 QStringLiteral("What to time: infer (the only benchmark)."));
    CommonOptions &common = options->common;
    if (!startCommand(parser, args,
                      QStringLiteral("pulc bench infer: time a model on this machine: the "
                                     "forward pass of input-sized images (median and 90th "
                                     "percentile), and with --image the whole predictFile "
                                     "(decode, pre-processing, forward, post-processing)."),
                      &common, exitCode))
        return false;
    const bool json = common.json;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() != 1 || positional.first() != QLatin1String("infer")) {
        *exitCode = fail(json,
                         QStringLiteral("expected 'pulc bench infer --model MODEL' (got '%1')")
                             .arg(positional.join(QLatin1Char(' '))),
                         kExitUsage);
        return false;
    }
    if (!parser.isSet(model)) {
        *exitCode = fail(json, QStringLiteral("--model MODEL is required"), kExitUsage);
        return false;
    }
    options->model = parser.value(model);
    options->image = parser.value(image);
    return readThreads(parser, &common, exitCode) &&
           positiveInt(parser, runs, 100000, &options->runs, json, exitCode) &&
           positiveInt(parser, batch, 1024, &options->batch, json, exitCode);
}

/// The image that is timed, at the model's input size: --image resized, else random pixels.
/// False, with *error, when --image cannot be read.
bool benchInput(const TrainConfig &config, const QString &imagePath, cv::Mat *input,
                std::string *error)
{
    *input = cv::Mat(config.inputHeight, config.inputWidth, CV_8UC3);
    if (imagePath.isEmpty()) {
        cv::randu(*input, cv::Scalar::all(0), cv::Scalar::all(255));
        return true;
    }
    const AugmentResult rgb = loadRgbFile(imagePath.toStdString());
    if (!rgb.ok()) {
        *error = rgb.error;
        return false;
    }
    cv::resize(rgb.image, *input, cv::Size(config.inputWidth, config.inputHeight), 0, 0,
               cv::INTER_LINEAR);
    return true;
}

/// Milliseconds of each of `runs` calls of `call`, after three warm-up calls; empty as soon as
/// a call returns false.
template<class Call> std::vector<double> timeCalls(int runs, Call &&call)
{
    std::vector<double> ms;
    for (int i = 0; i < runs + 3; ++i) {
        const auto start = std::chrono::steady_clock::now();
        if (!call())
            return std::vector<double>();
        const double elapsed =
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                .count();
        if (i >= 3) // warm-up
            ms.push_back(elapsed);
    }
    return ms;
}

/// What `pulc bench infer` measured, in milliseconds: median and 90th percentile.
struct BenchTimes
{
    std::pair<double, double> forward;                 ///< one forward pass of the batch
    std::optional<std::pair<double, double>> endToEnd; ///< predictFile of --image
};

/// Times the forward pass of a batch of `input`, and with --image the whole predictFile. False,
/// with *error, when a run fails.
bool timeModel(Predictor &predictor, const BenchOptions &options, const std::string &file,
               const cv::Mat &input, BenchTimes *times, QString *error)
{
    const std::vector<cv::Mat> images(static_cast<size_t>(options.batch), input);
    std::string runError;
    const std::vector<double> forward = timeCalls(options.runs, [&] {
        for (const Prediction &p : predictor.predictImages(images, 1)) {
            if (!p.ok) {
                runError = p.error;
                return false;
            }
        }
        return true;
    });
    if (forward.empty()) {
        *error = QStringLiteral("%1: %2").arg(qstr(file), qstr(runError));
        return false;
    }
    times->forward = medianP90(forward);
    if (options.image.isEmpty())
        return true;
    const std::vector<double> endToEnd = timeCalls(options.runs, [&] {
        const Prediction p = predictor.predictFile(options.image.toStdString(), 1);
        runError = p.error;
        return p.ok;
    });
    if (endToEnd.empty()) {
        *error = qstr(runError);
        return false;
    }
    times->endToEnd = medianP90(endToEnd);
    return true;
}

/// Prints what bench measured: one JSON object with --json, else lines of text.
void printBench(const BenchOptions &options, const std::string &file, const Predictor &predictor,
                const BenchTimes &times)
{
    const TrainConfig &config = predictor.config();
    const int h = config.inputHeight;
    const int w = config.inputWidth;
    const int threads = options.common.threads;
    const auto [forwardMedian, forwardP90] = times.forward;
    if (options.common.json) {
        QJsonObject object{{QStringLiteral("model"), qstr(file)},
                           {QStringLiteral("backend"), qstr(predictor.backend())},
                           {QStringLiteral("architecture"), qstr(config.model)},
                           {QStringLiteral("input"), QJsonArray{3, h, w}},
                           {QStringLiteral("threads"), threads},
                           {QStringLiteral("batch"), options.batch},
                           {QStringLiteral("runs"), options.runs},
                           {QStringLiteral("forward_median_ms"), forwardMedian},
                           {QStringLiteral("forward_p90_ms"), forwardP90},
                           {QStringLiteral("per_image_ms"), forwardMedian / options.batch}};
        if (times.endToEnd) {
            object.insert(QStringLiteral("end_to_end_median_ms"), times.endToEnd->first);
            object.insert(QStringLiteral("end_to_end_p90_ms"), times.endToEnd->second);
        }
        printJson(object);
        return;
    }
    printOut(QStringLiteral("model: %1 (%2)").arg(qstr(file), qstr(config.model)));
    printOut(QStringLiteral("backend: %1, %2 threads").arg(qstr(predictor.backend())).arg(threads));
    printOut(QStringLiteral("input: 3x%1x%2, batch %3, %4 runs (%5)")
                 .arg(h)
                 .arg(w)
                 .arg(options.batch)
                 .arg(options.runs)
                 .arg(options.image.isEmpty() ? QStringLiteral("random input") : options.image));
    printOut(QStringLiteral("forward: median %1 ms, p90 %2 ms (%3 ms per image)")
                 .arg(forwardMedian, 0, 'f', 2)
                 .arg(forwardP90, 0, 'f', 2)
                 .arg(forwardMedian / options.batch, 0, 'f', 2));
    if (times.endToEnd)
        printOut(QStringLiteral("end to end (predictFile): median %1 ms, p90 %2 ms")
                     .arg(times.endToEnd->first, 0, 'f', 2)
                     .arg(times.endToEnd->second, 0, 'f', 2));
}

} // namespace

int cmdBench(const QStringList &args)
{
    BenchOptions options;
    int code = kExitOk;
    if (!parseBenchOptions(args, &options, &code))
        return code;
    const bool json = options.common.json;
    std::string error;
    // A path wins; with --project, anything else is a run id or name.
    const Result<std::string> file =
        options.common.projectDir && !QFileInfo::exists(options.model)
            ? runCheckpoint(options.common.projectDir->toStdString(), options.model.toStdString())
            : resolveModelPath(options.model.toStdString());
    if (!file)
        return fail(json, qstr(file.error()));
    Predictor predictor;
    if (const Status loaded = predictor.load(*file, options.common.threads); !loaded)
        return fail(json, qstr(loaded.error));
    cv::Mat input;
    if (!benchInput(predictor.config(), options.image, &input, &error))
        return fail(json, qstr(error));
    BenchTimes times;
    QString timingError;
    if (!timeModel(predictor, options, *file, input, &times, &timingError))
        return fail(json, timingError);
    printBench(options, *file, predictor, times);
    return kExitOk;
}

} // namespace pulc::cli
