#include "datafixtures.h"

#include <ui/data/attributepanel.h>
#include <ui/data/classbalancechart.h>
#include <ui/data/classpanel.h>
#include <ui/data/classtablemodel.h>
#include <ui/data/datapage.h>
#include <ui/data/samplebrowser.h>
#include <ui/data/samplefilterbar.h>
#include <ui/data/samplegridmodel.h>
#include <ui/data/samplegridview.h>
#include <ui/data/sampleviewer.h>
#include <ui/project/editcommands.h>
#include <ui/project/projectsession.h>

#include <gtest/gtest.h>

#include <ui/common/qcustomplotinclude.h>

#include <QCheckBox>
#include <QDropEvent>
#include <QMimeData>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QUndoStack>

using pulc::ui::ProjectSession;
using pulc::ui::SampleGridModel;

namespace {

qint64 classId(const ProjectSession &session, const QString &name)
{
    return classIdOf(session, name);
}

QList<qint64> labelsOf(const ProjectSession &session, qint64 sampleId)
{
    const auto &labels = session.rows()[size_t(session.rowIndex(sampleId))].classIds;
    return {labels.begin(), labels.end()};
}

} // namespace

TEST(DataLabeling, KeyLabelsTheSelectionAndAdvancesToTheNextUnlabeled)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp, 3);
    ASSERT_FALSE(dir.isEmpty());
    ProjectSession session;
    pulc::ui::SampleBrowser browser(&session);
    browser.resize(900, 600);
    browser.show();
    ASSERT_TRUE(openAndWait(session, dir));
    browser.setAutoAdvance(true);
    auto *view = browser.view();
    auto *model = browser.model();
    ASSERT_EQ(model->rowCount(), 24);

    // Rows 0-2 are unlabeled (folder "more"); row 3 is the first apple.
    view->setCurrentIndex(model->index(0));
    const qint64 first = model->sampleId(0);
    QTest::keyClick(view, Qt::Key_2);
    EXPECT_EQ(labelsOf(session, first), QList<qint64>{classId(session, QStringLiteral("banana"))});
    EXPECT_EQ(session.undoStack()->count(), 1);
    EXPECT_EQ(view->currentIndex().row(), 1);
    EXPECT_EQ(browser.selectedIds(), std::vector<qint64>{model->sampleId(1)});

    session.undoStack()->undo();
    EXPECT_TRUE(labelsOf(session, first).isEmpty());

    // A rubber band or shift-selection of several: one key, one command, all labeled.
    view->setCurrentIndex(model->index(3));
    view->selectionModel()->select(QItemSelection(model->index(0), model->index(3)),
                                   QItemSelectionModel::ClearAndSelect);
    const std::vector<qint64> picked = browser.selectedIds();
    ASSERT_EQ(picked.size(), 4u);
    const int before = session.undoStack()->index();
    QTest::keyClick(view, Qt::Key_3);
    EXPECT_EQ(session.undoStack()->index(), before + 1);
    for (qint64 id : picked)
        EXPECT_EQ(labelsOf(session, id), QList<qint64>{classId(session, QStringLiteral("cherry"))});
    // No unlabeled image is left: the current one stays.
    EXPECT_EQ(model->rowOf(picked.back()), view->currentIndex().row());
    session.undoStack()->undo();

    // With the "Unlabeled" filter, the labeled image leaves and its successor is current.
    browser.filterBar()->showUnlabeled();
    ASSERT_EQ(model->rowCount(), 3);
    view->setCurrentIndex(model->index(0));
    const qint64 second = model->sampleId(1);
    QTest::keyClick(view, Qt::Key_1);
    EXPECT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->sampleId(view->currentIndex().row()), second);
    // Keys past the last class do nothing.
    const int count = session.undoStack()->count();
    QTest::keyClick(view, Qt::Key_7);
    EXPECT_EQ(session.undoStack()->count(), count);
}

TEST(DataLabeling, SelectAllTakesEveryImageOfTheFilter)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ProjectSession session;
    pulc::ui::SampleBrowser browser(&session);
    browser.show();
    ASSERT_TRUE(openAndWait(session, dir));
    browser.showClass(classId(session, QStringLiteral("apple")));
    ASSERT_EQ(browser.model()->rowCount(), 6);
    browser.view()->setFocus();
    QTest::keyClick(browser.view(), Qt::Key_A, Qt::ControlModifier);
    EXPECT_EQ(browser.selectedIds().size(), 6u);
    browser.setAutoAdvance(false);
    QTest::keyClick(browser.view(), Qt::Key_2);
    EXPECT_EQ(session.undoStack()->count(), 1);
    EXPECT_TRUE(session.undoStack()->text(0).contains(QStringLiteral("banana")));
    EXPECT_EQ(browser.model()->rowCount(), 0); // none of the filter's class is left
}

