#include <ui/import/importdialog.h>
#include <ui/import/importreportview.h>
#include <ui/project/projectsession.h>

#include <dataset/project.h>
#include <dataset/samples.h>

#include <gtest/gtest.h>

#include <QBuffer>
#include <QComboBox>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMimeData>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <QUrl>

#include <functional>

using pulc::dataset::ImportFormat;
using pulc::dataset::Split;
using pulc::ui::ImportDialog;
using pulc::ui::ProjectSession;

namespace {

bool waitFor(const std::function<bool()> &condition, int timeoutMs = 20000)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            return false;
        QTest::qWait(10);
    }
    return true;
}

QByteArray encoded(int seed, const char *format)
{
    QImage image(24, 24, QImage::Format_RGB32);
    image.fill(QColor::fromHsv((seed * 47) % 360, 180, 200));
    image.setPixel(seed % 24, (seed / 24) % 24, qRgb(seed, 255 - seed, 7));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

void writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly)) << path.toStdString();
    f.write(bytes);
}

QString readText(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

/// An empty project, a folder-per-class source (cat 3, dog 2, plus a truncated JPEG and a text
/// file named .jpg in cat/), a PaddleClas list with a class map and a CSV file.
struct Fixture
{
    QTemporaryDir tmp;
    QString projectDir;
    ProjectSession session;

    QString path(const QString &relative) const { return tmp.filePath(relative); }

    bool setUp()
    {
        if (!tmp.isValid())
            return false;
        for (int i = 0; i < 3; ++i)
            writeFile(path(QStringLiteral("folders/cat/c%1.png").arg(i)), encoded(i, "PNG"));
        for (int i = 0; i < 2; ++i)
            writeFile(path(QStringLiteral("folders/dog/d%1.png").arg(i)), encoded(10 + i, "PNG"));
        const QByteArray jpeg = encoded(20, "JPG");
        writeFile(path(QStringLiteral("folders/cat/broken.jpg")), jpeg.left(jpeg.size() * 6 / 10));
        writeFile(path(QStringLiteral("folders/cat/notes.jpg")), "not a picture at all\n");

        for (int i = 0; i < 4; ++i)
            writeFile(path(QStringLiteral("paddle/images/p%1.png").arg(i)), encoded(30 + i, "PNG"));
        writeFile(path(QStringLiteral("paddle/train_list.txt")),
                  "images/p0.png 0\nimages/p1.png 1\nimages/p2.png 1\n"
                  "images/p3.png 7\nthis line is wrong\n");
        writeFile(path(QStringLiteral("paddle/classes.txt")), "0 helmet\n1 no_helmet\n");

        for (int i = 0; i < 3; ++i)
            writeFile(path(QStringLiteral("csv/img/s%1.png").arg(i)), encoded(40 + i, "PNG"));
        writeFile(path(QStringLiteral("csv/data.csv")),
                  "path,label,split\nimg/s0.png,bird,train\nimg/s1.png,bird,val\n"
                  "img/s2.png,fish,train\n");

        pulc::dataset::ProjectInfo info;
        info.name = QStringLiteral("Imports");
        auto project = pulc::dataset::Project::create(path(QStringLiteral("project")), info);
        if (!project)
            return false;
        projectDir = project->dir();
        QSignalSpy stats(&session, &ProjectSession::statsChanged);
        session.open(projectDir);
        return stats.wait(20000);
    }

    int samplesInDatabase()
    {
        auto project = pulc::dataset::Project::open(projectDir);
        if (!project)
            return -1;
        auto rows = pulc::dataset::loadSamples(*project);
        return rows ? int(rows->size()) : -1;
    }
};

} // namespace

