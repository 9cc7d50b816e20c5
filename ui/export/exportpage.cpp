#include "ui/export/exportpage.h"

#include "ui/common/latestjob.h"
#include "ui/predict/predictjob.h"
#include "ui/project/projectruns.h"
#include "ui/project/projectsession.h"

#include <engine/bundle.h>
#include <engine/pretrained.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace pulc::ui {

namespace {

QString stageText(const std::string &stage)
{
    if (stage == "onnx")
        return ExportPage::tr("Writing the ONNX model…");
    if (stage == "parity")
        return ExportPage::tr("Checking the exported model against the native predictor…");
    if (stage == "latency")
        return ExportPage::tr("Measuring the latency…");
    if (stage == "pdparams")
        return ExportPage::tr("Writing the PaddleClas weights…");
    if (stage == "files")
        return ExportPage::tr("Writing the model card and the example…");
    return QString::fromStdString(stage);
}

/// A folder name made of the run's name: letters, digits, '-', '_' and '.'.
QString folderSafe(const QString &name)
{
    QString out;
    for (const QChar c : name)
        out += c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u'.' ? c : QChar(u'_');
    return out.isEmpty() ? QStringLiteral("model") : out;
}

/// PaddleClas weights with `pulc export --format pdparams`'s call, in ExportResult's terms.
pulc::engine::ExportResult exportPaddle(const std::string &project, const std::string &run,
                                        const std::string &folder)
{
    pulc::engine::ExportResult result;
    pulc::engine::PdparamsExport written;
    result.ok = pulc::engine::exportRunPdparams(project, run, folder, &written, &result.error);
    for (const std::string &file : {written.file, written.labels, written.config}) {
        if (!file.empty())
            result.files.push_back(
                QFileInfo(QString::fromStdString(file)).fileName().toStdString());
    }
    return result;
}

} // namespace

ExportPage::ExportPage(ProjectSession *session, ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_runs(runs)
    , m_job(new LatestJob(this))
{
    setObjectName(QStringLiteral("ExportPage"));
    auto *title = new QLabel(tr("Export"), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    title->setFont(big);
    auto *intro = new QLabel(tr("Write a trained model in a form that deploys anywhere: an ONNX "
                                "model with PaddleClas-style pre- and post-processing, a model "
                                "card, and a C++ example that runs it with OpenCV. The exported "
                                "model is checked against this app's own predictor on the "
                                "validation images."),
                             this);
    intro->setWordWrap(true);

    m_runCombo = new QComboBox(this);
    m_runCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_runCombo->setToolTip(tr("The trained run to export"));
    m_bundleButton = new QRadioButton(
        tr("Deployment bundle: ONNX, inference.yml, labels, model card, C++ example and a "
           "LibTorch checkpoint"),
        this);
    m_checkpointButton = new QRadioButton(tr("LibTorch checkpoint only"), this);
    m_paddleButton = new QRadioButton(
        tr("PaddleClas weights (.pdparams) and a PaddleClas config, to fine-tune or deploy with "
           "PaddleClas's own tools"),
        this);
    m_bundleButton->setChecked(true);
    m_bundleButton->setObjectName(QStringLiteral("bundleFormat"));
    m_checkpointButton->setObjectName(QStringLiteral("checkpointFormat"));
    m_paddleButton->setObjectName(QStringLiteral("paddleFormat"));
    m_folderEdit = new QLineEdit(this);
    m_folderEdit->setPlaceholderText(tr("Folder to create"));
    m_browseButton = new QPushButton(tr("Browse…"), this);
    m_parityCheck = new QCheckBox(tr("Check the exported model on the validation images (fails "
                                     "below 99.9% agreement)"),
                                  this);
    m_parityCheck->setChecked(true);

    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folderEdit, 1);
    folderRow->addWidget(m_browseButton);
    auto *formatBox = new QVBoxLayout;
    formatBox->addWidget(m_bundleButton);
    formatBox->addWidget(m_checkpointButton);
    formatBox->addWidget(m_paddleButton);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow); // the folder field, not the rest
    form->addRow(tr("Model:"), m_runCombo);
    form->addRow(tr("Format:"), formatBox);
    form->addRow(tr("Folder:"), folderRow);
    form->addRow(QString(), m_parityCheck);

    m_exportButton = new QPushButton(tr("Export"), this);
    m_exportButton->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return));
    m_exportButton->setToolTip(tr("Export the selected run (Ctrl+Return)"));
    m_exportButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setShortcut(QKeySequence(Qt::Key_Escape));
    m_openButton = new QPushButton(tr("Open Folder"), this);
    m_progress = new QProgressBar(this);
    m_progress->setTextVisible(false);
    m_stage = new QLabel(this);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_exportButton);
    buttons->addWidget(m_cancelButton);
    buttons->addWidget(m_openButton);
    buttons->addWidget(m_progress, 1);
    buttons->addStretch(1);

    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_error->hide();
    m_result = new QTextBrowser(this);
    m_result->setOpenExternalLinks(false);
    m_result->setPlaceholderText(tr("The parity check, the latency and the files appear here."));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addSpacing(6);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_stage);
    layout->addWidget(m_error);
    layout->addWidget(m_result, 1);

    connect(m_runs, &ProjectRuns::changed, this, &ExportPage::refreshRuns);
    connect(m_runCombo, &QComboBox::currentIndexChanged, this, &ExportPage::suggestFolder);
    for (QRadioButton *button : {m_bundleButton, m_checkpointButton, m_paddleButton})
        connect(button, &QRadioButton::toggled, this, [this](bool on) {
            if (!on)
                return;
            m_parityCheck->setEnabled(m_bundleButton->isChecked());
            suggestFolder();
        });
    connect(m_folderEdit, &QLineEdit::textEdited, this, [this] { m_folderEdited = true; });
    connect(m_folderEdit, &QLineEdit::textChanged, this, &ExportPage::updateActions);
    connect(m_browseButton, &QPushButton::clicked, this, &ExportPage::browse);
    connect(m_exportButton, &QPushButton::clicked, this, [this] { startExport(); });
    connect(m_cancelButton, &QPushButton::clicked, this, &ExportPage::cancel);
    connect(m_openButton, &QPushButton::clicked, this,
            [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastFolder)); });
    refreshRuns();
    setBusy(false);
}