TEST(DataLabeling, MultiLabelKeysToggleAndThePanelShowsWhereTheSelectionDisagrees)
{
    QTemporaryDir tmp;
    const QString dir = makeMultiLabelProject(tmp);
    ASSERT_FALSE(dir.isEmpty());
    ProjectSession session;
    pulc::ui::SampleBrowser browser(&session);
    pulc::ui::AttributePanel panel(&session);
    ASSERT_TRUE(openAndWait(session, dir));
    ASSERT_EQ(session.info().task, pulc::dataset::TaskType::MultiLabel);
    auto *model = browser.model();
    ASSERT_EQ(model->rowCount(), 6);
    const qint64 red = classId(session, QStringLiteral("red"));
    const qint64 round = classId(session, QStringLiteral("round"));
    const qint64 sweet = classId(session, QStringLiteral("sweet"));
    ASSERT_EQ(session.classes().size(), 3);

    // img0: red, round; img1: red.
    const qint64 img0 = model->sampleId(0);
    const qint64 img1 = model->sampleId(1);
    panel.setSamples({img0, img1});
    const int redPos = 0, roundPos = 1, sweetPos = 2;
    ASSERT_EQ(session.classes().at(redPos).id, red);
    EXPECT_EQ(panel.checkBox(redPos)->checkState(), Qt::Checked);
    EXPECT_EQ(panel.checkBox(roundPos)->checkState(), Qt::PartiallyChecked);
    EXPECT_EQ(panel.checkBox(sweetPos)->checkState(), Qt::Unchecked);

    // Clicking a partly checked attribute gives it to all, in one command.
    panel.checkBox(roundPos)->click();
    EXPECT_EQ(session.undoStack()->count(), 1);
    EXPECT_EQ(labelsOf(session, img1), (QList<qint64>{red, round}));
    EXPECT_EQ(panel.checkBox(roundPos)->checkState(), Qt::Checked);
    // Clicking a checked one takes it from all.
    panel.checkBox(redPos)->click();
    EXPECT_EQ(labelsOf(session, img0), QList<qint64>{round});
    EXPECT_EQ(labelsOf(session, img1), QList<qint64>{round});
    EXPECT_EQ(panel.checkBox(redPos)->checkState(), Qt::Unchecked);
    // Undo shows in the panel too.
    session.undoStack()->undo();
    EXPECT_EQ(panel.checkBox(redPos)->checkState(), Qt::Checked);

    // In the grid, a key toggles its attribute and does not advance.
    browser.setAutoAdvance(true);
    browser.view()->setCurrentIndex(model->index(4)); // img4: sweet
    const qint64 img4 = model->sampleId(4);
    QTest::keyClick(browser.view(), Qt::Key_1);
    EXPECT_EQ(labelsOf(session, img4), (QList<qint64>{red, sweet}));
    EXPECT_EQ(browser.view()->currentIndex().row(), 4);
    QTest::keyClick(browser.view(), Qt::Key_1);
    EXPECT_EQ(labelsOf(session, img4), QList<qint64>{sweet});
}

TEST(DataLabeling, DroppingImagesOnAClassLabelsThem)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp, 3);
    ProjectSession session;
    pulc::ui::SampleBrowser browser(&session);
    pulc::ui::ClassPanel panel(&session);
    panel.resize(400, 300);
    panel.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&panel));
    ASSERT_TRUE(openAndWait(session, dir));
    auto *model = browser.model();
    ASSERT_EQ(panel.model()->rowCount(), 3);

    std::unique_ptr<QMimeData> mime(model->mimeData({model->index(0), model->index(1)}));
    EXPECT_TRUE(panel.dropSamples(mime.get(), 2));
    const qint64 cherry = classId(session, QStringLiteral("cherry"));
    EXPECT_EQ(labelsOf(session, model->sampleId(0)), QList<qint64>{cherry});
    EXPECT_EQ(labelsOf(session, model->sampleId(1)), QList<qint64>{cherry});
    EXPECT_EQ(session.undoStack()->count(), 1);

    // The same through the table's drop handler, as a mouse drag delivers it (Qt only routes
    // a real Drop to the target of a running drag, so the test hands it over itself).
    mime.reset(model->mimeData({model->index(2)}));
    QTableView *table = panel.table();
    const QPoint at = table->visualRect(panel.model()->index(0, 1)).center();
    QDropEvent drop(at, Qt::CopyAction, mime.get(), Qt::LeftButton, Qt::NoModifier);
    panel.eventFilter(table->viewport(), &drop);
    EXPECT_TRUE(drop.isAccepted());
    EXPECT_EQ(labelsOf(session, model->sampleId(2)),
              QList<qint64>{classId(session, QStringLiteral("apple"))});

    // Something that is not a grid drag is refused.
    QMimeData text;
    text.setText(QStringLiteral("hello"));
    EXPECT_FALSE(panel.dropSamples(&text, 0));
}

