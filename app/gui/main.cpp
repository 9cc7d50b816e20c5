// pulc-studio: the desktop host. Everything it shows lives in ui/; this only starts Qt.
#include <ui/mainwindow.h>
#include <ui/translation.h>

#include <QApplication>
#include <QIcon>
#include <QStringList>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PULC Studio"));
    QApplication::setOrganizationDomain(QStringLiteral("pulcstudio.github.io"));
    QApplication::setApplicationName(QStringLiteral("PULC Studio"));
    QApplication::setApplicationVersion(QStringLiteral(PULC_VERSION));
    // Matches the installed .desktop file, so desktops group the window under its launcher.
    QApplication::setDesktopFileName(QStringLiteral("pulc-studio"));
    pulc::ui::Translation::install(app);

    pulc::ui::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    const QStringList args = QApplication::arguments();
    if (args.size() > 1)
        window.openProject(args.at(1));
    window.show();
    return QApplication::exec();
}
