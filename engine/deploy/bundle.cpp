// `pulc export`: a trained run as a deployment bundle (bundle.h), checked against the native
// predictor before it is put in place.
#include "engine/bundle.h"

#include "engine/computethreads.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/deploy/foldnet.h"
#include "engine/deploy/onnxexport.h"
#include "engine/deploy/textescape.h"
#include "engine/nets/network.h"
#include "engine/pipeline.h"
#include "engine/predictor.h"
#include "engine/scenes.h"
#include "engine/train/checkpoint.h"
#include "engine/train/scoring.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <set>

namespace pulc::engine {
namespace {

namespace fs = std::filesystem;

/// The names a bundle holds at its top level: an existing folder with nothing else in it is a
/// previous export and may be replaced. example/ is the example's own folder (its build output
/// goes there, as the model card says).
const std::set<std::string> kBundleEntries = {"model.onnx", "inference.yml", "labels.txt",
                                              "model.ckpt", "README.md",     "example"};

std::string utcNow()
{
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buffer;
}

std::string cpuName()
{
    std::ifstream in("/proc/cpuinfo");
    std::string line;
    while (std::getline(in, line)) {
        if (line.rfind("model name", 0) == 0) {
            const size_t colon = line.find(':');
            if (colon != std::string::npos)
                return line.substr(line.find_first_not_of(" \t", colon + 1));
        }
    }
    return {};
}

/// Why `dir` may not be replaced by a bundle, or "" when it may (missing, empty, a bundle).
std::string replaceProblem(const fs::path &dir)
{
    std::error_code ec;
    if (!fs::exists(dir, ec))
        return {};
    if (!fs::is_directory(dir, ec))
        return dir.string() + ": exists and is not a folder";
    bool empty = true;
    bool bundle = false;
    for (const fs::directory_entry &entry : fs::directory_iterator(dir, ec)) {
        empty = false;
        const std::string name = entry.path().filename().string();
        if (!kBundleEntries.count(name))
            return dir.string() + ": the folder is not empty and is not an exported bundle ('" +
                   name + "' is not a bundle file); choose an empty or new folder";
        bundle = bundle || name == "model.ckpt" || name == "inference.yml";
    }
    if (ec)
        return dir.string() + ": cannot list the folder: " + ec.message();
    if (!empty && !bundle)
        return dir.string() + ": the folder is not empty and is not an exported bundle";
    return {};
}

/// One decision per image in the shape the task compares them: top-1, the binary class, or
/// the attribute vector.
std::vector<int> decisionOf(const std::vector<float> &scores, Task task, double threshold)
{
    if (task == Task::MultiLabel) {
        std::vector<int> out;
        for (float s : scores)
            out.push_back(s >= threshold ? 1 : 0);
        return out;
    }
    if (task == Task::Binary)
        return {binaryDecision(scores, threshold)};
    return {static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin())};
}

/// Median of `samples` (sorted in place).
double median(std::vector<double> &samples)
{
    if (samples.empty())
        return 0.0;
    std::sort(samples.begin(), samples.end());
    return samples[samples.size() / 2];
}

class Exporter
{
public:
    Exporter(const ExportSource &source, const ExportOptions &options)
        : m_source(source)
        , m_options(options)
    {}

    ExportResult exec()
    {
        try {
            if (!prepare() || !writeBundle() || !putInPlace())
                cleanUp();
            std::sort(m_result.files.begin(), m_result.files.end());
        } catch (const std::exception &e) {
            fail(std::string("export failed: ") + e.what());
            cleanUp();
        }
        return m_result;
    }

private:
    bool fail(const std::string &error)
    {
        m_result.ok = false;
        if (m_result.error.empty())
            m_result.error = error;
        return false;
    }

    bool step(const std::string &stage, int done, int total)
    {
        if (m_options.progress && !m_options.progress(stage, done, total))
            return fail("export cancelled");
        return true;
    }

    void cleanUp()
    {
        std::error_code ec;
        if (!m_temp.empty())
            fs::remove_all(m_temp, ec);
    }

