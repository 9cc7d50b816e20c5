#include "ui/shell/mainwindow.h"

#include "ui/common/setting.h"
#include "ui/data/datapage.h"
#include "ui/data/samplebrowser.h"
#include "ui/evaluate/evaluatepage.h"
#include "ui/export/exportpage.h"
#include "ui/import/importdialog.h"
#include "ui/predict/predictpage.h"
#include "ui/project/datasetwriter.h"
#include "ui/project/projectruns.h"
#include "ui/project/projectsession.h"
#include "ui/shell/aboutbox.h"
#include "ui/shell/demoprojectjob.h"
#include "ui/shell/newprojectdialog.h"
#include "ui/shell/preferencesdialog.h"
#include "ui/shell/recentprojects.h"
#include "ui/shell/translation.h"
#include "ui/train/trainpage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressDialog>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QStyle>
#include <QUndoStack>

#include <utility>

// Resources of a static library are only linked in when something references them.
static void initPulcResources()
{
    Q_INIT_RESOURCE(pulc);
}

namespace pulc::ui {

namespace {

const Setting<QByteArray> kGeometry("mainWindow/geometry");
const Setting<QByteArray> kWindowState("mainWindow/state");
const Setting<QString> kLastFolder("project/lastFolder");

QString lastFolder()
{
    const QString dir = kLastFolder.value();
    return dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::HomeLocation) : dir;
}

/// The folders and files in a drag that an import could use.
QStringList importablePaths(const QMimeData *mime)
{
    return ImportDialog::importablePaths(mime);
}

} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_session(new ProjectSession(this))
    , m_runs(new ProjectRuns(m_session, this))
{
    initPulcResources();
    setObjectName(QStringLiteral("MainWindow"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/pulc-studio.svg")));
    setAcceptDrops(true);
    createActions();
    createMenus();
    createPages();

    m_countsLabel = new QLabel(this);
    statusBar()->addPermanentWidget(m_countsLabel);

    connect(m_session, &ProjectSession::projectOpened, this, &MainWindow::projectOpened);
    connect(m_session, &ProjectSession::projectClosed, this, [this] {
        updateTitle();
        updateStatusBar();
        updateActions();
    });
    connect(m_session, &ProjectSession::editFailed, this, &MainWindow::showEditError);
    // Every edit is written as it is made; "Saved" tells the user so, in place of a Save command
    // and a "modified" mark in the title, which would never be meaningful here.
    connect(m_session->writer(), &DatasetWriter::idle, this, [this] {
        if (!m_editFailed)
            statusBar()->showMessage(tr("Saved"), 2000);
        m_editFailed = false;
    });
    connect(m_session, &ProjectSession::statsChanged, this, &MainWindow::updateStatusBar);
    connect(m_session, &ProjectSession::loadingChanged, this, [this](bool loading) {
        if (loading)
            statusBar()->showMessage(tr("Reading the project…"));
        else
            statusBar()->clearMessage();
    });
    connect(m_session, &ProjectSession::openFailed, this,
            [this](const QString &dir, const QString &error) {
                // A project that no longer exists should not stay in the recent list.
                if (!QFileInfo::exists(dir))
                    RecentProjects::remove(dir);
                m_pendingImport.clear();
                showError(
                    tr("Open Project"),
                    tr("Could not open the project in %1.").arg(QDir::toNativeSeparators(dir)),
                    error);
            });

    resize(1100, 720);
    restoreGeometry(kGeometry.value());
    restoreState(kWindowState.value());
    updateTitle();
    updateStatusBar();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    m_newAction = new QAction(tr("&New Project…"), this);
    m_newAction->setShortcut(QKeySequence::New);
    m_newAction->setStatusTip(tr("Create an empty project in a folder"));
    connect(m_newAction, &QAction::triggered, this, &MainWindow::newProject);

    m_openAction = new QAction(tr("&Open Project…"), this);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a project folder or its project.pulc file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseProject);

    m_demoAction = new QAction(tr("Create &Demo Project…"), this);
    m_demoAction->setStatusTip(tr("Create a project with Fashion-MNIST images to try things out"));
    connect(m_demoAction, &QAction::triggered, this, &MainWindow::createDemoProject);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_importFolderAction = new QAction(tr("&Import Images…"), this);
    m_importFolderAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_I));
    m_importFolderAction->setStatusTip(
        tr("Import a folder of images: a folder per class, or unlabeled images"));
    connect(m_importFolderAction, &QAction::triggered, this, &MainWindow::chooseImportFolder);

    m_importFilesAction = new QAction(tr("Import &List or CSV File…"), this);
    m_importFilesAction->setStatusTip(
        tr("Import images named in a PaddleClas list or a CSV file, or single images"));
    connect(m_importFilesAction, &QAction::triggered, this, &MainWindow::chooseImportFiles);

    QUndoStack *stack = m_session->undoStack();
    // The stack keeps the text current: "Undo Label 3 images “Bag”".
    m_undoAction = stack->createUndoAction(this, tr("&Undo"));
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_redoAction = stack->createRedoAction(this, tr("&Redo"));
    // Ctrl+Shift+Z and Ctrl+Y on every platform: users bring either habit.
    QList<QKeySequence> redoKeys = QKeySequence::keyBindings(QKeySequence::Redo);
    for (const QKeySequence &key :
         {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)})
        if (!redoKeys.contains(key))
            redoKeys << key;
    m_redoAction->setShortcuts(redoKeys);

    m_preferencesAction = new QAction(tr("&Preferences…"), this);
    m_preferencesAction->setShortcut(QKeySequence::Preferences);
    m_preferencesAction->setMenuRole(QAction::PreferencesRole);
    connect(m_preferencesAction, &QAction::triggered, this, &MainWindow::showPreferences);

    m_aboutAction = new QAction(tr("&About PULC Studio"), this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, [this] { AboutBox::show(this); });
}

