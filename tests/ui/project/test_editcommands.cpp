// Every undo command against the database: each test makes a real project, edits it through a
// ProjectSession, and checks the memory, then what a fresh connection reads from project.pulc,
// after the edit, after undo and after redo.
#include <ui/import/importdialog.h>
#include <ui/project/datasetwriter.h>
#include <ui/project/editcommands.h>
#include <ui/project/projectsession.h>
#include <ui/shell/mainwindow.h>

#include <dataset/edits.h>
#include <dataset/importer.h>
#include <dataset/project.h>
#include <dataset/samples.h>

#include <gtest/gtest.h>

#include <QAction>
#include <QCoreApplication>
#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QUndoStack>
#include <QUrl>

#include <algorithm>
#include <map>
#include <memory>

using pulc::dataset::ClassInfo;
using pulc::dataset::LabelMode;
using pulc::dataset::SampleRow;
using pulc::dataset::Split;
using namespace pulc::ui;

namespace {

// Small distinct PNGs, so none is a duplicate of another.
void writePngs(const QString &dir, int count, int seed)
{
    QDir().mkpath(dir);
    for (int i = 0; i < count; ++i) {
        QImage image(8, 8, QImage::Format_RGB32);
        image.fill(QColor::fromHsv((seed * 53 + i * 17) % 360, 180, 60 + i * 13 % 180));
        image.setPixel(i % 8, seed % 8, qRgb(seed * 20, i * 9, 200));
        ASSERT_TRUE(image.save(QStringLiteral("%1/img%2.png").arg(dir).arg(i)));
    }
}

// apple, banana, cherry: 3 training and 1 validation image each.
QString makeFruitProject(const QTemporaryDir &tmp)
{
    const QString source = tmp.filePath(QStringLiteral("source"));
    const QStringList names = {QStringLiteral("apple"), QStringLiteral("banana"),
                               QStringLiteral("cherry")};
    for (int c = 0; c < names.size(); ++c) {
        writePngs(source + QStringLiteral("/train/") + names.at(c), 3, c * 2);
        writePngs(source + QStringLiteral("/val/") + names.at(c), 1, c * 2 + 1);
    }
    pulc::dataset::ProjectInfo info;
    info.name = QStringLiteral("Fruit");
    auto project = pulc::dataset::Project::create(tmp.filePath(QStringLiteral("p")), info);
    EXPECT_TRUE(project.ok()) << project.error().toStdString();
    if (!project)
        return {};
    auto request = pulc::dataset::defaultImportRequest(source);
    request.format = pulc::dataset::ImportFormat::Folders;
    auto report = pulc::dataset::importData(*project, request);
    EXPECT_TRUE(report.ok()) << report.error().toStdString();
    EXPECT_EQ(report ? report->imported : 0, 12);
    return project->dir();
}

// What a fresh connection reads: the truth the session must match.
struct Stored
{
    QList<ClassInfo> classes;
    std::vector<SampleRow> rows;
};

Stored readDatabase(const QString &dir)
{
    Stored s;
    auto project = pulc::dataset::Project::open(dir);
    EXPECT_TRUE(project.ok()) << project.error().toStdString();
    if (!project)
        return s;
    s.classes = project->classes();
    auto rows = pulc::dataset::loadSamples(*project);
    EXPECT_TRUE(rows.ok());
    if (rows)
        s.rows = std::move(rows.value());
    return s;
}

// Classes in display order with their positions: a delete closes the gap and its undo reopens
// it, so an undo gives back the exact numbering, in memory and in the database.
QStringList describe(const QList<ClassInfo> &classes)
{
    QStringList out;
    for (const auto &c : classes)
        out << QStringLiteral("%1:%2%3 @%4").arg(c.id).arg(c.name, c.color).arg(c.position);
    return out;
}

// Without an English catalogue Qt shows "%n image(s)" as "3 image(s)"; the plural forms come
// with translations/pulc_en.ts. Compare the sense, not that stopgap.
std::string text(const QString &s)
{
    return QString(s).replace(QStringLiteral("image(s)"), QStringLiteral("images")).toStdString();
}

// Per sample id: labels (in display order), split and removed, as text for readable failures.
std::map<qint64, QString> describe(const std::vector<SampleRow> &rows)
{
    std::map<qint64, QString> out;
    for (const auto &r : rows) {
        QStringList labels;
        for (qint64 c : r.classIds)
            labels << QString::number(c);
        out[r.id] = QStringLiteral("[%1] %2%3")
                        .arg(labels.join(QLatin1Char(',')), pulc::dataset::toString(r.split),
                             r.removed ? QStringLiteral(" removed") : QString());
    }
    return out;
}

// One line per sample, so a failure shows gtest's line diff.
std::string lines(const std::map<qint64, QString> &rows)
{
    QString out;
    for (const auto &[id, text] : rows)
        out += QString::number(id) + QLatin1Char(' ') + text + QLatin1Char('\n');
    return out.toStdString();
}

class EditCommands : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(m_tmp.isValid());
        m_dir = makeFruitProject(m_tmp);
        ASSERT_FALSE(m_dir.isEmpty());
        m_session = std::make_unique<ProjectSession>();
        QSignalSpy reset(m_session.get(), &ProjectSession::rowsReset);
        m_session->open(m_dir);
        ASSERT_TRUE(reset.wait(20000)) << "the project never loaded";
        ASSERT_EQ(m_session->rows().size(), 12u);
        ASSERT_EQ(m_session->classes().size(), 3);
    }

    ProjectSession *session() const { return m_session.get(); }
    QUndoStack *stack() const { return m_session->undoStack(); }

    qint64 classId(const QString &name) const
    {
        for (const auto &c : m_session->classes())
            if (c.name == name)
                return c.id;
        ADD_FAILURE() << "no class " << name.toStdString();
        return -1;
    }

    /// Ids of the samples whose path contains `part` (e.g. "train/apple/").
    std::vector<qint64> samples(const QString &part) const
    {
        std::vector<qint64> ids;
        for (const auto &r : m_session->rows())
            if (r.path.contains(part))
                ids.push_back(r.id);
        return ids;
    }

    const SampleRow &row(qint64 id) const
    {
        return m_session->rows()[size_t(m_session->rowIndex(id))];
    }

    /// Waits for the writer, then checks that the database holds exactly what the memory does.
    void expectStored(const char *when)
    {
        SCOPED_TRACE(when);
        m_session->writer()->flush();
        QCoreApplication::processEvents(); // the writer's bookkeeping and signals
        const Stored stored = readDatabase(m_dir);
        EXPECT_EQ(describe(stored.classes).join(QLatin1Char(' ')).toStdString(),
                  describe(m_session->classes()).join(QLatin1Char(' ')).toStdString());
        EXPECT_EQ(lines(describe(stored.rows)), lines(describe(m_session->rows())));
        EXPECT_EQ(m_session->writer()->pending(), 0);
    }

    /// The state of memory (checked equal to the database by expectStored) at one moment.
    std::string state() const
    {
        return describe(m_session->classes()).join(QLatin1Char('\n')).toStdString() + "\n--\n" +
               lines(describe(m_session->rows()));
    }

    /// Pushes `command`, checks it, undoes and redoes it, checking memory and database each
    /// time. `check` asserts the edited state.
    void roundTrip(QUndoCommand *command, const std::function<void()> &check)
    {
        const auto before = state();
        const QString text = command->text();
        stack()->push(command);
        EXPECT_EQ(stack()->undoText(), text);
        check();
        expectStored("after the edit");
        const auto after = state();
        EXPECT_NE(after, before) << "the command changed nothing";

        stack()->undo();
        EXPECT_EQ(state(), before);
        expectStored("after undo");

        stack()->redo();
        check();
        EXPECT_EQ(state(), after);
        expectStored("after redo");
    }

    QTemporaryDir m_tmp;
    QString m_dir;
    std::unique_ptr<ProjectSession> m_session;
};

