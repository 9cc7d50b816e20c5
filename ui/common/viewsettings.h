#pragma once

#include "ui/common/setting.h"

namespace pulc::ui {

// How the Data page shows and labels samples: set in Preferences, read by the views when they
// are built (and again when Preferences closes, where a view listens for it).

/// Side of a thumbnail in the sample grid, in device-independent pixels. Preferences offers
/// kThumbnailSmall, kThumbnailMedium and kThumbnailLarge; readers should accept any value in
/// [kThumbnailSmall, kThumbnailLarge] (a hand-edited settings file) and clamp others.
inline constexpr int kThumbnailSmall = 64;
inline constexpr int kThumbnailMedium = 112;
inline constexpr int kThumbnailLarge = 176;
inline const Setting<int> kThumbnailSize("view/thumbnailSize", kThumbnailMedium);

/// After a label key, select the next unlabeled sample of the current filter.
inline const Setting<bool> kAutoAdvance("labeling/autoAdvance", true);

} // namespace pulc::ui
