#include "output.h"

#include "dataset/duplicates.h"
#include "dataset/importer.h"
#include "dataset/stats.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace pulc::cli {
namespace {

QJsonArray groupsJson(const QList<dataset::DuplicateGroup> &groups)
{
    QJsonArray a;
    for (const auto &g : groups)
        a.append(toJson(g));
    return a;
}

QJsonArray warningsJson(const dataset::DatasetStats &s)
{
    QJsonArray a;
    for (const auto &w : s.warnings)
        a.append(dataset::describe(w));
    return a;
}

void writeLine(FILE *stream, const QString &line)
{
    const QByteArray bytes = line.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fputc('\n', stream);
    std::fflush(stream);
}

} // namespace

void printJson(const QJsonObject &object)
{
    writeLine(stdout, QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)));
}

void printOut(const QString &line)
{
    writeLine(stdout, line);
}

void printErr(const QString &line)
{
    writeLine(stderr, line);
}

int fail(bool json, const QString &message, int code)
{
    if (json)
        printJson({{QStringLiteral("error"), message}});
    printErr(QStringLiteral("pulc: ") + message);
    return code;
}

QJsonObject toJson(const dataset::DuplicateGroup &g)
{
    return {{QStringLiteral("hash"), g.hash},
            {QStringLiteral("paths"), QJsonArray::fromStringList(g.paths)},
            {QStringLiteral("labels"), QJsonArray::fromStringList(g.labels)},
            {QStringLiteral("splits"), QJsonArray::fromStringList(g.splits)}};
}

QJsonObject toJson(const dataset::ImportReport &r)
{
    QJsonArray skipped;
    for (const auto &s : r.skipped)
        skipped.append(
            QJsonObject{{QStringLiteral("path"), s.path}, {QStringLiteral("reason"), s.reason}});
    const auto &t = r.timings;
    return {
        {QStringLiteral("format"), dataset::toString(r.format)},
        {QStringLiteral("import_id"), r.importId},
        {QStringLiteral("imported"), r.imported},
        {QStringLiteral("already_present"), r.alreadyPresent},
        {QStringLiteral("cancelled"), r.cancelled},
        {QStringLiteral("skipped"), skipped},
        {QStringLiteral("duplicates"), groupsJson(r.duplicates)},
        {QStringLiteral("conflicts"), groupsJson(r.conflicts)},
        {QStringLiteral("leakage"), groupsJson(r.leakage)},
        {QStringLiteral("classes"), QJsonArray::fromStringList(r.classes)},
        {QStringLiteral("new_classes"), QJsonArray::fromStringList(r.newClasses)},
        {QStringLiteral("timings_ms"), QJsonObject{{QStringLiteral("scan"), t.scan},
                                                   {QStringLiteral("read"), t.read},
                                                   {QStringLiteral("hash"), t.hash},
                                                   {QStringLiteral("decode"), t.decode},
                                                   {QStringLiteral("write_files"), t.writeFiles},
                                                   {QStringLiteral("sql"), t.sql},
                                                   {QStringLiteral("wall"), t.wall}}}};
}

QJsonObject toJson(const dataset::DatasetStats &s)
{
    QJsonArray classes;
    for (const auto &c : s.classes)
        classes.append(QJsonObject{{QStringLiteral("name"), c.name},
                                   {QStringLiteral("color"), c.color},
                                   {QStringLiteral("count"), c.count},
                                   {QStringLiteral("train"), c.train},
                                   {QStringLiteral("val"), c.val},
                                   {QStringLiteral("test"), c.test},
                                   {QStringLiteral("unassigned"), c.unassigned}});
    return {{QStringLiteral("samples"), s.samples},
            {QStringLiteral("labeled"), s.labeled},
            {QStringLiteral("unlabeled"), s.unlabeled},
            {QStringLiteral("splits"), QJsonObject{{QStringLiteral("train"), s.train},
                                                   {QStringLiteral("val"), s.val},
                                                   {QStringLiteral("test"), s.test},
                                                   {QStringLiteral("unassigned"), s.unassigned}}},
            {QStringLiteral("missing"), s.missing},
            {QStringLiteral("corrupt"), s.corrupt},
            {QStringLiteral("removed"), s.removed},
            {QStringLiteral("duplicate_groups"), s.duplicateGroups},
            {QStringLiteral("conflict_groups"), s.conflictGroups},
            {QStringLiteral("leakage_groups"), s.leakageGroups},
            {QStringLiteral("classes"), classes},
            {QStringLiteral("warnings"), warningsJson(s)}};
}

