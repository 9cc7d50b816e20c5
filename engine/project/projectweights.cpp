// The weights files of a project: a run written as a PaddleClas .pdparams (exportRunPdparams) and
// the project's record of the files its runs used, came from or were written to.
#include "engine/projectjobs.h"

#include "engine/configfile.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/pretrained.h"
#include "engine/project/openproject.h"
#include "engine/weights/pdparamswrite.h"

#include "dataset/modelfiles.h"
#include "dataset/project.h"
#include "dataset/runs.h"
#include "dataset/stringconv.h"

#include <QJsonObject>

#include <filesystem>
#include <optional>
#include <set>

namespace pulc::engine {
namespace {

namespace fs = std::filesystem;
using dataset::qstr;
using dataset::str;

bool failWith(std::string *error, const std::string &message)
{
    if (error)
        *error = message;
    return false;
}

/// A run name as a file name: path separators would make it a folder.
std::string fileSafe(std::string name)
{
    for (char &c : name) {
        if (c == '/' || c == '\\' || c == ':')
            c = '_';
    }
    return name.empty() || name == "." || name == ".." ? std::string("model") : name;
}

} // namespace

namespace {

bool exportRunPdparamsTo(const std::string &projectDir, const std::string &run,
                         const std::string &out, PdparamsExport *result, std::string *error)
{
    if (out.empty())
        return failWith(error, "no output given: expected a .pdparams file or a folder");
    const Result<std::string> checkpoint = runCheckpoint(projectDir, run);
    if (!checkpoint)
        return failWith(error, checkpoint.error());
    std::optional<dataset::Project> project;
    if (!openProject(projectDir, &project, error))
        return false;
    auto found = dataset::findRun(*project, qstr(run));
    if (!found)
        return failWith(error, str(found.error()));

    PdparamsExport done;
    done.runId = found->id;
    done.runName = str(found->name);
    const fs::path target = fs::absolute(fs::path(out)).lexically_normal();
    std::error_code ec;
    if (hasPdparamsExtension(out)) {
        if (fs::is_directory(target, ec))
            return failWith(error, target.string() + ": is a folder, not a .pdparams file");
        done.file = target.string();
    } else {
        if (fs::exists(target, ec) && !fs::is_directory(target, ec))
            return failWith(error, target.string() +
                                       ": exists and is not a folder (name a .pdparams file or "
                                       "a folder)");
        fs::create_directories(target, ec);
        if (ec)
            return failWith(error, target.string() + ": cannot create the folder: " + ec.message());
        done.file = (target / (fileSafe(done.runName) + ".pdparams")).string();
        done.labels = (target / "labels.txt").string();
        done.config = (target / "config.yaml").string();
    }
    const Result<WrittenPdparams> written = writePdparams(*checkpoint, done.file);
    if (!written)
        return failWith(error, written.error());
    const WrittenPdparams &meta = *written;
    done.arrays = meta.arrays;
    done.model = meta.config.model;
    done.classes = meta.classNames;
    if (!done.labels.empty()) {
        TrainConfig config = meta.config;
        config.pretrained =
            "./" + fs::path(done.file).stem().string(); // PaddleClas adds the suffix
        if (!writeTextFileAtomic(done.labels, labelsText(meta.classNames), error) ||
            !writeTextFileAtomic(done.config,
                                 writeConfigYaml(config, static_cast<int>(meta.classNames.size())),
                                 error)) {
            fs::remove(done.file, ec); // all of them or nothing
            fs::remove(done.labels, ec);
            return false;
        }
    }
    const QJsonObject info{{QStringLiteral("role"), QStringLiteral("exported")},
                           {QStringLiteral("model"), qstr(done.model)},
                           {QStringLiteral("classes"), static_cast<int>(done.classes.size())}};
    auto recorded = dataset::addModelFile(*project, done.runId, QStringLiteral("pdparams"),
                                          qstr(done.file), info);
    if (!recorded) {
        // The files are fine; only the project's list of them misses this one.
        return failWith(error, done.file + ": written, but not recorded in the project: " +
                                   str(recorded.error()));
    }
    if (result)
        *result = std::move(done);
    return true;
}

} // namespace

Result<PdparamsExport> exportRunPdparams(const std::string &projectDir, const std::string &run,
                                         const std::string &out)
{
    PdparamsExport done;
    if (std::string error; !exportRunPdparamsTo(projectDir, run, out, &done, &error))
        return Result<PdparamsExport>::failure(error);
    return done;
}

std::vector<ProjectWeightsFile> projectWeightsFiles(const std::string &projectDir)
{
    std::optional<dataset::Project> project;
    std::string error;
    if (!openProject(projectDir, &project, &error))
        return {};
    auto rows = dataset::listModelFiles(*project);
    if (!rows)
        return {};
    std::vector<ProjectWeightsFile> out;
    std::set<std::string> seen;
    // Rows are oldest first: walk backwards so the newest use of a file is the one kept.
    for (auto it = rows->rbegin(); it != rows->rend(); ++it) {
        const std::string path = str(project->absolutePath(it->path));
        std::error_code ec;
        if (seen.count(path) || !fs::exists(path, ec))
            continue;
        seen.insert(path);
        out.push_back({path, str(it->role()), it->runId.value_or(0)});
    }
    return out;
}

Status recordProjectWeightsFile(const std::string &projectDir, const std::string &path,
                                const std::string &role, int64_t runId)
{
    if (role != "pretrained" && role != "imported" && role != "exported")
        return Status::failure("unknown weights file role '" + role +
                               "' (expected pretrained, imported or exported)");
    if (path.empty())
        return Status::failure("no weights file given");
    std::optional<dataset::Project> project;
    if (std::string error; !openProject(projectDir, &project, &error))
        return Status::failure(error);
    const std::string absolute = fs::absolute(fs::path(path)).lexically_normal().string();
    auto added =
        dataset::addModelFile(*project, runId > 0 ? std::optional<qint64>(runId) : std::nullopt,
                              qstr(weightsFileFormat(absolute)), qstr(absolute),
                              QJsonObject{{QStringLiteral("role"), qstr(role)}});
    if (!added)
        return Status::failure(str(added.error()));
    return Status::success();
}

} // namespace pulc::engine
