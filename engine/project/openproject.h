#pragma once

// Internal to pulc::jobs: the project folder opened in the calling thread (each thread opens its
// own connection; docs/architecture.md, 'Threads').

#include "dataset/project.h"

#include <optional>
#include <string>

namespace pulc::engine {

/// Opens the project at `projectDir` into *project; false with `error` naming the project and
/// the problem.
bool openProject(const std::string &projectDir, std::optional<dataset::Project> *project,
                 std::string *error);

} // namespace pulc::engine
