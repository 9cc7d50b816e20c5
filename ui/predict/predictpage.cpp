#include "ui/predict/predictpage.h"

#include "ui/predict/predictdetail.h"
#include "ui/predict/predictmodel.h"
#include "ui/project/projectruns.h"
#include "ui/project/projectsession.h"

#include <QAction>
#include <QComboBox>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QScrollArea>
#include <QSignalBlocker>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {

namespace {

const Setting<QString> kPredictFolder("predict/lastFolder");
const Setting<int> kPredictTopK("predict/topk", 5);

enum StackPage { NoModelPage, DropPage, ResultsPage };

QString lastFolder()
{
    const QString dir = kPredictFolder.value();
    return dir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::PicturesLocation) : dir;
}

/// The local files and folders of a drag.
QStringList localPaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            paths << url.toLocalFile();
    return paths;
}

/// "quick · PPLCNet_x0_25 · top1 0.853", what the model selector shows for a run.
/// The model selector's id of a model opened from a file (runs have ids >= 1).
constexpr qint64 kModelFileId = -1;

QString runText(const pulc::engine::RunSummary &run)
{
    QStringList parts{QString::fromStdString(run.name), QString::fromStdString(run.model)};
    if (run.hasBest)
        parts << QStringLiteral("%1 %2")
                     .arg(QString::fromStdString(run.mainMetric))
                     .arg(run.bestValue, 0, 'f', 3);
    if (run.status != "finished")
        parts << PredictPage::tr("(%1)").arg(QString::fromStdString(run.status));
    return parts.join(QStringLiteral(" · "));
}

} // namespace

PredictPage::PredictPage(ProjectSession *session, ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_runs(runs)
    , m_job(new PredictJob(this))
    , m_model(new PredictModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
{
    setObjectName(QStringLiteral("PredictPage"));
    setAcceptDrops(true);
    createActions();
    QHBoxLayout *bar = createModelBar();
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_message->hide();
    QWidget *stack = createStack();
    QHBoxLayout *statusRow = createStatusRow();

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_message);
    layout->addWidget(stack, 1);
    layout->addLayout(statusRow);

    connectJob();
    connect(m_runs, &ProjectRuns::changed, this, &PredictPage::refreshRuns);
    connect(m_session, &ProjectSession::projectOpened, this, [this] {
        clearResults();
        refreshRuns();
    });
    connect(m_session, &ProjectSession::projectClosed, this, [this] {
        clearResults();
        refreshRuns();
    });
    refreshRuns();
    updateStatus();
}

QHBoxLayout *PredictPage::createModelBar()
{
    m_runCombo = new QComboBox(this);
    m_runCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runCombo->setToolTip(tr("The trained run whose model classifies the images"));
    m_topk = new QSpinBox(this);
    m_topk->setRange(1, 20);
    m_topk->setValue(std::clamp(kPredictTopK.value(), 1, 20));
    m_topk->setToolTip(tr("How many classes to show per image, best first"));
    m_job->setTopK(m_topk->value());
    connect(m_runCombo, &QComboBox::currentIndexChanged, this, &PredictPage::loadSelectedRun);
    connect(m_topk, &QSpinBox::valueChanged, this, [this](int k) {
        kPredictTopK.setValue(k);
        m_job->setTopK(k);
        rerun();
    });

    auto *bar = new QHBoxLayout;
    bar->addWidget(new QLabel(tr("Model:"), this));
    bar->addWidget(m_runCombo);
    m_backend = new QLabel(this);
    m_backend->setObjectName(QStringLiteral("PredictBackend"));
    bar->addWidget(m_backend);
    bar->addSpacing(12);
    bar->addWidget(new QLabel(tr("Top-k:"), this));
    bar->addWidget(m_topk);
    bar->addStretch(1);
    for (QAction *action : {m_openModelAction, m_openImagesAction, m_openFolderAction,
                            m_clearAction, m_exportAction}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        bar->addWidget(button);
    }
    return bar;
}

QWidget *PredictPage::createStack()
{
    m_emptyLabel = new QLabel(this);
    m_emptyLabel->setAlignment(Qt::AlignCenter);
    m_emptyLabel->setWordWrap(true);
    QFont big = m_emptyLabel->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_emptyLabel->setFont(big);

    QTableView *table = createTable();
    m_detail = new PredictDetail(this);
    auto *detailScroll = new QScrollArea(this);
    detailScroll->setWidget(m_detail);
    detailScroll->setWidgetResizable(true);
    detailScroll->setFrameShape(QFrame::NoFrame);
    detailScroll->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    detailScroll->setMinimumWidth(280);
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->addWidget(table);
    m_splitter->addWidget(detailScroll);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setSizes({640, 400});

    m_stack = new QStackedWidget(this);
    m_stack->insertWidget(NoModelPage, m_emptyLabel);
    m_stack->insertWidget(DropPage, createDropZone());
    m_stack->insertWidget(ResultsPage, m_splitter);
    return m_stack;
}

QTableView *PredictPage::createTable()
{
    m_table = new QTableView(this);
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(PredictModel::SortRole);
    m_table->setModel(m_proxy);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(PredictModel::ImageColumn, Qt::AscendingOrder);
    // Thumbnails are made at 96 px and shown at 64, so a screen holds about ten rows.
    m_table->setIconSize(QSize(64, 64));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(64 + 6);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->resizeSection(PredictModel::ImageColumn, 64 + 12);
    header->resizeSection(PredictModel::FileColumn, 130);
    header->resizeSection(PredictModel::ClassColumn, 150);
    header->resizeSection(PredictModel::ScoreColumn, 60);
    header->resizeSection(PredictModel::SecondColumn, 140);
    header->resizeSection(PredictModel::DecisionColumn, 180);
    header->resizeSection(PredictModel::TimeColumn, 70);
    header->setStretchLastSection(true);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &PredictPage::showCurrent);
    return m_table;
}

