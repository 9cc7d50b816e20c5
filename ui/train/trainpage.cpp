#include "ui/train/trainpage.h"

#include "ui/project/datasetwriter.h"
#include "ui/project/projectruns.h"
#include "ui/project/projectsession.h"
#include "ui/project/runsmodel.h"
#include "ui/train/augmentpreview.h"
#include "ui/train/costestimate.h"
#include "ui/train/runspanel.h"
#include "ui/train/trainconfigform.h"
#include "ui/train/traincontroller.h"
#include "ui/train/traincurves.h"
#include "ui/train/trainmonitor.h"

#include <engine/configfile.h>
#include <engine/scenes.h>

#include <QAction>

#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <algorithm>

namespace pulc::ui {

namespace {

pulc::engine::Task engineTask(pulc::dataset::TaskType task)
{
    switch (task) {
    case pulc::dataset::TaskType::Binary:
        return pulc::engine::Task::Binary;
    case pulc::dataset::TaskType::MultiLabel:
        return pulc::engine::Task::MultiLabel;
    case pulc::dataset::TaskType::SingleLabel:
        break;
    }
    return pulc::engine::Task::SingleLabel;
}

/// The "custom" recipe for a project's task: PULC's scenes are templates, the project decides
/// what is predicted (trainInProject sets the task from the project as well).
pulc::engine::TrainConfig initialConfig(pulc::engine::Task task)
{
    pulc::engine::TrainConfig config = pulc::engine::sceneConfig("custom");
    config.task = task;
    switch (task) {
    case pulc::engine::Task::Binary:
        config.mainMetric = pulc::engine::MainMetric::TprAtFpr;
        break;
    case pulc::engine::Task::MultiLabel:
        config.mainMetric = pulc::engine::MainMetric::MeanAcc;
        break;
    case pulc::engine::Task::SingleLabel:
        config.mainMetric = pulc::engine::MainMetric::Top1;
        break;
    }
    return config;
}

/// Photos suit the recipes' 224x224; a dataset of small images (Fashion-MNIST's 28x28, icons,
/// crops) gains nothing from being blown up that far and trains many times slower. When the
/// median short side is 64 pixels or less the input becomes 64x64 with a direct resize (the
/// size bench/fmnist_accuracy.sh trains Fashion-MNIST at). Returns the median, 0 when unknown.
int fitToSmallImages(pulc::engine::TrainConfig &config,
                     const std::vector<pulc::dataset::SampleRow> &rows)
{
    std::vector<int> sides;
    for (const pulc::dataset::SampleRow &row : rows) {
        if (!row.removed && row.width > 0 && row.height > 0)
            sides.push_back(std::min(row.width, row.height));
    }
    if (sides.empty())
        return 0;
    std::nth_element(sides.begin(), sides.begin() + sides.size() / 2, sides.end());
    const int median = sides[sides.size() / 2];
    if (median <= 64) {
        config.inputHeight = config.inputWidth = 64;
        config.trainHeight = config.trainWidth = 64;
        config.resizeShort = 0;
    }
    return median;
}

} // namespace

struct TrainPage::Private
{
    ProjectSession *session = nullptr;
    ProjectRuns *runs = nullptr;
    TrainController *controller = nullptr;
    TrainConfigForm *form = nullptr;
    CostEstimate *cost = nullptr;
    AugmentPreview *preview = nullptr;
    TrainCurves *curves = nullptr;
    RunsPanel *runsPanel = nullptr;
    QTabWidget *tabs = nullptr;
    QWidget *curvesTab = nullptr;
    TrainMonitor *monitor = nullptr;
    QLineEdit *runName = nullptr;
    QLabel *message = nullptr;
    QPushButton *start = nullptr;
    QPushButton *stop = nullptr;
    QPushButton *resume = nullptr;

