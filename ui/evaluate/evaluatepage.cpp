#include "ui/evaluate/evaluatepage.h"

#include "ui/common/thumbnailloader.h"
#include "ui/data/labeling.h"
#include "ui/evaluate/attributemetricsmodel.h"
#include "ui/evaluate/binarythresholdpanel.h"
#include "ui/evaluate/confusionmatrixmodel.h"
#include "ui/evaluate/evaluatejob.h"
#include "ui/evaluate/evaluatemodels.h"
#include "ui/evaluate/evaluatesampledelegate.h"
#include "ui/evaluate/evaluatesamplemodel.h"
#include "ui/evaluate/evaluatetext.h"
#include "ui/project/projectruns.h"
#include "ui/project/projectsession.h"

#include <engine/configfile.h>

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QListView>
#include <QLocale>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {

using pulc::engine::EvalResult;

namespace {

constexpr int kThumb = 112;

QString percent(double v)
{
    return QLocale().toString(100.0 * v, 'f', 1) + u'%';
}

QListView *makeGrid(QWidget *parent, const QString &name)
{
    auto *view = new QListView(parent);
    view->setObjectName(name);
    view->setViewMode(QListView::IconMode);
    view->setResizeMode(QListView::Adjust);
    view->setMovement(QListView::Static);
    view->setUniformItemSizes(true);
    view->setItemDelegate(new EvaluateSampleDelegate(kThumb, view));
    view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    view->setContextMenuPolicy(Qt::CustomContextMenu);
    view->setSpacing(2);
    return view;
}

QTableView *makeTable(QWidget *parent, const QString &name, QAbstractItemModel *model)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setModel(model);
    view->setSortingEnabled(true);
    view->setAlternatingRowColors(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(false);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Figures in columns of one width read as a table, not as scattered numbers.
    view->horizontalHeader()->setMinimumSectionSize(
        view->fontMetrics().horizontalAdvance(QStringLiteral("Precision")) + 40);
    return view;
}

} // namespace