TEST(ImportDialog, DetectsEachFormatAndPreviewsWhatWillBeAdded)
{
    Fixture f;
    ASSERT_TRUE(f.setUp());
    ImportDialog dialog(&f.session, {f.path(QStringLiteral("folders")),
                                     f.path(QStringLiteral("paddle/train_list.txt")),
                                     f.path(QStringLiteral("csv/data.csv"))});
    dialog.show();
    ASSERT_TRUE(waitFor([&] { return dialog.previewsReady(); }));
    ASSERT_EQ(dialog.sourceCount(), 3);
    EXPECT_EQ(dialog.detectedFormat(0), ImportFormat::Folders);
    EXPECT_EQ(dialog.detectedFormat(1), ImportFormat::PaddleList);
    EXPECT_EQ(dialog.detectedFormat(2), ImportFormat::Csv);

    // The detected format is what the user sees for the selected source.
    auto *sources = dialog.findChild<QListWidget *>(QStringLiteral("sourceList"));
    auto *detected = dialog.findChild<QLabel *>(QStringLiteral("detectedLabel"));
    auto *format = dialog.findChild<QComboBox *>(QStringLiteral("formatCombo"));
    ASSERT_TRUE(sources && detected && format);
    sources->setCurrentRow(1);
    EXPECT_EQ(detected->text(), QStringLiteral("Detected: PaddleClas list"));
    EXPECT_EQ(format->currentText(), QStringLiteral("Automatic: PaddleClas list"));
    sources->setCurrentRow(0);
    EXPECT_EQ(detected->text(), QStringLiteral("Detected: Folder per class"));

    // Folders: every file counts before it is read (7), by class; both classes are new.
    const pulc::ui::ImportPreview *folders = dialog.preview(0);
    ASSERT_NE(folders, nullptr);
    EXPECT_TRUE(folders->error.isEmpty()) << folders->error.toStdString();
    EXPECT_EQ(folders->found, 7);
    EXPECT_EQ(folders->toAdd, 7);
    EXPECT_EQ(folders->newClasses, (QStringList{QStringLiteral("cat"), QStringLiteral("dog")}));
    ASSERT_EQ(folders->classes.size(), 2);
    EXPECT_EQ(folders->classes[0].total, 5);
    EXPECT_EQ(folders->classes[1].total, 2);
    auto *classTable = dialog.findChild<QTableWidget *>(QStringLiteral("previewClassTable"));
    ASSERT_NE(classTable, nullptr);
    ASSERT_EQ(classTable->rowCount(), 2);
    EXPECT_EQ(classTable->item(0, 0)->text(), QStringLiteral("cat (new)"));
    EXPECT_EQ(classTable->item(0, 1)->text(), QStringLiteral("5"));

    // The list without a class map: ids are the class names, bad lines are refused already.
    const pulc::ui::ImportPreview *list = dialog.preview(1);
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->toAdd, 4);
    EXPECT_EQ(list->rejected.size(), 1);
    EXPECT_EQ(list->rejected.value(0).path, QStringLiteral("train_list.txt:5"));
    EXPECT_EQ(list->splits[size_t(Split::Train)], 4); // train_list.txt names the split

    // With its class map, the names come from the map and id 7 is refused with its reason.
    auto request = dialog.request(1);
    request.classMapFile = f.path(QStringLiteral("paddle/classes.txt"));
    QSignalSpy ready(&dialog, &ImportDialog::previewsFinished);
    dialog.setRequest(1, request);
    EXPECT_EQ(dialog.preview(1), nullptr); // being recomputed
    ASSERT_TRUE(ready.wait(20000));
    list = dialog.preview(1);
    ASSERT_NE(list, nullptr);
    EXPECT_EQ(list->toAdd, 3);
    EXPECT_EQ(list->newClasses,
              (QStringList{QStringLiteral("helmet"), QStringLiteral("no_helmet")}));
    ASSERT_EQ(list->rejected.size(), 2);
    EXPECT_EQ(list->rejected[0].path, QStringLiteral("train_list.txt:4"));
    EXPECT_EQ(list->rejected[0].reason,
              QStringLiteral("label 7 is not in the class map (ids 0..1)"));
    sources->setCurrentRow(1);
    auto *rejected = dialog.findChild<QTableWidget *>(QStringLiteral("rejectedTable"));
    ASSERT_NE(rejected, nullptr);
    EXPECT_EQ(rejected->rowCount(), 2);
    EXPECT_TRUE(rejected->isVisible());

    // CSV: the split column is counted per class.
    const pulc::ui::ImportPreview *csv = dialog.preview(2);
    ASSERT_NE(csv, nullptr);
    EXPECT_EQ(csv->toAdd, 3);
    EXPECT_EQ(csv->splits[size_t(Split::Train)], 2);
    EXPECT_EQ(csv->splits[size_t(Split::Val)], 1);
    ASSERT_EQ(csv->classes.size(), 2);
    EXPECT_EQ(csv->classes[0].name, QStringLiteral("bird"));
    EXPECT_EQ(csv->classes[0].splits[size_t(Split::Val)], 1);

    // Overriding the format in the combo recomputes the preview: no classes when unlabeled.
    sources->setCurrentRow(0);
    format->setCurrentIndex(format->findData(int(ImportFormat::Unlabeled)));
    EXPECT_EQ(dialog.request(0).format, ImportFormat::Unlabeled);
    ASSERT_TRUE(waitFor([&] { return dialog.preview(0) != nullptr; }));
    EXPECT_EQ(dialog.preview(0)->unlabeled, 7);
    EXPECT_TRUE(dialog.preview(0)->classes.isEmpty());
    EXPECT_TRUE(dialog.canImport());
}

