// `pulc import-model`: a PaddleClas PULC weights file (or a PULC Studio checkpoint) turned into a
// finished run of a project, ready for predict, eval and export like any trained run.
#include "engine/pretrained.h"

#include "engine/configfile.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/nets/network.h"
#include "engine/projectjobs.h"
#include "engine/scenes.h"
#include "engine/train/checkpoint.h"
#include "engine/weights/weightmap.h"
#include "engine/weights/weightssource.h"

#include "dataset/modelfiles.h"
#include "dataset/project.h"
#include "dataset/runs.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

namespace pulc::engine {
namespace {

namespace fs = std::filesystem;

QString qstr(const std::string &s)
{
    return QString::fromStdString(s);
}

std::string str(const QString &s)
{
    return s.toStdString();
}

bool isNumber(const std::string &text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
}

/// Everything decided before the project is touched, so most failures leave nothing behind.
struct ImportPlan
{
    std::string file; ///< absolute
    WeightsSource source;
    TrainConfig config;
    std::vector<std::string> classNames;
    std::shared_ptr<ClassifierNet> net;
    std::string runName;
    bool runNameGiven = false;
    std::vector<std::string> messages;
};

class Importer
{
public:
    Importer(const ImportModelRequest &request, ImportModelResult *result, std::string *error)
        : m_request(request)
        , m_result(result)
        , m_error(error)
    {}

    bool exec()
    {
        try {
            return plan() && commit();
        } catch (const std::exception &e) {
            return fail(m_plan.file + ": import failed: " + e.what());
        }
    }

private:
    bool fail(const std::string &message)
    {
        if (m_error)
            *m_error = message;
        return false;
    }

    bool plan()
    {
        if (m_request.file.empty())
            return fail("no weights file given: expected a PaddleClas .pdparams file");
        m_plan.file = fs::absolute(fs::path(m_request.file)).lexically_normal().string();
        auto opened = dataset::Project::open(qstr(m_request.projectDir));
        if (!opened)
            return fail(str(opened.error()));
        m_project.emplace(std::move(*opened));

        std::string error;
        if (!readWeightsSource(m_plan.file, &m_plan.source, &error))
            return fail(error);
        const WeightsSource &source = m_plan.source;
        const bool checkpoint = source.format == "checkpoint";

        // The architecture the file holds.
        PaddleNetGuess guess;
        if (checkpoint) {
            guess.model = source.meta.config.model;
            guess.classes = static_cast<int64_t>(source.meta.classNames.size());
            guess.useLastConv = source.meta.config.useLastConv;
            guess.classExpand = source.meta.config.classExpand;
        } else {
            guess = guessPaddleNet(source.file);
            if (guess.model.empty())
                return fail(m_plan.file + ": unknown architecture: " +
                            (guess.why.empty() ? std::string("no known model has these shapes")
                                               : guess.why));
        }
        if (!m_request.model.empty() && m_request.model != guess.model)
            return fail(m_plan.file + ": the weights are a " + guess.model + ", not a " +
                        m_request.model + " (--model " + m_request.model + ")");
        if (guess.classes < 1)
            return fail(m_plan.file + ": the weights have no classifier head (fc), so they are "
                                      "not a model of their own; start a training from them "
                                      "instead (pulc train --pretrained)");

        if (!chooseScene(checkpoint))
            return false;
        if (!chooseConfig(guess, checkpoint))
            return false;
        if (!chooseClasses(static_cast<int>(guess.classes), checkpoint))
            return false;

        // The network, loaded strictly: every weight must fit.
        try {
            m_plan.net =
                buildNetwork(networkOptions(m_plan.config, m_plan.config.model,
                                            static_cast<int64_t>(m_plan.classNames.size())));
        } catch (const std::exception &e) {
            return fail(m_plan.file + ": cannot build " + m_plan.config.model + ": " + e.what());
        }
        LoadWeightsReport report;
        if (!loadPaddleWeights(*m_plan.net, m_plan.config.model, source.file, m_plan.file, {},
                               &report, &error))
            return fail(error.find(m_plan.file) == std::string::npos ? m_plan.file + ": " + error
                                                                     : error);
        m_plan.net->eval();
        for (const std::string &message : report.messages)
            m_plan.messages.push_back(message);

        chooseRunName();
        return true;
    }

