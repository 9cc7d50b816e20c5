// Longest event-loop stall of the GUI thread while the desktop app does its heavy work: a 5 ms
// timer records how late each tick arrives, phase by phase, and prints the maximum and the 99th
// percentile. The goal is a maximum under 50 ms, short enough that the window never feels stuck
// (docs/app.md, 'Responsiveness').
//
//   gui_stall [--samples N] [--project DIR] [--import-source PATH] [--scroll-steps S]
//             [--train-seconds T] [--train-only]
//
// Set-up, not measured: a temporary project with N samples (default 10,000) from the
// Fashion-MNIST test file, or the project in --project. Measured phases:
//   open    the main window opens the project and shows its Data page
//   import  10,000 images imported through ImportJob (the import dialog's worker), then the
//           session reloads; the source is Fashion-MNIST's training file or --import-source
//   label   one LabelCommand over 10,000 samples, written, then undone
//   scroll  the Data page's "sampleGrid" view scrolled top to bottom in steps (when it exists)
//   train   on a 3,000-image demo project, the Train page trains PP-LCNet x0.25 at 64x64 for
//           --train-seconds (default 60) with live curves, progress and log, then Stop
//   evaluate the Evaluate page evaluates that run on val
//   predict 200 images dropped on the Predict page
// `--train-only` skips the data phases (open, import, label, scroll).
// Runs on any Qt platform: offscreen by default without a display, or under xvfb-run.
#include <ui/evaluate/evaluatepage.h>
#include <ui/import/importjob.h>
#include <ui/predict/predictmodel.h>
#include <ui/predict/predictpage.h>
#include <ui/project/datasetwriter.h>
#include <ui/project/editcommands.h>
#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>
#include <ui/shell/mainwindow.h>
#include <ui/train/trainconfigform.h>
#include <ui/train/traincontroller.h>
#include <ui/train/trainpage.h>

#include <dataset/demo.h>
#include <dataset/importer.h>
#include <dataset/project.h>
#include <dataset/samples.h>
#include <dataset/stats.h>
#include <engine/scenes.h>

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QScrollBar>
#include <QTemporaryDir>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

using namespace pulc;

namespace {

const QString kFashion = QStringLiteral("/usr/share/datasets/fashion-mnist");

/// Ticks every 5 ms and keeps, for the current phase, how late each tick came.
class StallMeter
{
public:
    static constexpr qint64 kIntervalNs = 5'000'000;

    StallMeter()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] { tick(); });
    }

    void begin()
    {
        m_late.clear();
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }

    /// Stops and returns the lateness of every tick, in milliseconds.
    std::vector<double> end()
    {
        tick(); // a stall that is still going on counts too
        m_timer.stop();
        return m_late;
    }

private:
    void tick()
    {
        const qint64 now = m_clock.nsecsElapsed();
        m_late.push_back(double(std::max<qint64>(0, now - m_last - kIntervalNs)) / 1e6);
        m_last = now;
    }

    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_late;
};

/// Runs the event loop until `done` holds or `timeoutMs` passes; false on timeout.
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QEventLoop loop;
        QTimer::singleShot(10, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return true;
}

void settle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

void report(const char *phase, std::vector<double> late, const QString &note = {})
{
    std::sort(late.begin(), late.end());
    const double max = late.empty() ? 0 : late.back();
    const double p99 = late.empty() ? 0 : late[std::min(late.size() - 1, late.size() * 99 / 100)];
    std::printf("%-7s max %7.1f ms   p99 %6.1f ms   ticks %6zu  %s\n", phase, max, p99, late.size(),
                qPrintable(note));
    std::fflush(stdout);
}

QString createProject(const QString &dir, int samples)
{
    dataset::ProjectInfo info;
    info.name = QStringLiteral("Stall bench");
    auto project = dataset::Project::create(dir, info);
    if (!project) {
        std::fprintf(stderr, "gui_stall: %s\n", qPrintable(project.error()));
        return {};
    }
    auto request = dataset::defaultImportRequest(kFashion + "/t10k-images-idx3-ubyte.gz");
    request.format = dataset::ImportFormat::Idx;
    request.limit = samples;
    auto r = dataset::importData(*project, request);
    if (!r) {
        std::fprintf(stderr, "gui_stall: %s\n", qPrintable(r.error()));
        return {};
    }
    return project->dir();
}