QHBoxLayout *PredictPage::createStatusRow()
{
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(240);
    m_progress->setTextVisible(false);
    m_status = new QLabel(this);
    m_stopButton = new QToolButton(this);
    m_stopButton->setText(tr("Stop"));
    m_stopButton->setToolTip(tr("Stop classifying the images still waiting"));
    connect(m_stopButton, &QToolButton::clicked, this, &PredictPage::stop);
    auto *statusRow = new QHBoxLayout;
    statusRow->addWidget(m_progress);
    statusRow->addWidget(m_stopButton);
    statusRow->addWidget(m_status, 1);
    return statusRow;
}

void PredictPage::connectJob()
{
    connect(m_job, &PredictJob::loaded, this, &PredictPage::modelLoaded);
    connect(m_job, &PredictJob::loadFailed, this, [this](const QString &error) {
        m_backend->clear();
        setMessage(tr("The model cannot be loaded: %1").arg(error));
    });
    connect(m_job, &PredictJob::added, this, [this](int first, const QStringList &paths) {
        m_model->addPending(first, paths);
        updateView();
        if (!m_reselectPath.isEmpty() || !m_table->currentIndex().isValid()) {
            const int row = m_reselectPath.isEmpty() ? 0 : m_model->rowOfPath(m_reselectPath);
            if (row >= 0) {
                m_table->setCurrentIndex(m_proxy->mapFromSource(m_model->index(row, 0)));
                m_reselectPath.clear();
            }
        }
    });
    connect(m_job, &PredictJob::predicted, this, [this](int index, const PredictionResult &result) {
        m_model->setResult(index, result);
        const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
        if (current.isValid() && current.row() == m_model->rowOf(index))
            showCurrent();
    });
    connect(m_job, &PredictJob::progress, this, [this](int done, int total) {
        m_progress->setRange(0, std::max(total, 1));
        m_progress->setValue(done);
        updateStatus();
    });
    connect(m_job, &PredictJob::finished, this, &PredictPage::updateStatus);
}