TEST_F(EditCommands, LabelReplace)
{
    const auto apples = samples(QStringLiteral("train/apple/"));
    ASSERT_EQ(apples.size(), 3u);
    const std::vector<qint64> two(apples.begin(), apples.begin() + 2);
    const qint64 banana = classId(QStringLiteral("banana"));
    auto *cmd = new LabelCommand(session(), two, LabelMode::Replace, banana);
    EXPECT_EQ(text(cmd->text()), "Label 2 images “banana”");
    roundTrip(cmd, [&] {
        for (qint64 id : two)
            EXPECT_EQ(row(id).classIds, std::vector<qint64>{banana});
        EXPECT_EQ(row(apples[2]).classIds, std::vector<qint64>{classId(QStringLiteral("apple"))});
    });
}

TEST_F(EditCommands, LabelAddKeepsDisplayOrder)
{
    const auto cherries = samples(QStringLiteral("train/cherry/"));
    const qint64 apple = classId(QStringLiteral("apple"));
    const qint64 cherry = classId(QStringLiteral("cherry"));
    auto *cmd = new LabelCommand(session(), cherries, LabelMode::Add, apple);
    EXPECT_EQ(text(cmd->text()), "Add “apple” to 3 images");
    roundTrip(cmd, [&] {
        for (qint64 id : cherries) // apple comes first in the class list
            EXPECT_EQ(row(id).classIds, (std::vector<qint64>{apple, cherry}));
    });
}