EvaluatePage::EvaluatePage(ProjectSession *session, ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_runs(runs)
    , m_job(new EvaluateJob(this))
    , m_loader(new ThumbnailLoader(this))
{
    m_loader->setDisplaySize(kThumb);
    m_runBox = new QComboBox(this);
    m_runBox->setObjectName(QStringLiteral("runBox"));
    m_runBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runBox->setToolTip(tr("The trained run whose model is evaluated"));
    m_splitBox = new QComboBox(this);
    m_splitBox->setObjectName(QStringLiteral("splitBox"));
    m_splitBox->addItem(tr("Validation"), QStringLiteral("val"));
    m_splitBox->addItem(tr("Test"), QStringLiteral("test"));
    m_splitBox->addItem(tr("Train"), QStringLiteral("train"));
    m_splitBox->setToolTip(tr("The labelled images the model is measured on"));
    m_evaluateButton = new QPushButton(tr("Evaluate"), this);
    m_evaluateButton->setObjectName(QStringLiteral("evaluateButton"));
    m_evaluateButton->setShortcut(QKeySequence(Qt::Key_F5));
    m_evaluateButton->setToolTip(tr("Run the model on the split's images (F5)"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_progress->setTextVisible(false);
    m_progress->setMaximumWidth(240);
    m_progress->hide();
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->hide();

    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(tr("Run:"), this));
    top->addWidget(m_runBox);
    top->addSpacing(8);
    top->addWidget(new QLabel(tr("Split:"), this));
    top->addWidget(m_splitBox);
    top->addWidget(m_evaluateButton);
    top->addWidget(m_progress);
    top->addWidget(m_cancelButton);
    top->addStretch(1);

    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setTextFormat(Qt::RichText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setAlignment(Qt::AlignCenter);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_message);
    m_stack->addWidget(buildResults());

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_summary);
    layout->addWidget(m_stack, 1);

    connect(m_evaluateButton, &QPushButton::clicked, this, &EvaluatePage::evaluate);
    connect(m_cancelButton, &QPushButton::clicked, m_job, &EvaluateJob::cancel);
    connect(m_runBox, &QComboBox::activated, this, &EvaluatePage::evaluate);
    connect(m_splitBox, &QComboBox::activated, this, &EvaluatePage::evaluate);
    connect(m_job, &EvaluateJob::progress, this,
            [this](double f) { m_progress->setValue(int(f * 1000)); });
    connect(m_job, &EvaluateJob::runningChanged, this, [this](bool running) {
        m_progress->setVisible(running);
        m_cancelButton->setVisible(running);
        m_progress->setValue(0);
        m_evaluateButton->setEnabled(!running && selectedRun() > 0);
    });
    connect(m_job, &EvaluateJob::finished, this, &EvaluatePage::jobFinished);
    connect(m_runs, &ProjectRuns::changed, this, &EvaluatePage::reloadRuns);
    connect(m_session, &ProjectSession::projectOpened, this, &EvaluatePage::projectChanged);
    connect(m_session, &ProjectSession::projectClosed, this, &EvaluatePage::projectChanged);
    connect(m_session, &ProjectSession::samplesChanged, this, [this] { updateHint(); });
    connect(m_session, &ProjectSession::classesChanged, this, [this] { updateHint(); });
    projectChanged();
}

EvaluatePage::~EvaluatePage()
{
    m_job->drop();
    m_job->waitForDone();
    m_loader->waitForDone();
}

QWidget *EvaluatePage::buildResults()
{
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("evaluationTabs"));

    // Per class.
    m_classModel = new ClassMetricsModel(this);
    m_classProxy = new QSortFilterProxyModel(this);
    m_classProxy->setSourceModel(m_classModel);
    m_classProxy->setSortRole(ClassMetricsModel::SortRole);
    m_classView = makeTable(this, QStringLiteral("classMetricsView"), m_classProxy);
    // Five short columns: spread over the page rather than huddled at its left edge.
    m_classView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_classView->sortByColumn(-1, Qt::AscendingOrder);
    m_classTab = m_classView;

    // Attributes (multi-label), thresholds edited in place.
    m_attributeModel = new AttributeMetricsModel(this);
    m_attributeProxy = new QSortFilterProxyModel(this);
    m_attributeProxy->setSourceModel(m_attributeModel);
    m_attributeProxy->setSortRole(AttributeMetricsModel::SortRole);
    m_attributeView = makeTable(this, QStringLiteral("attributeView"), m_attributeProxy);
    m_attributeView->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_attributeView->setEditTriggers(QAbstractItemView::DoubleClicked |
                                     QAbstractItemView::EditKeyPressed |
                                     QAbstractItemView::AnyKeyPressed);
    m_attributeTab = m_attributeView;
    connect(m_attributeModel, &AttributeMetricsModel::thresholdsChanged, this,
            &EvaluatePage::updateSummary);

    // Confusion matrix, with the clicked cell's images beside it.
    m_confusionModel = new ConfusionMatrixModel(this);
    m_matrixView = new QTableView(this);
    m_matrixView->setObjectName(QStringLiteral("confusionView"));
    m_matrixView->setModel(m_confusionModel);
    m_matrixView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrixView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrixView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_matrixView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_matrixView->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_matrixView->setToolTip(tr("Rows: true class. Columns: predicted class. Click a cell to "
                                "see its images."));
    m_cellTitle = new QLabel(tr("Click a cell of the matrix to see its images."), this);
    m_cellTitle->setWordWrap(true);
    m_cellModel = new EvaluateSampleModel(m_session, m_loader, this);
    m_cellView = makeGrid(this, QStringLiteral("cellView"));
    m_cellView->setModel(m_cellModel);
    m_cellHint = new QLabel(this);
    m_cellHint->setWordWrap(true);
    m_cellHint->setEnabled(false);
    auto *cellPanel = new QWidget(this);
    auto *cellLayout = new QVBoxLayout(cellPanel);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->addWidget(m_cellTitle);
    cellLayout->addWidget(m_cellView, 1);
    cellLayout->addWidget(m_cellHint);
    auto *matrixBox = new QWidget(this);
    auto *matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    auto *axes = new QLabel(tr("Rows: true class · Columns: predicted class"), this);
    axes->setEnabled(false);
    matrixLayout->addWidget(axes);
    matrixLayout->addWidget(m_matrixView, 1);
    // Images below the matrix: the matrix keeps the full width for ten or more classes.
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(matrixBox);
    splitter->addWidget(cellPanel);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    splitter->setChildrenCollapsible(false);
    m_matrixTab = splitter;
    m_matrixSplitter = splitter;
    connect(m_matrixView, &QTableView::clicked, this,
            [this](const QModelIndex &index) { showCell(index.row(), index.column()); });
    connect(m_matrixView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    showCell(index.row(), index.column());
            });

    // Misclassified images by loss.
    m_missModel = new EvaluateSampleModel(m_session, m_loader, this);
    m_missView = makeGrid(this, QStringLiteral("misclassifiedView"));
    m_missView->setModel(m_missModel);
    m_missHint = new QLabel(this);
    m_missHint->setObjectName(QStringLiteral("relabelHint"));
    m_missHint->setWordWrap(true);
    m_missTab = new QWidget(this);
    auto *missLayout = new QVBoxLayout(m_missTab);
    missLayout->addWidget(m_missHint);
    missLayout->addWidget(m_missView, 1);

    m_thresholdPanel = new BinaryThresholdPanel(this);

    m_tabs->addTab(m_classTab, tr("Per class"));
    m_tabs->addTab(m_attributeTab, tr("Attributes"));
    m_tabs->addTab(m_matrixTab, tr("Confusion matrix"));
    m_tabs->addTab(m_missTab, tr("Misclassified"));
    m_tabs->addTab(m_thresholdPanel, tr("Threshold"));

    for (QListView *view : {m_missView, m_cellView}) {
        view->installEventFilter(this);
        connect(view, &QListView::customContextMenuRequested, this,
                [this, view](const QPoint &pos) { contextMenu(view, pos); });
    }
    return m_tabs;
}

