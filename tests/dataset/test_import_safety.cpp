// Imports must never destroy or overwrite a user's files, whatever the source holds: entries
// that climb out of the list's folder, files already at a copy's destination, a second import
// running at the same time, FIFOs, overflowing ids and undecodable file names.

#include "testutil.h"

#include "dataset/importer.h"
#include "dataset/project.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <optional>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace pulc::dataset;
using namespace pulc::test;

namespace {

class ImportSafetyTest : public ::testing::Test
{
protected:
    void SetUp() override { m_project = makeProject(path(QStringLiteral("project"))); }

    QString path(const QString &rel) const { return QDir::cleanPath(m_tmp.filePath(rel)); }
    Project &project() { return *m_project; }

    /// Every file below the temporary folder outside the project, with its content.
    QMap<QString, QByteArray> userFiles() const
    {
        QMap<QString, QByteArray> out;
        for (const QString &rel : filesBelow(m_tmp.path())) {
            if (rel.startsWith(QLatin1String("project/")))
                continue;
            QFile f(m_tmp.filePath(rel));
            out.insert(rel, f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>"));
        }
        return out;
    }

    QTemporaryDir m_tmp;
    std::optional<Project> m_project;
};

QString reasonFor(const ImportReport &report, const QString &ref)
{
    for (const SkippedFile &s : report.skipped)
        if (s.path == ref)
            return s.reason;
    return QStringLiteral("<not skipped>");
}

/// Every stored sample file exists and lies inside the project's images/ folder.
void expectSamplesInsideImages(Project &project)
{
    for (const StoredSample &r : sampleRows(project)) {
        EXPECT_TRUE(r.path.startsWith(QLatin1String("images/"))) << r.path;
        EXPECT_FALSE(r.path.contains(QLatin1String(".."))) << r.path;
        EXPECT_TRUE(QFileInfo::exists(project.absolutePath(r.path))) << r.path;
    }
}

} // namespace

TEST_F(ImportSafetyTest, CopiesOfEntriesOutsideTheListFolderStayInsideImages)
{
    // A project deeper than the list: "../../../photos/x.png" below images/train/ would land
    // in p/q/photos/, outside the project.
    m_project.reset();
    m_project = makeProject(path(QStringLiteral("p/q/project")));
    writeImage(path(QStringLiteral("photos/cat.png")), 1);
    writeImage(path(QStringLiteral("photos/dog.png")), 2);
    writeImage(path(QStringLiteral("src/l/m/in/bird.png")), 3);
    writeText(path(QStringLiteral("src/l/m/train.txt")),
              QStringLiteral("../../../photos/cat.png 0\n%1 1\nin/bird.png 2\n")
                  .arg(path(QStringLiteral("photos/dog.png"))));
    ImportRequest r = defaultImportRequest(path(QStringLiteral("src/l/m/train.txt")));
    r.copy = true;
    auto report = importData(project(), r);
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 3);
    EXPECT_FALSE(QFileInfo::exists(path(QStringLiteral("p/q/photos"))));
    EXPECT_EQ(filesBelow(path(QStringLiteral("p/q"))).size(),
              filesBelow(path(QStringLiteral("p/q/project"))).size());
    EXPECT_EQ(filesBelow(project().imagesDir()).size(), 3);
    expectSamplesInsideImages(project());
    // An entry inside the list's folder keeps its relative name.
    EXPECT_TRUE(QFileInfo::exists(project().imagesDir() + QStringLiteral("/train/in/bird.png")));
}

