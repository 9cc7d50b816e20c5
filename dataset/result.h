#pragma once

#include "dataset/basicresult.h"

#include <QString>

namespace pulc::dataset {

/// A value or an English error message: how errors cross the library boundary
/// (dataset/basicresult.h; docs/architecture.md, 'Errors').
template<class T> using Result = BasicResult<T, QString>;

/// Result of an operation that returns nothing but may fail.
using Status = BasicStatus<QString>;

} // namespace pulc::dataset