void MainWindow::createMenus()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_newAction);
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    file->addSeparator();
    file->addSeparator();
    file->addAction(m_importFolderAction);
    file->addAction(m_importFilesAction);
    file->addSeparator();
    file->addAction(m_demoAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu *edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    edit->addAction(m_undoAction);
    edit->addAction(m_redoAction);
    edit->addSeparator();
    edit->addAction(m_preferencesAction);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createPages()
{
    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigation"));
    m_navigation->setIconSize(QSize(22, 22));
    m_navigation->setSpacing(2);
    QFont navFont = m_navigation->font();
    navFont.setPointSizeF(navFont.pointSizeF() * 1.1);
    m_navigation->setFont(navFont);

    m_pages = new QStackedWidget(this);
    m_dataPage = new DataPage(m_session, {m_demoAction, m_openAction, m_newAction}, m_pages);
    m_trainPage = new TrainPage(m_session, m_runs, m_pages);
    m_evaluatePage = new EvaluatePage(m_session, m_runs, m_pages);
    m_predictPage = new PredictPage(m_session, m_runs, m_pages);
    m_exportPage = new ExportPage(m_session, m_runs, m_pages);
    connect(m_trainPage, &TrainPage::evaluateRequested, this, [this](qint64 runId) {
        m_evaluatePage->showRun(runId);
        showPage(Page::Evaluate);
    });
    connect(m_trainPage, &TrainPage::predictRequested, this, [this](qint64 runId) {
        m_predictPage->showRun(runId);
        showPage(Page::Predict);
    });
    connect(m_trainPage, &TrainPage::exportRequested, this, [this](qint64 runId) {
        m_exportPage->showRun(runId);
        showPage(Page::Export);
    });
    connect(m_trainPage, &TrainPage::trainingChanged, this, &MainWindow::updateTitle);

    struct Entry
    {
        QString name;
        QStyle::StandardPixmap icon;
        QWidget *page;
    };
    const QList<Entry> entries = {
        {tr("Data"), QStyle::SP_DirIcon, m_dataPage},
        {tr("Train"), QStyle::SP_MediaPlay, m_trainPage},
        {tr("Evaluate"), QStyle::SP_FileDialogDetailedView, m_evaluatePage},
        {tr("Predict"), QStyle::SP_FileDialogContentsView, m_predictPage},
        {tr("Export"), QStyle::SP_DialogSaveButton, m_exportPage},
    };
    int widest = 0;
    for (const Entry &e : entries) {
        auto *item = new QListWidgetItem(style()->standardIcon(e.icon), e.name, m_navigation);
        item->setSizeHint(QSize(0, 40));
        widest = qMax(widest, m_navigation->fontMetrics().horizontalAdvance(e.name));
        const int row = m_pages->addWidget(e.page);
        // Ctrl+1 .. Ctrl+5 go to the pages in work order.
        auto *go = new QAction(this);
        go->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_1 + row)));
        connect(go, &QAction::triggered, this, [this, row] { m_navigation->setCurrentRow(row); });
        addAction(go);
        item->setToolTip(
            tr("%1 (%2)").arg(e.name, go->shortcut().toString(QKeySequence::NativeText)));
    }
    m_navigation->setFixedWidth(widest + 22 + 48);
    connect(m_navigation, &QListWidget::currentRowChanged, m_pages,
            &QStackedWidget::setCurrentIndex);
    m_navigation->setCurrentRow(0);

    auto *central = new QWidget(this);
    auto *layout = new QHBoxLayout(central);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->addWidget(m_navigation);
    layout->addWidget(m_pages, 1);
    setCentralWidget(central);
}

