#include "ui/shell/translation.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pulc::ui {

void Translation::install(QCoreApplication &app)
{
    const QString language = kLanguage.value();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    // Number formatting follows the chosen language too, so the pages read consistently.
    QLocale::setDefault(locale);

    // Any language without a catalogue of its own falls back to English, whose catalogue
    // holds the plural forms ("1 image", "3 images").
    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("pulc"), QStringLiteral("_"), QStringLiteral(":/i18n")) ||
        ours->load(QStringLiteral(":/i18n/pulc_en.qm")))
        app.installTranslator(ours);
    else
        delete ours;

    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
}

} // namespace pulc::ui