    bool prepare()
    {
        if (m_options.format != "onnx" && m_options.format != "torch")
            return fail("format '" + m_options.format + "': expected onnx or torch");
        if (m_options.outDir.empty())
            return fail("no output folder given");
        m_out = fs::absolute(fs::path(m_options.outDir)).lexically_normal();
        if (m_out.filename().empty())
            m_out = m_out.parent_path();
        if (const std::string problem = replaceProblem(m_out); !problem.empty())
            return fail(problem);
        if (!step("checkpoint", 0, 1))
            return false;
        std::string error;
        if (!m_source.run)
            return fail("export: no run given");
        Result<ExportRunFacts> facts = m_source.run();
        if (!facts)
            return fail(facts.error());
        m_facts = std::move(*facts);
        m_checkpoint = m_facts.checkpoint;
        LoadedCheckpoint loaded;
        if (!openCheckpoint(m_checkpoint, &loaded, &error))
            return fail(error);
        m_meta = loaded.meta;
        const TrainConfig &config = m_meta.config;
        try {
            m_net = buildNetwork(networkOptions(config, config.model,
                                                static_cast<int64_t>(m_meta.classNames.size())));
        } catch (const std::exception &e) {
            return fail(m_checkpoint + ": cannot build its model: " + e.what());
        }
        if (!restoreModule(loaded, "model", *m_net, &error))
            return fail(error);
        m_net->eval();

        std::error_code ec;
        fs::create_directories(m_out.parent_path(), ec);
        m_temp = m_out.parent_path() /
                 ("." + m_out.filename().string() + ".export-" + std::to_string(::getpid()));
        fs::remove_all(m_temp, ec);
        if (!fs::create_directory(m_temp, ec))
            return fail(m_temp.string() + ": cannot create the folder: " + ec.message());
        return step("checkpoint", 1, 1);
    }

    std::string temp(const std::string &name) const { return (m_temp / name).string(); }

    bool writeBundle()
    {
        std::string error;
        const TrainConfig &config = m_meta.config;
        const std::vector<std::string> &names = m_meta.classNames;
        // A slim checkpoint: the weights, the config and the classes; no optimizer state.
        CheckpointMeta slim;
        slim.config = config;
        slim.classNames = names;
        slim.epochsDone = m_meta.epochsDone;
        slim.bestEpoch = m_meta.bestEpoch;
        slim.bestValue = m_meta.bestValue;
        slim.globalStep = m_meta.globalStep;
        if (!saveCheckpoint(temp("model.ckpt"), slim, *m_net, nullptr, nullptr, nullptr, nullptr,
                            &error))
            return fail(error);
        m_result.files.push_back("model.ckpt");
        if (!writeTextFileAtomic(temp("labels.txt"), labelsText(names), &error))
            return fail(error);
        m_result.files.push_back("labels.txt");
        if (m_options.format == "torch")
            return true;

        if (!step("onnx", 0, 1))
            return false;
        InferenceGraph graph;
        if (!foldNetwork(*m_net, config, static_cast<int>(names.size()), &graph, &error))
            return fail("run '" + m_facts.name + "': " + error +
                        " (use --format torch for this model)");
        OnnxExportOptions onnx;
        onnx.producerVersion = PULC_VERSION;
        onnx.metadata = metadata();
        if (!writeOnnxModel(graph, temp("model.onnx"), onnx, &error))
            return fail(error);
        if (!checkOnnxModel(temp("model.onnx"), &error))
            return fail(error);
        m_result.files.push_back("model.onnx");
        if (!step("onnx", 1, 1))
            return false;

        DeployConfig deploy = deployConfigOf(config, names);
        deploy.cpuThreads = std::max(1, m_options.threads);
        if (Status written = writeInferenceYaml(deploy, temp("inference.yml")); !written)
            return fail(written.error);
        m_result.files.push_back("inference.yml");
        fs::create_directory(m_temp / "example");
        if (!writeTextFileAtomic(temp("example/classify.cpp"), exampleSource(deploy), &error) ||
            !writeTextFileAtomic(temp("example/CMakeLists.txt"), exampleCMakeLists(), &error))
            return fail(error);
        m_result.files.push_back("example/classify.cpp");
        m_result.files.push_back("example/CMakeLists.txt");

        Predictor predictor;
        if (Status loaded = predictor.load(temp("model.ckpt"), std::max(1, m_options.threads));
            !loaded)
            return fail(loaded.error);
        if (!measureLatency(predictor))
            return false;
        if (m_options.parity && !checkParity(predictor))
            return false;
        if (!testMetrics())
            return false;
        m_result.files.push_back("README.md");
        if (!writeTextFileAtomic(temp("README.md"), modelCardText(card(deploy, predictor)), &error))
            return fail(error);
        std::sort(m_result.files.begin(), m_result.files.end());
        if (m_result.parityChecked && !m_result.parity.passed)
            return fail("parity check failed: " + std::to_string(m_result.parity.agreeing) +
                        " of " + std::to_string(m_result.parity.images) +
                        " validation images agree (required " +
                        std::to_string(m_options.minAgreement * 100.0).substr(0, 5) + "%)");
        return true;
    }

