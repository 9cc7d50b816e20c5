#include "ui/common/tasktypetext.h"

namespace pulc::ui {

using pulc::dataset::TaskType;

QString TaskTypeText::name(TaskType task)
{
    switch (task) {
    case TaskType::SingleLabel:
        return tr("Single-label");
    case TaskType::MultiLabel:
        return tr("Multi-label (attributes)");
    case TaskType::Binary:
        return tr("Binary");
    }
    return {};
}

QString TaskTypeText::description(TaskType task, const QString &positiveClass)
{
    switch (task) {
    case TaskType::SingleLabel:
        return tr("Single-label classification: one class per image");
    case TaskType::MultiLabel:
        return tr("Multi-label classification: any number of attributes per image");
    case TaskType::Binary:
        if (positiveClass.isEmpty())
            return tr("Binary classification");
        return tr("Binary classification, positive class \"%1\"").arg(positiveClass);
    }
    return {};
}

} // namespace pulc::ui
