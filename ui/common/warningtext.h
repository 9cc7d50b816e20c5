#pragma once

#include <dataset/stats.h>

#include <QString>

namespace pulc::ui {

/// A dataset warning in the user's language. GUI thread (uses the installed translators).
QString warningText(const pulc::dataset::StatsWarning &warning);

} // namespace pulc::ui
