#include "ui/shell/recentprojects.h"

#include "ui/common/setting.h"

#include <QDir>

namespace pulc::ui {

namespace {

const Setting<QStringList> kRecentProjects("project/recent");

// Paths are compared in their clean absolute form so "demo/" and "./demo" are one entry.
QString normalized(const QString &dir)
{
    return QDir::cleanPath(QDir(dir).absolutePath());
}

} // namespace

QStringList RecentProjects::list()
{
    QStringList out;
    for (const QString &dir : kRecentProjects.value()) {
        const QString clean = normalized(dir);
        if (!dir.isEmpty() && !out.contains(clean))
            out << clean;
        if (out.size() == kMaxEntries)
            break;
    }
    return out;
}

void RecentProjects::add(const QString &dir)
{
    QStringList entries = list();
    const QString clean = normalized(dir);
    entries.removeAll(clean);
    entries.prepend(clean);
    while (entries.size() > kMaxEntries)
        entries.removeLast();
    kRecentProjects.setValue(entries);
}

void RecentProjects::remove(const QString &dir)
{
    QStringList entries = list();
    entries.removeAll(normalized(dir));
    kRecentProjects.setValue(entries);
}

void RecentProjects::clear()
{
    kRecentProjects.remove();
}

} // namespace pulc::ui