TEST_F(EditCommands, LabelRemoveTouchesOnlyThatClass)
{
    auto ids = samples(QStringLiteral("train/apple/"));
    const auto bananas = samples(QStringLiteral("train/banana/"));
    ids.push_back(bananas.front());
    const qint64 apple = classId(QStringLiteral("apple"));
    const qint64 banana = classId(QStringLiteral("banana"));
    roundTrip(new LabelCommand(session(), ids, LabelMode::Remove, apple), [&] {
        for (size_t i = 0; i < 3; ++i)
            EXPECT_TRUE(row(ids[i]).classIds.empty());
        EXPECT_EQ(row(bananas.front()).classIds, std::vector<qint64>{banana});
    });
}

TEST_F(EditCommands, LabelClear)
{
    const auto ids = samples(QStringLiteral("val/"));
    ASSERT_EQ(ids.size(), 3u);
    auto *cmd = new LabelCommand(session(), ids, LabelMode::Clear, 0);
    EXPECT_EQ(text(cmd->text()), "Clear the labels of 3 images");
    roundTrip(cmd, [&] {
        for (qint64 id : ids)
            EXPECT_TRUE(row(id).classIds.empty());
    });
}

TEST_F(EditCommands, SplitRestoresEachSamplesOwnSplit)
{
    // Two training samples and one validation sample: undo must give each its own split back.
    auto ids = samples(QStringLiteral("train/banana/"));
    ids.resize(2);
    ids.push_back(samples(QStringLiteral("val/banana/")).front());
    auto *cmd = new SplitCommand(session(), ids, Split::Test);
    EXPECT_EQ(text(cmd->text()), "Move 3 images to test");
    roundTrip(cmd, [&] {
        for (qint64 id : ids)
            EXPECT_EQ(row(id).split, Split::Test);
    });
    stack()->undo();
    EXPECT_EQ(row(ids[0]).split, Split::Train);
    EXPECT_EQ(row(ids[2]).split, Split::Val);
}

TEST_F(EditCommands, RemoveAndRestore)
{
    const auto ids = samples(QStringLiteral("train/cherry/"));
    roundTrip(new RemoveCommand(session(), ids, true), [&] {
        for (qint64 id : ids)
            EXPECT_TRUE(row(id).removed);
    });
    roundTrip(new RemoveCommand(session(), ids, false), [&] {
        for (qint64 id : ids)
            EXPECT_FALSE(row(id).removed);
    });
}

TEST_F(EditCommands, RemoveLeavesAlreadyRemovedSamplesRemovedOnUndo)
{
    const auto ids = samples(QStringLiteral("train/cherry/"));
    stack()->push(new RemoveCommand(session(), {ids[0]}, true));
    auto *cmd = new RemoveCommand(session(), ids, true);
    EXPECT_EQ(text(cmd->text()), "Remove 2 images");
    stack()->push(cmd);
    stack()->undo();
    EXPECT_TRUE(row(ids[0]).removed); // removed by the first command, which is still done
    EXPECT_FALSE(row(ids[1]).removed);
    expectStored("after undoing the second remove");
}

