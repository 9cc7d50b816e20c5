#include "datafixtures.h"

#include <ui/common/thumbnailloader.h>
#include <ui/data/samplegridmodel.h>
#include <ui/project/editcommands.h>
#include <ui/project/projectsession.h>

#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFile>
#include <QMimeData>
#include <QPixmap>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

using pulc::dataset::SampleFilter;
using pulc::dataset::SampleSort;
using pulc::dataset::Split;
using pulc::ui::ProjectSession;
using pulc::ui::SampleGridModel;
using pulc::ui::ThumbnailLoader;

namespace {

qint64 classId(const ProjectSession &session, const QString &name)
{
    return classIdOf(session, name);
}

struct GridFixture : ::testing::Test
{
    void SetUp() override
    {
        ASSERT_TRUE(tmp.isValid());
        dir = makeFruitProject(tmp, 3);
        ASSERT_FALSE(dir.isEmpty());
        ASSERT_TRUE(openAndWait(session, dir));
        loader.reset(dir + QStringLiteral("/cache/thumbnails"));
        model = std::make_unique<SampleGridModel>(&session, &loader);
        tester = std::make_unique<QAbstractItemModelTester>(
            model.get(), QAbstractItemModelTester::FailureReportingMode::Fatal);
    }

    QTemporaryDir tmp;
    QString dir;
    ProjectSession session;
    ThumbnailLoader loader;
    std::unique_ptr<SampleGridModel> model;
    std::unique_ptr<QAbstractItemModelTester> tester;
};

} // namespace

TEST_F(GridFixture, ShowsEverySampleWithItsRoles)
{
    ASSERT_EQ(model->rowCount(), 24); // 21 labeled + 3 unlabeled
    EXPECT_EQ(model->totalCount(), 24);
    // Sorted by path: the unlabeled folder "more" comes before "source".
    const QModelIndex first = model->index(0);
    EXPECT_EQ(first.data().toString(), QStringLiteral("img0.png"));
    EXPECT_TRUE(
        first.data(SampleGridModel::PathRole).toString().contains(QStringLiteral("/more/")));
    EXPECT_TRUE(first.data(SampleGridModel::ClassIdsRole).value<QList<qint64>>().isEmpty());
    EXPECT_EQ(first.data(SampleGridModel::SplitRole).toInt(), int(Split::Unassigned));
    EXPECT_FALSE(first.data(SampleGridModel::ClassColorRole).value<QColor>().isValid());

    const QModelIndex last = model->index(model->rowCount() - 1);
    EXPECT_TRUE(last.data(SampleGridModel::PathRole)
                    .toString()
                    .endsWith(QStringLiteral("val/cherry/img1.png")));
    EXPECT_EQ(last.data(SampleGridModel::ClassNamesRole).toStringList(),
              QStringList{QStringLiteral("cherry")});
    EXPECT_EQ(last.data(SampleGridModel::ClassIdsRole).value<QList<qint64>>(),
              QList<qint64>{classId(session, QStringLiteral("cherry"))});
    EXPECT_EQ(last.data(SampleGridModel::SplitRole).toInt(), int(Split::Val));
    EXPECT_EQ(last.data(SampleGridModel::ImageSizeRole).toSize(), QSize(16, 16));
    EXPECT_EQ(last.data(SampleGridModel::ClassColorRole).value<QColor>(),
              QColor(session.classById(classId(session, QStringLiteral("cherry")))->color));
    EXPECT_EQ(model->rowOf(last.data(SampleGridModel::SampleIdRole).toLongLong()),
              model->rowCount() - 1);
}

TEST_F(GridFixture, FiltersByClassUnlabeledSplitAndPath)
{
    SampleFilter f;
    f.classId = classId(session, QStringLiteral("cherry"));
    model->setFilter(f);
    ASSERT_EQ(model->rowCount(), 8);
    for (int r = 0; r < model->rowCount(); ++r)
        EXPECT_EQ(model->index(r).data(SampleGridModel::ClassNamesRole).toStringList(),
                  QStringList{QStringLiteral("cherry")});
    EXPECT_EQ(model->totalCount(), 24); // the M of "N of M" does not follow the filter

    f = {};
    f.unlabeledOnly = true;
    model->setFilter(f);
    EXPECT_EQ(model->rowCount(), 3);

    f = {};
    f.split = Split::Val;
    model->setFilter(f);
    EXPECT_EQ(model->rowCount(), 6);

    f.classId = classId(session, QStringLiteral("banana"));
    model->setFilter(f);
    EXPECT_EQ(model->rowCount(), 2);

    f = {};
    f.pathContains = QStringLiteral("TRAIN/BANANA"); // case does not matter
    model->setFilter(f);
    EXPECT_EQ(model->rowCount(), 5);

    f = {};
    f.status = SampleFilter::Status::Duplicate;
    model->setFilter(f);
    EXPECT_EQ(model->rowCount(), 0);
}

