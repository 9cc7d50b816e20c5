#pragma once

// The engine's error convention: the same Result and Status as the dataset layer
// (dataset/basicresult.h), with std::string messages (English, UTF-8) that name the file or
// setting and the problem. Header-only and Qt-free, so the core includes it without linking Qt.

#include "dataset/basicresult.h"

#include <string>

namespace pulc::engine {

template<class T> using Result = BasicResult<T, std::string>;
using Status = BasicStatus<std::string>;

} // namespace pulc::engine
