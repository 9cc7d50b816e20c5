// The model side of `pulc import-model`: a PaddleClas PULC weights file (or a PULC Studio
// checkpoint) read, matched to an architecture, a scene template, a config and class names, and
// loaded into a network. importModelIntoProject() (engine/project/importmodel.cpp) turns the
// result into a run of a project.
#include "engine/weights/modelimport.h"

#include "engine/configfile.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/nets/network.h"
#include "engine/pretrained.h"
#include "engine/scenes.h"
#include "engine/train/checkpoint.h"
#include "engine/weights/weightmap.h"
#include "engine/weights/weightssource.h"

#include <filesystem>

namespace pulc::engine {

namespace fs = std::filesystem;

struct ModelImport::Plan
{
    std::string file; ///< absolute
    WeightsSource source;
    TrainConfig config;
    std::vector<std::string> classNames;
    std::shared_ptr<ClassifierNet> net;
    std::vector<std::string> messages;
};

namespace {

class Planner
{
public:
    Planner(const ModelImportRequest &request, ModelImport::Plan &plan, std::string *error)
        : m_request(request)
        , m_plan(plan)
        , m_error(error)
    {}

    bool run()
    {
        if (m_request.file.empty())
            return fail("no weights file given: expected a PaddleClas .pdparams file");
        m_plan.file = fs::absolute(fs::path(m_request.file)).lexically_normal().string();
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
        return true;
    }

private:
    bool fail(const std::string &message)
    {
        if (m_error)
            *m_error = message;
        return false;
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
        if (scene.empty() && !m_request.latestRunScene.empty() &&
            findScene(m_request.latestRunScene)) {
            scene = m_request.latestRunScene;
            origin = "the project's latest run";
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
            if (eq == std::string::npos || eq == 0)
                return fail("setting '" + setting + "': expected KEY=VALUE");
            const Status applied =
                applySetting(config, setting.substr(0, eq), setting.substr(eq + 1));
            if (!applied)
                return fail("setting '" + setting + "': " + applied.error);
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
            // The classes in training order (a binary project's positive class last).
            if (m_request.projectData && m_request.projectData(&data) &&
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

    const ModelImportRequest &m_request;
    ModelImport::Plan &m_plan;
    std::string *m_error;
};

} // namespace

ModelImport::ModelImport() = default;
ModelImport::~ModelImport() = default;

bool ModelImport::plan(const ModelImportRequest &request, std::string *error)
{
    m_plan = std::make_unique<Plan>();
    return Planner(request, *m_plan, error).run();
}

const std::string &ModelImport::file() const
{
    return m_plan->file;
}

const std::string &ModelImport::format() const
{
    return m_plan->source.format;
}

const TrainConfig &ModelImport::config() const
{
    return m_plan->config;
}

const std::vector<std::string> &ModelImport::classNames() const
{
    return m_plan->classNames;
}

const std::vector<std::string> &ModelImport::messages() const
{
    return m_plan->messages;
}

bool ModelImport::saveCheckpoint(const std::string &path, std::string *error) const
{
    CheckpointMeta meta;
    meta.config = m_plan->config;
    meta.classNames = m_plan->classNames;
    meta.epochsDone = 0;
    meta.bestEpoch = 0;
    return engine::saveCheckpoint(path, meta, *m_plan->net, nullptr, nullptr, nullptr, nullptr,
                                  error);
}

} // namespace pulc::engine