/// Imports `source` the way the import dialog does, off the GUI thread; returns the error.
void startImport(const QString &dir, const dataset::ImportRequest &request, bool *done,
                 QString *error, QObject *owner)
{
    auto *job = new ui::ImportJob(owner);
    QObject::connect(job, &ui::ImportJob::importFinished, owner,
                     [done, error](const QList<ui::ImportOutcome> &outcomes) {
                         for (const auto &o : outcomes)
                             if (!o.error.isEmpty())
                                 *error = o.error;
                         *done = true;
                     });
    job->import(dir, {request});
}

} // namespace

/// The train, evaluate and predict phases, on a demo project of their own (train/val split).
bool trainPhases(ui::MainWindow &window, StallMeter &meter, const QTemporaryDir &tmp,
                 int trainSeconds)
{
    ui::ProjectSession *session = window.session();
    dataset::DemoRequest demo;
    demo.dir = tmp.filePath(QStringLiteral("demo"));
    demo.trainImages = 3000;
    demo.testImages = 0;
    auto created = dataset::createDemoProject(demo);
    if (!created) {
        std::fprintf(stderr, "gui_stall: %s\n", qPrintable(created.error()));
        return false;
    }
    window.openProject(*created);
    if (!runUntil([&] { return session->dir() == *created && !session->isLoading(); }, 120000)) {
        std::fprintf(stderr, "gui_stall: the demo project did not open\n");
        return false;
    }
    settle(1000);

    // train: the Train page runs a real run (PP-LCNet x0.25 at 64x64, both compute and both
    // loader threads busy on the machine's cores) while the curves, progress and log update.
    ui::TrainPage *trainPage = window.trainPage();
    auto *form = trainPage->findChild<ui::TrainConfigForm *>();
    auto *start = trainPage->findChild<QAbstractButton *>(QStringLiteral("startTraining"));
    if (!form || !start) {
        std::fprintf(stderr, "gui_stall: the Train page has no form or Start button\n");
        return false;
    }
    window.showPage(ui::MainWindow::Page::Train);
    engine::TrainConfig config = engine::sceneConfig("custom");
    config.model = "PPLCNet_x0_25";
    config.inputHeight = config.inputWidth = 64;
    config.trainHeight = config.trainWidth = 64;
    config.resizeShort = 0;
    config.epochs = 50;
    config.batchSize = 32;
    config.warmupEpochs = 1;
    form->setConfig(config);
    settle(1500);
    int epochs = 0;
    qint64 steps = 0;
    std::vector<double> speeds; // the engine's 20-step images/s, from epoch 2 on
    auto *controller = trainPage->findChild<ui::TrainController *>();
    if (controller) {
        QObject::connect(controller, &ui::TrainController::epochFinished,
                         [&](const ui::TrainEpochPoint &) { ++epochs; });
        QObject::connect(controller, &ui::TrainController::stepsReported,
                         [&](const QList<ui::TrainStepPoint> &points) {
                             steps += points.size();
                             for (const ui::TrainStepPoint &p : points)
                                 if (p.epoch >= 2 && p.imagesPerSecond > 0)
                                     speeds.push_back(p.imagesPerSecond);
                         });
    }
    meter.begin();
    start->click();
    settle(trainSeconds * 1000);
    auto *stop = trainPage->findChild<QAbstractButton *>(QStringLiteral("stopTraining"));
    if (stop)
        stop->click();
    if (!runUntil([&] { return !trainPage->isTraining(); }, 120000)) {
        std::fprintf(stderr, "gui_stall: the run did not stop\n");
        return false;
    }
    settle(500);
    report("train", meter.end(),
           QStringLiteral("%1 s of training, %2 steps and %3 epochs shown live, then Stop")
               .arg(trainSeconds)
               .arg(steps)
               .arg(epochs));
    // The figure `pulc train --json` prints per step ("img_per_s"), so the same run from the
    // command line compares like for like: pulc demo DIR --train 3000 --test 0, then
    // pulc train --project DIR --model PPLCNet_x0_25 --set input=64x64 --set train_size=64x64
    //   --set resize_short=0 --set epochs=50 --set batch_size=32 --json
    if (!speeds.empty()) {
        std::sort(speeds.begin(), speeds.end());
        std::printf("train    the Train page's run: median %.1f img/s over %zu steps from epoch "
                    "2 on\n",
                    speeds[speeds.size() / 2], speeds.size());
    }
    window.runs()->refresh();
    settle(1500);
    const auto runs = window.runs()->usableRuns();
    if (runs.empty()) {
        std::fprintf(stderr, "gui_stall: the stopped run left no checkpoint\n");
        return false;
    }

    // evaluate: the Evaluate page evaluates the run on val (600 images).
    window.showPage(ui::MainWindow::Page::Evaluate);
    settle(500);
    meter.begin();
    QElapsedTimer evalTimer;
    evalTimer.start();
    window.evaluatePage()->showRun(runs.front().id);
    auto *evalButton =
        window.evaluatePage()->findChild<QAbstractButton *>(QStringLiteral("evaluateButton"));
    if (evalButton && evalButton->isEnabled())
        evalButton->click();
    settle(20000);
    report("evaluate", meter.end(),
           QStringLiteral("run %1 on val, 20 s window; the page shows: %2")
               .arg(runs.front().id)
               .arg(window.evaluatePage()->summaryText().simplified()));

    // predict: 200 images dropped on the Predict page.
    window.showPage(ui::MainWindow::Page::Predict);
    window.predictPage()->showRun(runs.front().id);
    settle(1000);
    QStringList files;
    for (const auto &row : session->rows()) {
        if (files.size() == 200)
            break;
        files << QDir(session->dir()).filePath(row.path);
    }
    meter.begin();
    QElapsedTimer dropTimer;
    dropTimer.start();
    window.predictPage()->addPaths(files);
    // What a user waits for after the drop: the first answer, then all of them.
    runUntil([&] { return window.predictPage()->model()->doneCount() > 0; }, 15000);
    const qint64 firstMs = dropTimer.elapsed();
    runUntil([&] { return window.predictPage()->model()->doneCount() >= files.size(); }, 15000);
    const qint64 allMs = dropTimer.elapsed();
    settle(500);
    report("predict", meter.end(),
           QStringLiteral("%1 images dropped, %2 classified; first after %3 ms, all after %4 ms")
               .arg(files.size())
               .arg(window.predictPage()->model()->doneCount())
               .arg(firstMs)
               .arg(allMs));
    return true;
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
        qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Recent projects and window geometry go to a throw-away settings folder.
    QTemporaryDir config;
    qputenv("XDG_CONFIG_HOME", config.path().toLocal8Bit());
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("PULC Studio Bench"));
    QApplication::setApplicationName(QStringLiteral("gui_stall"));

    int samples = 10000;
    int scrollSteps = 200;
    int trainSeconds = 60;
    QString projectDir;
    QString importSource = kFashion + "/train-images-idx3-ubyte.gz";
    QStringList args = QApplication::arguments();
    const bool trainOnly = args.removeAll(QStringLiteral("--train-only")) > 0;
    for (int i = 1; i + 1 < args.size(); i += 2) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--samples"))
            samples = args.at(i + 1).toInt();
        else if (a == QLatin1String("--project"))
            projectDir = args.at(i + 1);
        else if (a == QLatin1String("--import-source"))
            importSource = args.at(i + 1);
        else if (a == QLatin1String("--scroll-steps"))
            scrollSteps = args.at(i + 1).toInt();
        else if (a == QLatin1String("--train-seconds"))
            trainSeconds = args.at(i + 1).toInt();
        else {
            std::fprintf(stderr,
                         "usage: gui_stall [--samples N] [--project DIR] [--import-source PATH] "
                         "[--scroll-steps S] [--train-seconds T] [--train-only]\n");
            return 2;
        }
    }

    QTemporaryDir tmp;
    if (trainOnly) {
        StallMeter meter;
        ui::MainWindow window;
        window.resize(1280, 800);
        window.show();
        settle(300);
        std::printf("platform: %s\n", qPrintable(QGuiApplication::platformName()));
        return trainPhases(window, meter, tmp, trainSeconds) ? 0 : 1;
    }
    if (projectDir.isEmpty()) {
        QElapsedTimer t;
        t.start();
        projectDir = createProject(tmp.filePath(QStringLiteral("project")), samples);
        if (projectDir.isEmpty())
            return 1;
        std::printf("set-up: %d samples imported in %.1f s (not measured)\n", samples,
                    double(t.elapsed()) / 1000);
    }
    std::printf("platform: %s\n", qPrintable(QGuiApplication::platformName()));

    StallMeter meter;
    ui::MainWindow window;
    window.resize(1280, 800);
    window.show();
    settle(300);
    ui::ProjectSession *session = window.session();

    // open
    meter.begin();
    QElapsedTimer openTimer;
    openTimer.start();
    window.openProject(projectDir);
    if (!runUntil([&] { return session->hasProject() && !session->isLoading(); }, 120000)) {
        std::fprintf(stderr, "gui_stall: the project did not open\n");
        return 1;
    }
    // The time a user waits: from the request to the grid holding every sample.
    const double openSeconds = double(openTimer.elapsed()) / 1000;
    settle(1500); // thumbnails and statistics that follow the opening
    report("open", meter.end(),
           QStringLiteral("%1 samples, loaded into the grid after %2 s")
               .arg(session->rows().size())
               .arg(openSeconds, 0, 'f', 2));

    // import
    {
        dataset::ImportRequest request = dataset::defaultImportRequest(importSource);
        if (importSource.contains(QLatin1String("idx")))
            request.format = dataset::ImportFormat::Idx;
        request.limit = 10000;
        const size_t before = session->rows().size();
        bool done = false;
        QString error;
        meter.begin();
        session->writer()->flush(); // as the dialog does before it imports
        startImport(session->dir(), request, &done, &error, &window);
        if (!runUntil([&] { return done; }, 600000)) {
            std::fprintf(stderr, "gui_stall: the import did not finish\n");
            return 1;
        }
        session->refresh();
        runUntil([&] { return !session->isLoading(); }, 120000);
        settle(1500);
        const auto late = meter.end();
        report("import", late,
               error.isEmpty() ? QStringLiteral("%1 images added, %2 now")
                                     .arg(session->rows().size() - before)
                                     .arg(session->rows().size())
                               : QStringLiteral("failed: %1").arg(error));
    }

    // label
    {
        std::vector<qint64> ids;
        for (const auto &r : session->rows()) {
            if (ids.size() == 10000)
                break;
            ids.push_back(r.id);
        }
        const qint64 classId = session->classes().isEmpty() ? 0 : session->classes().last().id;
        // The command's own work on the GUI thread, apart from what the views do afterwards.
        double pushMs = 0, undoMs = 0;
        meter.begin();
        QTimer::singleShot(0, session, [&] {
            QElapsedTimer t;
            t.start();
            session->undoStack()->push(
                new ui::LabelCommand(session, ids, dataset::LabelMode::Replace, classId));
            pushMs = double(t.nsecsElapsed()) / 1e6;
        });
        settle(50);
        runUntil([&] { return session->writer()->pending() == 0; }, 60000);
        settle(500);
        QTimer::singleShot(0, session, [&] {
            QElapsedTimer t;
            t.start();
            session->undoStack()->undo();
            undoMs = double(t.nsecsElapsed()) / 1e6;
        });
        settle(50);
        runUntil([&] { return session->writer()->pending() == 0; }, 60000);
        settle(500);
        report("label", meter.end(),
               QStringLiteral("%1 samples labeled and unlabeled (push %2 ms, undo %3 ms)")
                   .arg(ids.size())
                   .arg(pushMs, 0, 'f', 1)
                   .arg(undoMs, 0, 'f', 1));
        // What the session's statistics timer does on the GUI thread after each edit.
        auto rows = session->rows();
        QElapsedTimer t;
        t.start();
        dataset::updateDuplicateFlags(rows);
        const double flagsMs = double(t.nsecsElapsed()) / 1e6;
        t.restart();
        const auto stats = dataset::computeStats(rows, session->classes());
        std::printf("        (statistics after an edit: duplicate flags %.1f ms, counts %.1f ms, "
                    "%lld samples)\n",
                    flagsMs, double(t.nsecsElapsed()) / 1e6, qlonglong(stats.samples));
    }

    // scroll
    auto *grid = window.findChild<QAbstractItemView *>(QStringLiteral("sampleGrid"));
    if (!grid || !grid->isVisible()) {
        std::printf("scroll  skipped: no visible view named \"sampleGrid\" on the Data page\n");
    } else {
        QScrollBar *bar = grid->verticalScrollBar();
        settle(500);
        const int max = bar->maximum();
        const int step = std::max(1, max / std::max(1, scrollSteps));
        meter.begin();
        for (int v = 0; v <= max; v += step) {
            bar->setValue(v);
            settle(16); // about one frame per step, like a fast wheel or a dragged scroll bar
        }
        settle(1000);
        report("scroll", meter.end(), QStringLiteral("%1 px in steps of %2 px").arg(max).arg(step));
    }
    return trainPhases(window, meter, tmp, trainSeconds) ? 0 : 1;
}
