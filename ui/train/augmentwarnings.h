#pragma once

#include <engine/trainconfig.h>

#include <QStringList>

namespace pulc::ui {

/// The transforms of `config` that can change what an image's label means, in translated
/// text: a horizontal flip on orientation or direction classes ("left"/"right", "0"/"180",
/// textline orientation, traffic signs), a rotation on orientation scenes. Empty when none.
QStringList labelChangeWarnings(const pulc::engine::TrainConfig &config,
                                const QStringList &classNames);

} // namespace pulc::ui
