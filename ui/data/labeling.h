#pragma once

#include <QString>

#include <vector>

class QKeyEvent;

namespace pulc::ui {

class ProjectSession;

// The labeling rules that the grid, the class panel and the viewer share: which class a key
// names and what labeling a selection with a class means in the project's task type. GUI thread.

/// The labeling key of the class at `position` in the class list ("1".."9", "0" for the tenth),
/// or empty past the tenth.
QString labelingKey(int position);

/// The class position a key press names (0 for key 1, ... 9 for key 0), or -1. Keys with
/// Ctrl, Alt or Meta held are not labeling keys; keypad digits are.
int labelingKeyPosition(const QKeyEvent *event);

/// Labels `sampleIds` with `classId` as one undoable command on the session's stack:
/// single-label and binary projects replace the labels; multi-label projects add the class, or
/// remove it when every sample already has it (a toggle). Returns false when nothing changed.
bool labelSamples(ProjectSession *session, const std::vector<qint64> &sampleIds, qint64 classId);

/// Labels `sampleIds` with the class at `position`; false when there is none or nothing changed.
bool labelSamplesByPosition(ProjectSession *session, const std::vector<qint64> &sampleIds,
                            int position);

} // namespace pulc::ui
