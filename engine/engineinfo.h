#pragma once

#include <string>

namespace pulc::engine {

/// Versions and threading of the numeric back end, for About boxes and `pulc --version`.
struct EngineInfo
{
    std::string torchVersion;
    int intraOpThreads = 0;
    bool mkldnnAvailable = false;
    bool openmpAvailable = false;
};

/// Queries LibTorch. Thread-safe.
EngineInfo engineInfo();

} // namespace pulc::engine
