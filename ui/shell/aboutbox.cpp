#include "ui/shell/aboutbox.h"

#include "ui/shell/opencvversion.h"

#include <engine/engineinfo.h>

#include <QMessageBox>
#include <QStringList>

namespace pulc::ui {

QString AboutBox::versionText()
{
    const QString torch = QString::fromStdString(pulc::engine::engineInfo().torchVersion);
    QStringList lines;
    lines << tr("PULC Studio %1").arg(QStringLiteral(PULC_VERSION))
          << tr("Qt %1 (built with %2)")
                 .arg(QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR))
          << tr("LibTorch %1").arg(torch.isEmpty() ? tr("unknown") : torch)
          << tr("OpenCV %1").arg(openCvVersion());
    return lines.join(QLatin1Char('\n'));
}

void AboutBox::show(QWidget *parent)
{
    QString versions = versionText().toHtmlEscaped();
    versions.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
    const QString text =
        QStringLiteral("<h3>%1</h3><p>%2</p><p>%3</p>")
            .arg(tr("PULC Studio"),
                 tr("Train small, fast image classifiers (PP-LCNet / PULC) for one real scene "
                    "on your own CPU: import and label images, train, evaluate, test and "
                    "export."),
                 versions);
    QMessageBox::about(parent, tr("About PULC Studio"), text);
}

} // namespace pulc::ui