    QString trainingDir;    ///< the project the running job trains in
    qint64 activeRun = 0;   ///< its run id once known
    bool listedRun = false; ///< the runs were re-read since the job started
    /// A resumed run's earlier curves are read in a worker; live reports wait here meanwhile.
    bool loadingCurves = false;
    QList<TrainStepPoint> heldSteps;
    QList<TrainEpochPoint> heldEpochs;
    quint64 curvesGeneration = 0;
};

namespace {

struct CurvesRead
{
    RunCurvesData data;
    QString error;
    bool ok = false;
};

} // namespace

void TrainPage::readCurves(const QString &runDir,
                           std::function<void(const RunCurvesData &, const QString &)> done)
{
    // metrics.jsonl of a long run has a line per step: parsed off the GUI thread.
    auto *watcher = new QFutureWatcher<CurvesRead>(this);
    connect(watcher, &QFutureWatcher<CurvesRead>::finished, this,
            [watcher, done = std::move(done)] {
                watcher->deleteLater();
                const CurvesRead read = watcher->result();
                done(read.data, read.ok ? QString() : read.error);
            });
    watcher->setFuture(QtConcurrent::run([runDir] {
        CurvesRead read;
        read.ok = readRunCurves(runDir, &read.data, &read.error);
        return read;
    }));
}

TrainPage::TrainPage(ProjectSession *session, ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , d(std::make_unique<Private>())
{
    setObjectName(QStringLiteral("trainPage"));
    d->session = session;
    d->runs = runs;
    d->controller = new TrainController(this);

    // Left: settings, run name, cost line, Start / Stop / Resume.
    // The form scrolls vertically inside itself and is as wide as its widest row: a second
    // scroll area around it cut its right edge off and added a horizontal bar at 1440x900.
    d->form = new TrainConfigForm(runs, this);
    d->runName = new QLineEdit(this);
    d->runName->setObjectName(QStringLiteral("runName"));
    d->runName->setPlaceholderText(tr("automatic (run-<number>)"));
    d->runName->setClearButtonEnabled(true);
    d->cost = new CostEstimate(this);
    d->start = new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-start")),
                               tr("Start training"), this);
    d->start->setObjectName(QStringLiteral("startTraining"));
    d->start->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    d->start->setToolTip(tr("Train a new run with these settings (Ctrl+Return)"));
    d->start->setDefault(true);
    d->stop =
        new QPushButton(QIcon::fromTheme(QStringLiteral("media-playback-stop")), tr("Stop"), this);
    d->stop->setObjectName(QStringLiteral("stopTraining"));
    d->stop->setToolTip(tr("Stop after the current step; the run keeps a checkpoint and can be "
                           "resumed (Esc)"));
    d->resume = new QPushButton(tr("Resume"), this);
    d->resume->setObjectName(QStringLiteral("resumeTraining"));
    auto *escape = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    escape->setContext(Qt::WidgetWithChildrenShortcut);
    connect(escape, &QShortcut::activated, this, [this] {
        if (d->controller->isRunning())
            stopTraining();
    });
    d->message = new QLabel(this);
    d->message->setObjectName(QStringLiteral("trainMessage"));
    d->message->setWordWrap(true);
    d->message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    d->message->hide();

    auto *nameRow = new QFormLayout;
    nameRow->addRow(tr("Run &name:"), d->runName);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(d->start, 1);
    buttons->addWidget(d->stop);
    buttons->addWidget(d->resume);
    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(d->form, 1);
    leftLayout->addLayout(nameRow);
    leftLayout->addWidget(d->cost);
    leftLayout->addLayout(buttons);
    leftLayout->addWidget(d->message);

    // Right: curves with progress and log, augmentation preview, runs.
    d->curves = new TrainCurves(this);
    d->monitor = new TrainMonitor(this);
    auto *curvesSplit = new QSplitter(Qt::Vertical, this);
    curvesSplit->addWidget(d->curves);
    curvesSplit->addWidget(d->monitor->logView());
    curvesSplit->setStretchFactor(0, 4);
    curvesSplit->setStretchFactor(1, 1);
    curvesSplit->setChildrenCollapsible(false);
    d->curvesTab = new QWidget(this);
    auto *curvesLayout = new QVBoxLayout(d->curvesTab);
    curvesLayout->addWidget(d->monitor->progressBar());
    curvesLayout->addWidget(curvesSplit, 1);
    d->preview = new AugmentPreview(session, this);
    d->runsPanel = new RunsPanel(runs, this);
    d->tabs = new QTabWidget(this);
    d->tabs->setObjectName(QStringLiteral("trainTabs"));
    d->tabs->addTab(d->curvesTab, tr("Curves"));
    d->tabs->addTab(d->preview, tr("Augmentation preview"));
    d->tabs->addTab(d->runsPanel, tr("Runs"));

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(d->tabs);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setChildrenCollapsible(false);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);

    connect(d->start, &QPushButton::clicked, this, &TrainPage::startTraining);
    connect(d->stop, &QPushButton::clicked, this, &TrainPage::stopTraining);
    connect(d->resume, &QPushButton::clicked, this, [this] {
        if (const qint64 id = resumableRun())
            resumeRun(id);
    });
    connect(d->form, &TrainConfigForm::configChanged, this, &TrainPage::configChanged);
    connect(session, &ProjectSession::projectOpened, this, &TrainPage::projectOpened);
    connect(session, &ProjectSession::classesChanged, this, &TrainPage::projectChanged);
    connect(session, &ProjectSession::statsChanged, this, &TrainPage::configChanged);
    connect(session, &ProjectSession::projectClosed, this, &TrainPage::updateButtons);
    connect(runs, &ProjectRuns::changed, this, &TrainPage::runsChanged);
    connect(runs, &ProjectRuns::failed, this,
            [this](const QString &error) { showMessage(error, true); });