TEST_F(ImportSafetyTest, CancelledCopyImportKeepsFilesThatExistedBefore)
{
    // "../../../photos/x.png" below images/train/ resolves to the source file itself, and a
    // list kept in images/pets/ copies each of its images onto itself.
    writeImage(path(QStringLiteral("photos/x.png")), 1);
    writeText(path(QStringLiteral("src/l/m/train.txt")),
              QStringLiteral("../../../photos/x.png 0\n"));
    writeImage(project().imagesDir() + QStringLiteral("/pets/a.png"), 2);
    writeImage(project().imagesDir() + QStringLiteral("/pets/b.png"), 3);
    writeText(project().imagesDir() + QStringLiteral("/pets/pets.txt"),
              QStringLiteral("a.png 0\nb.png 1\n"));
    const QMap<QString, QByteArray> before = userFiles();
    const QStringList imagesBefore = filesBelow(project().imagesDir());
    for (const QString &list :
         QStringList{path(QStringLiteral("src/l/m/train.txt")),
                     project().imagesDir() + QStringLiteral("/pets/pets.txt")}) {
        ImportRequest r = defaultImportRequest(list);
        r.copy = true;
        bool sawCheck = false;
        ImportCallbacks cb;
        cb.progress = [&](const ImportProgress &p) {
            sawCheck = sawCheck || p.phase == QLatin1String("check");
        };
        cb.shouldCancel = [&] { return sawCheck; };
        auto report = importData(project(), r, cb);
        ASSERT_TRUE(report) << report.error();
        EXPECT_TRUE(report->cancelled) << list;
    }
    EXPECT_EQ(userFiles(), before);
    EXPECT_EQ(filesBelow(project().imagesDir()), imagesBefore);
}

TEST_F(ImportSafetyTest, FailedCopyImportKeepsFilesThatExistedBefore)
{
    m_project.reset();
    QDir(path(QStringLiteral("project"))).removeRecursively();
    m_project = makeProject(path(QStringLiteral("project")), TaskType::Binary);
    writeImage(path(QStringLiteral("photos/x.png")), 1);
    writeImage(path(QStringLiteral("src/l/m/y.png")), 2);
    writeImage(path(QStringLiteral("src/l/m/z.png")), 3);
    // A third class fails a binary project's import after the copies are written.
    writeText(path(QStringLiteral("src/l/m/train.txt")),
              QStringLiteral("../../../photos/x.png 0\ny.png 1\nz.png 2\n"));
    // A stray file where a copy would go, not known to the project.
    writeImage(project().imagesDir() + QStringLiteral("/train/y.png"), 4);
    const QMap<QString, QByteArray> before = userFiles();
    const QByteArray stray = encodeImage(4);
    ImportRequest r = defaultImportRequest(path(QStringLiteral("src/l/m/train.txt")));
    r.copy = true;
    auto report = importData(project(), r);
    ASSERT_FALSE(report);
    EXPECT_TRUE(report.error().contains(QStringLiteral("binary"))) << report.error();
    EXPECT_EQ(userFiles(), before);
    EXPECT_EQ(filesBelow(project().imagesDir()), QStringList{QStringLiteral("train/y.png")});
    QFile f(project().imagesDir() + QStringLiteral("/train/y.png"));
    ASSERT_TRUE(f.open(QIODevice::ReadOnly));
    EXPECT_EQ(f.readAll(), stray);
}

TEST_F(ImportSafetyTest, ASecondImportWhileOneRunsFailsClearlyAndRemovesNothing)
{
    for (int i = 0; i < 40; ++i)
        writeImage(path(QStringLiteral("src/%1/%2.png").arg(i % 2 ? "cat" : "dog").arg(i)), i);
    ImportRequest r = defaultImportRequest(path(QStringLiteral("src")));
    r.copy = true;
    r.threads = 1;
    // The other import (the CLI while the app imports) has its own connection.
    auto other = Project::open(path(QStringLiteral("project")));
    ASSERT_TRUE(other) << other.error();
    std::optional<Result<ImportReport>> second;
    ImportCallbacks cb;
    cb.progress = [&](const ImportProgress &p) {
        if (p.phase == QLatin1String("check") && !second)
            second = importData(other.value(), r);
    };
    auto first = importData(project(), r, cb);
    ASSERT_TRUE(second.has_value());
    ASSERT_TRUE(first) << first.error();
    EXPECT_EQ(first->imported, 40);
    ASSERT_FALSE(*second);
    EXPECT_TRUE(second->error().contains(QStringLiteral("another import"))) << second->error();
    EXPECT_TRUE(second->error().contains(project().dir())) << second->error();
    EXPECT_TRUE(second->error().contains(project().dir() + QStringLiteral("/import.lock")))
        << second->error();
    EXPECT_EQ(sampleRows(project()).size(), 40);
    expectSamplesInsideImages(project());
    EXPECT_EQ(filesBelow(project().imagesDir()).size(), 40);

    // Once the first has finished, the same import goes through (and finds it all present).
    auto again = importData(other.value(), r);
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(again->alreadyPresent, 40);
}