TEST_F(EditCommands, AddClass)
{
    auto *cmd = new AddClassCommand(session(), QStringLiteral("  date "));
    EXPECT_EQ(text(cmd->text()), "Add class “date”");
    const qint64 id = cmd->classId();
    roundTrip(cmd, [&] {
        ASSERT_EQ(session()->classes().size(), 4);
        EXPECT_EQ(session()->classes().last().name, QStringLiteral("date"));
        EXPECT_EQ(session()->classes().last().id, id);
    });
}

TEST_F(EditCommands, RenameClass)
{
    const qint64 banana = classId(QStringLiteral("banana"));
    auto *cmd = new RenameClassCommand(session(), banana, QStringLiteral("plantain"));
    EXPECT_EQ(text(cmd->text()), "Rename class “banana” to “plantain”");
    roundTrip(cmd, [&] { EXPECT_EQ(session()->classById(banana)->name, "plantain"); });
}

TEST_F(EditCommands, ClassColor)
{
    const qint64 cherry = classId(QStringLiteral("cherry"));
    roundTrip(new ClassColorCommand(session(), cherry, QStringLiteral("#123456")),
              [&] { EXPECT_EQ(session()->classById(cherry)->color, "#123456"); });
}

TEST_F(EditCommands, DeleteClassComesBackWithItsIdPositionColourAndLabels)
{
    const qint64 banana = classId(QStringLiteral("banana"));
    const auto bananas = samples(QStringLiteral("/banana/"));
    ASSERT_EQ(bananas.size(), 4u);
    auto *cmd = new DeleteClassCommand(session(), banana);
    EXPECT_EQ(text(cmd->text()), "Delete class “banana”");
    roundTrip(cmd, [&] {
        EXPECT_EQ(session()->classById(banana), nullptr);
        EXPECT_EQ(session()->classes().size(), 2);
        for (qint64 id : bananas)
            EXPECT_TRUE(row(id).classIds.empty());
    });
}

TEST_F(EditCommands, MergeClassesUndoesSamplesThatHadBoth)
{
    const qint64 apple = classId(QStringLiteral("apple"));
    const qint64 cherry = classId(QStringLiteral("cherry"));
    const auto apples = samples(QStringLiteral("/apple/"));
    // One sample carries both classes before the merge; it must get both back on undo.
    stack()->push(new LabelCommand(session(), {apples[0]}, LabelMode::Add, cherry));
    auto *cmd = new MergeClassesCommand(session(), apple, cherry);
    EXPECT_EQ(text(cmd->text()), "Merge “apple” into “cherry”");
    roundTrip(cmd, [&] {
        EXPECT_EQ(session()->classById(apple), nullptr);
        for (qint64 id : apples)
            EXPECT_EQ(row(id).classIds, std::vector<qint64>{cherry});
    });
    stack()->undo();
    EXPECT_EQ(row(apples[0]).classIds, (std::vector<qint64>{apple, cherry}));
    EXPECT_EQ(row(apples[1]).classIds, std::vector<qint64>{apple});
}

TEST_F(EditCommands, ReorderClassesReordersLabelsToo)
{
    const qint64 apple = classId(QStringLiteral("apple"));
    const qint64 banana = classId(QStringLiteral("banana"));
    const qint64 cherry = classId(QStringLiteral("cherry"));
    const qint64 sample = samples(QStringLiteral("train/apple/")).front();
    stack()->push(new LabelCommand(session(), {sample}, LabelMode::Add, cherry));
    ASSERT_EQ(row(sample).classIds, (std::vector<qint64>{apple, cherry}));
    roundTrip(new ReorderClassesCommand(session(), {cherry, banana, apple}), [&] {
        QStringList names;
        for (const auto &c : session()->classes())
            names << c.name;
        EXPECT_EQ(names, (QStringList{"cherry", "banana", "apple"}));
        EXPECT_EQ(row(sample).classIds, (std::vector<qint64>{cherry, apple}));
    });
}

