#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace pulc::dataset {

/// What a project's model predicts.
enum class TaskType {
    SingleLabel, ///< one class per image (top-k)
    MultiLabel,  ///< any number of attributes per image (sigmoid outputs)
    Binary,      ///< two classes, one of them named positive (TPR at FPR)
};

/// Which part of the data a sample belongs to. Unassigned samples wait for `split`.
enum class Split { Unassigned, Train, Val, Test };

/// Health of a sample's file as last checked.
enum class SampleStatus { Ok, Missing, Corrupt };

QString toString(TaskType t);
std::optional<TaskType> taskTypeFromString(const QString &s);
/// "train", "val", "test" or "" for Unassigned.
QString toString(Split s);
std::optional<Split> splitFromString(const QString &s);
QString toString(SampleStatus s);
std::optional<SampleStatus> sampleStatusFromString(const QString &s);

/// The three real splits, in order.
inline constexpr Split kSplits[] = {Split::Train, Split::Val, Split::Test};

} // namespace pulc::dataset
