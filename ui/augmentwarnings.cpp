#include "augmentwarnings.h"

// Stub until the warnings are written.
namespace pulc::ui {
QStringList labelChangeWarnings(const pulc::engine::TrainConfig &, const QStringList &)
{
    return {};
}
} // namespace pulc::ui
