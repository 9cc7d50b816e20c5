#pragma once

#include <QString>

namespace pulc::ui {

/// The OpenCV version this build links, for the About box. Kept out of the headers that
/// widgets include, so only one file of ui/ sees OpenCV.
QString openCvVersion();

} // namespace pulc::ui
