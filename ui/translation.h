#pragma once

class QCoreApplication;

namespace pulc::ui {

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