ExportPage::~ExportPage()
{
    // The export writes into a folder and a temporary one beside it: let it clean up.
    m_job->cancel();
    m_job->waitForDone();
}

void ExportPage::refreshRuns()
{
    const qint64 previous = m_pendingRunId ? m_pendingRunId : currentRunId();
    const auto usable = m_runs->usableRuns();
    {
        const QSignalBlocker blocker(m_runCombo);
        m_runCombo->clear();
        for (const auto &run : usable)
            m_runCombo->addItem(QStringLiteral("%1 · %2").arg(QString::fromStdString(run.name),
                                                              QString::fromStdString(run.model)),
                                QVariant::fromValue(qint64(run.id)));
        const int found = m_runCombo->findData(QVariant::fromValue(previous));
        m_runCombo->setCurrentIndex(found >= 0 ? found : (usable.empty() ? -1 : 0));
        if (found >= 0)
            m_pendingRunId = 0;
    }
    suggestFolder();
    updateActions();
}

void ExportPage::showRun(qint64 runId)
{
    const int found = m_runCombo->findData(QVariant::fromValue(runId));
    if (found < 0) {
        m_pendingRunId = runId;
        m_runs->refresh();
        return;
    }
    m_pendingRunId = 0;
    m_runCombo->setCurrentIndex(found);
}

qint64 ExportPage::currentRunId() const
{
    return m_runCombo->currentData().toLongLong();
}

void ExportPage::suggestFolder()
{
    if (m_folderEdited || currentRunId() == 0 || m_runs->projectDir().isEmpty())
        return;
    const auto *run = m_runs->find(currentRunId());
    const QString name = folderSafe(run ? QString::fromStdString(run->name) : QString());
    const QString suffix = m_bundleButton->isChecked()   ? QStringLiteral("-bundle")
                           : m_paddleButton->isChecked() ? QStringLiteral("-paddle")
                                                         : QStringLiteral("-checkpoint");
    m_folderEdit->setText(
        QDir(m_runs->projectDir()).filePath(QStringLiteral("exports/") + name + suffix));
}

void ExportPage::browse()
{
    const QString parent = QFileDialog::getExistingDirectory(
        this, tr("Folder to export into"), QFileInfo(m_folderEdit->text()).absolutePath());
    if (parent.isEmpty())
        return;
    const auto *run = m_runs->find(currentRunId());
    m_folderEdit->setText(
        QDir(parent).filePath(folderSafe(run ? QString::fromStdString(run->name) : QString())));
    m_folderEdited = true;
}