PredictPage::~PredictPage() = default;

void PredictPage::createActions()
{
    m_openImagesAction = new QAction(tr("Open Images…"), this);
    m_openImagesAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O));
    m_openImagesAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openImagesAction->setToolTip(tr("Choose images to classify (Ctrl+Shift+O)"));
    connect(m_openImagesAction, &QAction::triggered, this, &PredictPage::chooseImages);
    m_openModelAction = new QAction(tr("Open Model…"), this);
    m_openModelAction->setToolTip(
        tr("Classify with a model file: a checkpoint or an exported bundle's model.ckpt"));
    connect(m_openModelAction, &QAction::triggered, this, &PredictPage::chooseModel);
    m_openFolderAction = new QAction(tr("Open Folder…"), this);
    m_openFolderAction->setToolTip(tr("Classify every image in a folder and its subfolders"));
    connect(m_openFolderAction, &QAction::triggered, this, &PredictPage::chooseFolder);
    m_clearAction = new QAction(tr("Clear"), this);
    m_clearAction->setToolTip(tr("Forget the images shown"));
    connect(m_clearAction, &QAction::triggered, this, &PredictPage::clearResults);
    m_exportAction = new QAction(tr("Export CSV…"), this);
    m_exportAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_exportAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_exportAction->setToolTip(
        tr("Save every image's classes, scores and inference time as a CSV file (Ctrl+E)"));
    connect(m_exportAction, &QAction::triggered, this, &PredictPage::chooseCsv);
    addActions({m_openImagesAction, m_openFolderAction, m_clearAction, m_exportAction});
}

QWidget *PredictPage::createDropZone()
{
    m_dropZone = new QFrame(this);
    m_dropZone->setObjectName(QStringLiteral("PredictDropZone"));
    m_dropZone->setAcceptDrops(true);
    m_dropZone->installEventFilter(this);
    m_dropZone->setStyleSheet(QStringLiteral("#PredictDropZone { border: 2px dashed palette(mid);"
                                             " border-radius: 12px; }"));
    auto *title = new QLabel(tr("Drop images or folders here"), m_dropZone);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.8);
    font.setBold(true);
    title->setFont(font);
    title->setAlignment(Qt::AlignCenter);
    auto *hint = new QLabel(tr("The chosen model classifies them at once: the best classes with "
                               "their probabilities.\nFolders are searched with their "
                               "subfolders. Or use Open Images… (Ctrl+Shift+O)."),
                            m_dropZone);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    hint->setForegroundRole(QPalette::PlaceholderText);
    auto *layout = new QVBoxLayout(m_dropZone);
    layout->setContentsMargins(80, 24, 80, 24);
    layout->addStretch(1);
    layout->addWidget(title);
    layout->addSpacing(8);
    layout->addWidget(hint);
    layout->addStretch(1);
    return m_dropZone;
}

QWidget *PredictPage::dropZone() const
{
    return m_dropZone;
}

qint64 PredictPage::currentRunId() const
{
    return m_runCombo->currentData().toLongLong();
}

QString PredictPage::message() const
{
    return m_message->isVisible() || !m_message->text().isEmpty() ? m_message->text() : QString();
}

bool PredictPage::exportCsv(const QString &fileName, QString *error) const
{
    return m_model->exportCsv(fileName, error);
}

