#include "datafixtures.h"

#include <ui/data/classtablemodel.h>
#include <ui/data/datapage.h>
#include <ui/project/projectsession.h>
#include <ui/shell/aboutbox.h>
#include <ui/shell/mainwindow.h>
#include <ui/train/trainconfigform.h>
#include <ui/train/trainpage.h>

#include <dataset/importer.h>
#include <dataset/project.h>

#include <gtest/gtest.h>

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDir>
#include <QGroupBox>
#include <QImage>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using pulc::ui::ClassTableModel;
using pulc::ui::MainWindow;
using pulc::ui::ProjectSession;

TEST(MainWindow, OpensAProjectAndShowsItsClassesAndCounts)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString dir = makeFruitProject(tmp);
    ASSERT_FALSE(dir.isEmpty());

    MainWindow window;
    window.show();
    QSignalSpy stats(window.session(), &ProjectSession::statsChanged);
    window.openProject(dir + QStringLiteral("/project.pulc")); // the file opens its folder
    ASSERT_TRUE(stats.wait(20000)) << "statistics never arrived";

    EXPECT_EQ(window.session()->dir(), dir);
    EXPECT_EQ(window.currentPage(), MainWindow::Page::Data);
    EXPECT_TRUE(window.windowTitle().startsWith(QStringLiteral("Fruit")));

    auto *table = window.findChild<QTableView *>(QStringLiteral("classTable"));
    ASSERT_NE(table, nullptr);
    EXPECT_TRUE(table->isVisible());
    QAbstractItemModel *model = table->model();
    ASSERT_EQ(model->rowCount(), 3);
    QStringList names;
    for (int r = 0; r < 3; ++r)
        names << model->index(r, 0).data(ClassTableModel::NameRole).toString();
    EXPECT_EQ(names, (QStringList{QStringLiteral("apple"), QStringLiteral("banana"),
                                  QStringLiteral("cherry")}));
    // cherry: 6 training images, 2 validation images.
    EXPECT_EQ(model->index(2, 0).data(ClassTableModel::CountRole).toInt(), 8);
    EXPECT_EQ(model->index(2, 0).data(ClassTableModel::TrainRole).toInt(), 6);
    EXPECT_EQ(model->index(2, 0).data(ClassTableModel::ValRole).toInt(), 2);
    EXPECT_EQ(model->index(2, ClassTableModel::TrainColumn).data().toString(), QStringLiteral("6"));

    auto *totals = window.findChild<QLabel *>(QStringLiteral("totalsLabel"));
    ASSERT_NE(totals, nullptr);
    EXPECT_TRUE(totals->text().contains(QStringLiteral("Images: 21")))
        << totals->text().toStdString();
    // Only the dataset's own warnings about few images: nothing was lost or left out.
    EXPECT_EQ(window.session()->stats().samples, 21);
}

// A laptop screen of 1440x900 (less the title bar and panel): the Train page's settings must
// show whole, without a horizontal scroll bar and without fields cut off on the right.
TEST(MainWindow, TrainSettingsFitAt1440x900)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString dir = makeFruitProject(tmp);
    ASSERT_FALSE(dir.isEmpty());
    MainWindow window;
    window.resize(1440, 840);
    window.show();
    QSignalSpy stats(window.session(), &ProjectSession::statsChanged);
    window.openProject(dir);
    ASSERT_TRUE(stats.wait(20000)) << "statistics never arrived";
    window.showPage(MainWindow::Page::Train);
    QTest::qWait(300); // layouts settle

    const auto *form = window.trainPage()->findChild<pulc::ui::TrainConfigForm *>();
    ASSERT_NE(form, nullptr);
    ASSERT_TRUE(form->isVisible());
    for (const QScrollArea *area : window.trainPage()->findChildren<QScrollArea *>())
        EXPECT_FALSE(area->horizontalScrollBar()->isVisible())
            << "a horizontal scroll bar on the Train page: " << area->objectName().toStdString();
    // The form itself, its sections and its fields: each shows whole from left to right.
    QList<QWidget *> widgets{const_cast<pulc::ui::TrainConfigForm *>(form)};
    for (QWidget *w : form->findChildren<QWidget *>())
        if (qobject_cast<QGroupBox *>(w) || qobject_cast<QComboBox *>(w) ||
            qobject_cast<QAbstractSpinBox *>(w))
            widgets.append(w);
    int fields = 0;
    for (QWidget *w : widgets) {
        if (!w->isVisible())
            continue;
        // The part of `w` its ancestors leave on screen (a scroll area's viewport clips).
        QRect shown = w->rect();
        for (QWidget *p = w; p->parentWidget(); p = p->parentWidget()) {
            shown.translate(p->pos());
            shown &= p->parentWidget()->rect();
        }
        if (shown.isEmpty())
            continue; // scrolled out of view, above or below
        ++fields;
        EXPECT_EQ(shown.width(), w->width())
            << "cut off: " << w->metaObject()->className() << " " << w->objectName().toStdString()
            << " shows " << shown.width() << " of " << w->width() << " px";
    }
    EXPECT_GE(fields, 8) << "the settings form shows too few fields to judge";
}

TEST(ProjectSession, AFailedOpenKeepsTheCurrentProjectAndSaysWhy)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    ASSERT_FALSE(dir.isEmpty());

    ProjectSession session;
    QSignalSpy stats(&session, &ProjectSession::statsChanged);
    session.open(dir);
    ASSERT_TRUE(stats.wait(20000));

    QSignalSpy failed(&session, &ProjectSession::openFailed);
    const QString missing = tmp.filePath(QStringLiteral("no-such-project"));
    session.open(missing);
    ASSERT_TRUE(failed.wait(20000));
    EXPECT_EQ(failed.first().at(0).toString(), missing);
    EXPECT_TRUE(failed.first().at(1).toString().contains(QStringLiteral("no-such-project")))
        << failed.first().at(1).toString().toStdString();
    EXPECT_EQ(session.dir(), dir);
    EXPECT_EQ(session.stats().samples, 21);
}

TEST(ProjectSession, OnlyTheLatestOfTwoQuickOpensWins)
{
    QTemporaryDir a;
    QTemporaryDir b;
    const QString first = makeFruitProject(a);
    const QString second = makeFruitProject(b);
    ProjectSession session;
    QSignalSpy opened(&session, &ProjectSession::projectOpened);
    session.open(first);
    session.open(second);
    QSignalSpy stats(&session, &ProjectSession::statsChanged);
    ASSERT_TRUE(stats.wait(20000));
    QTest::qWait(200); // give a stale result the chance to arrive (it must be dropped)
    EXPECT_EQ(opened.size(), 1);
    EXPECT_EQ(session.dir(), second);
}

TEST(AboutBox, NamesTheVersionsABugReportNeeds)
{
    const QString text = pulc::ui::AboutBox::versionText();
    EXPECT_TRUE(text.contains(QStringLiteral(PULC_VERSION)));
    EXPECT_TRUE(text.contains(QString::fromLatin1(qVersion())));
    EXPECT_TRUE(text.contains(QStringLiteral("OpenCV 4."))) << text.toStdString();
    EXPECT_FALSE(text.contains(QStringLiteral("LibTorch unknown"))) << text.toStdString();
}
