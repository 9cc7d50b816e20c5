#pragma once

#include <engine/trainconfig.h>

#include <QString>
#include <QTemporaryDir>

namespace pulc::ui {
class ProjectRuns;
class ProjectSession;
} // namespace pulc::ui

// Small projects generated on the fly for the Data page tests.

/// Single-label, ImageNet layout: train/{apple,banana,cherry} with 4, 5, 6 images, val/ with 2
/// each, plus `unlabeled` unlabeled images (unassigned split). Returns the project folder.
QString makeFruitProject(const QTemporaryDir &tmp, int unlabeled = 0);

/// Multi-label from a CSV: 6 images with attributes "red", "round", "sweet" in various sets.
QString makeMultiLabelProject(const QTemporaryDir &tmp);

/// The id of the class called `name` in the session, or 0.
qint64 classIdOf(const pulc::ui::ProjectSession &session, const QString &name);

/// Opens `dir` in `session` and waits until its rows and statistics are in memory.
bool openAndWait(pulc::ui::ProjectSession &session, const QString &dir);

/// A finished training run made for the Evaluate / Predict page tests.
struct TinyRun
{
    qint64 id = 0;
    QString name;
    QString runDir;
    QString error; ///< empty on success
};

/// The settings of a run that trains in about a second: PP-LCNet x0.25 at 32x32, batch 4,
/// one thread, no warm-up, `epochs` epochs (pulc::engine::TrainConfig, returned by value).
pulc::engine::TrainConfig tinyTrainConfig(int epochs = 1);

/// Trains tinyTrainConfig(epochs) on the project in `projectDir` (e.g. makeFruitProject) in the
/// calling thread, with the engine's trainInProject, and returns the finished run.
TinyRun trainTinyRun(const QString &projectDir, int epochs = 1, const QString &name = {});

/// A fruit project (makeFruitProject) with one finished tiny run named "tiny": what the pages
/// that need a trained model (Export, Predict) share across a test suite.
struct TrainedProject
{
    QTemporaryDir tmp;
    QString projectDir;
    TinyRun run;
    TrainedProject();
};

/// Opens `dir` in `session` (openAndWait) and waits until `runs` has listed its runs.
bool openWithRuns(pulc::ui::ProjectSession &session, pulc::ui::ProjectRuns &runs,
                  const QString &dir, int timeoutMs);