    std::map<std::string, std::string> metadata() const
    {
        const TrainConfig &config = m_meta.config;
        std::string classes = "[";
        for (size_t i = 0; i < m_meta.classNames.size(); ++i)
            classes += (i ? "," : "") + quoted(m_meta.classNames[i], QuoteRules::Json);
        classes += "]";
        return {{"scene", config.scene},
                {"model", config.model},
                {"task", toString(config.task)},
                {"classes", classes},
                {"input_size", "3x" + std::to_string(config.inputHeight) + "x" +
                                   std::to_string(config.inputWidth)},
                {"threshold", std::to_string(config.threshold)},
                {"run", m_facts.name},
                {"producer", "PULC Studio"}};
    }

    bool measureLatency(Predictor &predictor)
    {
        const TrainConfig &config = predictor.config();
        cv::Mat image(config.inputHeight, config.inputWidth, CV_8UC3);
        cv::randu(image, cv::Scalar::all(0), cv::Scalar::all(255));
        constexpr int kWarmup = 3;
        constexpr int kRuns = 30;
        std::vector<double> ms;
        for (int i = 0; i < kWarmup + kRuns; ++i) {
            if (i % 5 == 0 && !step("latency", i, kWarmup + kRuns))
                return false;
            const auto start = std::chrono::steady_clock::now();
            const Prediction p = predictor.predictImage(image, 1);
            const double elapsed =
                std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
                    .count();
            if (!p.ok)
                return fail("latency: " + p.error);
            if (i >= kWarmup)
                ms.push_back(elapsed);
        }
        m_result.latencyMs = median(ms);
        return step("latency", kWarmup + kRuns, kWarmup + kRuns);
    }

    bool snapshot()
    {
        if (m_haveSnapshot)
            return true;
        std::string error;
        if (!m_source.snapshot)
            return fail("export: the run's data splits are not available");
        Result<DatasetSnapshot> data = m_source.snapshot();
        if (!data)
            return fail(data.error());
        m_data = std::move(*data);
        m_haveSnapshot = true;
        return true;
    }