TEST(ImportDialog, ImportsFromTheDialogAndReportsTheCorruptFiles)
{
    Fixture f;
    ASSERT_TRUE(f.setUp());
    ImportDialog dialog(&f.session, {f.path(QStringLiteral("folders"))});
    dialog.show();
    ASSERT_TRUE(waitFor([&] { return dialog.canImport(); }));

    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    QSignalSpy reloaded(&f.session, &ProjectSession::statsChanged);
    auto *importButton = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
    ASSERT_NE(importButton, nullptr);
    QTest::mouseClick(importButton, Qt::LeftButton);
    EXPECT_EQ(dialog.stage(), ImportDialog::Stage::Progress);
    ASSERT_TRUE(finished.wait(30000));
    EXPECT_EQ(dialog.stage(), ImportDialog::Stage::Report);

    ASSERT_EQ(dialog.outcomes().size(), 1);
    const auto &outcome = dialog.outcomes().first();
    EXPECT_TRUE(outcome.error.isEmpty()) << outcome.error.toStdString();
    EXPECT_EQ(outcome.report.imported, 5);
    ASSERT_EQ(outcome.report.skipped.size(), 2);

    // The session reloads and shows the new samples.
    ASSERT_TRUE(reloaded.wait(20000));
    EXPECT_EQ(f.session.stats().samples, 5);
    EXPECT_EQ(f.session.classes().size(), 2);

    // The report names each corrupt file with its reason.
    auto *headline = dialog.findChild<QLabel *>(QStringLiteral("reportHeadline"));
    ASSERT_NE(headline, nullptr);
    EXPECT_EQ(headline->text(), QStringLiteral("Imported 5 images."));
    auto *skipped = dialog.findChild<QTableWidget *>(QStringLiteral("skippedTable"));
    ASSERT_NE(skipped, nullptr);
    ASSERT_EQ(skipped->rowCount(), 2);
    const QString broken = f.path(QStringLiteral("folders/cat/broken.jpg"));
    EXPECT_EQ(skipped->item(0, 0)->text(), broken);
    EXPECT_EQ(skipped->item(0, 1)->text(),
              QStringLiteral("truncated JPEG (no end-of-image marker)"));
    EXPECT_EQ(skipped->item(1, 1)->text(), QStringLiteral("not an image (unrecognised format)"));

    // Saved as text and as JSON.
    const QString text = f.path(QStringLiteral("report.txt"));
    EXPECT_EQ(dialog.saveReport(text), QString());
    const QString saved = readText(text);
    EXPECT_TRUE(saved.contains(QStringLiteral("Imported: 5"))) << saved.toStdString();
    EXPECT_TRUE(
        saved.contains(broken + QStringLiteral(": truncated JPEG (no end-of-image marker)")))
        << saved.toStdString();
    const QString json = f.path(QStringLiteral("report.json"));
    EXPECT_EQ(dialog.saveReport(json), QString());
    const QJsonObject root = QJsonDocument::fromJson(readText(json).toUtf8()).object();
    const QJsonObject source = root.value(QStringLiteral("sources")).toArray().at(0).toObject();
    EXPECT_EQ(source.value(QStringLiteral("imported")).toInt(), 5);
    EXPECT_EQ(source.value(QStringLiteral("skipped")).toArray().size(), 2);
    EXPECT_EQ(source.value(QStringLiteral("skipped"))
                  .toArray()
                  .at(0)
                  .toObject()
                  .value(QStringLiteral("path")),
              broken);
    // A folder that does not exist cannot take the report, and the dialog says so.
    EXPECT_TRUE(dialog.saveReport(f.path(QStringLiteral("no/such/folder/r.txt")))
                    .startsWith(QStringLiteral("Cannot save the report")));

    // Importing the same folder again adds nothing new: the preview says so.
    ImportDialog again(&f.session, {f.path(QStringLiteral("folders"))});
    ASSERT_TRUE(waitFor([&] { return again.previewsReady(); }));
    EXPECT_EQ(again.preview(0)->alreadyPresent, 5);
    EXPECT_EQ(again.preview(0)->toAdd, 2); // the two bad files would be tried again
}

