#include "ui/shell/opencvversion.h"

#include <opencv2/core/version.hpp>

namespace pulc::ui {

QString openCvVersion()
{
    return QStringLiteral(CV_VERSION);
}

} // namespace pulc::ui