    connect(d->runsPanel, &RunsPanel::curvesRequested, this, &TrainPage::showRunCurves);
    connect(d->runsPanel, &RunsPanel::duplicateRequested, this, &TrainPage::duplicateRun);
    connect(d->runsPanel, &RunsPanel::resumeRequested, this, &TrainPage::resumeRun);
    connect(d->runsPanel, &RunsPanel::evaluateRequested, this, &TrainPage::evaluateRequested);
    connect(d->runsPanel, &RunsPanel::predictRequested, this, &TrainPage::predictRequested);
    connect(d->runsPanel, &RunsPanel::exportRequested, this, &TrainPage::exportRequested);
    connect(d->runsPanel, &RunsPanel::modelImported, this,
            [this](qint64, const QString &text) { showMessage(text, false); });
    connect(d->runsPanel->view()->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TrainPage::updateButtons);

    connect(d->controller, &TrainController::stepsReported, this, &TrainPage::stepsReported);
    connect(d->controller, &TrainController::epochFinished, this, &TrainPage::epochFinished);
    connect(d->controller, &TrainController::logged, this, &TrainPage::logged);
    connect(d->controller, &TrainController::progressChanged, d->monitor,
            &TrainMonitor::setProgress);
    connect(d->controller, &TrainController::finished, this, &TrainPage::trainingFinished);

    d->form->setConfig(initialConfig(pulc::engine::Task::SingleLabel));
    if (session->hasProject())
        projectOpened();
    configChanged();
    updateButtons();
}

TrainPage::~TrainPage()
{
    // The controller's destructor stops the job after its step and waits for it.
    delete d->controller;
}

bool TrainPage::isTraining() const
{
    return d->controller->isRunning();
}

void TrainPage::stopAndWait()
{
    d->controller->stop();
    d->controller->waitForFinished();
}

TrainController *TrainPage::controller() const
{
    return d->controller;
}

TrainCurves *TrainPage::curves() const
{
    return d->curves;
}

RunsPanel *TrainPage::runsPanel() const
{
    return d->runsPanel;
}

void TrainPage::projectOpened()
{
    if (d->session->hasProject() && !d->controller->isRunning()) {
        pulc::engine::TrainConfig config = initialConfig(engineTask(d->session->info().task));
        const int median = fitToSmallImages(config, d->session->rows());
        d->form->setConfig(config);
        if (median > 0 && median <= 64)
            showMessage(tr("The images are small (median side %1 px): the input size is 64×64 "
                           "instead of the template's 224×224.")
                            .arg(median),
                        false);
    }
    projectChanged();
}

void TrainPage::projectChanged()
{
    if (!d->session->hasProject())
        return;
    const pulc::engine::Task task = engineTask(d->session->info().task);
    QStringList names;
    for (const pulc::dataset::ClassInfo &c : d->session->classes())
        names.append(c.name);
    d->form->setProjectTask(task, names);
    if (!d->controller->isRunning() && d->form->config().task != task)
        d->form->setConfig(initialConfig(task));
    configChanged();
}

void TrainPage::configChanged()
{
    if (d->controller->isRunning())
        return; // the form shows the running run's settings; the cost line is paused
    const pulc::engine::TrainConfig config = d->form->config();
    d->cost->setConfig(config, d->session->stats().train, int(d->session->classes().size()));
    d->preview->setConfig(config);
}

QString TrainPage::startProblem() const
{
    if (!d->session->hasProject())
        return tr("Open or create a project first.");
    const bool multi = d->session->info().task == pulc::dataset::TaskType::MultiLabel;
    const int classes = int(d->session->classes().size());
    if (multi ? classes < 1 : classes < 2)
        return multi ? tr("The project has no attributes: add at least one on the Data page.")
                     : tr("The project has %n class(es): training needs at least 2. Add classes "
                          "and label images on the Data page.",
                          nullptr, classes);
    if (d->session->stats().train == 0)
        return tr("The project has no images in its train split. Split it on the Data page "
                  "(or import a dataset that has one).");
    return {};
}