qint64 EvaluatePage::selectedRun() const
{
    return m_runBox->currentData().toLongLong();
}

void EvaluatePage::setSplit(const QString &split)
{
    const int i = m_splitBox->findData(split);
    if (i >= 0)
        m_splitBox->setCurrentIndex(i);
}

void EvaluatePage::projectChanged()
{
    m_job->drop();
    m_result.reset();
    m_summary->clear();
    m_autoEvaluate = true;
    m_loader->reset(m_session->hasProject() ? m_session->dir() + QStringLiteral("/cache/thumbnails")
                                            : QString());
    m_classModel->setResult(nullptr);
    m_attributeModel->setResult(nullptr);
    m_confusionModel->setResult(nullptr);
    m_cellModel->clear();
    m_missModel->clear();
    reloadRuns();
}

void EvaluatePage::reloadRuns()
{
    const qint64 current = selectedRun();
    m_runBox->clear();
    for (const auto &run : m_runs->usableRuns()) {
        QString text = QString::fromStdString(run.name);
        if (run.hasBest)
            text += QStringLiteral("  (%1)").arg(percent(run.bestValue));
        m_runBox->addItem(text, qlonglong(run.id));
    }
    const int keep = m_runBox->findData(qlonglong(current));
    if (keep >= 0)
        m_runBox->setCurrentIndex(keep);
    m_runBox->setEnabled(m_runBox->count() > 0);
    m_evaluateButton->setEnabled(m_runBox->count() > 0 && !m_job->isRunning());
    if (m_result)
        return;
    if (!m_session->hasProject())
        showMessage(tr("Open a project to evaluate its models."));
    else if (m_runBox->count() == 0)
        showMessage(tr("No trained model yet. Train a model on the Train page first."));
    else if (!m_job->isRunning())
        showMessage(tr("Choose a run and a split, then press Evaluate (F5)."));
    if (m_autoEvaluate && isVisible() && !m_job->isRunning() && selectedRun() > 0)
        evaluate();
}

