#pragma once

#include <QStringList>

namespace pulc::ui {

/// The most recently opened project folders, newest first, kept in the settings. GUI thread.
class RecentProjects
{
public:
    static constexpr int kMaxEntries = 10;

    /// Newest first, at most kMaxEntries, without duplicates.
    static QStringList list();
    /// Moves `dir` to the front (adding it when new) and drops the oldest past kMaxEntries.
    static void add(const QString &dir);
    static void remove(const QString &dir);
    static void clear();
};

} // namespace pulc::ui