    bool chooseScene(bool checkpoint)
    {
        std::string scene = m_request.scene;
        std::string origin = "--scene";
        if (scene.empty() && checkpoint) {
            scene = m_plan.source.meta.config.scene;
            origin = "the checkpoint";
        }
        if (scene.empty()) {
            scene = sceneOfWeightsFileName(m_plan.file);
            origin = "the file name";
        }
        if (scene.empty()) {
            auto runs = dataset::listRuns(*m_project);
            if (runs && !runs->empty() && findScene(str(runs->back().scene))) {
                scene = str(runs->back().scene);
                origin = "the project's latest run";
            }
        }
        if (scene.empty()) {
            scene = "custom";
            origin.clear();
        }
        if (!findScene(scene))
            return fail("unknown scene '" + scene + "' (see pulc train --help for the names)");
        m_plan.config.scene = scene;
        if (!origin.empty() && origin != "--scene")
            m_plan.messages.push_back("scene " + scene + " (from " + origin + ")");
        return true;
    }

    bool chooseConfig(const PaddleNetGuess &guess, bool checkpoint)
    {
        const std::string scene = m_plan.config.scene;
        const TrainConfig &own = m_plan.source.meta.config;
        // A checkpoint of the same scene keeps its own settings (input size, threshold...).
        TrainConfig config = checkpoint && own.scene == scene ? own : sceneConfig(scene);
        if (!m_request.configFile.empty()) {
            ConfigReadResult read = readConfigFile(m_request.configFile, config);
            if (!read.ok())
                return fail(read.errors.front());
            config = read.config;
            config.scene = scene;
            m_plan.messages.push_back("settings from " + m_request.configFile);
        }
        for (const std::string &setting : m_request.settings) {
            const size_t eq = setting.find('=');
            std::string error;
            if (eq == std::string::npos || eq == 0)
                return fail("setting '" + setting + "': expected KEY=VALUE");
            if (!applySetting(config, setting.substr(0, eq), setting.substr(eq + 1), &error))
                return fail("setting '" + setting + "': " + error);
        }
        config.model = guess.model;
        if (checkpoint) {
            // The architecture is the checkpoint's whatever the template says.
            config.strides = own.strides;
            config.useLastConv = own.useLastConv;
            config.classExpand = own.classExpand;
            config.dropout = own.dropout;
        } else {
            const ModelSpec *spec = findModel(guess.model);
            const bool lcnet = spec && spec->family == "PPLCNet";
            if (lcnet && config.useLastConv != guess.useLastConv)
                m_plan.messages.push_back(
                    std::string("the ") + scene + " template says use_last_conv " +
                    (config.useLastConv ? "true" : "false") + " but the file " +
                    (guess.useLastConv ? "has" : "has no") + " last_conv: following the file");
            config.useLastConv = guess.useLastConv;
            config.classExpand = static_cast<int>(guess.classExpand);
        }
        config.pretrained = m_plan.file;
        config.distill = DistillConfig{}; // an imported model was not distilled here
        m_plan.config = config;
        return true;
    }

    /// Names for `count` outputs, and the task that goes with where they come from.
    bool chooseClasses(int count, bool checkpoint)
    {
        TrainConfig &config = m_plan.config;
        const SceneInfo *scene = findScene(config.scene);
        std::vector<std::string> &names = m_plan.classNames;
        std::string error;
        if (!m_request.labelsFile.empty()) {
            if (!readLabelsFile(m_request.labelsFile, &names, &error))
                return fail(error);
            if (static_cast<int>(names.size()) != count)
                return fail(m_request.labelsFile + ": names " + std::to_string(names.size()) +
                            " classes, but " + m_plan.file + " has " + std::to_string(count) +
                            " outputs");
            m_plan.messages.push_back("class names from " + m_request.labelsFile);
        } else if (checkpoint) {
            names = m_plan.source.meta.classNames;
            config.task = m_plan.source.meta.config.task;
            m_plan.messages.push_back("class names from the checkpoint");
        } else if (scene && !scene->classNames.empty() &&
                   static_cast<int>(scene->classNames.size()) == count) {
            names = scene->classNames;
            m_plan.messages.push_back("class names from the " + scene->name + " scene template");
        } else {
            DatasetSnapshot data;
            std::vector<std::string> warnings;
            // The classes in training order (a binary project's positive class last).
            if (snapshotProject(m_request.projectDir, &data, &warnings, &error) &&
                static_cast<int>(data.classNames.size()) == count) {
                names = data.classNames;
                config.task = data.task;
                m_plan.messages.push_back("class names from the project");
            } else {
                for (int i = 0; i < count; ++i)
                    names.push_back("class_" + std::to_string(i));
                m_plan.messages.push_back(
                    "the file has " + std::to_string(count) + " outputs; " +
                    (scene && !scene->classNames.empty()
                         ? "the " + scene->name + " template has " +
                               std::to_string(scene->classNames.size()) + " classes and "
                         : std::string()) +
                    "the project has " + std::to_string(data.classNames.size()) +
                    ": classes named class_0..class_" + std::to_string(count - 1));
            }
        }
        // A binary decision needs exactly two classes.
        if (config.task == Task::Binary && count != 2)
            config.task = Task::SingleLabel;
        return true;
    }