void TrainPage::startTraining()
{
    if (d->controller->isRunning())
        return;
    const QString problem = startProblem();
    if (!problem.isEmpty()) {
        showMessage(problem, true);
        return;
    }
    pulc::engine::ProjectTrainRequest request;
    request.config = d->form->config();
    request.runName = d->runName->text().trimmed().toStdString();
    if (request.config.distill.teacherRun > 0)
        request.teacherRun = std::to_string(request.config.distill.teacherRun);
    begin(request, 0);
}

void TrainPage::resumeRun(qint64 runId)
{
    if (d->controller->isRunning())
        return;
    const pulc::engine::RunSummary *run = d->runs->find(runId);
    if (!run)
        return;
    pulc::engine::ProjectTrainRequest request;
    request.config = d->form->config(); // only its threads count on resume
    request.resumeRun = std::to_string(runId);
    begin(request, runId);
}

void TrainPage::begin(const pulc::engine::ProjectTrainRequest &request, qint64 resumeId)
{
    // Edits still queued for the database must be in the snapshot the engine takes.
    if (d->session->writer() && d->session->writer()->pending() > 0)
        d->session->writer()->flush();
    const QString dir = d->session->dir();
    if (!d->controller->start(dir, request))
        return;
    d->trainingDir = dir;
    d->activeRun = resumeId;
    d->listedRun = false;
    d->loadingCurves = false;
    d->heldSteps.clear();
    d->heldEpochs.clear();
    const quint64 generation = ++d->curvesGeneration; // outdates a resume's curves being read
    d->form->setLocked(true);
    if (!resumeId) // the cost line shows what is trained
        d->cost->setConfig(request.config, d->session->stats().train,
                           int(d->session->classes().size()));
    d->cost->setPaused(true);
    d->curves->clear();
    QString name = QString::fromStdString(request.runName);
    if (resumeId) {
        const pulc::engine::RunSummary *run = d->runs->find(resumeId);
        name = run ? QString::fromStdString(run->name) : QString();
        if (run) {
            d->loadingCurves = true;
            readCurves(QString::fromStdString(run->dir),
                       [this, name, generation](const RunCurvesData &data, const QString &) {
                           if (generation != d->curvesGeneration || !d->loadingCurves)
                               return; // another run started meanwhile
                           // The run's past (a missing file is an empty past), then what
                           // arrived meanwhile.
                           d->loadingCurves = false;
                           d->curves->showRun(data, name);
                           d->curves->appendSteps(std::exchange(d->heldSteps, {}));
                           for (const TrainEpochPoint &e : std::exchange(d->heldEpochs, {}))
                               d->curves->appendEpoch(e);
                       });
        }
    }
    d->monitor->begin(resumeId ? name : QString(), request.config.epochs);
    d->curves->setRunName(name);
    d->message->hide();
    d->tabs->setCurrentWidget(d->curvesTab);
    d->runsPanel->setActiveRun(d->activeRun, true);
    updateButtons();
    Q_EMIT trainingChanged(true);
}

void TrainPage::stopTraining()
{
    if (!d->controller->isRunning())
        return;
    d->controller->stop();
    d->monitor->setStopping();
    updateButtons();
}

void TrainPage::listRunOnce()
{
    // The engine creates the run (status "running") before its first report: read it once.
    if (d->listedRun || d->session->dir() != d->trainingDir)
        return;
    d->listedRun = true;
    d->runs->refresh();
}

void TrainPage::stepsReported(const QList<TrainStepPoint> &steps)
{
    listRunOnce();
    if (d->loadingCurves)
        d->heldSteps.append(steps);
    else
        d->curves->appendSteps(steps);
    d->monitor->addSteps(steps);
}

void TrainPage::epochFinished(const TrainEpochPoint &epoch)
{
    listRunOnce();
    if (d->loadingCurves)
        d->heldEpochs.append(epoch);
    else
        d->curves->appendEpoch(epoch);
    d->monitor->addEpoch(epoch);
    // A best epoch updates the runs table's "Best" column.
    if (epoch.best && d->session->dir() == d->trainingDir)
        d->runs->refresh();
}

void TrainPage::logged(const QList<TrainLogLine> &lines)
{
    listRunOnce();
    d->monitor->addLog(lines);
}

void TrainPage::trainingFinished(const TrainOutcome &outcome)
{
    d->form->setLocked(false);
    d->cost->setPaused(false);
    d->activeRun = 0;
    d->runsPanel->setActiveRun(0, false);
    d->monitor->finish(outcome);
    if (outcome.status == TrainOutcome::Status::Failed)
        showMessage(tr("Training failed: %1").arg(outcome.error), true);
    else if (outcome.runName == d->runName->text().trimmed())
        d->runName->clear(); // the name is taken now: the next Start must not reuse it
    if (d->session->dir() == d->trainingDir)
        d->runs->refresh();
    d->trainingDir.clear();
    updateButtons();
    configChanged();
    Q_EMIT trainingChanged(false);
}