TEST_F(EditCommands, AFailedWriteSaysWhyClearsTheHistoryAndShowsTheDatabase)
{
    const qint64 apple = classId(QStringLiteral("apple"));
    const qint64 cherry = classId(QStringLiteral("cherry"));
    const auto apples = samples(QStringLiteral("train/apple/"));
    stack()->push(new RenameClassCommand(session(), apple, QStringLiteral("pomme")));
    expectStored("after the rename");
    {
        // Someone else (another window, the CLI) deletes cherry behind the session's back.
        auto other = pulc::dataset::Project::open(m_dir);
        ASSERT_TRUE(other.ok());
        ASSERT_TRUE(bool(pulc::dataset::deleteClass(*other, cherry)));
    }
    QSignalSpy failed(session(), &ProjectSession::editFailed);
    QSignalSpy reset(session(), &ProjectSession::rowsReset);
    stack()->push(new LabelCommand(session(), apples, LabelMode::Replace, cherry));
    EXPECT_EQ(row(apples[0]).classIds, std::vector<qint64>{cherry}); // memory went ahead
    ASSERT_TRUE(failed.wait(10000)) << "the failed write was not reported";
    EXPECT_FALSE(failed.first().at(0).toString().isEmpty());
    EXPECT_EQ(stack()->count(), 0);
    EXPECT_FALSE(stack()->canUndo());
    ASSERT_TRUE(reset.wait(10000)) << "the project was not read again";
    // The label was refused as a whole; the rename before it is kept.
    EXPECT_EQ(session()->classById(cherry), nullptr);
    EXPECT_EQ(session()->classById(apple)->name, QStringLiteral("pomme"));
    for (qint64 id : apples)
        EXPECT_EQ(row(id).classIds, std::vector<qint64>{apple});
    expectStored("after the reload");
}

TEST_F(EditCommands, ARefreshDuringAnEditKeepsTheEdit)
{
    const qint64 banana = classId(QStringLiteral("banana"));
    const auto apples = samples(QStringLiteral("train/apple/"));
    QSignalSpy reset(session(), &ProjectSession::rowsReset);
    session()->refresh(); // reads in a worker
    // A slow write holds the label back until the worker has read: what it read lacks it.
    session()->writer()->submit([](pulc::dataset::Project &) {
        QThread::msleep(400);
        return pulc::dataset::Status::success();
    });
    stack()->push(new LabelCommand(session(), apples, LabelMode::Replace, banana));
    ASSERT_TRUE(reset.wait(10000));
    for (qint64 id : apples)
        EXPECT_EQ(row(id).classIds, std::vector<qint64>{banana});
    expectStored("after the refresh");
}

TEST_F(EditCommands, StatisticsAndDuplicateFlagsFollowEdits)
{
    const qint64 banana = classId(QStringLiteral("banana"));
    const auto apples = samples(QStringLiteral("train/apple/"));
    // A second copy of an apple image (same hash) that says banana: a conflict, in the stats
    // and on both rows, once the worker has grouped the hashes.
    {
        auto project = pulc::dataset::Project::open(m_dir);
        ASSERT_TRUE(project.ok());
        const QString copy = m_tmp.filePath(QStringLiteral("copy.png"));
        ASSERT_TRUE(QFile::copy(project->absolutePath(row(apples[0]).path), copy));
        auto request = pulc::dataset::defaultImportRequest(copy);
        request.format = pulc::dataset::ImportFormat::Unlabeled;
        request.root = m_tmp.path();
        auto report = pulc::dataset::importData(*project, request);
        ASSERT_TRUE(report.ok()) << report.error().toStdString();
    }
    // Statistics arrive after the rows, in a later event-loop turn: wait for them.
    QSignalSpy refreshed(session(), &ProjectSession::statsChanged);
    session()->refresh();
    ASSERT_TRUE(refreshed.wait(10000));
    ASSERT_EQ(session()->rows().size(), 13u);
    const auto copies = samples(QStringLiteral("copy.png"));
    ASSERT_EQ(copies.size(), 1u);
    EXPECT_TRUE(row(copies[0]).duplicate);
    EXPECT_TRUE(row(copies[0]).conflict); // unlabeled and "apple": labels disagree
    const int conflictsBefore = session()->stats().conflictGroups;
    ASSERT_GE(conflictsBefore, 1);

    QSignalSpy stats(session(), &ProjectSession::statsChanged);
    const qint64 apple = classId(QStringLiteral("apple"));
    stack()->push(new LabelCommand(session(), copies, LabelMode::Replace, apple));
    ASSERT_TRUE(stats.wait(5000)) << "no statistics after an edit";
    EXPECT_TRUE(row(copies[0]).duplicate);
    EXPECT_FALSE(row(copies[0]).conflict);
    EXPECT_FALSE(row(apples[0]).conflict);
    EXPECT_EQ(session()->stats().conflictGroups, conflictsBefore - 1);

    stack()->push(new LabelCommand(session(), copies, LabelMode::Replace, banana));
    ASSERT_TRUE(stats.wait(5000)) << "no statistics after an edit";
    EXPECT_TRUE(row(copies[0]).conflict);
    EXPECT_TRUE(row(apples[0]).conflict);
    EXPECT_EQ(session()->stats().conflictGroups, conflictsBefore);
    int bananaCount = 0;
    for (const auto &c : session()->stats().classes)
        if (c.id == banana)
            bananaCount = c.count;
    EXPECT_EQ(bananaCount, 5);
}

