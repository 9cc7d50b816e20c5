#pragma once

#include "ui/common/setting.h"

#include <QString>

class QCoreApplication;

namespace pulc::ui {

/// An explicit interface language ("en", "zh_CN"), overriding the system's; empty means "follow
/// the system". Read once at start-up, so a change applies on the next start.
inline const Setting<QString> kLanguage("language");

/// Chooses the interface language and installs the translators. GUI thread, once, before the
/// first widget is created.
class Translation
{
public:
    /// Uses the "language" setting (e.g. "zh_CN", "en") when set, the system locale otherwise.
    /// Our catalogue is embedded (:/i18n/pulc_<locale>.qm), so this works without install;
    /// Qt's own catalogue (standard buttons) is loaded from Qt's folder when it is there.
    static void install(QCoreApplication &app);
};

} // namespace pulc::ui