    /// The exported model.onnx, fed by the pre-processing read back from the written
    /// inference.yml, against the native predictor on the validation split.
    bool checkParity(Predictor &predictor)
    {
        if (!snapshot())
            return false;
        std::string error;
        DeployConfig deploy;
        if (Result<DeployConfig> read = readInferenceYaml(temp("inference.yml")); read)
            deploy = std::move(*read);
        else
            return fail(read.error());
        OnnxDnnModel onnx;
        if (!onnx.load(temp("model.onnx"), &error))
            return fail(error);
        const Task task = m_meta.config.task;
        const double threshold = deploy.threshold;
        const int h = deploy.cropHeight > 0 ? deploy.cropHeight : deploy.resizeHeight;
        const int w = deploy.cropWidth > 0 ? deploy.cropWidth : deploy.resizeWidth;
        const int classes = static_cast<int>(m_meta.classNames.size());
        const std::vector<DatasetSnapshot::Item> &items = m_data.val;
        ParityReport &report = m_result.parity;
        constexpr size_t kBatch = 16;
        for (size_t begin = 0; begin < items.size(); begin += kBatch) {
            if (!step("parity", static_cast<int>(begin), static_cast<int>(items.size())))
                return false;
            const size_t end = std::min(items.size(), begin + kBatch);
            std::vector<cv::Mat> images;
            std::vector<const std::string *> paths;
            std::vector<float> blob;
            for (size_t i = begin; i < end; ++i) {
                const AugmentResult rgb = loadRgbFile(items[i].path);
                if (!rgb.ok())
                    continue; // unreadable images are not the model's business
                const AugmentResult x = deployTransform(rgb.image, deploy);
                if (!x.ok() || x.image.rows != h || x.image.cols != w)
                    return fail(temp("inference.yml") + ": its pre-processing does not give a " +
                                std::to_string(w) + "x" + std::to_string(h) + " input for " +
                                items[i].path + (x.ok() ? "" : ": " + x.error));
                const size_t offset = blob.size();
                blob.resize(offset + 3 * size_t(h) * size_t(w));
                for (int r = 0; r < h; ++r) {
                    const auto *row = x.image.ptr<cv::Vec3f>(r);
                    for (int c = 0; c < w; ++c)
                        for (int ch = 0; ch < 3; ++ch)
                            blob[offset + (size_t(ch) * h + r) * w + c] = row[c][ch];
                }
                images.push_back(rgb.image);
                paths.push_back(&items[i].path);
            }
            if (images.empty())
                continue;
            const std::vector<Prediction> native = predictor.predictImages(images, 1);
            std::vector<float> out;
            if (!onnx.run(blob.data(), static_cast<int>(images.size()), 3, h, w, &out, &error))
                return fail(error);
            if (out.size() != images.size() * size_t(classes))
                return fail(temp("model.onnx") + ": " + std::to_string(out.size()) +
                            " outputs for " + std::to_string(images.size()) + " images of " +
                            std::to_string(classes) + " classes");
            for (size_t k = 0; k < images.size(); ++k) {
                if (!native[k].ok)
                    return fail("parity: " + *paths[k] + ": " + native[k].error);
                const std::vector<float> scores(out.begin() + k * classes,
                                                out.begin() + (k + 1) * classes);
                ++report.images;
                double diff = 0.0;
                for (int c = 0; c < classes; ++c)
                    diff = std::max(diff, double(std::abs(scores[c] - native[k].scores[c])));
                report.maxProbabilityDifference = std::max(report.maxProbabilityDifference, diff);
                if (decisionOf(scores, task, threshold) ==
                    decisionOf(native[k].scores, task, threshold))
                    ++report.agreeing;
                else
                    report.disagreeing.push_back(*paths[k]);
            }
        }
        if (report.images == 0) {
            // Nothing to compare: the export stands, and the model card says it was not checked.
            m_result.parityChecked = false;
            return step("parity", 1, 1);
        }
        report.agreement = double(report.agreeing) / double(report.images);
        report.passed = report.agreement >= m_options.minAgreement;
        m_result.parityChecked = true;
        return step("parity", static_cast<int>(items.size()), static_cast<int>(items.size()));
    }

    bool testMetrics()
    {
        if (!snapshot())
            return false;
        if (m_data.test.empty())
            return true;
        if (!step("test", 0, 1))
            return false;
        JobCallbacks callbacks;
        callbacks.shouldAbort = [this] {
            return m_options.progress && !m_options.progress("test", 0, 1);
        };
        const EvalResult eval = evaluate(temp("model.ckpt"), m_data.test, m_data.task, callbacks,
                                         std::max(1, m_options.threads), m_data.classNames);
        if (eval.ok)
            m_testMetrics = eval.metrics; // a failure leaves the card's test column empty
        return step("test", 1, 1);
    }