// 10,000 samples from Fashion-MNIST's test file when it is installed, else from an IDX file
// written here: labeling them all is one command and survives undo and redo in the database.
TEST(BulkEdit, TenThousandSamplesAreOneCommand)
{
    QTemporaryDir tmp;
    QString source = QStringLiteral("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    if (!QFile::exists(source)) {
        source = tmp.filePath(QStringLiteral("tiny-images-idx3-ubyte"));
        QFile f(source);
        ASSERT_TRUE(f.open(QIODevice::WriteOnly));
        QDataStream out(&f); // big-endian, as IDX wants
        out << quint32(0x00000803) << quint32(10000) << quint32(4) << quint32(4);
        for (quint32 i = 0; i < 10000; ++i)
            for (int p = 0; p < 16; ++p)
                out << quint8(p < 4 ? (i >> (8 * p)) & 0xff : p);
    }
    pulc::dataset::ProjectInfo info;
    info.name = QStringLiteral("Bulk");
    auto project = pulc::dataset::Project::create(tmp.filePath(QStringLiteral("p")), info);
    ASSERT_TRUE(project.ok()) << project.error().toStdString();
    auto request = pulc::dataset::defaultImportRequest(source);
    request.format = pulc::dataset::ImportFormat::Idx;
    request.limit = 10000;
    auto report = pulc::dataset::importData(*project, request);
    ASSERT_TRUE(report.ok()) << report.error().toStdString();
    ASSERT_EQ(report->imported, 10000);
    const QString dir = project->dir();

    ProjectSession session;
    QSignalSpy reset(&session, &ProjectSession::rowsReset);
    session.open(dir);
    ASSERT_TRUE(reset.wait(30000));
    ASSERT_EQ(session.rows().size(), 10000u);
    QSignalSpy failed(&session, &ProjectSession::editFailed);

    auto *add = new AddClassCommand(&session, QStringLiteral("everything"));
    const qint64 cls = add->classId();
    session.undoStack()->push(add);
    std::vector<qint64> ids;
    std::map<qint64, std::vector<qint64>> before;
    for (const auto &r : session.rows()) {
        ids.push_back(r.id);
        before[r.id] = r.classIds;
    }
    session.undoStack()->push(new LabelCommand(&session, ids, LabelMode::Replace, cls));
    EXPECT_EQ(session.undoStack()->count(), 2); // the class, then one command for 10,000 labels
    EXPECT_EQ(text(session.undoStack()->undoText()), "Label 10000 images “everything”");

    auto stored = [&] {
        session.writer()->flush();
        QCoreApplication::processEvents();
        std::map<qint64, std::vector<qint64>> labels;
        for (const auto &r : readDatabase(dir).rows)
            labels[r.id] = r.classIds;
        return labels;
    };
    auto labels = stored();
    ASSERT_EQ(labels.size(), 10000u);
    EXPECT_TRUE(std::all_of(labels.begin(), labels.end(),
                            [&](const auto &l) { return l.second == std::vector<qint64>{cls}; }));
    session.undoStack()->undo();
    EXPECT_EQ(stored(), before);
    session.undoStack()->redo();
    labels = stored();
    EXPECT_TRUE(std::all_of(labels.begin(), labels.end(),
                            [&](const auto &l) { return l.second == std::vector<qint64>{cls}; }));
    EXPECT_EQ(failed.size(), 0);
}