QStringList describe(const dataset::ImportReport &r)
{
    QStringList out;
    if (r.cancelled) {
        out << QStringLiteral("Import cancelled: nothing was added.");
        return out;
    }
    out << QStringLiteral("Imported %1 images (%2 format)")
               .arg(r.imported)
               .arg(dataset::toString(r.format));
    if (r.alreadyPresent > 0)
        out << QStringLiteral("%1 were already in the project").arg(r.alreadyPresent);
    if (!r.newClasses.isEmpty())
        out << QStringLiteral("New classes: %1").arg(r.newClasses.join(QStringLiteral(", ")));
    if (!r.skipped.isEmpty()) {
        out << QStringLiteral("Skipped %1:").arg(r.skipped.size());
        for (const auto &s : r.skipped)
            out << QStringLiteral("  %1: %2").arg(s.path, s.reason);
    }
    auto groups = [&out](const QString &title, const QList<dataset::DuplicateGroup> &list) {
        if (list.isEmpty())
            return;
        out << title.arg(list.size());
        for (const auto &g : list) {
            QStringList parts;
            for (qsizetype i = 0; i < g.paths.size(); ++i)
                parts << QStringLiteral("%1 [%2%3]")
                             .arg(g.paths[i],
                                  g.labels[i].isEmpty() ? QStringLiteral("unlabeled") : g.labels[i],
                                  g.splits[i].isEmpty() ? QString()
                                                        : QLatin1Char(' ') + g.splits[i]);
            out << QStringLiteral("  ") + parts.join(QStringLiteral(" = "));
        }
    };
    groups(QStringLiteral("Identical images (%1 groups):"), r.duplicates);
    groups(QStringLiteral("Conflicts, the same image with different labels (%1):"), r.conflicts);
    groups(QStringLiteral("Leakage, the same image in two splits (%1):"), r.leakage);
    return out;
}

QStringList describe(const dataset::DatasetStats &s)
{
    QStringList out;
    out << QStringLiteral("%1 images: %2 labeled, %3 unlabeled")
               .arg(s.samples)
               .arg(s.labeled)
               .arg(s.unlabeled);
    out << QStringLiteral("Splits: train %1, val %2, test %3, unassigned %4")
               .arg(s.train)
               .arg(s.val)
               .arg(s.test)
               .arg(s.unassigned);
    int width = 5;
    for (const auto &c : s.classes)
        width = std::max(width, int(c.name.size()));
    out << QStringLiteral("%1 %2 %3 %4 %5 %6")
               .arg(QStringLiteral("class"), -width)
               .arg(QStringLiteral("count"), 7)
               .arg(QStringLiteral("train"), 7)
               .arg(QStringLiteral("val"), 7)
               .arg(QStringLiteral("test"), 7)
               .arg(QStringLiteral("unassigned"), 11);
    for (const auto &c : s.classes)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6")
                   .arg(c.name, -width)
                   .arg(c.count, 7)
                   .arg(c.train, 7)
                   .arg(c.val, 7)
                   .arg(c.test, 7)
                   .arg(c.unassigned, 11);
    for (const auto &w : s.warnings)
        out << QStringLiteral("Warning: ") + dataset::describe(w);
    return out;
}

} // namespace pulc::cli
