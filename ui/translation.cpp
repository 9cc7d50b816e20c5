#include "translation.h"

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

    auto *ours = new QTranslator(&app);
    if (ours->load(locale, QStringLiteral("pulc"), QStringLiteral("_"), QStringLiteral(":/i18n")))
        app.installTranslator(ours);
    else
        delete ours; // English is the source language: nothing to load

    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        app.installTranslator(qt);
    else
        delete qt;
}

} // namespace pulc::ui
