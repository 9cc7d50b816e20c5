#pragma once

#include <QString>

namespace pulc::ui {

class MainWindow;

/// A self-check of the desktop app for scripts and CI (`pulc-studio --check PROJECT`, used by
/// `scripts/demo --check`): opens the project in `window` as a user would, waits until its
/// statistics are read, lets the window run `settleSeconds` more (thumbnails, pages), then quits.
/// Succeeds only if the project opened, its statistics arrived and no dialog (an error box) came
/// up; prints one line saying what it saw, on stdout when all went well and on stderr otherwise.
/// Returns the process exit code. Call from main() instead of QApplication::exec(). GUI thread.
int runStartupCheck(MainWindow &window, const QString &project, int settleSeconds = 3,
                    int timeoutSeconds = 120);

} // namespace pulc::ui
