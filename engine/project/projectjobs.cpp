#include "engine/projectjobs.h"

#include "engine/project/openproject.h"

#include "dataset/modelfiles.h"
#include "dataset/project.h"
#include "dataset/runs.h"
#include "dataset/samples.h"
#include "dataset/stringconv.h"
#include "engine/computethreads.h"
#include "engine/configfile.h"
#include "engine/pretrained.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonObject>

#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace pulc::engine {
namespace {

using dataset::Project;

using dataset::qstr;
using dataset::str;

Task taskOf(dataset::TaskType type)
{
    switch (type) {
    case dataset::TaskType::SingleLabel:
        return Task::SingleLabel;
    case dataset::TaskType::MultiLabel:
        return Task::MultiLabel;
    case dataset::TaskType::Binary:
        return Task::Binary;
    }
    return Task::SingleLabel;
}

bool snapshotOf(Project &project, DatasetSnapshot *snapshot, std::vector<std::string> *warnings,
                std::string *error)
{
    const QList<dataset::ClassInfo> classes = project.classes();
    const dataset::ProjectInfo &info = project.info();
    snapshot->task = taskOf(info.task);
    snapshot->classNames.clear();
    std::map<qint64, int> index;
    if (snapshot->task == Task::Binary && classes.size() == 2) {
        // Class 1 is the positive one (TPR, threshold), as in every PULC binary scene.
        int positive = 1;
        if (!info.positiveClass.isEmpty() && classes[0].name == info.positiveClass)
            positive = 0;
        index[classes[1 - positive].id] = 0;
        index[classes[positive].id] = 1;
        snapshot->classNames = {str(classes[1 - positive].name), str(classes[positive].name)};
    } else {
        for (const dataset::ClassInfo &c : classes) {
            index[c.id] = static_cast<int>(snapshot->classNames.size());
            snapshot->classNames.push_back(str(c.name));
        }
    }
    auto rows = dataset::loadSamples(project);
    if (!rows) {
        *error = str(rows.error());
        return false;
    }
    int unusable = 0;
    int unsplit = 0;
    int multiple = 0;
    for (const dataset::SampleRow &row : *rows) {
        if (row.removed)
            continue;
        if (row.status != dataset::SampleStatus::Ok) {
            ++unusable;
            continue;
        }
        DatasetSnapshot::Item item;
        item.path = str(project.absolutePath(row.path));
        item.sampleId = row.id;
        if (row.classIds.empty()) {
            snapshot->unlabeled.push_back(item);
            continue;
        }
        if (snapshot->task == Task::MultiLabel) {
            item.targets.assign(snapshot->classNames.size(), 0.0f);
            for (qint64 id : row.classIds) {
                if (const auto it = index.find(id); it != index.end())
                    item.targets[it->second] = 1.0f;
            }
        } else {
            if (row.classIds.size() > 1) {
                ++multiple;
                continue;
            }
            const auto it = index.find(row.classIds.front());
            if (it == index.end())
                continue;
            item.label = it->second;
        }
        switch (row.split) {
        case dataset::Split::Train:
            snapshot->train.push_back(item);
            break;
        case dataset::Split::Val:
            snapshot->val.push_back(item);
            break;
        case dataset::Split::Test:
            snapshot->test.push_back(item);
            break;
        case dataset::Split::Unassigned:
            ++unsplit;
            break;
        }
    }
    if (warnings) {
        if (unusable > 0)
            warnings->push_back(std::to_string(unusable) +
                                " images are missing or unreadable and were left out");
        if (unsplit > 0)
            warnings->push_back(std::to_string(unsplit) +
                                " labelled images have no split yet and were left out (run "
                                "`pulc split`)");
        if (multiple > 0)
            warnings->push_back(std::to_string(multiple) +
                                " images carry more than one label in a single-label project "
                                "and were left out");
    }
    return true;
}

void addMetrics(Project &project, qint64 runId, std::vector<dataset::RunMetric> &pending)
{
    // SQLite cannot store NaN in the NOT NULL value column: a diverged metric is left out
    // here (the trainer already stops on a non-finite loss; metrics.jsonl writes null).
    std::erase_if(pending, [](const dataset::RunMetric &m) { return !std::isfinite(m.value); });
    if (pending.empty())
        return;
    dataset::addRunMetrics(project, runId, pending);
    pending.clear();
}

/// True when the process whose id is in `pidFile` still runs (on this machine).
bool processAlive(const std::string &pidFile)
{
    std::ifstream in(pidFile);
    long pid = 0;
    if (!(in >> pid) || pid <= 0)
        return false;
    return ::kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

/// Records the weights file a new run started from (role "pretrained"), for the Train page's
/// "Start from" list. A failure to record does not fail the run: it is logged.
void recordPretrained(Project &project, qint64 runId, const std::string &path,
                      const JobCallbacks &callbacks)
{
    const QString absolute = QFileInfo(qstr(path)).absoluteFilePath();
    auto added =
        dataset::addModelFile(project, runId, qstr(weightsFileFormat(str(absolute))), absolute,
                              QJsonObject{{QStringLiteral("role"), QStringLiteral("pretrained")}});
    if (!added && callbacks.onLog)
        callbacks.onLog(LogLevel::Warning, "the pretrained file was not recorded in the project: " +
                                               str(added.error()));
}

std::string statusText(TrainResult::Status status)
{
    switch (status) {
    case TrainResult::Status::Finished:
        return "finished";
    case TrainResult::Status::Stopped:
        return "stopped";
    case TrainResult::Status::Failed:
        return "failed";
    }
    return "failed";
}

} // namespace

bool openProject(const std::string &projectDir, std::optional<Project> *project, std::string *error)
{
    auto opened = Project::open(qstr(projectDir));
    if (!opened) {
        *error = str(opened.error());
        return false;
    }
    project->emplace(std::move(*opened));
    return true;
}

Result<DatasetSnapshot> snapshotProject(const std::string &projectDir,
                                        std::vector<std::string> *warnings)
{
    std::optional<Project> project;
    std::string error;
    if (!openProject(projectDir, &project, &error))
        return Result<DatasetSnapshot>::failure(error);
    DatasetSnapshot snapshot;
    if (!snapshotOf(*project, &snapshot, warnings, &error))
        return Result<DatasetSnapshot>::failure(error);
    return snapshot;
}

ProjectTrainOutcome trainInProject(const std::string &projectDir,
                                   const ProjectTrainRequest &request,
                                   const JobCallbacks &callbacks)
{
    const ComputeThreadsRelease release; // the app's training thread outlives the run
    ProjectTrainOutcome outcome;
    auto fail = [&](const std::string &message) {
        outcome.result.status = TrainResult::Status::Failed;
        outcome.result.error = message;
        if (callbacks.onLog)
            callbacks.onLog(LogLevel::Error, message);
        return outcome;
    };
    std::optional<Project> project;
    std::string error;
    if (!openProject(projectDir, &project, &error))
        return fail(error);

    TrainJob job;
    std::vector<std::string> warnings;
    if (!snapshotOf(*project, &job.data, &warnings, &error))
        return fail(error);
    for (const std::string &warning : warnings) {
        if (callbacks.onLog)
            callbacks.onLog(LogLevel::Warning, warning);
    }

    if (job.data.train.empty())
        return fail("the project has no labelled images in its train split (split it first: "
                    "pulc split, or the Data page)");

    // The teacher is found before the run is created, so a wrong teacher leaves no empty run.
    std::string teacherCheckpoint;
    std::string teacherRun = request.teacherRun;
    if (teacherRun.empty() && request.config.distill.teacherRun > 0)
        teacherRun = std::to_string(request.config.distill.teacherRun);
    if (!teacherRun.empty() && request.resumeRun.empty()) {
        const Result<std::string> teacher = runCheckpoint(projectDir, teacherRun);
        if (!teacher)
            return fail("teacher: " + teacher.error());
        teacherCheckpoint = *teacher;
    }

    dataset::RunRecord run;
    if (!request.resumeRun.empty()) {
        auto found = dataset::findRun(*project, qstr(request.resumeRun));
        if (!found)
            return fail(str(found.error()));
        run = *found;
        if (run.status == QLatin1String("finished"))
            return fail("run '" + str(run.name) + "' has already finished");
        if (run.status == QLatin1String("running") &&
            processAlive(str(dataset::runDirectory(*project, run)) + "/running.pid"))
            return fail("run '" + str(run.name) + "' is being trained by another process");
        job.resume = true;
        job.config = request.config; // only threads are taken from here on resume
    } else {
        job.config = request.config;
        auto created =
            dataset::createRun(*project, qstr(request.runName), qstr(request.config.scene),
                               qstr(request.config.model), qstr(writeConfigYaml(request.config)));
        if (!created)
            return fail(str(created.error()));
        run = *created;
    }
    outcome.runId = run.id;
    outcome.runName = str(run.name);
    outcome.runDir = str(dataset::runDirectory(*project, run));
    job.runDir = outcome.runDir;
    job.cacheDir = str(project->dir()) + "/cache/decoded";

    if (!teacherCheckpoint.empty()) {
        job.teacherCheckpoint = teacherCheckpoint;
        // Recorded in the run's config so that a resume finds the same teacher.
        job.config.distill.teacherCheckpoint = teacherCheckpoint;
    }

    dataset::setRunStatus(*project, run.id, QStringLiteral("running"));
    // Lets `pulc runs` tell a run in progress from one whose process was killed.
    const std::string pidFile = outcome.runDir + "/running.pid";
    std::ofstream(pidFile) << ::getpid() << '\n';
    std::vector<dataset::RunMetric> pending;
    bool stepped = false; // the trainer got past loading its weights
    JobCallbacks wrapped = callbacks;
    wrapped.onStep = [&](const StepInfo &step) {
        stepped = true;
        pending.push_back({step.epoch, step.globalStep, QStringLiteral("train/loss"), step.loss});
        pending.push_back(
            {step.epoch, step.globalStep, QStringLiteral("train/lr"), step.learningRate});
        if (callbacks.onStep)
            callbacks.onStep(step);
    };
    wrapped.onEpoch = [&](const EpochInfo &epoch) {
        for (const auto &[key, value] : epoch.metrics)
            pending.push_back({epoch.epoch, 0, qstr("val/" + key), value});
        pending.push_back({epoch.epoch, 0, QStringLiteral("epoch/seconds"), epoch.seconds});
        addMetrics(*project, run.id, pending);
        // With model EMA the run keeps whichever scored best, and best.ckpt evaluates to its
        // number under the plain name.
        if (epoch.best)
            dataset::setRunBest(*project, run.id, epoch.epoch, qstr(epoch.mainMetric),
                                epoch.bestIsEma ? epoch.metrics.at("ema_" + epoch.mainMetric)
                                                : epoch.mainValue);
        if (callbacks.onEpoch)
            callbacks.onEpoch(epoch);
    };
    outcome.result = train(job, wrapped);
    addMetrics(*project, run.id, pending);
    // Only a file that was used: one the trainer refused (damaged, another model) is not
    // offered again as a starting point.
    if (request.resumeRun.empty() && !job.config.pretrained.empty() &&
        (stepped || outcome.result.status != TrainResult::Status::Failed))
        recordPretrained(*project, run.id, job.config.pretrained, callbacks);
    dataset::setRunStatus(*project, run.id, qstr(statusText(outcome.result.status)));
    std::remove(pidFile.c_str());
    return outcome;
}

Result<std::vector<RunSummary>> listProjectRuns(const std::string &projectDir)
{
    using Runs = Result<std::vector<RunSummary>>;
    std::optional<Project> project;
    std::string error;
    if (!openProject(projectDir, &project, &error))
        return Runs::failure(error);
    auto listed = dataset::listRuns(*project);
    if (!listed)
        return Runs::failure(str(listed.error()));
    std::vector<RunSummary> runs;
    for (const dataset::RunRecord &r : *listed) {
        RunSummary s;
        s.id = r.id;
        s.name = str(r.name);
        s.scene = str(r.scene);
        s.model = str(r.model);
        s.status = str(r.status);
        s.createdAt = str(r.createdAt);
        s.startedAt = str(r.startedAt.value_or(QString()));
        s.finishedAt = str(r.finishedAt.value_or(QString()));
        s.bestEpoch = r.bestEpoch.value_or(0);
        s.mainMetric = str(r.mainMetric.value_or(QString()));
        s.hasBest = r.bestValue.has_value();
        s.bestValue = r.bestValue.value_or(0.0);
        s.dir = str(dataset::runDirectory(*project, r));
        if (s.status == "running" && !processAlive(s.dir + "/running.pid"))
            s.status = "interrupted"; // killed: `pulc train --resume` continues it
        runs.push_back(s);
    }
    return runs;
}

Result<std::string> runCheckpoint(const std::string &projectDir, const std::string &run)
{
    using Path = Result<std::string>;
    std::optional<Project> project;
    std::string error;
    if (!openProject(projectDir, &project, &error))
        return Path::failure(error);
    auto found = dataset::findRun(*project, qstr(run));
    if (!found)
        return Path::failure(str(found.error()));
    const QDir dir(dataset::runDirectory(*project, *found));
    for (const char *name : {"best.ckpt", "last.ckpt"}) {
        if (QFileInfo::exists(dir.filePath(QLatin1String(name))))
            return str(dir.filePath(QLatin1String(name)));
    }
    return Path::failure("run '" + str(found->name) + "' has no checkpoint yet (status " +
                         str(found->status) + ")");
}

EvalResult evaluateInProject(const std::string &projectDir, const std::string &run,
                             const std::string &split, const JobCallbacks &callbacks, int threads)
{
    const ComputeThreadsRelease release;
    EvalResult result;
    const Result<std::string> checkpoint = runCheckpoint(projectDir, run);
    if (!checkpoint) {
        result.error = checkpoint.error();
        return result;
    }
    Result<DatasetSnapshot> snapshot = snapshotProject(projectDir);
    if (!snapshot) {
        result.error = snapshot.error();
        return result;
    }
    const DatasetSnapshot &data = *snapshot;
    const std::vector<DatasetSnapshot::Item> *items = nullptr;
    if (split == "train")
        items = &data.train;
    else if (split == "val")
        items = &data.val;
    else if (split == "test")
        items = &data.test;
    else {
        result.error = "unknown split '" + split + "' (expected train, val or test)";
        return result;
    }
    if (items->empty()) {
        result.error = "the " + split + " split has no labelled images";
        return result;
    }
    return evaluate(*checkpoint, *items, data.task, callbacks, threads, data.classNames);
}

} // namespace pulc::engine
