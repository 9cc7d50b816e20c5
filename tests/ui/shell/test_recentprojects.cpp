#include <ui/shell/recentprojects.h>

#include <gtest/gtest.h>

#include <QDir>

using pulc::ui::RecentProjects;

TEST(RecentProjects, NewestFirstWithoutDuplicatesAndAtMostTen)
{
    RecentProjects::clear();
    for (int i = 0; i < 12; ++i)
        RecentProjects::add(QStringLiteral("/tmp/p%1").arg(i));
    RecentProjects::add(QStringLiteral("/tmp/p5/")); // the same folder, spelled differently
    const QStringList list = RecentProjects::list();
    ASSERT_EQ(list.size(), RecentProjects::kMaxEntries);
    EXPECT_EQ(list.first(), QStringLiteral("/tmp/p5"));
    EXPECT_EQ(list.at(1), QStringLiteral("/tmp/p11"));
    EXPECT_EQ(list.count(QStringLiteral("/tmp/p5")), 1);
    EXPECT_FALSE(list.contains(QStringLiteral("/tmp/p0"))); // the oldest fell off
    EXPECT_FALSE(list.contains(QStringLiteral("/tmp/p1")));

    RecentProjects::remove(QStringLiteral("/tmp/p11"));
    EXPECT_FALSE(RecentProjects::list().contains(QStringLiteral("/tmp/p11")));
    RecentProjects::clear();
    EXPECT_TRUE(RecentProjects::list().isEmpty());
}
