#include "cli/cli.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("pulc"));
    QCoreApplication::setOrganizationName(QStringLiteral("PULC Studio"));
    return pulc::cli::run(argc, argv);
}
