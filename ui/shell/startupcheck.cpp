#include "ui/shell/startupcheck.h"

#include "ui/project/projectsession.h"
#include "ui/shell/mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QTimer>

#include <cstdio>

namespace pulc::ui {

namespace {

void printLine(FILE *stream, const QString &text)
{
    std::fprintf(stream, "pulc-studio --check: %s\n", qPrintable(text));
    std::fflush(stream);
}

/// The text of a dialog that came up, for the failure message.
QString dialogText(QWidget *dialog)
{
    if (const auto *box = qobject_cast<QMessageBox *>(dialog)) {
        QString text = box->windowTitle() + QStringLiteral(": ") + box->text();
        if (!box->informativeText().isEmpty())
            text += QStringLiteral(" — ") + box->informativeText();
        return text;
    }
    return dialog->windowTitle();
}

} // namespace

int runStartupCheck(MainWindow &window, const QString &project, int settleSeconds,
                    int timeoutSeconds)
{
    ProjectSession *session = window.session();
    bool opened = false;
    bool haveStats = false;
    int result = -1;
    QElapsedTimer clock;
    clock.start();
    // Context of the connections below: they capture locals, so they end with this function.
    QObject guard;
    qint64 statsAt = -1;

    auto finish = [&](int code, FILE *stream, const QString &text) {
        if (result >= 0)
            return;
        result = code;
        printLine(stream, text);
        // Modal dialogs run their own event loop; close them so exit() reaches ours.
        while (QWidget *modal = QApplication::activeModalWidget())
            modal->close();
        QApplication::exit(code);
    };

    QObject::connect(session, &ProjectSession::projectOpened, &guard,
                     [&](const QString &) { opened = true; });
    QObject::connect(session, &ProjectSession::statsChanged, &guard, [&] {
        if (opened && !haveStats) {
            haveStats = true;
            statsAt = clock.elapsed();
        }
    });

    // A poll rather than signals alone: an error box is modal and blocks the slot that opened it,
    // so the check has to notice it from the event loop the box runs.
    QTimer poll;
    poll.setInterval(200);
    QObject::connect(&poll, &QTimer::timeout, &guard, [&] {
        if (QWidget *modal = QApplication::activeModalWidget()) {
            finish(1, stderr, QStringLiteral("failed: a dialog came up: ") + dialogText(modal));
            return;
        }
        if (haveStats && clock.elapsed() - statsAt >= settleSeconds * 1000LL) {
            const auto &st = session->stats();
            finish(0, stdout,
                   QStringLiteral("ok: opened %1 (%2 images, %3 classes; train %4, val %5, "
                                  "test %6) in %7 s; window title \"%8\"")
                       .arg(QDir::toNativeSeparators(project))
                       .arg(st.samples)
                       .arg(st.classes.size())
                       .arg(st.train)
                       .arg(st.val)
                       .arg(st.test)
                       .arg(double(statsAt) / 1000.0, 0, 'f', 1)
                       .arg(window.windowTitle()));
            return;
        }
        if (clock.elapsed() > timeoutSeconds * 1000LL)
            finish(1, stderr,
                   QStringLiteral("failed: the project %1 did not open within %2 s (%3)")
                       .arg(QDir::toNativeSeparators(project))
                       .arg(timeoutSeconds)
                       .arg(opened ? QStringLiteral("opened, no statistics")
                                   : QStringLiteral("not opened")));
    });
    poll.start();

    window.openProject(project);
    const int code = QApplication::exec();
    return result >= 0 ? result : code;
}

} // namespace pulc::ui