void ExportPage::startExport(const QString &folder)
{
    if (m_busy || currentRunId() == 0)
        return;
    const QString out = folder.isEmpty() ? m_folderEdit->text().trimmed() : folder;
    if (out.isEmpty()) {
        m_error->setText(tr("Choose a folder to export into."));
        m_error->show();
        return;
    }
    m_error->hide();
    m_result->clear();
    QDir().mkpath(QFileInfo(out).absolutePath());
    pulc::engine::ExportOptions options;
    options.format = m_bundleButton->isChecked()   ? "onnx"
                     : m_paddleButton->isChecked() ? "pdparams"
                                                   : "torch";
    options.outDir = out.toStdString();
    options.threads = std::max(1, kPredictThreads.value());
    options.parity = m_bundleButton->isChecked() && m_parityCheck->isChecked();
    const std::string project = m_runs->projectDir().toStdString();
    const std::string run = std::to_string(currentRunId());
    setBusy(true);
    const bool paddle = m_paddleButton->isChecked();
    m_job->start(
        [this, project, run, options, out, paddle](LatestJob::Token &token) mutable {
            options.progress = [this, &token](const std::string &stage, int done, int total) {
                // Not throttled: a stage's first report names it, and a dropped one would
                // leave the stage before on show.
                token.post([this, stage, done, total] {
                    m_stage->setText(stageText(stage));
                    m_progress->setRange(0, std::max(total, 0));
                    m_progress->setValue(done);
                });
                return !token.aborted();
            };
            pulc::engine::ExportResult result;
            try {
                if (paddle)
                    result = exportPaddle(project, run, out.toStdString());
                else
                    result = pulc::engine::exportRun(project, run, options);
            } catch (const std::exception &e) {
                result.ok = false;
                result.error = e.what();
            }
            return result;
        },
        [this, out](const pulc::engine::ExportResult &result) { finish(result, out); });
}

void ExportPage::cancel()
{
    m_job->cancel();
    m_stage->setText(tr("Cancelling…"));
}

void ExportPage::finish(const pulc::engine::ExportResult &result, const QString &folder)
{
    setBusy(false);
    m_stage->clear();
    QString html;
    if (result.parityChecked) {
        const auto &p = result.parity;
        html += QStringLiteral("<h3>%1</h3><p>").arg(tr("Parity with the native predictor"));
        html += tr("%1 of %2 validation images agree (%3%), largest probability difference %4.")
                    .arg(p.agreeing)
                    .arg(p.images)
                    .arg(100.0 * p.agreement, 0, 'f', 2)
                    .arg(p.maxProbabilityDifference, 0, 'g', 2);
        html += QStringLiteral("</p>");
        if (!p.disagreeing.empty()) {
            html += QStringLiteral("<p>%1</p><ul>").arg(tr("Images that disagree:"));
            for (const std::string &path : p.disagreeing)
                html +=
                    QStringLiteral("<li>%1</li>").arg(QString::fromStdString(path).toHtmlEscaped());
            html += QStringLiteral("</ul>");
        }
    }
    if (result.latencyMs > 0.0)
        html += QStringLiteral("<p>%1</p>")
                    .arg(tr("Latency on this machine: %1 ms per image (median, batch 1).")
                             .arg(result.latencyMs, 0, 'f', 2));
    if (result.ok) {
        m_lastFolder = folder;
        html += QStringLiteral("<h3>%1</h3><p>%2</p><ul>").arg(tr("Files"), folder.toHtmlEscaped());
        for (const std::string &file : result.files)
            html += QStringLiteral("<li>%1</li>").arg(QString::fromStdString(file).toHtmlEscaped());
        html += QStringLiteral("</ul>");
        m_error->hide();
    } else {
        m_error->setText(tr("The export failed: %1").arg(QString::fromStdString(result.error)));
        m_error->show();
    }
    m_result->setHtml(html);
    updateActions();
    Q_EMIT exportFinished(result.ok);
}

void ExportPage::setBusy(bool busy)
{
    m_busy = busy;
    m_progress->setVisible(busy);
    if (busy)
        m_progress->setRange(0, 0);
    updateActions();
}

void ExportPage::updateActions()
{
    const bool hasRun = currentRunId() != 0;
    m_exportButton->setEnabled(!m_busy && hasRun && !m_folderEdit->text().trimmed().isEmpty());
    m_cancelButton->setEnabled(m_busy);
    m_runCombo->setEnabled(!m_busy && m_runCombo->count() > 0);
    m_bundleButton->setEnabled(!m_busy);
    m_checkpointButton->setEnabled(!m_busy);
    m_paddleButton->setEnabled(!m_busy);
    m_folderEdit->setEnabled(!m_busy);
    m_browseButton->setEnabled(!m_busy);
    m_openButton->setEnabled(!m_busy && !m_lastFolder.isEmpty());
    if (!hasRun && !m_busy)
        m_stage->setText(m_session->hasProject()
                             ? tr("There is no trained model yet: train one on the Train page.")
                             : tr("Open a project and train a model first."));
    else if (!m_busy)
        m_stage->clear();
}

QString ExportPage::resultText() const
{
    return m_result->toPlainText();
}

QString ExportPage::errorText() const
{
    return m_error->isVisible() || !m_error->isHidden() ? m_error->text() : QString();
}

} // namespace pulc::ui
