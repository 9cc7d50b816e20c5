#pragma once

#include <QCoreApplication>

class QWidget;

namespace pulc::ui {

/// The Help > About box: what the app is and the versions of the libraries it runs on, which
/// is what a bug report needs. GUI thread.
class AboutBox
{
    Q_DECLARE_TR_FUNCTIONS(AboutBox)

public:
    static void show(QWidget *parent);
    /// The versions as plain text lines (also used by tests).
    static QString versionText();
};

} // namespace pulc::ui