void MainWindow::showPage(Page page)
{
    m_navigation->setCurrentRow(int(page));
}

MainWindow::Page MainWindow::currentPage() const
{
    return Page(m_pages->currentIndex());
}

void MainWindow::openProject(const QString &dirOrFile)
{
    m_session->open(dirOrFile);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (m_demoJob && m_demoJob->isRunning()) {
        const auto answer = QMessageBox::question(
            this, tr("Quit"), tr("The demo project is still being created. Stop and quit?"));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_demoJob->cancel();
    }
    if (m_trainPage->isTraining()) {
        const auto answer = QMessageBox::question(
            this, tr("Quit"),
            tr("A model is training. Stop it and quit? The run keeps a checkpoint of its last "
               "step and can be resumed from the Train page."));
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
        m_trainPage->stopAndWait();
    }
    // The last edits may still be on their way to the database: wait for them (milliseconds,
    // each is one transaction), so closing never loses one.
    m_session->writer()->flush();
    kGeometry.setValue(saveGeometry());
    kWindowState.setValue(saveState());
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!importablePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dragMoveEvent(QDragMoveEvent *event)
{
    if (!importablePaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QStringList paths = importablePaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    if (currentPage() == Page::Predict) {
        // On the Predict page a drop is a question to the model, not an import.
        m_predictPage->addPaths(paths);
        return;
    }
    // Dialogs wait until the drop has finished: a nested event loop inside dropEvent would keep
    // the file manager that started the drag waiting too.
    QMetaObject::invokeMethod(
        this, [this, paths] { importPaths(paths); }, Qt::QueuedConnection);
}

void MainWindow::importPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (!m_session->hasProject()) {
        offerNewProjectFor(paths);
        return;
    }
    auto *dialog = new ImportDialog(m_session, paths, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void MainWindow::offerNewProjectFor(const QStringList &paths)
{
    statusBar()->showMessage(tr("No project is open: create or open one to import into."), 5000);
    QMessageBox box(QMessageBox::Question, tr("Import"),
                    tr("No project is open. Images are imported into a project."),
                    QMessageBox::NoButton, this);
    box.setInformativeText(
        tr("Create a new project for the %n dropped item(s), or open an existing one?", nullptr,
           int(paths.size())));
    QPushButton *create = box.addButton(tr("&New Project…"), QMessageBox::AcceptRole);
    QPushButton *open = box.addButton(tr("&Open Project…"), QMessageBox::AcceptRole);
    box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(create);
    box.exec();
    m_pendingImport = paths;
    if (box.clickedButton() == create)
        newProject();
    else if (box.clickedButton() == open)
        chooseProject();
    // Only a project on its way keeps the paths; projectOpened() picks them up.
    if (!m_session->isLoading())
        m_pendingImport.clear();
}

void MainWindow::chooseImportFolder()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Import Images from a Folder"), lastFolder());
    if (dir.isEmpty())
        return;
    kLastFolder.setValue(QFileInfo(dir).absolutePath());
    importPaths({dir});
}

void MainWindow::chooseImportFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import a List, CSV File or Images"), lastFolder(),
        tr("Lists and CSV files (*.txt *.csv *.tsv);;Images (*.png *.jpg *.jpeg *.bmp *.webp "
           "*.tif *.tiff);;All files (*)"));
    if (files.isEmpty())
        return;
    kLastFolder.setValue(QFileInfo(files.first()).absolutePath());
    importPaths(files);
}

