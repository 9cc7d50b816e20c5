#include <ui/data/classtablemodel.h>

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QLocale>

using pulc::ui::ClassTableModel;

namespace {

pulc::dataset::DatasetStats sampleStats()
{
    pulc::dataset::DatasetStats st;
    pulc::dataset::ClassStats cat;
    cat.id = 7;
    cat.name = QStringLiteral("cat");
    cat.color = QStringLiteral("#e6194b");
    cat.count = 1234;
    cat.train = 1000;
    cat.val = 200;
    cat.test = 30;
    cat.unassigned = 4;
    pulc::dataset::ClassStats dog;
    dog.id = 9;
    dog.name = QStringLiteral("dog");
    dog.color = QStringLiteral("#3cb44b");
    dog.count = 5;
    dog.train = 5;
    st.classes = {cat, dog};
    return st;
}

} // namespace

TEST(ClassTableModel, OneRowPerClassWithItsCounts)
{
    ClassTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStats(sampleStats());

    ASSERT_EQ(model.rowCount(), 2);
    ASSERT_EQ(model.columnCount(), ClassTableModel::kColumnCount);
    const QModelIndex cat = model.index(0, ClassTableModel::NameColumn);
    EXPECT_EQ(cat.data(ClassTableModel::ClassIdRole).toLongLong(), 7);
    EXPECT_EQ(cat.data(ClassTableModel::NameRole).toString(), QStringLiteral("cat"));
    EXPECT_EQ(cat.data(ClassTableModel::ColorRole).value<QColor>(), QColor(0xe6, 0x19, 0x4b));
    EXPECT_EQ(cat.data(ClassTableModel::CountRole).toInt(), 1234);
    EXPECT_EQ(cat.data(ClassTableModel::TrainRole).toInt(), 1000);
    EXPECT_EQ(cat.data(ClassTableModel::ValRole).toInt(), 200);
    EXPECT_EQ(cat.data(ClassTableModel::TestRole).toInt(), 30);
    EXPECT_EQ(cat.data(ClassTableModel::UnassignedRole).toInt(), 4);
    // The swatch next to the name is the class colour.
    EXPECT_EQ(cat.data(Qt::DecorationRole).value<QColor>(), QColor(0xe6, 0x19, 0x4b));

    // The display columns show the same numbers as the roles, in the user's locale.
    const QLocale locale;
    EXPECT_EQ(model.index(0, ClassTableModel::CountColumn).data().toString(),
              locale.toString(1234));
    EXPECT_EQ(model.index(0, ClassTableModel::ValColumn).data().toString(), QStringLiteral("200"));
    EXPECT_EQ(model.index(1, ClassTableModel::NameColumn).data().toString(), QStringLiteral("dog"));
    EXPECT_EQ(model.index(1, ClassTableModel::TrainColumn).data().toString(), QStringLiteral("5"));
    EXPECT_EQ(model.index(1, ClassTableModel::TestColumn).data().toString(), QStringLiteral("0"));
}

TEST(ClassTableModel, NewStatsReplaceTheRowsAndClearEmptiesIt)
{
    ClassTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setStats(sampleStats());
    pulc::dataset::DatasetStats one;
    one.classes = {sampleStats().classes.at(1)};
    model.setStats(one);
    ASSERT_EQ(model.rowCount(), 1);
    EXPECT_EQ(model.index(0, 0).data(ClassTableModel::NameRole).toString(), QStringLiteral("dog"));
    model.clear();
    EXPECT_EQ(model.rowCount(), 0);
}

TEST(ClassTableModel, HeadersNameEverySplit)
{
    ClassTableModel model;
    QStringList headers;
    for (int c = 0; c < model.columnCount(); ++c)
        headers << model.headerData(c, Qt::Horizontal).toString();
    EXPECT_EQ(headers,
              (QStringList{QStringLiteral("Key"), QStringLiteral("Class"), QStringLiteral("Images"),
                           QStringLiteral("Train"), QStringLiteral("Val"), QStringLiteral("Test"),
                           QStringLiteral("Unassigned")}));
}

TEST(ClassTableModel, ClassesComeFromTheListWithCountsAndLabelingKeys)
{
    ClassTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    QList<pulc::dataset::ClassInfo> classes;
    for (int i = 0; i < 12; ++i)
        classes.append({100 + i, QStringLiteral("c%1").arg(i), i, QStringLiteral("#102030")});
    classes[0].id = 9; // "dog" in sampleStats(): its counts are taken
    model.setClasses(classes, sampleStats());
    ASSERT_EQ(model.rowCount(), 12);
    EXPECT_EQ(model.index(0, 0).data(ClassTableModel::NameRole).toString(), QStringLiteral("c0"));
    EXPECT_EQ(model.index(0, 0).data(ClassTableModel::TrainRole).toInt(), 5);
    EXPECT_EQ(model.index(1, 0).data(ClassTableModel::CountRole).toInt(), 0);
    EXPECT_EQ(model.index(0, ClassTableModel::KeyColumn).data().toString(), QStringLiteral("1"));
    EXPECT_EQ(model.index(9, 0).data(ClassTableModel::KeyRole).toString(), QStringLiteral("0"));
    EXPECT_EQ(model.index(10, 0).data(ClassTableModel::KeyRole).toString(), QString());
    EXPECT_EQ(model.rowOf(101), 1);
    EXPECT_EQ(model.rowOf(5), -1);
}
