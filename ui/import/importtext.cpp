#include "ui/import/importtext.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSaveFile>

namespace pulc::ui {

using namespace pulc::dataset;

namespace {

QJsonArray groupsJson(const QList<DuplicateGroup> &groups)
{
    QJsonArray a;
    for (const DuplicateGroup &g : groups)
        a.append(QJsonObject{{QStringLiteral("hash"), g.hash},
                             {QStringLiteral("paths"), QJsonArray::fromStringList(g.paths)},
                             {QStringLiteral("labels"), QJsonArray::fromStringList(g.labels)},
                             {QStringLiteral("splits"), QJsonArray::fromStringList(g.splits)}});
    return a;
}

int total(const QList<ImportOutcome> &outcomes, int ImportReport::*field)
{
    int n = 0;
    for (const ImportOutcome &o : outcomes)
        if (o.error.isEmpty() && !o.cancelled)
            n += o.report.*field;
    return n;
}

} // namespace

QString ImportText::formatName(ImportFormat format)
{
    switch (format) {
    case ImportFormat::Auto:
        return tr("Automatic");
    case ImportFormat::Folders:
        return tr("Folder per class");
    case ImportFormat::PaddleList:
        return tr("PaddleClas list");
    case ImportFormat::Csv:
        return tr("CSV file");
    case ImportFormat::Unlabeled:
        return tr("Unlabeled folder");
    case ImportFormat::Idx:
        return tr("IDX (MNIST)");
    }
    return {};
}

QString ImportText::splitName(Split split)
{
    switch (split) {
    case Split::Train:
        return tr("train");
    case Split::Val:
        return tr("val");
    case Split::Test:
        return tr("test");
    case Split::Unassigned:
        return tr("unassigned");
    }
    return {};
}

QString ImportText::phase(const QString &phase, qint64 done, qint64 total)
{
    const QLocale locale;
    if (phase == QLatin1String("scan"))
        return tr("Step 1 of 3: reading the source (%1 files found)").arg(locale.toString(done));
    if (phase == QLatin1String("check"))
        return tr("Step 2 of 3: checking images, %1 of %2")
            .arg(locale.toString(done), locale.toString(total));
    if (phase == QLatin1String("write"))
        return tr("Step 3 of 3: writing to the project");
    return tr("Starting…");
}

QString ImportText::headline(const QList<ImportOutcome> &outcomes)
{
    const QLocale locale;
    int failed = 0, cancelled = 0, done = 0;
    for (const ImportOutcome &o : outcomes) {
        if (o.cancelled)
            ++cancelled;
        else if (!o.error.isEmpty())
            ++failed;
        else
            ++done;
    }
    const QString imported = locale.toString(total(outcomes, &ImportReport::imported));
    if (cancelled > 0 && done == 0)
        return tr("Import cancelled: nothing was added.");
    if (cancelled > 0)
        return tr("Import cancelled: %1 images from the sources finished before were added; "
                  "nothing from the cancelled sources.")
            .arg(imported);
    if (failed > 0 && done == 0)
        return tr("Import failed: nothing was added.");
    if (failed > 0)
        return tr("Imported %1 images; %2 of %3 sources failed and added nothing.")
            .arg(imported, locale.toString(failed), locale.toString(outcomes.size()));
    return tr("Imported %1 images.").arg(imported);
}

QStringList ImportText::reportLines(const QList<ImportOutcome> &outcomes)
{
    const QLocale locale;
    QStringList out;
    out << headline(outcomes);
    for (const ImportOutcome &o : outcomes) {
        out << QString();
        out << tr("Source: %1").arg(o.source);
        if (o.cancelled) {
            out << tr("  Cancelled: nothing from this source was added.");
            continue;
        }
        if (!o.error.isEmpty()) {
            out << tr("  Error: %1").arg(o.error);
            out << tr("  Nothing from this source was added.");
            continue;
        }
        const ImportReport &r = o.report;
        out << tr("  Format: %1").arg(formatName(r.format));
        out << tr("  Imported: %1").arg(locale.toString(r.imported));
        out << tr("  Already in the project: %1").arg(locale.toString(r.alreadyPresent));
        if (!r.newClasses.isEmpty())
            out << tr("  New classes: %1").arg(r.newClasses.join(QStringLiteral(", ")));
        out << tr("  Skipped: %1").arg(locale.toString(r.skipped.size()));
        for (const SkippedFile &s : r.skipped)
            out << QStringLiteral("    %1: %2").arg(s.path, s.reason);
        auto groups = [&](const QString &title, const QList<DuplicateGroup> &list) {
            out << title.arg(locale.toString(list.size()));
            for (const DuplicateGroup &g : list) {
                QStringList parts;
                for (qsizetype i = 0; i < g.paths.size(); ++i) {
                    const QString label =
                        g.labels.value(i).isEmpty() ? tr("unlabeled") : g.labels.value(i);
                    const QString split = g.splits.value(i).isEmpty()
                                              ? QString()
                                              : QLatin1Char(' ') + g.splits.value(i);
                    parts << QStringLiteral("%1 [%2%3]").arg(g.paths[i], label, split);
                }
                out << QStringLiteral("    ") + parts.join(QStringLiteral(" = "));
            }
        };
        groups(tr("  Identical images (groups): %1"), r.duplicates);
        groups(tr("  Conflicts, the same image with different labels: %1"), r.conflicts);
        groups(tr("  Leakage, the same image in two splits: %1"), r.leakage);
    }
    return out;
}

QByteArray ImportText::reportJson(const QList<ImportOutcome> &outcomes)
{
    QJsonArray sources;
    for (const ImportOutcome &o : outcomes) {
        const ImportReport &r = o.report;
        QJsonArray skipped;
        for (const SkippedFile &s : r.skipped)
            skipped.append(QJsonObject{{QStringLiteral("path"), s.path},
                                       {QStringLiteral("reason"), s.reason}});
        QJsonObject source{{QStringLiteral("source"), o.source},
                           {QStringLiteral("cancelled"), o.cancelled}};
        if (!o.error.isEmpty()) {
            source.insert(QStringLiteral("error"), o.error);
        } else if (!o.cancelled) {
            source.insert(QStringLiteral("format"), toString(r.format));
            source.insert(QStringLiteral("import_id"), r.importId);
            source.insert(QStringLiteral("imported"), r.imported);
            source.insert(QStringLiteral("already_present"), r.alreadyPresent);
            source.insert(QStringLiteral("skipped"), skipped);
            source.insert(QStringLiteral("duplicates"), groupsJson(r.duplicates));
            source.insert(QStringLiteral("conflicts"), groupsJson(r.conflicts));
            source.insert(QStringLiteral("leakage"), groupsJson(r.leakage));
            source.insert(QStringLiteral("classes"), QJsonArray::fromStringList(r.classes));
            source.insert(QStringLiteral("new_classes"), QJsonArray::fromStringList(r.newClasses));
        }
        sources.append(source);
    }
    return QJsonDocument(QJsonObject{{QStringLiteral("sources"), sources}})
        .toJson(QJsonDocument::Indented);
}

QString ImportText::saveReport(const QString &path, const QList<ImportOutcome> &outcomes)
{
    const QByteArray bytes =
        path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
            ? reportJson(outcomes)
            : (reportLines(outcomes).join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return tr("Cannot save the report to %1: %2").arg(path, file.errorString());
    return {};
}

} // namespace pulc::ui