namespace {

/// Runs `request` into the project in `dir` on another thread. When it has not ended after
/// ten seconds it hangs on one of `fifos`: the test fails, and each FIFO gets a writer and
/// then an end of file, so the import ends and the test does not hang with it.
Result<ImportReport> importWithWatchdog(const QString &dir, const ImportRequest &request,
                                        const QList<QByteArray> &fifos)
{
    auto running = std::async(std::launch::async, [dir, request]() -> Result<ImportReport> {
        auto p = Project::open(dir); // a connection of this thread
        if (!p)
            return Result<ImportReport>::failure(p.error());
        return importData(p.value(), request);
    });
    if (running.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
        ADD_FAILURE() << "the import of " << request.source << " hangs on a FIFO";
        while (running.wait_for(std::chrono::milliseconds(100)) != std::future_status::ready) {
            for (const QByteArray &f : fifos) {
                const int fd = ::open(f.constData(), O_WRONLY | O_NONBLOCK);
                if (fd >= 0)
                    ::close(fd);
            }
        }
    }
    return running.get();
}

} // namespace

TEST_F(ImportSafetyTest, FifosAreSkippedWithAReasonInsteadOfHangingTheImport)
{
    writeImage(path(QStringLiteral("src/cat/a.png")), 1);
    const QByteArray fifo = QFile::encodeName(path(QStringLiteral("fifo")));
    const QByteArray direct = QFile::encodeName(path(QStringLiteral("src/cat/c.png")));
    ASSERT_EQ(::mkfifo(fifo.constData(), 0600), 0);
    ASSERT_EQ(::mkfifo(direct.constData(), 0600), 0);
    ASSERT_TRUE(QFile::link(path(QStringLiteral("fifo")), path(QStringLiteral("src/cat/b.png"))));
    const QString dir = path(QStringLiteral("project"));
    auto report =
        importWithWatchdog(dir, defaultImportRequest(path(QStringLiteral("src"))), {fifo, direct});
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 1);
    EXPECT_EQ(reasonFor(*report, path(QStringLiteral("src/cat/b.png"))),
              QStringLiteral("not a regular file (a FIFO)"));
    EXPECT_EQ(reasonFor(*report, path(QStringLiteral("src/cat/c.png"))),
              QStringLiteral("not a regular file (a FIFO)"));

    // A list entry, and a folder of lists whose class map is a link to a FIFO.
    writeText(path(QStringLiteral("lists/train_list.txt")),
              QStringLiteral("../src/cat/a.png 0\n../src/cat/b.png 0\n"));
    ASSERT_TRUE(
        QFile::link(path(QStringLiteral("fifo")), path(QStringLiteral("lists/label_list.txt"))));
    auto lists =
        importWithWatchdog(dir, defaultImportRequest(path(QStringLiteral("lists"))), {fifo});
    ASSERT_FALSE(lists);
    EXPECT_EQ(lists.error(), QStringLiteral("%1: cannot read class map: not a regular file")
                                 .arg(path(QStringLiteral("lists/label_list.txt"))));
    ImportRequest withMap = defaultImportRequest(path(QStringLiteral("lists/train_list.txt")));
    withMap.classNames = QStringList{QStringLiteral("cat")};
    auto list = importWithWatchdog(dir, withMap, {fifo});
    ASSERT_TRUE(list) << list.error();
    EXPECT_EQ(reasonFor(*list, QStringLiteral("train_list.txt:2")),
              QStringLiteral("not a regular file (a FIFO)"));
}