    ModelCard card(const DeployConfig &deploy, const Predictor &predictor) const
    {
        ModelCard card;
        card.runName = m_facts.name;
        card.runId = m_facts.id;
        const SceneInfo *scene = findScene(m_meta.config.scene);
        card.sceneTitle = scene && scene->name != "custom" ? scene->title : std::string();
        card.config = m_meta.config;
        card.deploy = deploy;
        card.mainMetric = m_facts.mainMetric;
        card.bestEpoch = m_facts.bestEpoch > 0 ? m_facts.bestEpoch : m_meta.bestEpoch;
        card.valMetrics = m_facts.valMetrics;
        card.testMetrics = m_testMetrics;
        card.valImages = static_cast<int>(m_data.val.size());
        card.testImages = static_cast<int>(m_data.test.size());
        card.backend = predictor.backend();
        card.threads = std::max(1, m_options.threads);
        card.latencyMs = m_result.latencyMs;
        card.machine = cpuName();
        card.parityChecked = m_result.parityChecked;
        card.parity = m_result.parity;
        card.files = m_result.files;
        std::sort(card.files.begin(), card.files.end());
        card.exportedAt = utcNow();
        return card;
    }

    /// Renames the finished folder into place; a previous bundle there is moved aside first
    /// and removed only once the new one stands.
    bool putInPlace()
    {
        if (!step("finish", 0, 1))
            return false;
        std::error_code ec;
        fs::path old;
        if (fs::exists(m_out, ec)) {
            // Checked again: the folder may have changed while the export ran.
            if (const std::string problem = replaceProblem(m_out); !problem.empty())
                return fail(problem);
            old = m_out.parent_path() /
                  ("." + m_out.filename().string() + ".old-" + std::to_string(::getpid()));
            fs::remove_all(old, ec);
            fs::rename(m_out, old, ec);
            if (ec)
                return fail(m_out.string() +
                            ": cannot replace the previous bundle: " + ec.message());
        }
        fs::rename(m_temp, m_out, ec);
        if (ec) {
            std::error_code ignored;
            if (!old.empty())
                fs::rename(old, m_out, ignored);
            return fail(m_out.string() + ": cannot create the bundle folder: " + ec.message());
        }
        m_temp.clear();
        if (!old.empty())
            fs::remove_all(old, ec);
        m_result.ok = true;
        return step("finish", 1, 1);
    }

    const ExportSource &m_source;
    ExportOptions m_options;
    ExportResult m_result;
    fs::path m_out;
    fs::path m_temp;
    std::string m_checkpoint;
    ExportRunFacts m_facts;
    CheckpointMeta m_meta;
    std::shared_ptr<ClassifierNet> m_net;
    DatasetSnapshot m_data;
    bool m_haveSnapshot = false;
    std::map<std::string, double> m_testMetrics;
};

} // namespace

ExportResult exportModel(const ExportSource &source, const ExportOptions &options)
{
    const ComputeThreadsRelease release; // the app exports on a pooled thread
    return Exporter(source, options).exec();
}

Result<std::string> resolveModelPath(const std::string &path)
{
    auto failWith = [&](const std::string &message) {
        return Result<std::string>::failure(message);
    };
    if (path.empty())
        return failWith("no model given: expected a checkpoint file, a run folder or an "
                        "exported bundle");
    std::error_code ec;
    const fs::path p(path);
    if (!fs::exists(p, ec))
        return failWith(path + ": no such file or folder");
    if (fs::is_directory(p, ec)) {
        for (const char *name : {"model.ckpt", "best.ckpt", "last.ckpt"}) {
            const fs::path candidate = p / name;
            if (fs::is_regular_file(candidate, ec))
                return candidate.string();
        }
        return failWith(path + ": not a model: expected a checkpoint file, a run folder "
                               "(best.ckpt or last.ckpt) or an exported bundle (model.ckpt)");
    }
    if (!fs::is_regular_file(p, ec))
        return failWith(path + ": not a model: expected a checkpoint file, a run folder or an "
                               "exported bundle");
    if (p.extension() == ".onnx") {
        // A bundle's model.onnx stands for its bundle: the checkpoint beside it is the same
        // model (the export's parity check compared them).
        const fs::path sibling = p.parent_path() / "model.ckpt";
        if (fs::is_regular_file(sibling, ec))
            return sibling.string();
        return failWith(path + ": an ONNX model without its bundle's model.ckpt; PULC Studio "
                               "predicts from a checkpoint, a run folder or a bundle folder");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in)
        return failWith(path + ": cannot read the file (no permission?)");
    return path;
}

} // namespace pulc::engine