void EvaluatePage::showRun(qint64 runId)
{
    const int i = m_runBox->findData(qlonglong(runId));
    if (i < 0)
        return;
    m_runBox->setCurrentIndex(i);
    evaluate();
}

void EvaluatePage::evaluate()
{
    const qint64 run = selectedRun();
    if (!m_session->hasProject() || run <= 0)
        return;
    m_autoEvaluate = false;
    const int threads = std::max(1, QThread::idealThreadCount());
    m_job->start(m_session->dir(), run, m_splitBox->currentData().toString(), threads);
    if (!m_result)
        showMessage(tr("Evaluating…"));
}

void EvaluatePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Opening the page evaluates the newest run on validation, once per project.
    if (m_autoEvaluate && !m_result && !m_job->isRunning() && selectedRun() > 0)
        evaluate();
}

void EvaluatePage::jobFinished()
{
    const EvalResult &r = m_job->result();
    if (!r.ok) {
        if (m_job->wasCancelled() && m_result)
            return; // keep showing the previous evaluation
        m_result.reset();
        m_summary->clear();
        showMessage(errorText(QString::fromStdString(r.error)), QString::fromStdString(r.error));
        return;
    }
    showResult(std::make_shared<const EvalResult>(r));
}

QString EvaluatePage::errorText(const QString &error) const
{
    return evaluationErrorText(error, m_splitBox->currentText().toLower());
}

void EvaluatePage::showMessage(const QString &text, const QString &detail)
{
    QString html = QStringLiteral("<p style='font-size:large'>%1</p>").arg(text.toHtmlEscaped());
    if (!detail.isEmpty() && detail != QLatin1String("cancelled"))
        html += QStringLiteral("<p style='color:gray'>%1</p>").arg(detail.toHtmlEscaped());
    m_message->setText(html);
    m_message->setProperty("plainMessage", text);
    m_stack->setCurrentWidget(m_message);
}

QString EvaluatePage::messageText() const
{
    return m_stack->currentWidget() == m_message ? m_message->property("plainMessage").toString()
                                                 : QString();
}

QString EvaluatePage::metricName(const QString &key) const
{
    return metricDisplayName(key, key == QLatin1String("tpr_at_fpr") ? runMaxFpr() : 0.0);
}

void EvaluatePage::setResult(const EvalResult &result)
{
    showResult(std::make_shared<const EvalResult>(result));
}

double EvaluatePage::runMaxFpr() const
{
    // The run's own budget (a small YAML file), so the page names the metric it reports.
    if (const auto *run = m_runs->find(m_job->runId())) {
        const auto read = pulc::engine::readConfigFile(run->dir + "/config.yml");
        if (read.ok())
            return read.config.maxFpr;
    }
    return pulc::engine::TrainConfig().maxFpr;
}

