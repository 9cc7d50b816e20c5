// `pulc export` of a run: the project side (the run's checkpoint and facts, the data splits) of
// exportModel() (engine/deploy/bundle.cpp).
#include "engine/projectjobs.h"

#include "dataset/project.h"
#include "dataset/runs.h"
#include "dataset/stringconv.h"

namespace pulc::engine {
namespace {

using dataset::qstr;
using dataset::str;

/// The run's id, name and the best epoch's validation metrics from the project database.
bool runFacts(const std::string &projectDir, const std::string &run, ExportRunFacts *facts,
              std::string *error)
{
    auto project = dataset::Project::open(qstr(projectDir));
    if (!project) {
        *error = str(project.error());
        return false;
    }
    auto found = dataset::findRun(*project, qstr(run));
    if (!found) {
        *error = str(found.error());
        return false;
    }
    facts->id = found->id;
    facts->name = str(found->name);
    facts->bestEpoch = found->bestEpoch.value_or(0);
    facts->mainMetric = str(found->mainMetric.value_or(QString()));
    auto metrics = dataset::runMetrics(*project, found->id);
    if (metrics) {
        for (const dataset::RunMetric &m : *metrics) {
            if (m.epoch == facts->bestEpoch && m.key.startsWith(QLatin1String("val/")))
                facts->valMetrics[str(m.key.mid(4))] = m.value;
        }
    }
    return true;
}

} // namespace

ExportResult exportRun(const std::string &projectDir, const std::string &run,
                       const ExportOptions &options)
{
    ExportSource source;
    source.run = [&]() -> Result<ExportRunFacts> {
        const Result<std::string> checkpoint = runCheckpoint(projectDir, run);
        if (!checkpoint)
            return Result<ExportRunFacts>::failure(checkpoint.error());
        ExportRunFacts facts;
        facts.checkpoint = *checkpoint;
        if (std::string error; !runFacts(projectDir, run, &facts, &error))
            return Result<ExportRunFacts>::failure(error);
        return facts;
    };
    source.snapshot = [&] { return snapshotProject(projectDir); };
    return exportModel(source, options);
}

} // namespace pulc::engine