TEST(ImportDialog, CancelAddsNothing)
{
    Fixture f;
    ASSERT_TRUE(f.setUp());
    ImportDialog dialog(
        &f.session, {f.path(QStringLiteral("folders")), f.path(QStringLiteral("csv/data.csv"))});
    dialog.show();
    ASSERT_TRUE(waitFor([&] { return dialog.canImport(); }));
    // Hold the import's worker back until the cancel is in, so the test does not race it:
    // the only free pool thread is busy until `release`.
    QThreadPool *pool = QThreadPool::globalInstance();
    const int threads = pool->maxThreadCount();
    QSemaphore release;
    pool->setMaxThreadCount(1);
    pool->start([&release] { release.acquire(); });
    QSignalSpy finished(&dialog, &ImportDialog::importFinished);
    dialog.startImport();
    dialog.reject(); // Escape during an import cancels it and keeps the dialog open
    EXPECT_EQ(dialog.stage(), ImportDialog::Stage::Progress);
    release.release();
    const bool done = finished.wait(30000);
    pool->setMaxThreadCount(threads);
    ASSERT_TRUE(done);
    ASSERT_EQ(dialog.outcomes().size(), 2);
    EXPECT_TRUE(dialog.outcomes()[0].cancelled);
    EXPECT_TRUE(dialog.outcomes()[1].cancelled);
    auto *headline = dialog.findChild<QLabel *>(QStringLiteral("reportHeadline"));
    ASSERT_NE(headline, nullptr);
    EXPECT_EQ(headline->text(), QStringLiteral("Import cancelled: nothing was added."));
    EXPECT_EQ(f.samplesInDatabase(), 0);
    EXPECT_TRUE(dialog.isVisible());
}

TEST(ImportDialog, AnUnusableSourceIsExplainedAndBlocksTheImport)
{
    Fixture f;
    ASSERT_TRUE(f.setUp());
    ImportDialog dialog(&f.session, {f.path(QStringLiteral("csv/data.csv"))});
    ASSERT_TRUE(waitFor([&] { return dialog.previewsReady(); }));
    auto request = dialog.request(0);
    request.format = ImportFormat::PaddleList;
    request.classMapFile = f.path(QStringLiteral("missing_map.txt"));
    dialog.setRequest(0, request);
    ASSERT_TRUE(waitFor([&] { return dialog.previewsReady(); }));
    EXPECT_TRUE(dialog.preview(0)->error.contains(QStringLiteral("missing_map.txt: cannot read")))
        << dialog.preview(0)->error.toStdString();
    EXPECT_FALSE(dialog.canImport());
    auto *summary = dialog.findChild<QLabel *>(QStringLiteral("previewSummary"));
    ASSERT_NE(summary, nullptr);
    EXPECT_TRUE(summary->text().contains(QStringLiteral("cannot be imported")));
    auto *importButton = dialog.findChild<QPushButton *>(QStringLiteral("importButton"));
    EXPECT_FALSE(importButton->isEnabled());
}

TEST(ImportDialog, ImportablePathsTakesLocalFilesAndFoldersOnce)
{
    QTemporaryDir tmp;
    ASSERT_TRUE(tmp.isValid());
    const QString folder = tmp.filePath(QStringLiteral("images"));
    const QString list = tmp.filePath(QStringLiteral("train_list.txt"));
    QDir().mkpath(folder);
    writeFile(list, "a.png 0\n");
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(folder), QUrl::fromLocalFile(list),
                  QUrl::fromLocalFile(folder + QStringLiteral("/")),
                  QUrl::fromLocalFile(tmp.filePath(QStringLiteral("gone.csv"))),
                  QUrl(QStringLiteral("https://example.com/data.csv"))});
    EXPECT_EQ(ImportDialog::importablePaths(&mime), (QStringList{folder, list}));

    QMimeData text;
    text.setText(QStringLiteral("just text"));
    EXPECT_TRUE(ImportDialog::importablePaths(&text).isEmpty());
    EXPECT_TRUE(ImportDialog::importablePaths(nullptr).isEmpty());
}

TEST(ImportDialog, AnImageInTwoSourcesIsCountedOnce)
{
    Fixture f;
    ASSERT_TRUE(f.setUp());
    writeFile(f.path(QStringLiteral("again.csv")), "folders/dog/d0.png,dog\n");
    ImportDialog dialog(&f.session,
                        {f.path(QStringLiteral("folders")), f.path(QStringLiteral("again.csv"))});
    ASSERT_TRUE(waitFor([&] { return dialog.previewsReady(); }));
    EXPECT_EQ(dialog.preview(1)->toAdd, 1);
    auto *status = dialog.findChild<QLabel *>(QStringLiteral("statusLabel"));
    ASSERT_NE(status, nullptr);
    EXPECT_EQ(status->text(), QStringLiteral("Ready: 7 images from 2 sources will be checked and "
                                             "added."));
    auto *sources = dialog.findChild<QListWidget *>(QStringLiteral("sourceList"));
    sources->setCurrentRow(1);
    auto *summary = dialog.findChild<QLabel *>(QStringLiteral("previewSummary"));
    EXPECT_TRUE(summary->text().contains(QStringLiteral("1 of them are also in a source above")))
        << summary->text().toStdString();
}