void EvaluatePage::showResult(std::shared_ptr<const EvalResult> result)
{
    m_result = std::move(result);
    const EvalResult &r = *m_result;
    m_multiLabel = r.confusion.empty();
    const bool binary = !m_multiLabel && r.classNames.size() == 2;
    m_classModel->setResult(m_multiLabel ? nullptr : m_result);
    m_attributeModel->setResult(m_multiLabel ? m_result : nullptr);
    m_confusionModel->setResult(m_multiLabel ? nullptr : m_result);
    m_cellModel->clear();
    m_cellTitle->setText(tr("Click a cell of the matrix to see its images."));
    const std::vector<int> missed = EvaluateSampleModel::misclassified(r);
    m_missModel->setSamples(m_result, missed);

    // Tabs depend on the task: attributes for multi-label, a threshold for binary.
    m_tabs->setTabVisible(m_tabs->indexOf(m_classTab), !m_multiLabel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_matrixTab), !m_multiLabel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_attributeTab), m_multiLabel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_thresholdPanel), binary);
    m_tabs->setTabText(m_tabs->indexOf(m_missTab),
                       tr("Misclassified (%1)").arg(QLocale().toString(qlonglong(missed.size()))));
    if (binary) {
        m_thresholdPanel->setResult(r);
        m_thresholdPanel->setMaxFpr(runMaxFpr());
    }
    if (!m_tabs->isTabVisible(m_tabs->currentIndex()))
        m_tabs->setCurrentIndex(m_tabs->indexOf(m_multiLabel ? m_attributeTab : m_classTab));

    // Columns of one width, enough for the longest class name (so the matrix reads as a grid).
    int side = fontMetrics().horizontalAdvance(QStringLiteral("00000")) + 16;
    for (const std::string &name : r.classNames)
        side = std::max(side, fontMetrics().horizontalAdvance(QString::fromStdString(name)) + 16);
    side = std::min(side, 140);
    m_matrixView->horizontalHeader()->setDefaultSectionSize(side);
    m_matrixView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_matrixView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    for (int c = 0; c < m_confusionModel->columnCount(); ++c)
        m_matrixView->setColumnWidth(c, side);
    // The whole matrix visible when it fits in two thirds of the tab; the images get the rest.
    const int matrixHeight =
        m_matrixView->horizontalHeader()->sizeHint().height() +
        m_confusionModel->rowCount() * m_matrixView->verticalHeader()->defaultSectionSize() +
        2 * m_matrixView->frameWidth() + fontMetrics().height() + 24;
    const int total = std::max(m_matrixSplitter->height(), 600);
    const int top = std::min(matrixHeight, total * 2 / 3);
    m_matrixSplitter->setSizes({top, total - top});

    updateSummary();
    updateHint();
    m_stack->setCurrentIndex(1);
}

void EvaluatePage::updateSummary()
{
    if (!m_result) {
        m_summary->clear();
        return;
    }
    const EvalResult &r = *m_result;
    const QString key = QString::fromStdString(r.mainMetric);
    const double main = m_multiLabel ? m_attributeModel->meanAccuracy() : r.mainValue;
    qlonglong failed = 0;
    for (const auto &s : r.samples)
        failed += s.failed;
    const auto metric = [&](const char *name) {
        auto it = r.metrics.find(name);
        return it == r.metrics.end() ? -1.0 : it->second;
    };
    QStringList parts;
    parts << tr("<span style='font-size:x-large'><b>%1 %2</b></span>")
                 .arg(metricName(key).toHtmlEscaped(), percent(main));
    if (m_multiLabel && std::abs(main - r.mainValue) > 1e-9)
        parts << tr("(%1 at the model's threshold)").arg(percent(r.mainValue));
    if (!m_multiLabel && key != QLatin1String("top1") && metric("top1") >= 0)
        parts << tr("Accuracy %1").arg(percent(metric("top1")));
    if (metric("top5") >= 0)
        parts << tr("Top-5 %1").arg(percent(metric("top5")));
    if (metric("macro_f1") >= 0)
        parts << tr("Macro F1 %1").arg(percent(metric("macro_f1")));
    const qlonglong images = qlonglong(r.samples.size()) - failed;
    parts << tr("Images: %1").arg(QLocale().toString(images));
    if (failed > 0)
        parts << tr("<span style='color:#c0392b'>Skipped (unreadable): %1</span>")
                     .arg(QLocale().toString(failed));
    parts << tr("%1 split").arg(m_splitBox->currentText().toHtmlEscaped());
    m_summary->setText(parts.join(QStringLiteral(" &nbsp;·&nbsp; ")));
}

QString EvaluatePage::summaryText() const
{
    QString text = m_summary->text();
    text.replace(QStringLiteral("&nbsp;"), QStringLiteral(" "));
    text.remove(QRegularExpression(QStringLiteral("<[^>]*>")));
    return text.simplified();
}