void PredictPage::setMessage(const QString &text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void PredictPage::refreshRuns()
{
    const qint64 previous = m_pendingRunId ? m_pendingRunId : currentRunId();
    const auto usable = m_runs->usableRuns();
    {
        const QSignalBlocker blocker(m_runCombo);
        m_runCombo->clear();
        if (!m_modelFile.isEmpty())
            m_runCombo->addItem(tr("%1 (file)").arg(QFileInfo(m_modelFile).fileName()),
                                QVariant::fromValue(kModelFileId));
        for (const auto &run : usable)
            m_runCombo->addItem(runText(run), QVariant::fromValue(qint64(run.id)));
        const int found = m_runCombo->findData(QVariant::fromValue(previous));
        m_runCombo->setCurrentIndex(found >= 0 ? found : (m_runCombo->count() == 0 ? -1 : 0));
        if (found >= 0)
            m_pendingRunId = 0;
    }
    m_runCombo->setEnabled(m_runCombo->count() > 0);
    if (currentRunId() != m_loadedRunId)
        loadSelectedRun();
    updateView();
}

void PredictPage::openModel(const QString &path)
{
    m_modelFile = QFileInfo(path).absoluteFilePath();
    m_pendingRunId = 0;
    refreshRuns();
    m_runCombo->setCurrentIndex(m_runCombo->findData(QVariant::fromValue(kModelFileId)));
}

void PredictPage::chooseModel()
{
    const QString file =
        QFileDialog::getOpenFileName(this, tr("Open Model"), m_runs->projectDir(),
                                     tr("PULC Studio models (*.ckpt);;All files (*)"));
    if (!file.isEmpty())
        openModel(file);
}

void PredictPage::showRun(qint64 runId)
{
    const int found = m_runCombo->findData(QVariant::fromValue(runId));
    if (found < 0) {
        m_pendingRunId = runId; // selected when the runs are read again
        m_runs->refresh();
        return;
    }
    m_pendingRunId = 0;
    m_runCombo->setCurrentIndex(found);
}

void PredictPage::loadSelectedRun()
{
    const qint64 id = currentRunId();
    m_loadedRunId = id;
    setMessage({});
    m_backend->clear();
    if (id == 0) {
        m_job->cancel();
        return;
    }
    if (id == kModelFileId)
        m_job->setCheckpoint(m_modelFile);
    else
        m_job->setRun(m_runs->projectDir(), QString::number(id));
    rerun();
}

void PredictPage::modelLoaded(const PredictionModelInfo &info)
{
    setMessage({});
    const bool multi = info.task == pulc::engine::Task::MultiLabel;
    m_table->setColumnHidden(PredictModel::DecisionColumn,
                             info.task == pulc::engine::Task::SingleLabel);
    m_table->setColumnHidden(PredictModel::SecondColumn, multi);
    m_model->setTask(info.task);
    m_multiLabel = multi;
    if (info.backend == QLatin1String("native")) {
        m_backend->setText(tr("Native CPU path, %n thread(s)", nullptr, info.threads));
        m_backend->setToolTip(tr("BatchNorm folded into the convolutions, activations fused, "
                                 "weights packed once (oneDNN)."));
    } else {
        m_backend->setText(tr("LibTorch, %n thread(s)", nullptr, info.threads));
        m_backend->setToolTip(tr("This architecture has no native path; it runs on LibTorch."));
    }
    updateActions();
}

void PredictPage::rerun()
{
    if (m_inputs.isEmpty())
        return;
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    m_reselectPath = current.isValid() ? m_model->result(current.row()).path : QString();
    m_job->cancel();
    m_model->clear();
    m_detail->clear();
    m_job->enqueue(m_inputs);
    updateStatus();
}

void PredictPage::addPaths(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    if (currentRunId() == 0) {
        setMessage(m_session->hasProject()
                       ? tr("There is no trained model yet: train a model on the Train page "
                            "first.")
                       : tr("Open a project and train a model on the Train page first."));
        return;
    }
    if (!QFileInfo(paths.first()).isDir())
        kPredictFolder.setValue(QFileInfo(paths.first()).absolutePath());
    m_inputs << paths;
    m_job->enqueue(paths);
    m_stack->setCurrentIndex(ResultsPage);
    updateView();
    updateStatus();
}

void PredictPage::clearResults()
{
    m_job->cancel();
    m_inputs.clear();
    m_reselectPath.clear();
    m_model->clear();
    m_detail->clear();
    updateView();
    updateStatus();
}

void PredictPage::stop()
{
    m_job->cancel();
    m_model->markWaitingStopped();
    updateStatus();
}

void PredictPage::updateView()
{
    const bool hasModel = m_runCombo->count() > 0;
    if (!hasModel) {
        m_emptyLabel->setText(
            m_session->hasProject()
                ? tr("Train a model on the Train page first.\nThen drop images here to see "
                     "what it predicts.")
                : tr("Open a project and train a model on the Train page first.\nThen drop "
                     "images here to see what it predicts."));
        m_stack->setCurrentIndex(NoModelPage);
    } else if (m_model->rowCount() == 0 && m_inputs.isEmpty()) {
        m_stack->setCurrentIndex(DropPage);
    } else {
        m_stack->setCurrentIndex(ResultsPage);
    }
    // One image: its detail fills the page; several: the table beside the detail.
    m_table->setVisible(m_model->rowCount() > 1);
    updateActions();
}

void PredictPage::updateActions()
{
    const bool hasModel = m_runCombo->count() > 0;
    m_openImagesAction->setEnabled(hasModel);
    m_openFolderAction->setEnabled(hasModel);
    m_topk->setEnabled(hasModel && !m_multiLabel); // attributes are all shown
    m_clearAction->setEnabled(!m_inputs.isEmpty());
    m_exportAction->setEnabled(m_model->rowCount() > 0);
}

void PredictPage::updateStatus()
{
    const bool busy = m_job->isBusy();
    m_progress->setVisible(busy);
    m_stopButton->setVisible(busy);
    const int rows = m_model->rowCount();
    const int done = m_model->doneCount();
    const int failed = m_model->failedCount();
    if (rows == 0)
        m_status->setText(busy ? tr("Reading the folders…") : QString());
    else if (busy)
        m_status->setText(tr("Classifying: %1 of %2 images done").arg(done + failed).arg(rows));
    else if (failed > 0)
        m_status->setText(tr("%n image(s) classified", nullptr, done) + QStringLiteral(", ") +
                          tr("%n could not be read", nullptr, failed));
    else
        m_status->setText(tr("%n image(s) classified", nullptr, done));
    updateActions();
}

void PredictPage::showCurrent()
{
    const QModelIndex current = m_proxy->mapToSource(m_table->currentIndex());
    if (!current.isValid()) {
        m_detail->clear();
        return;
    }
    const int row = current.row();
    if (m_model->state(row) == PredictModel::State::Done ||
        m_model->state(row) == PredictModel::State::Failed)
        m_detail->showResult(m_model->result(row));
    else
        m_detail->showWaiting(m_model->result(row).path);
}

void PredictPage::chooseImages()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Open Images"), lastFolder(),
        tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.webp);;All files (*)"));
    addPaths(files);
}

