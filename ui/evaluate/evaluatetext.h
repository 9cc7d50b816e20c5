#pragma once

#include <QString>

namespace pulc::ui {

// The Evaluate page's words for what the engine reports in English (the engine returns English
// detail, ui/ maps it to translated text: docs/architecture.md, 'Errors'). Any thread.

/// A translated sentence for an evaluation error from the engine (`error`, English), naming
/// `splitName` (as shown, e.g. "validation") where it matters. Unknown errors give a general
/// sentence; the page shows `error` below it as detail.
QString evaluationErrorText(const QString &error, const QString &splitName);

/// The name of a main metric key ("top1", "tpr_at_fpr", "mA") as the page shows it; `maxFpr`
/// is the run's false-positive budget for "tpr_at_fpr".
QString metricDisplayName(const QString &key, double maxFpr);

} // namespace pulc::ui