void EvaluatePage::updateHint()
{
    const auto &classes = m_session->classes();
    QStringList keys;
    for (int i = 0; i < classes.size() && i < 10; ++i)
        keys << QStringLiteral("%1 = %2").arg(labelingKey(i), classes.at(i).name.toHtmlEscaped());
    QString hint = tr("Select images and press a key to relabel them: %1")
                       .arg(keys.join(QStringLiteral(", ")));
    if (!m_multiLabel)
        hint += tr("; P accepts the prediction");
    hint += tr(". Ctrl+Z undoes. Relabelled images stay here, marked.");
    m_missHint->setText(hint);
    m_cellHint->setText(hint);
}

void EvaluatePage::showCell(int trueClass, int predicted)
{
    if (!m_result || m_multiLabel)
        return;
    const auto &names = m_result->classNames;
    if (trueClass < 0 || predicted < 0 || size_t(trueClass) >= names.size() ||
        size_t(predicted) >= names.size())
        return;
    std::vector<int> samples = m_confusionModel->samplesAt(trueClass, predicted);
    m_cellTitle->setText(tr("“%1” predicted as “%2” (images: %3, highest loss first)")
                             .arg(QString::fromStdString(names[size_t(trueClass)]),
                                  QString::fromStdString(names[size_t(predicted)]),
                                  QLocale().toString(qlonglong(samples.size()))));
    m_cellModel->setSamples(m_result, std::move(samples));
}

bool EvaluatePage::relabel(QListView *view, int classPosition)
{
    auto *model = static_cast<EvaluateSampleModel *>(view->model());
    const std::vector<qint64> ids = model->sampleIds(view->selectionModel()->selectedIndexes());
    if (ids.empty() || !labelSamplesByPosition(m_session, ids, classPosition))
        return false;
    return true;
}

bool EvaluatePage::acceptPrediction(QListView *view)
{
    if (m_multiLabel || !m_result)
        return false;
    auto *model = static_cast<EvaluateSampleModel *>(view->model());
    bool changed = false;
    const QModelIndexList selected = view->selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected) {
        const int predicted = index.data(EvaluateSampleModel::PredictedIndexRole).toInt();
        if (predicted < 0 || size_t(predicted) >= m_result->classNames.size())
            continue;
        const QString name = QString::fromStdString(m_result->classNames[size_t(predicted)]);
        for (const auto &c : m_session->classes()) {
            if (c.name == name)
                changed |= labelSamples(m_session, {model->sampleId(index.row())}, c.id);
        }
    }
    return changed;
}

bool EvaluatePage::eventFilter(QObject *watched, QEvent *event)
{
    auto *view = qobject_cast<QListView *>(watched);
    if (event->type() != QEvent::KeyPress || (view != m_missView && view != m_cellView))
        return QWidget::eventFilter(watched, event);
    auto *key = static_cast<QKeyEvent *>(event);
    const int position = labelingKeyPosition(key);
    if (position >= 0) {
        relabel(view, position);
        return true;
    }
    if (key->key() == Qt::Key_P && !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        acceptPrediction(view);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void EvaluatePage::contextMenu(QListView *view, const QPoint &pos)
{
    const QModelIndex at = view->indexAt(pos);
    if (!at.isValid())
        return;
    if (!view->selectionModel()->isSelected(at))
        view->selectionModel()->select(at, QItemSelectionModel::ClearAndSelect);
    QMenu menu(this);
    if (!m_multiLabel) {
        const QString predicted = at.data(EvaluateSampleModel::PredictedLabelRole).toString();
        menu.addAction(tr("Accept the prediction (%1)").arg(predicted), this,
                       [this, view] { acceptPrediction(view); })
            ->setShortcut(QKeySequence(Qt::Key_P));
    }
    QMenu *relabelMenu = menu.addMenu(m_multiLabel ? tr("Toggle attribute") : tr("Relabel as"));
    const auto &classes = m_session->classes();
    for (int i = 0; i < classes.size(); ++i) {
        QAction *action =
            relabelMenu->addAction(classes.at(i).name, this, [this, view, i] { relabel(view, i); });
        const QString key = labelingKey(i);
        if (!key.isEmpty())
            action->setShortcut(QKeySequence(key));
    }
    menu.exec(view->viewport()->mapToGlobal(pos));
}

} // namespace pulc::ui