void TrainPage::runsChanged()
{
    if (d->controller->isRunning() && d->activeRun == 0 && d->session->dir() == d->trainingDir) {
        // The newest run the engine marked as running is ours.
        for (auto it = d->runs->runs().rbegin(); it != d->runs->runs().rend(); ++it) {
            if (it->status == "running") {
                d->activeRun = it->id;
                d->curves->setRunName(QString::fromStdString(it->name));
                d->runsPanel->setActiveRun(it->id, true);
                break;
            }
        }
    }
    updateButtons();
}

qint64 TrainPage::resumableRun() const
{
    auto resumable = [](const pulc::engine::RunSummary &run) {
        return (run.status == "stopped" || run.status == "interrupted") &&
               QFileInfo::exists(QString::fromStdString(run.dir) + QStringLiteral("/last.ckpt"));
    };
    if (const pulc::engine::RunSummary *run = d->runs->find(d->runsPanel->currentRun());
        run && resumable(*run))
        return run->id;
    const auto &runs = d->runs->runs();
    for (auto it = runs.rbegin(); it != runs.rend(); ++it) {
        if (resumable(*it))
            return it->id;
    }
    return 0;
}

void TrainPage::updateButtons()
{
    const bool running = d->controller->isRunning();
    const bool project = d->session->hasProject();
    d->start->setEnabled(!running && project);
    d->stop->setEnabled(running && !d->controller->isStopping());
    d->runName->setEnabled(!running);
    const qint64 resumable = running || !project ? 0 : resumableRun();
    d->resume->setEnabled(resumable != 0);
    const pulc::engine::RunSummary *run = resumable ? d->runs->find(resumable) : nullptr;
    d->resume->setText(run ? tr("Resume “%1”").arg(QString::fromStdString(run->name))
                           : tr("Resume"));
    d->resume->setToolTip(tr("Continue a stopped or interrupted run from its last checkpoint"));
}

void TrainPage::showRunCurves(qint64 runId, bool overlay)
{
    const pulc::engine::RunSummary *run = d->runs->find(runId);
    if (!run)
        return;
    const QString dir = QString::fromStdString(run->dir);
    const QString name = QString::fromStdString(run->name);
    const QString status = RunsModel::statusText(QString::fromStdString(run->status));
    // While a run trains, its live curves stay: another run is shown next to them.
    const bool asOverlay = overlay || d->controller->isRunning();
    d->tabs->setCurrentWidget(d->curvesTab);
    readCurves(
        dir, [this, asOverlay, name, status](const RunCurvesData &data, const QString &error) {
            if (!error.isEmpty()) {
                showMessage(tr("Cannot show the curves of run “%1”: %2").arg(name, error), true);
                return;
            }
            if (asOverlay && d->curves->overlayNames().contains(name))
                return;
            if (asOverlay) {
                d->curves->addOverlay(data, name);
            } else if (!d->controller->isRunning()) {
                d->curves->showRun(data, name);
                d->monitor->showText(tr("Showing run %1 (%2)").arg(name, status));
            }
        });
}

void TrainPage::duplicateRun(qint64 runId)
{
    const pulc::engine::RunSummary *run = d->runs->find(runId);
    if (!run || d->controller->isRunning())
        return;
    const QString path = QString::fromStdString(run->dir) + QStringLiteral("/config.yml");
    const pulc::engine::ConfigReadResult read =
        pulc::engine::readConfigFile(path.toStdString(), pulc::engine::sceneConfig(run->scene));
    if (!read.ok()) {
        showMessage(tr("Cannot read the settings of run “%1”: %2")
                        .arg(QString::fromStdString(run->name),
                             QString::fromStdString(read.errors.front())),
                    true);
        return;
    }
    d->form->setConfig(read.config);
    d->runName->clear();
    configChanged();
    showMessage(tr("Loaded the settings of run “%1”. Start trains a new run with them.")
                    .arg(QString::fromStdString(run->name)),
                false);
}

void TrainPage::showMessage(const QString &text, bool error)
{
    d->message->setText(text);
    d->message->setStyleSheet(error ? QStringLiteral("QLabel { color: #b42318; }") : QString());
    d->message->setVisible(!text.isEmpty());
}

QString TrainPage::message() const
{
    return d->message->isHidden() ? QString() : d->message->text();
}

} // namespace pulc::ui