TEST_F(ImportSafetyTest, LabelIdsThatOverflowAreSkippedNamingTheLine)
{
    writeImage(path(QStringLiteral("src/img/x.png")), 1);
    writeImage(path(QStringLiteral("src/img/y.png")), 2);
    writeText(path(QStringLiteral("src/list.txt")),
              QStringLiteral("img/x.png 1\nimg/y.png 99999999999\n"));
    auto report = importData(project(), defaultImportRequest(path(QStringLiteral("src/list.txt"))));
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 1);
    EXPECT_EQ(reasonFor(*report, QStringLiteral("list.txt:2")),
              QStringLiteral("label 99999999999 is not a valid class id"));
    EXPECT_EQ(report->classes, QStringList{QStringLiteral("1")});

    // The same in a class map fails the import, naming the file and line.
    writeText(path(QStringLiteral("src/map.txt")), QStringLiteral("1 dog\n99999999999 cat\n"));
    ImportRequest r = defaultImportRequest(path(QStringLiteral("src/list.txt")));
    r.classMapFile = path(QStringLiteral("src/map.txt"));
    auto mapped = importData(project(), r);
    ASSERT_FALSE(mapped);
    EXPECT_EQ(mapped.error(), QStringLiteral("%1:2: class id 99999999999 is not a valid class id")
                                  .arg(path(QStringLiteral("src/map.txt"))));
}

TEST_F(ImportSafetyTest, UndecodableNamesAndSymlinkLoopsAreReported)
{
    writeImage(path(QStringLiteral("src/cat/good.png")), 1);
    // "café.png" in Latin-1: not valid UTF-8, so Qt cannot name it.
    const QByteArray latin1 = QFile::encodeName(path(QStringLiteral("src/cat"))) + "/caf\xe9.png";
    const QByteArray image = encodeImage(2);
    const int fd = ::open(latin1.constData(), O_WRONLY | O_CREAT | O_EXCL, 0644);
    ASSERT_GE(fd, 0);
    // QTemporaryDir cannot remove what Qt cannot name.
    const std::unique_ptr<const char, void (*)(const char *)> removeLatin1(
        latin1.constData(), [](const char *p) { ::unlink(p); });
    ASSERT_EQ(::write(fd, image.constData(), size_t(image.size())), ssize_t(image.size()));
    ::close(fd);
    ASSERT_TRUE(QFile::link(path(QStringLiteral("src/cat/loop.png")),
                            path(QStringLiteral("src/cat/loop.png"))));
    ASSERT_TRUE(QFile::link(path(QStringLiteral("src/cat")), path(QStringLiteral("src/cat/self"))));
    auto report = importData(project(), defaultImportRequest(path(QStringLiteral("src"))));
    ASSERT_TRUE(report) << report.error();
    EXPECT_EQ(report->imported, 1);
    EXPECT_EQ(reasonFor(*report, path(QStringLiteral("src/cat/caf\\xE9.png"))),
              QStringLiteral("the file name is not valid UTF-8; rename it to import it"));
    EXPECT_EQ(reasonFor(*report, path(QStringLiteral("src/cat/loop.png"))),
              QStringLiteral("a symbolic link loop"));
    EXPECT_EQ(reasonFor(*report, path(QStringLiteral("src/cat/self"))),
              QStringLiteral("a symbolic link loop (back to %1); not followed")
                  .arg(QFileInfo(path(QStringLiteral("src/cat"))).canonicalFilePath()));
    EXPECT_EQ(report->skipped.size(), 3);
}