class MainWindowEdits : public EditCommands
{
protected:
    void SetUp() override
    {
        EditCommands::SetUp();
        m_session.reset(); // the window has its own session
        m_window = std::make_unique<MainWindow>();
        m_window->show();
        QSignalSpy reset(m_window->session(), &ProjectSession::rowsReset);
        m_window->openProject(m_dir);
        ASSERT_TRUE(reset.wait(20000));
    }

    QAction *editAction(const QString &prefix) const
    {
        auto *menu = m_window->menuBar()->findChild<QMenu *>(QStringLiteral("editMenu"));
        if (!menu)
            return nullptr;
        for (QAction *a : menu->actions())
            if (a->text().startsWith(prefix))
                return a;
        return nullptr;
    }

    std::unique_ptr<MainWindow> m_window;
};

TEST_F(MainWindowEdits, EditMenuFollowsTheUndoStack)
{
    QAction *undo = editAction(QStringLiteral("&Undo"));
    QAction *redo = editAction(QStringLiteral("&Redo"));
    ASSERT_NE(undo, nullptr);
    ASSERT_NE(redo, nullptr);
    EXPECT_FALSE(undo->isEnabled());
    EXPECT_EQ(undo->text(), QStringLiteral("&Undo"));
    EXPECT_TRUE(undo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Z)));
    EXPECT_TRUE(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z)));
    EXPECT_TRUE(redo->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Y)));

    ProjectSession *s = m_window->session();
    std::vector<qint64> ids;
    for (const auto &r : s->rows())
        if (r.path.contains(QStringLiteral("train/apple/")))
            ids.push_back(r.id);
    qint64 banana = 0;
    for (const auto &c : s->classes())
        if (c.name == QStringLiteral("banana"))
            banana = c.id;
    s->undoStack()->push(new LabelCommand(s, ids, LabelMode::Replace, banana));
    EXPECT_TRUE(undo->isEnabled());
    EXPECT_EQ(text(undo->text()), "&Undo Label 3 images “banana”");
    EXPECT_FALSE(redo->isEnabled());

    undo->trigger();
    EXPECT_FALSE(undo->isEnabled());
    EXPECT_EQ(text(redo->text()), "&Redo Label 3 images “banana”");
    EXPECT_NE(s->rows()[size_t(s->rowIndex(ids[0]))].classIds, std::vector<qint64>{banana});

    redo->trigger();
    EXPECT_EQ(s->rows()[size_t(s->rowIndex(ids[0]))].classIds, std::vector<qint64>{banana});
}

TEST_F(MainWindowEdits, ClosingTheWindowLosesNoEdit)
{
    ProjectSession *s = m_window->session();
    std::vector<qint64> ids;
    for (const auto &r : s->rows())
        ids.push_back(r.id);
    s->undoStack()->push(new SplitCommand(s, ids, Split::Test));
    ASSERT_TRUE(m_window->close()); // no flush of our own: closing must do it
    for (const auto &r : readDatabase(m_dir).rows)
        EXPECT_EQ(r.split, Split::Test) << r.path.toStdString();
}

TEST_F(MainWindowEdits, DroppingAFolderOpensTheImportDialog)
{
    const QString folder = m_tmp.filePath(QStringLiteral("more"));
    writePngs(folder + QStringLiteral("/kiwi"), 2, 7);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(folder)});
    const QPoint pos = m_window->rect().center();
    QDragEnterEvent enter(pos, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(pos), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(m_window.get(), &drop);
    EXPECT_TRUE(drop.isAccepted());
    ImportDialog *dialog = nullptr;
    EXPECT_TRUE(QTest::qWaitFor([&] {
        dialog = m_window->findChild<ImportDialog *>();
        return dialog != nullptr;
    }));
    ASSERT_NE(dialog, nullptr);
    EXPECT_TRUE(dialog->isVisible());
    dialog->close();
}

TEST_F(MainWindowEdits, ADragOfSomethingThatIsNoFileIsRefused)
{
    QMimeData mime;
    mime.setText(QStringLiteral("just text"));
    QDragEnterEvent enter(m_window->rect().center(), Qt::CopyAction, &mime, Qt::LeftButton,
                          Qt::NoModifier);
    enter.setAccepted(false);
    QCoreApplication::sendEvent(m_window.get(), &enter);
    EXPECT_FALSE(enter.isAccepted());
}

} // namespace