void MainWindow::showPreferences()
{
    const QString languageBefore = kLanguage.value();
    PreferencesDialog dialog(this);
    // Thumbnail size and auto-advance apply at once; the language needs a restart.
    if (auto *browser = findChild<SampleBrowser *>())
        connect(&dialog, &PreferencesDialog::applied, browser, &SampleBrowser::applyViewSettings);
    if (dialog.exec() == QDialog::Accepted && kLanguage.value() != languageBefore)
        statusBar()->showMessage(tr("The new language is used when PULC Studio starts again."),
                                 8000);
}

void MainWindow::showEditError(const QString &error)
{
    m_editFailed = true;
    // Not exec(): the failure arrives while the user may be in the middle of another edit, and
    // a nested event loop there would run further edits inside it.
    auto *box = new QMessageBox(
        QMessageBox::Warning, tr("Edit Not Saved"),
        tr("An edit could not be written to the project. The project was read again from its "
           "file, so what you see is what is stored; the undo history was cleared."),
        QMessageBox::Ok, this);
    box->setObjectName(QStringLiteral("editErrorBox"));
    box->setInformativeText(error);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void MainWindow::updateActions()
{
    const bool open = m_session->hasProject();
    m_importFolderAction->setEnabled(open);
    m_importFilesAction->setEnabled(open);
}

void MainWindow::newProject()
{
    NewProjectDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    // Creating the schema takes milliseconds, so it runs here; the statistics that follow
    // are read in a worker like for any other project.
    QString dir;
    {
        auto project = pulc::dataset::Project::create(dialog.folder(), dialog.projectInfo());
        if (!project) {
            showError(tr("New Project"),
                      tr("Could not create the project in %1.")
                          .arg(QDir::toNativeSeparators(dialog.folder())),
                      project.error());
            return;
        }
        dir = project->dir();
    } // our connection closes here, before the worker opens its own
    kLastFolder.setValue(QFileInfo(dir).absolutePath());
    openProject(dir);
}

void MainWindow::chooseProject()
{
    // A folder dialog cannot pick project.pulc and a file dialog cannot pick a folder; the file
    // dialog is the one that shows whether a folder is a project.
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Open Project"), lastFolder(), tr("PULC projects (project.pulc);;All files (*)"));
    if (file.isEmpty())
        return;
    kLastFolder.setValue(QFileInfo(QFileInfo(file).absolutePath()).absolutePath());
    openProject(file);
}

void MainWindow::createDemoProject()
{
    if (m_demoJob && m_demoJob->isRunning())
        return;
    QString dir =
        QFileDialog::getExistingDirectory(this, tr("Folder for the Demo Project"), lastFolder());
    if (dir.isEmpty())
        return;
    kLastFolder.setValue(dir);
    // A folder that already holds files gets the demo in a new subfolder, so the demo never
    // mixes with what is there.
    if (!QDir(dir).isEmpty()) {
        const QString base = dir + QStringLiteral("/pulc-demo");
        dir = base;
        for (int n = 2; QFileInfo::exists(dir); ++n)
            dir = base + QLatin1Char('-') + QString::number(n);
    }

    if (!m_demoJob) {
        m_demoJob = new DemoProjectJob(this);
        connect(m_demoJob, &DemoProjectJob::finished, this, &MainWindow::demoFinished);
        connect(m_demoJob, &DemoProjectJob::progressChanged, this,
                [this](const QString &phase, qint64 done, qint64 total) {
                    if (!m_demoProgress)
                        return;
                    QString what = tr("Writing images");
                    if (phase == QLatin1String("scan"))
                        what = tr("Reading Fashion-MNIST");
                    else if (phase == QLatin1String("check"))
                        what = tr("Checking images");
                    m_demoProgress->setLabelText(
                        tr("%1: %2 of %3")
                            .arg(what, QLocale().toString(done), QLocale().toString(total)));
                    m_demoProgress->setMaximum(int(qMin<qint64>(total, INT_MAX)));
                    m_demoProgress->setValue(int(qMin<qint64>(done, INT_MAX)));
                });
    }
    m_demoProgress = new QProgressDialog(this);
    m_demoProgress->setWindowTitle(tr("Create Demo Project"));
    m_demoProgress->setLabelText(
        tr("Creating the demo project in %1…").arg(QDir::toNativeSeparators(dir)));
    m_demoProgress->setCancelButtonText(tr("Cancel"));
    m_demoProgress->setRange(0, 0);
    m_demoProgress->setMinimumDuration(0);
    m_demoProgress->setAutoClose(false);
    m_demoProgress->setAutoReset(false);
    m_demoProgress->setMinimumWidth(420);
    m_demoProgress->setWindowModality(Qt::WindowModal);
    connect(m_demoProgress, &QProgressDialog::canceled, m_demoJob, &DemoProjectJob::cancel);
    m_demoProgress->show();
    m_demoJob->start(dir);
}

void MainWindow::demoFinished(const QString &dir, const QString &error, bool cancelled)
{
    if (m_demoProgress) {
        m_demoProgress->deleteLater();
        m_demoProgress = nullptr;
    }
    if (cancelled) {
        statusBar()->showMessage(tr("Demo project cancelled."), 5000);
        return;
    }
    if (!error.isEmpty()) {
        showError(tr("Create Demo Project"), tr("Could not create the demo project."), error);
        return;
    }
    openProject(dir);
}

void MainWindow::fillRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentProjects::list();
    for (int i = 0; i < recent.size(); ++i) {
        const QString &dir = recent.at(i);
        // Number the first nine so they can be picked with the keyboard.
        const QString text =
            i < 9 ? QStringLiteral("&%1 %2").arg(i + 1).arg(QDir::toNativeSeparators(dir))
                  : QDir::toNativeSeparators(dir);
        QAction *action = m_recentMenu->addAction(text);
        connect(action, &QAction::triggered, this, [this, dir] { openProject(dir); });
    }
    if (recent.isEmpty()) {
        m_recentMenu->addAction(tr("No recent projects"))->setEnabled(false);
        return;
    }
    m_recentMenu->addSeparator();
    connect(m_recentMenu->addAction(tr("&Clear List")), &QAction::triggered, this,
            [] { RecentProjects::clear(); });
}