TEST(DataLabeling, ClassPanelShowsKeysCountsAndFollowsRenames)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ProjectSession session;
    pulc::ui::ClassPanel panel(&session);
    ASSERT_TRUE(openAndWait(session, dir));
    auto *model = panel.model();
    ASSERT_EQ(model->rowCount(), 3);
    EXPECT_EQ(model->index(0, pulc::ui::ClassTableModel::KeyColumn).data().toString(),
              QStringLiteral("1"));
    EXPECT_EQ(model->index(2, 0).data(pulc::ui::ClassTableModel::KeyRole).toString(),
              QStringLiteral("3"));
    EXPECT_EQ(model->index(1, 0).data(pulc::ui::ClassTableModel::TrainRole).toInt(), 5);
    QSignalSpy clicked(&panel, &pulc::ui::ClassPanel::classClicked);
    session.undoStack()->push(new pulc::ui::RenameClassCommand(
        &session, classId(session, QStringLiteral("banana")), QStringLiteral("kiwi")));
    // The name follows at once; the counts stay.
    EXPECT_EQ(model->index(1, 0).data(pulc::ui::ClassTableModel::NameRole).toString(),
              QStringLiteral("kiwi"));
    EXPECT_EQ(model->index(1, 0).data(pulc::ui::ClassTableModel::TrainRole).toInt(), 5);
}

TEST(DataLabeling, ClickingAChartBarFiltersTheGrid)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ProjectSession session;
    pulc::ui::DataPage page(&session, {});
    page.resize(1300, 850);
    page.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&page));
    ASSERT_TRUE(openAndWait(session, dir));
    auto *chart = page.chart();
    page.findChild<QTabWidget *>(QStringLiteral("statsTabs"))->setCurrentWidget(chart);
    QTest::qWait(50);
    chart->plot()->replot();
    const qint64 cherry = classId(session, QStringLiteral("cherry"));
    const QPoint at = chart->segmentCenter(cherry, pulc::dataset::Split::Val);
    ASSERT_GE(at.x(), 0);
    ASSERT_NE(chart->plot()->plottableAt(at), nullptr) << at.x() << "," << at.y();
    QSignalSpy clicked(chart, &pulc::ui::ClassBalanceChart::segmentClicked);
    QTest::mouseClick(chart->plot(), Qt::LeftButton, {}, at);
    ASSERT_EQ(clicked.size(), 1);
    auto *model = page.browser()->model();
    EXPECT_EQ(model->rowCount(), 2);
    EXPECT_EQ(model->filter().classId, cherry);
    EXPECT_EQ(model->filter().split, pulc::dataset::Split::Val);

    // Clicking a class in the class panel shows the whole class.
    QTableView *table = page.classPanel()->table();
    QTest::mouseClick(table->viewport(), Qt::LeftButton, {},
                      table->visualRect(page.classModel()->index(0, 1)).center());
    EXPECT_EQ(model->rowCount(), 6);
    EXPECT_EQ(model->filter().classId, classId(session, QStringLiteral("apple")));
    EXPECT_FALSE(model->filter().split.has_value());
}

TEST(DataLabeling, ViewerMovesThroughTheFilterAndLabels)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp, 3);
    ProjectSession session;
    pulc::ui::SampleBrowser browser(&session);
    browser.show();
    ASSERT_TRUE(openAndWait(session, dir));
    browser.setAutoAdvance(true);
    browser.openViewer(0);
    pulc::ui::SampleViewer *viewer = browser.viewer();
    ASSERT_NE(viewer, nullptr);
    for (int i = 0; i < 100 && viewer->isLoading(); ++i)
        QTest::qWait(20);
    EXPECT_FALSE(viewer->isLoading());
    EXPECT_EQ(viewer->currentRow(), 0);
    QTest::keyClick(viewer, Qt::Key_Right);
    EXPECT_EQ(viewer->currentRow(), 1);
    EXPECT_EQ(browser.view()->currentIndex().row(), 1); // the grid follows
    QTest::keyClick(viewer, Qt::Key_PageUp);
    EXPECT_EQ(viewer->currentRow(), 0);
    const qint64 first = viewer->currentSampleId();
    QTest::keyClick(viewer, Qt::Key_1);
    EXPECT_EQ(labelsOf(session, first), QList<qint64>{classId(session, QStringLiteral("apple"))});
    EXPECT_EQ(viewer->currentRow(), 1); // advanced to the next unlabeled
    QTest::keyClick(viewer, Qt::Key_Escape);
    EXPECT_FALSE(viewer->isVisible());
}
