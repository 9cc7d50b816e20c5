#include "types.h"

namespace pulc::dataset {

QString toString(TaskType t)
{
    switch (t) {
    case TaskType::SingleLabel:
        return QStringLiteral("single");
    case TaskType::MultiLabel:
        return QStringLiteral("multi");
    case TaskType::Binary:
        return QStringLiteral("binary");
    }
    return {};
}

std::optional<TaskType> taskTypeFromString(const QString &s)
{
    if (s == QLatin1String("single"))
        return TaskType::SingleLabel;
    if (s == QLatin1String("multi"))
        return TaskType::MultiLabel;
    if (s == QLatin1String("binary"))
        return TaskType::Binary;
    return std::nullopt;
}

QString toString(Split s)
{
    switch (s) {
    case Split::Unassigned:
        return QStringLiteral(""); // not null: the column is NOT NULL
    case Split::Train:
        return QStringLiteral("train");
    case Split::Val:
        return QStringLiteral("val");
    case Split::Test:
        return QStringLiteral("test");
    }
    return {};
}

std::optional<Split> splitFromString(const QString &s)
{
    if (s.isEmpty())
        return Split::Unassigned;
    if (s == QLatin1String("train"))
        return Split::Train;
    if (s == QLatin1String("val") || s == QLatin1String("validation"))
        return Split::Val;
    if (s == QLatin1String("test"))
        return Split::Test;
    return std::nullopt;
}

QString toString(SampleStatus s)
{
    switch (s) {
    case SampleStatus::Ok:
        return QStringLiteral("ok");
    case SampleStatus::Missing:
        return QStringLiteral("missing");
    case SampleStatus::Corrupt:
        return QStringLiteral("corrupt");
    }
    return {};
}

std::optional<SampleStatus> sampleStatusFromString(const QString &s)
{
    if (s == QLatin1String("ok"))
        return SampleStatus::Ok;
    if (s == QLatin1String("missing"))
        return SampleStatus::Missing;
    if (s == QLatin1String("corrupt"))
        return SampleStatus::Corrupt;
    return std::nullopt;
}

} // namespace pulc::dataset
