#pragma once

#include <dataset/types.h>

#include <QCoreApplication>
#include <QString>

namespace pulc::ui {

/// Translated names of the task types, shared by the pages and the New Project dialog so a
/// task reads the same everywhere.
class TaskTypeText
{
    Q_DECLARE_TR_FUNCTIONS(TaskTypeText)

public:
    /// Short name: "Single-label", "Multi-label (attributes)", "Binary".
    static QString name(pulc::dataset::TaskType task);
    /// One line for a project header, naming the positive class of a binary project.
    static QString description(pulc::dataset::TaskType task, const QString &positiveClass);
};

} // namespace pulc::ui