    void chooseRunName()
    {
        m_plan.runNameGiven = !m_request.runName.empty();
        std::string name =
            m_plan.runNameGiven ? m_request.runName : fs::path(m_plan.file).stem().string();
        if (!m_plan.runNameGiven && (name.empty() || isNumber(name)))
            name = "import-" + name; // numbers select runs by id
        m_plan.runName = name;
    }

    /// A name no run has: the base name, then base-2, base-3...
    std::string freeRunName()
    {
        if (m_plan.runNameGiven)
            return m_plan.runName;
        auto runs = dataset::listRuns(*m_project);
        if (!runs)
            return m_plan.runName;
        auto taken = [&](const std::string &candidate) {
            return std::any_of(runs->begin(), runs->end(), [&](const dataset::RunRecord &r) {
                return str(r.name) == candidate;
            });
        };
        std::string name = m_plan.runName;
        for (int n = 2; taken(name); ++n)
            name = m_plan.runName + "-" + std::to_string(n);
        return name;
    }

    bool commit()
    {
        dataset::Project &project = *m_project;
        const TrainConfig &config = m_plan.config;
        const int classes = static_cast<int>(m_plan.classNames.size());
        const std::string configText = writeConfigYaml(config, classes);
        auto created = dataset::createRun(project, qstr(freeRunName()), qstr(config.scene),
                                          qstr(config.model), qstr(configText));
        if (!created)
            return fail(str(created.error()));
        const dataset::RunRecord run = *created;
        const std::string runDir = str(dataset::runDirectory(project, run));
        auto undo = [&](const std::string &message) {
            dataset::deleteRun(project, run.id, true); // the row, its records and its folder
            return fail(message);
        };

        CheckpointMeta meta;
        meta.config = config;
        meta.classNames = m_plan.classNames;
        meta.epochsDone = 0;
        meta.bestEpoch = 0;
        const std::string checkpoint = (fs::path(runDir) / "best.ckpt").string();
        std::string error;
        if (!saveCheckpoint(checkpoint, meta, *m_plan.net, nullptr, nullptr, nullptr, &error))
            return undo(error);
        if (!writeTextFileAtomic((fs::path(runDir) / "config.yml").string(), configText, &error))
            return undo(error);
        if (dataset::Status s = dataset::setRunStatus(project, run.id, QStringLiteral("finished"));
            !s)
            return undo(str(s.error));
        QJsonArray names;
        for (const std::string &name : m_plan.classNames)
            names.append(qstr(name));
        const QJsonObject info{{QStringLiteral("role"), QStringLiteral("imported")},
                               {QStringLiteral("model"), qstr(config.model)},
                               {QStringLiteral("scene"), qstr(config.scene)},
                               {QStringLiteral("classes"), names}};
        auto recorded = dataset::addModelFile(project, run.id, qstr(m_plan.source.format),
                                              qstr(m_plan.file), info);
        if (!recorded)
            return undo(str(recorded.error()));

        if (m_result) {
            ImportModelResult &r = *m_result;
            r.runId = run.id;
            r.runName = str(run.name);
            r.runDir = runDir;
            r.checkpoint = checkpoint;
            r.model = config.model;
            r.scene = config.scene;
            r.classes = m_plan.classNames;
            r.messages = m_plan.messages;
        }
        return true;
    }

    const ImportModelRequest &m_request;
    ImportModelResult *m_result;
    std::string *m_error;
    std::optional<dataset::Project> m_project;
    ImportPlan m_plan;
};

} // namespace

bool importModelIntoProject(const ImportModelRequest &request, ImportModelResult *result,
                            std::string *error)
{
    return Importer(request, result, error).exec();
}

} // namespace pulc::engine
