// `pulc import-model`: a PaddleClas PULC weights file (or a PULC Studio checkpoint) turned into a
// finished run of a project, ready for predict, eval and export like any trained run. The model
// side (reading, matching, loading the weights) is ModelImport in engine/weights/.
#include "engine/projectjobs.h"

#include "engine/configfile.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/weights/modelimport.h"

#include "dataset/modelfiles.h"
#include "dataset/project.h"
#include "dataset/runs.h"
#include "dataset/stringconv.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <optional>

namespace pulc::engine {
namespace {

namespace fs = std::filesystem;
using dataset::qstr;
using dataset::str;

bool isNumber(const std::string &text)
{
    return !text.empty() && std::all_of(text.begin(), text.end(),
                                        [](unsigned char c) { return std::isdigit(c) != 0; });
}

/// The run's name as asked, before it is made unique.
struct RunNamePlan
{
    std::string runName;
    bool runNameGiven = false;
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
        std::string file;
        try {
            if (m_request.file.empty())
                return fail("no weights file given: expected a PaddleClas .pdparams file");
            file = fs::absolute(fs::path(m_request.file)).lexically_normal().string();
            return plan() && commit();
        } catch (const std::exception &e) {
            return fail(file + ": import failed: " + e.what());
        }
    }

private:
    bool fail(const std::string &message)
    {
        if (m_error)
            *m_error = message;
        return false;
    }

    /// Everything decided before the project is touched, so most failures leave nothing behind.
    bool plan()
    {
        auto opened = dataset::Project::open(qstr(m_request.projectDir));
        if (!opened)
            return fail(str(opened.error()));
        m_project.emplace(std::move(*opened));

        ModelImportRequest request;
        request.file = m_request.file;
        request.scene = m_request.scene;
        request.model = m_request.model;
        request.settings = m_request.settings;
        request.labelsFile = m_request.labelsFile;
        request.configFile = m_request.configFile;
        if (auto runs = dataset::listRuns(*m_project); runs && !runs->empty())
            request.latestRunScene = str(runs->back().scene);
        request.projectData = [this](DatasetSnapshot *data) {
            std::vector<std::string> warnings;
            Result<DatasetSnapshot> snapshot = snapshotProject(m_request.projectDir, &warnings);
            if (snapshot)
                *data = std::move(*snapshot);
            return snapshot.ok();
        };
        std::string error;
        if (!m_import.plan(request, &error))
            return fail(error);
        chooseRunName();
        return true;
    }

    void chooseRunName()
    {
        m_name.runNameGiven = !m_request.runName.empty();
        std::string name =
            m_name.runNameGiven ? m_request.runName : fs::path(m_import.file()).stem().string();
        if (!m_name.runNameGiven && (name.empty() || isNumber(name)))
            name = "import-" + name; // numbers select runs by id
        m_name.runName = name;
    }

    /// A name no run has: the base name, then base-2, base-3...
    std::string freeRunName()
    {
        if (m_name.runNameGiven)
            return m_name.runName;
        auto runs = dataset::listRuns(*m_project);
        if (!runs)
            return m_name.runName;
        auto taken = [&](const std::string &candidate) {
            return std::any_of(runs->begin(), runs->end(), [&](const dataset::RunRecord &r) {
                return str(r.name) == candidate;
            });
        };
        std::string name = m_name.runName;
        for (int n = 2; taken(name); ++n)
            name = m_name.runName + "-" + std::to_string(n);
        return name;
    }

    bool commit()
    {
        dataset::Project &project = *m_project;
        const TrainConfig &config = m_import.config();
        const int classes = static_cast<int>(m_import.classNames().size());
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

        const std::string checkpoint = (fs::path(runDir) / "best.ckpt").string();
        std::string error;
        if (!m_import.saveCheckpoint(checkpoint, &error))
            return undo(error);
        if (!writeTextFileAtomic((fs::path(runDir) / "config.yml").string(), configText, &error))
            return undo(error);
        if (dataset::Status s = dataset::setRunStatus(project, run.id, QStringLiteral("finished"));
            !s)
            return undo(str(s.error));
        QJsonArray names;
        for (const std::string &name : m_import.classNames())
            names.append(qstr(name));
        const QJsonObject info{{QStringLiteral("role"), QStringLiteral("imported")},
                               {QStringLiteral("model"), qstr(config.model)},
                               {QStringLiteral("scene"), qstr(config.scene)},
                               {QStringLiteral("classes"), names}};
        auto recorded = dataset::addModelFile(project, run.id, qstr(m_import.format()),
                                              qstr(m_import.file()), info);
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
            r.classes = m_import.classNames();
            r.messages = m_import.messages();
        }
        return true;
    }

    const ImportModelRequest &m_request;
    ImportModelResult *m_result;
    std::string *m_error;
    std::optional<dataset::Project> m_project;
    ModelImport m_import;
    RunNamePlan m_name;
};

} // namespace

Result<ImportModelResult> importModelIntoProject(const ImportModelRequest &request)
{
    ImportModelResult result;
    std::string error;
    if (!Importer(request, &result, &error).exec())
        return Result<ImportModelResult>::failure(error);
    return result;
}

} // namespace pulc::engine
