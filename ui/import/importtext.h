#pragma once

#include "ui/import/importjob.h"

#include <dataset/importer.h>

#include <QByteArray>
#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

namespace pulc::ui {

/// Words for imports in the user's language: format names, phases, and the import report as
/// text (what `pulc import` prints, translated) or JSON (the CLI's keys, untranslated, so
/// scripts read both alike). Reasons and errors from the dataset library stay in English.
/// GUI thread (uses the installed translators).
class ImportText
{
    Q_DECLARE_TR_FUNCTIONS(ImportText)

public:
    /// "Folder per class", "PaddleClas list", ...; Auto reads "Automatic".
    static QString formatName(pulc::dataset::ImportFormat format);
    /// One line for a progress label, e.g. "Checking images: 120 of 1,000".
    static QString phase(const QString &phase, qint64 done, qint64 total);
    /// The headline of a finished import over all its sources.
    static QString headline(const QList<ImportOutcome> &outcomes);
    /// The whole report as lines of text.
    static QStringList reportLines(const QList<ImportOutcome> &outcomes);
    /// The whole report as indented JSON: {"sources": [{"source", "error", ...report}]}.
    static QByteArray reportJson(const QList<ImportOutcome> &outcomes);
    /// Writes the report atomically, as JSON when `path` ends in .json and as text otherwise.
    /// Returns an error message, or an empty string on success.
    static QString saveReport(const QString &path, const QList<ImportOutcome> &outcomes);
    /// "train", "val", "test" or "unassigned", translated.
    static QString splitName(pulc::dataset::Split split);
};

} // namespace pulc::ui