void PredictPage::chooseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Open Folder"), lastFolder());
    if (dir.isEmpty())
        return;
    kPredictFolder.setValue(dir);
    addPaths({dir});
}

void PredictPage::chooseCsv()
{
    const QString file = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), lastFolder() + QStringLiteral("/predictions.csv"),
        tr("CSV files (*.csv)"));
    if (file.isEmpty())
        return;
    QString error;
    if (!m_model->exportCsv(file, &error))
        QMessageBox::warning(this, tr("Export CSV"), error);
}

void PredictPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PredictPage::dragMoveEvent(QDragMoveEvent *event)
{
    if (!localPaths(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void PredictPage::dropEvent(QDropEvent *event)
{
    const QStringList paths = localPaths(event->mimeData());
    if (paths.isEmpty())
        return;
    event->acceptProposedAction();
    addPaths(paths);
}

bool PredictPage::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_dropZone) {
        switch (event->type()) {
        case QEvent::DragEnter:
            dragEnterEvent(static_cast<QDragEnterEvent *>(event));
            return true;
        case QEvent::DragMove:
            dragMoveEvent(static_cast<QDragMoveEvent *>(event));
            return true;
        case QEvent::Drop:
            dropEvent(static_cast<QDropEvent *>(event));
            return true;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pulc::ui
