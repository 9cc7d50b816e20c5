// pulc-studio: the desktop host. Everything it shows lives in ui/; this only starts Qt.
#include <ui/shell/mainwindow.h>
#include <ui/shell/startupcheck.h>
#include <ui/shell/translation.h>

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QStringList>

#include <cstdio>

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

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "PULC Studio: label images, train a small image classifier on the CPU, evaluate it and "
        "export it. The command-line twin is `pulc`."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption check(
        QStringLiteral("check"),
        QStringLiteral("Open PROJECT, wait until it is read, print what was opened and quit: "
                       "exit 0 when it opened without an error (for scripts; works with "
                       "QT_QPA_PLATFORM=offscreen)."));
    parser.addOption(check);
    parser.addPositionalArgument(QStringLiteral("PROJECT"),
                                 QStringLiteral("A project folder or its project.pulc to open."),
                                 QStringLiteral("[PROJECT]"));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (parser.isSet(check) && args.size() != 1) {
        std::fputs("pulc-studio: --check needs one PROJECT\n", stderr);
        return 2;
    }

    pulc::ui::MainWindow window;
    QApplication::setWindowIcon(window.windowIcon());
    window.show();
    if (parser.isSet(check))
        return pulc::ui::runStartupCheck(window, args.at(0));
    if (!args.isEmpty())
        window.openProject(args.at(0));
    return QApplication::exec();
}
