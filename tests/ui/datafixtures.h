#pragma once

#include <QString>

class QTemporaryDir;

namespace pulc::ui {
class ProjectSession;
}

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