TEST_F(GridFixture, SortsByClassWithUnlabeledLast)
{
    model->setSort(SampleSort::Class);
    QStringList firstNames;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QStringList names =
            model->index(r).data(SampleGridModel::ClassNamesRole).toStringList();
        firstNames << (names.isEmpty() ? QString() : names.first());
    }
    QStringList expected;
    for (int i = 0; i < 6; ++i)
        expected << QStringLiteral("apple");
    for (int i = 0; i < 7; ++i)
        expected << QStringLiteral("banana");
    for (int i = 0; i < 8; ++i)
        expected << QStringLiteral("cherry");
    expected << QString() << QString() << QString();
    EXPECT_EQ(firstNames, expected);

    model->setSort(SampleSort::Path);
    EXPECT_TRUE(model->index(0)
                    .data(SampleGridModel::PathRole)
                    .toString()
                    .contains(QStringLiteral("/more/")));
}

TEST_F(GridFixture, RefiltersAfterEditsAndKeepsTheItemsThatStay)
{
    SampleFilter f;
    f.unlabeledOnly = true;
    model->setFilter(f);
    ASSERT_EQ(model->rowCount(), 3);
    const qint64 labeled = model->sampleId(0);
    const QPersistentModelIndex kept = model->index(2);
    const qint64 keptId = model->sampleId(2);

    session.undoStack()->push(
        new pulc::ui::LabelCommand(&session, {labeled}, pulc::dataset::LabelMode::Replace,
                                   classId(session, QStringLiteral("apple"))));
    EXPECT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->rowOf(labeled), -1);
    ASSERT_TRUE(kept.isValid());
    EXPECT_EQ(kept.row(), 1);
    EXPECT_EQ(kept.data(SampleGridModel::SampleIdRole).toLongLong(), keptId);

    session.undoStack()->undo();
    EXPECT_EQ(model->rowCount(), 3);
    EXPECT_EQ(model->rowOf(labeled), 0);

    // Removed samples leave the grid and the total; the "removed" filter shows them.
    model->setFilter({});
    session.undoStack()->push(
        new pulc::ui::RemoveCommand(&session, {model->sampleId(0), model->sampleId(1)}, true));
    EXPECT_EQ(model->rowCount(), 22);
    EXPECT_EQ(model->totalCount(), 22);
    f = {};
    f.removed = true;
    model->setFilter(f);
    EXPECT_EQ(model->rowCount(), 2);
    EXPECT_TRUE(model->index(0).data(SampleGridModel::RemovedRole).toBool());
}

TEST_F(GridFixture, RenamedClassesShowAtOnce)
{
    model->setSort(SampleSort::Class);
    QSignalSpy changed(model.get(), &QAbstractItemModel::layoutChanged);
    session.undoStack()->push(new pulc::ui::RenameClassCommand(
        &session, classId(session, QStringLiteral("apple")), QStringLiteral("pear")));
    EXPECT_EQ(model->index(0).data(SampleGridModel::ClassNamesRole).toStringList(),
              QStringList{QStringLiteral("pear")});
}

TEST_F(GridFixture, LoadsThumbnailsOffTheGuiThreadAndSaysWhyOneIsMissing)
{
    const QModelIndex index = model->index(0);
    const QString missingPath = model->index(1).data(SampleGridModel::AbsolutePathRole).toString();
    ASSERT_TRUE(QFile::remove(missingPath));

    QSignalSpy changed(model.get(), &QAbstractItemModel::dataChanged);
    // The first ask only queues the work.
    EXPECT_TRUE(index.data(SampleGridModel::ThumbnailRole).value<QPixmap>().isNull());
    EXPECT_TRUE(model->index(1).data(Qt::DecorationRole).value<QPixmap>().isNull());
    for (int i = 0; i < 100 && changed.size() < 2; ++i)
        changed.wait(200);
    ASSERT_GE(changed.size(), 2);
    const QPixmap thumb = index.data(SampleGridModel::ThumbnailRole).value<QPixmap>();
    ASSERT_FALSE(thumb.isNull());
    EXPECT_EQ(thumb.size(), QSize(16, 16)); // never enlarged on disk
    EXPECT_EQ(model->index(1).data(SampleGridModel::FailureRole).toString(),
              QStringLiteral("File not found"));
    EXPECT_TRUE(model->index(1)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("File not found")));
    EXPECT_TRUE(QFile::exists(dir + QStringLiteral("/cache/thumbnails")));
}

TEST_F(GridFixture, DraggedItemsCarryTheirSampleIds)
{
    const std::unique_ptr<QMimeData> mime(model->mimeData({model->index(3), model->index(1)}));
    ASSERT_NE(mime, nullptr);
    EXPECT_EQ(SampleGridModel::idsFromMime(mime.get()),
              (std::vector<qint64>{model->sampleId(1), model->sampleId(3)}));
    QMimeData other;
    other.setText(QStringLiteral("1,2"));
    EXPECT_TRUE(SampleGridModel::idsFromMime(&other).empty());
}

TEST_F(GridFixture, NextUnlabeledWrapsAround)
{
    // Rows 0-2 are the unlabeled ones.
    EXPECT_EQ(model->nextUnlabeled(0), 1);
    EXPECT_EQ(model->nextUnlabeled(2), 0);
    EXPECT_EQ(model->nextUnlabeled(10), 0);
    EXPECT_EQ(model->nextUnlabeled(-1), 0);
}
