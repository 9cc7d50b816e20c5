#include "ui/evaluate/evaluatepage.h"

#include "ui/common/thumbnailloader.h"
#include "ui/data/labeling.h"
#include "ui/evaluate/attributemetricsmodel.h"
#include "ui/evaluate/attributemetricstab.h"
#include "ui/evaluate/binarythresholdpanel.h"
#include "ui/evaluate/classmetricstab.h"
#include "ui/evaluate/confusionmatrixtab.h"
#include "ui/evaluate/evaluatejob.h"
#include "ui/evaluate/evaluatesamplegrid.h"
#include "ui/evaluate/evaluatetext.h"
#include "ui/evaluate/misclassifiedtab.h"
#include "ui/project/projectruns.h"
#include "ui/project/projectsession.h"

#include <engine/configfile.h>

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThread>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {

using pulc::engine::EvalResult;

namespace {

QString percent(double v)
{
    return QLocale().toString(100.0 * v, 'f', 1) + u'%';
}

} // namespace

EvaluatePage::EvaluatePage(ProjectSession *session, ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_runs(runs)
    , m_job(new EvaluateJob(this))
    , m_loader(new ThumbnailLoader(this))
{
    m_loader->setDisplaySize(EvaluateSampleGrid::kThumbnailSize);
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
    m_classTab = new ClassMetricsTab(this);
    m_attributeTab = new AttributeMetricsTab(this);
    connect(m_attributeTab->metricsModel(), &AttributeMetricsModel::thresholdsChanged, this,
            &EvaluatePage::updateSummary);
    m_matrixTab = new ConfusionMatrixTab(m_session, m_loader, this);
    m_missTab = new MisclassifiedTab(m_session, m_loader, this);
    m_thresholdPanel = new BinaryThresholdPanel(this);

    m_tabs->addTab(m_classTab, tr("Per class"));
    m_tabs->addTab(m_attributeTab, tr("Attributes"));
    m_tabs->addTab(m_matrixTab, tr("Confusion matrix"));
    m_tabs->addTab(m_missTab, tr("Misclassified"));
    m_tabs->addTab(m_thresholdPanel, tr("Threshold"));
    return m_tabs;
}

ClassMetricsModel *EvaluatePage::classMetricsModel() const
{
    return m_classTab->metricsModel();
}

ConfusionMatrixModel *EvaluatePage::confusionModel() const
{
    return m_matrixTab->confusionModel();
}

EvaluateSampleModel *EvaluatePage::misclassifiedModel() const
{
    return m_missTab->sampleModel();
}

EvaluateSampleModel *EvaluatePage::cellModel() const
{
    return m_matrixTab->cellModel();
}

AttributeMetricsModel *EvaluatePage::attributeModel() const
{
    return m_attributeTab->metricsModel();
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
    m_classTab->setResult(nullptr);
    m_attributeTab->setResult(nullptr);
    m_matrixTab->clear();
    m_missTab->clear();
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
    m_classTab->setResult(m_multiLabel ? nullptr : m_result);
    m_attributeTab->setResult(m_multiLabel ? m_result : nullptr);
    m_matrixTab->setResult(m_result);
    m_missTab->setResult(m_result);

    // Tabs depend on the task: attributes for multi-label, a threshold for binary.
    m_tabs->setTabVisible(m_tabs->indexOf(m_classTab), !m_multiLabel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_matrixTab), !m_multiLabel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_attributeTab), m_multiLabel);
    m_tabs->setTabVisible(m_tabs->indexOf(m_thresholdPanel), binary);
    m_tabs->setTabText(m_tabs->indexOf(m_missTab),
                       tr("Misclassified (%1)").arg(QLocale().toString(m_missTab->count())));
    if (binary) {
        m_thresholdPanel->setResult(r);
        m_thresholdPanel->setMaxFpr(runMaxFpr());
    }
    if (!m_tabs->isTabVisible(m_tabs->currentIndex()))
        m_tabs->setCurrentIndex(m_multiLabel ? m_tabs->indexOf(m_attributeTab)
                                             : m_tabs->indexOf(m_classTab));

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
    const double main = m_multiLabel ? m_attributeTab->metricsModel()->meanAccuracy() : r.mainValue;
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
    m_missTab->setHint(hint);
    m_matrixTab->setHint(hint);
}

void EvaluatePage::showCell(int trueClass, int predicted)
{
    m_matrixTab->showCell(trueClass, predicted);
}

} // namespace pulc::ui