void MainWindow::projectOpened(const QString &dir)
{
    RecentProjects::add(dir);
    showPage(Page::Data);
    updateTitle();
    updateActions();
    if (!m_pendingImport.isEmpty())
        importPaths(std::exchange(m_pendingImport, {}));
}

void MainWindow::updateStatusBar()
{
    if (!m_session->hasProject()) {
        m_countsLabel->setText(tr("No project"));
        return;
    }
    const auto &st = m_session->stats();
    const QLocale locale;
    m_countsLabel->setText(
        tr("%1 images · %2 classes · train %3 · val %4 · test %5")
            .arg(locale.toString(st.samples), locale.toString(int(st.classes.size())),
                 locale.toString(st.train), locale.toString(st.val), locale.toString(st.test)));
}

void MainWindow::updateTitle()
{
    QString title = m_session->hasProject() ? tr("%1 — PULC Studio").arg(m_session->info().name)
                                            : tr("PULC Studio");
    if (m_trainPage && m_trainPage->isTraining())
        title = tr("Training · %1").arg(title);
    setWindowTitle(title);
}

void MainWindow::showError(const QString &title, const QString &message, const QString &detail)
{
    QMessageBox box(QMessageBox::Warning, title, message, QMessageBox::Ok, this);
    // The library's message names the file and the problem; keep it visible, not hidden
    // behind "Show Details", because it is what the user acts on.
    box.setInformativeText(detail);
    box.exec();
}

} // namespace pulc::ui
