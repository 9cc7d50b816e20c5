#include "ui/import/importdialog.h"

#include "ui/import/importpreviewview.h"
#include "ui/import/importreportview.h"
#include "ui/import/importtext.h"
#include "ui/project/datasetwriter.h"
#include "ui/project/projectsession.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QSet>
#include <QStackedWidget>
#include <QStyle>
#include <QUrl>
#include <QVBoxLayout>

namespace pulc::ui {

using namespace pulc::dataset;

namespace {

constexpr ImportFormat kFormats[] = {ImportFormat::Auto,       ImportFormat::Folders,
                                     ImportFormat::PaddleList, ImportFormat::Csv,
                                     ImportFormat::Unlabeled,  ImportFormat::Idx};

QString red(const QString &html)
{
    return QStringLiteral("<span style='color:#c62828'>%1</span>").arg(html);
}

} // namespace

ImportDialog::ImportDialog(ProjectSession *session, const QStringList &sources, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_importJob(new ImportJob(this))
    , m_pages(new QStackedWidget(this))
{
    setWindowTitle(tr("Import Images"));
    m_pages->addWidget(buildSetupPage());
    m_pages->addWidget(buildProgressPage());
    m_report = new ImportReportView(this);
    m_pages->addWidget(m_report);

    m_importButton = new QPushButton(tr("Import"), this);
    m_importButton->setObjectName(QStringLiteral("importButton"));
    m_importButton->setDefault(true);
    m_cancelButton = new QPushButton(tr("Cancel"), this);
    m_cancelButton->setObjectName(QStringLiteral("cancelButton"));
    m_saveButton = new QPushButton(tr("Save Report…"), this);
    m_saveButton->setObjectName(QStringLiteral("saveReportButton"));
    m_closeButton = new QPushButton(tr("Close"), this);
    m_closeButton->setObjectName(QStringLiteral("closeButton"));
    connect(m_importButton, &QPushButton::clicked, this, &ImportDialog::startImport);
    connect(m_cancelButton, &QPushButton::clicked, this, &ImportDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &ImportDialog::saveReportAs);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::accept);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    for (QPushButton *b : {m_saveButton, m_importButton, m_cancelButton, m_closeButton})
        buttons->addWidget(b);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_pages, 1);
    layout->addLayout(buttons);

    connect(m_importJob, &ImportJob::progressChanged, this, &ImportDialog::importProgress);
    connect(m_importJob, &ImportJob::importFinished, this, &ImportDialog::importDone);

    resize(860, 700);
    setStage(Stage::Setup);
    addSources(sources);
    updateState();
}

ImportDialog::~ImportDialog() = default;

QStringList ImportDialog::importablePaths(const QMimeData *mime)
{
    QStringList paths;
    if (!mime || !mime->hasUrls())
        return paths;
    for (const QUrl &url : mime->urls()) {
        if (!url.isLocalFile())
            continue;
        const QFileInfo fi(url.toLocalFile());
        if (!fi.exists() || !(fi.isDir() || fi.isFile()))
            continue;
        const QString path = QDir::cleanPath(fi.absoluteFilePath());
        if (!paths.contains(path))
            paths.append(path);
    }
    return paths;
}

QWidget *ImportDialog::buildSetupPage()
{
    auto *page = new QWidget(this);

    auto *sourcesBox = new QGroupBox(tr("Sources"), page);
    m_sourceList = new QListWidget(sourcesBox);
    m_sourceList->setObjectName(QStringLiteral("sourceList"));
    m_sourceList->setMaximumHeight(m_sourceList->fontMetrics().height() * 6);
    auto *addFolder = new QPushButton(tr("Add Folder…"), sourcesBox);
    auto *addFiles = new QPushButton(tr("Add Files…"), sourcesBox);
    m_removeButton = new QPushButton(tr("Remove"), sourcesBox);
    connect(addFolder, &QPushButton::clicked, this, &ImportDialog::addFolder);
    connect(addFiles, &QPushButton::clicked, this, &ImportDialog::addFiles);
    connect(m_removeButton, &QPushButton::clicked, this,
            [this] { removeSource(m_sourceList->currentRow()); });
    connect(m_sourceList, &QListWidget::currentRowChanged, this, &ImportDialog::selectSource);
    auto *sourceButtons = new QVBoxLayout;
    sourceButtons->addWidget(addFolder);
    sourceButtons->addWidget(addFiles);
    sourceButtons->addWidget(m_removeButton);
    sourceButtons->addStretch(1);
    auto *sourcesLayout = new QHBoxLayout(sourcesBox);
    sourcesLayout->addWidget(m_sourceList, 1);
    sourcesLayout->addLayout(sourceButtons);

    auto *optionsBox = new QGroupBox(tr("Options for the selected source"), page);
    m_format = new QComboBox(optionsBox);
    m_format->setObjectName(QStringLiteral("formatCombo"));
    m_format->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    for (ImportFormat f : kFormats)
        m_format->addItem(ImportText::formatName(f), int(f));
    m_detected = new QLabel(optionsBox);
    m_detected->setObjectName(QStringLiteral("detectedLabel"));
    m_detected->setWordWrap(true);
    auto *formatRow = new QHBoxLayout;
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_detected, 1);

    m_classMap = new QLineEdit(optionsBox);
    m_classMap->setObjectName(QStringLiteral("classMapEdit"));
    m_classMap->setPlaceholderText(tr("Optional: a text file with “id name” on each line"));
    m_classMapBrowse = new QPushButton(tr("Browse…"), optionsBox);
    auto *classMapRow = new QHBoxLayout;
    classMapRow->addWidget(m_classMap, 1);
    classMapRow->addWidget(m_classMapBrowse);
    m_root = new QLineEdit(optionsBox);
    m_root->setObjectName(QStringLiteral("rootEdit"));
    m_root->setPlaceholderText(tr("Default: the folder of the list file"));
    m_rootBrowse = new QPushButton(tr("Browse…"), optionsBox);
    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(m_root, 1);
    rootRow->addWidget(m_rootBrowse);
    m_split = new QComboBox(optionsBox);
    m_split->setObjectName(QStringLiteral("splitCombo"));
    m_split->addItem(tr("As the source says"), -1);
    for (Split s : kSplits)
        m_split->addItem(tr("All into %1").arg(ImportText::splitName(s)), int(s));
    m_copy = new QCheckBox(tr("Copy the images into the project folder"), optionsBox);
    m_copy->setObjectName(QStringLiteral("copyCheck"));
    m_copy->setToolTip(tr("Without copying, the project refers to the images where they are."));

    auto *form = new QFormLayout(optionsBox);
    auto label = [optionsBox](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, optionsBox);
        l->setBuddy(buddy);
        return l;
    };
    form->addRow(label(tr("&Format:"), m_format), formatRow);
    form->addRow(label(tr("Class &map:"), m_classMap), classMapRow);
    form->addRow(label(tr("&Root folder:"), m_root), rootRow);
    form->addRow(label(tr("&Split:"), m_split), m_split);
    form->addRow(QString(), m_copy);
    connect(m_format, &QComboBox::currentIndexChanged, this, &ImportDialog::optionsEdited);
    connect(m_split, &QComboBox::currentIndexChanged, this, &ImportDialog::optionsEdited);
    connect(m_copy, &QCheckBox::toggled, this, &ImportDialog::optionsEdited);
    connect(m_classMap, &QLineEdit::editingFinished, this, &ImportDialog::optionsEdited);
    connect(m_root, &QLineEdit::editingFinished, this, &ImportDialog::optionsEdited);
    connect(m_classMapBrowse, &QPushButton::clicked, this, &ImportDialog::browseClassMap);
    connect(m_rootBrowse, &QPushButton::clicked, this, &ImportDialog::browseRoot);

    m_preview = new ImportPreviewView(page);

    m_status = new QLabel(page);
    m_status->setObjectName(QStringLiteral("statusLabel"));
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(sourcesBox);
    layout->addWidget(optionsBox);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);
    return page;
}

QWidget *ImportDialog::buildProgressPage()
{
    auto *page = new QWidget(this);
    m_progressSource = new QLabel(page);
    m_progressSource->setWordWrap(true);
    m_progressPhase = new QLabel(page);
    m_progressPhase->setObjectName(QStringLiteral("progressPhase"));
    m_progressBar = new QProgressBar(page);
    m_progressBar->setObjectName(QStringLiteral("progressBar"));
    auto *note = new QLabel(
        tr("Each source is imported all or nothing: Cancel adds nothing from the source being "
           "imported."),
        page);
    note->setWordWrap(true);
    note->setEnabled(false);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(1);
    layout->addWidget(m_progressSource);
    layout->addWidget(m_progressPhase);
    layout->addWidget(m_progressBar);
    layout->addWidget(note);
    layout->addStretch(2);
    return page;
}

void ImportDialog::setStage(Stage stage)
{
    m_stage = stage;
    m_pages->setCurrentIndex(int(stage));
    m_importButton->setVisible(stage == Stage::Setup);
    m_cancelButton->setVisible(stage != Stage::Report);
    m_saveButton->setVisible(stage == Stage::Report);
    m_closeButton->setVisible(stage == Stage::Report);
    if (stage == Stage::Report)
        m_closeButton->setDefault(true);
}

void ImportDialog::addSources(const QStringList &paths)
{
    for (const QString &path : paths) {
        const QString clean = QDir::cleanPath(QFileInfo(path).absoluteFilePath());
        const bool known = std::any_of(m_sources.begin(), m_sources.end(),
                                       [&](const Source &s) { return s.request.source == clean; });
        if (known)
            continue;
        Source s;
        s.request = defaultImportRequest(clean);
        s.job = new ImportJob(this);
        connect(s.job, &ImportJob::previewFinished, this,
                [this, job = s.job](const ImportPreview &p) { previewArrived(job, p); });
        m_sources.push_back(s);
        auto *item = new QListWidgetItem(m_sourceList);
        item->setToolTip(QDir::toNativeSeparators(clean));
        updateSourceItem(sourceCount() - 1);
        startPreview(sourceCount() - 1);
    }
    if (m_current < 0 && sourceCount() > 0)
        m_sourceList->setCurrentRow(0);
    else if (!paths.isEmpty())
        m_sourceList->setCurrentRow(sourceCount() - 1);
    updateState();
}

void ImportDialog::removeSource(int index)
{
    if (index < 0 || index >= sourceCount() || m_stage != Stage::Setup)
        return;
    // A scan still running is told to stop and deletes its job when it has; nothing waits.
    ImportJob *job = m_sources[size_t(index)].job;
    job->disconnect(this);
    if (job->isRunning()) {
        job->cancel();
        connect(job, &ImportJob::previewFinished, job, &QObject::deleteLater);
    } else {
        delete job;
    }
    m_sources.erase(m_sources.begin() + index);
    m_current = -1;
    delete m_sourceList->takeItem(index);
    countOverlaps();
    for (int i = 0; i < sourceCount(); ++i)
        updateSourceItem(i);
    selectSource(m_sourceList->currentRow());
    updateState();
    if (previewsReady())
        Q_EMIT previewsFinished();
}

ImportRequest ImportDialog::request(int index) const
{
    return m_sources.at(size_t(index)).request;
}

void ImportDialog::setRequest(int index, const ImportRequest &request)
{
    if (index < 0 || index >= sourceCount() || m_stage != Stage::Setup)
        return;
    m_sources[size_t(index)].request = request;
    if (index == m_current)
        showOptions();
    startPreview(index);
}

const ImportPreview *ImportDialog::preview(int index) const
{
    const auto &p = m_sources.at(size_t(index)).preview;
    return p ? &*p : nullptr;
}

ImportFormat ImportDialog::detectedFormat(int index) const
{
    return m_sources.at(size_t(index)).detected;
}

bool ImportDialog::previewsReady() const
{
    return std::all_of(m_sources.begin(), m_sources.end(),
                       [](const Source &s) { return s.preview.has_value(); });
}

void ImportDialog::startPreview(int index)
{
    Source &s = m_sources[size_t(index)];
    s.preview.reset();
    s.job->preview(m_session->dir(), s.request);
    countOverlaps();
    updateSourceItem(index);
    if (index == m_current)
        showPreview();
    updateState();
}

void ImportDialog::previewArrived(ImportJob *job, const ImportPreview &preview)
{
    const auto it = std::find_if(m_sources.begin(), m_sources.end(),
                                 [job](const Source &s) { return s.job == job; });
    if (it == m_sources.end() || preview.cancelled)
        return;
    const int index = int(it - m_sources.begin());
    it->preview = preview;
    if (preview.requested == ImportFormat::Auto) {
        it->detected = preview.format;
        it->detectionProblem = preview.detectionProblem;
        it->detectionDone = true;
    }
    countOverlaps();
    for (int i = 0; i < sourceCount(); ++i)
        updateSourceItem(i);
    if (index == m_current) {
        showOptions(); // the detected format names the automatic choice
        showPreview();
    }
    updateState();
    if (previewsReady())
        Q_EMIT previewsFinished();
}

void ImportDialog::selectSource(int index)
{
    m_current = index;
    showOptions();
    showPreview();
}

ImportFormat ImportDialog::effectiveFormat(int index) const
{
    const Source &s = m_sources.at(size_t(index));
    return s.request.format == ImportFormat::Auto ? s.detected : s.request.format;
}

void ImportDialog::showOptions()
{
    m_loadingOptions = true;
    const bool has = m_current >= 0 && m_current < sourceCount();
    for (QWidget *w : std::initializer_list<QWidget *>{m_format, m_classMap, m_root, m_split,
                                                       m_copy, m_removeButton})
        w->setEnabled(has);
    if (!has) {
        m_detected->clear();
        m_loadingOptions = false;
        return;
    }
    const Source &s = m_sources[size_t(m_current)];
    const ImportFormat format = effectiveFormat(m_current);
    m_format->setItemText(0, s.detectionDone && s.detected != ImportFormat::Auto
                                 ? tr("Automatic: %1").arg(ImportText::formatName(s.detected))
                                 : ImportText::formatName(ImportFormat::Auto));
    m_format->setCurrentIndex(m_format->findData(int(s.request.format)));
    if (!s.detectionDone)
        m_detected->setText(tr("Detecting the format…"));
    else if (s.detected == ImportFormat::Auto)
        m_detected->setText(red(tr("The format could not be detected: %1 Choose one.")
                                    .arg(s.detectionProblem.toHtmlEscaped())));
    else
        m_detected->setText(tr("Detected: %1").arg(ImportText::formatName(s.detected)));
    const bool usesMap = format == ImportFormat::PaddleList || format == ImportFormat::Idx;
    const bool usesRoot = format == ImportFormat::PaddleList || format == ImportFormat::Csv;
    m_classMap->setText(QDir::toNativeSeparators(s.request.classMapFile));
    m_classMap->setEnabled(usesMap);
    m_classMapBrowse->setEnabled(usesMap);
    m_root->setText(QDir::toNativeSeparators(s.request.root));
    m_root->setEnabled(usesRoot);
    m_rootBrowse->setEnabled(usesRoot);
    m_split->setCurrentIndex(m_split->findData(s.request.split ? int(*s.request.split) : -1));
    // IDX images exist only inside the IDX file: they are always written into the project.
    m_copy->setChecked(s.request.copy || format == ImportFormat::Idx);
    m_copy->setEnabled(format != ImportFormat::Idx);
    m_loadingOptions = false;
}

void ImportDialog::optionsEdited()
{
    if (m_loadingOptions || m_current < 0 || m_current >= sourceCount())
        return;
    ImportRequest r = m_sources[size_t(m_current)].request;
    r.format = ImportFormat(m_format->currentData().toInt());
    r.classMapFile = QDir::fromNativeSeparators(m_classMap->text().trimmed());
    r.root = QDir::fromNativeSeparators(m_root->text().trimmed());
    const int split = m_split->currentData().toInt();
    r.split = split < 0 ? std::nullopt : std::optional<Split>(Split(split));
    r.copy = m_copy->isEnabled() ? m_copy->isChecked() : m_sources[size_t(m_current)].request.copy;
    const ImportRequest &old = m_sources[size_t(m_current)].request;
    if (r.format == old.format && r.classMapFile == old.classMapFile && r.root == old.root &&
        r.split == old.split && r.copy == old.copy)
        return; // e.g. editingFinished without an edit
    setRequest(m_current, r);
}

void ImportDialog::showPreview()
{
    if (m_current < 0 || m_current >= sourceCount()) {
        m_preview->showMessage(
            tr("Add a folder or a file to import: a folder per class, a PaddleClas list, a CSV "
               "file, a folder of unlabeled images or MNIST IDX files."));
        return;
    }
    const Source &s = m_sources[size_t(m_current)];
    if (!s.preview)
        m_preview->showMessage(tr("Reading the source…"));
    else
        m_preview->showPreview(*s.preview, s.overlap);
}

void ImportDialog::updateSourceItem(int index)
{
    QListWidgetItem *item = m_sourceList->item(index);
    if (!item)
        return;
    const Source &s = m_sources[size_t(index)];
    const QLocale locale;
    QString state;
    QStyle::StandardPixmap icon =
        QFileInfo(s.request.source).isDir() ? QStyle::SP_DirIcon : QStyle::SP_FileIcon;
    if (!s.preview) {
        state = tr("reading…");
    } else if (!s.preview->error.isEmpty()) {
        state = tr("cannot be imported");
        icon = QStyle::SP_MessageBoxWarning;
    } else {
        state = tr("%1, %2 images to add")
                    .arg(ImportText::formatName(s.preview->format),
                         locale.toString(s.preview->toAdd - s.overlap));
    }
    item->setIcon(style()->standardIcon(icon));
    item->setText(
        QStringLiteral("%1  —  %2").arg(QDir::toNativeSeparators(s.request.source), state));
}

QString ImportDialog::blockingProblem() const
{
    if (m_session->dir().isEmpty())
        return tr("Open or create a project first.");
    if (m_sources.empty())
        return tr("Add a folder or a file to import.");
    if (!previewsReady())
        return tr("Reading the sources…");
    int toAdd = 0;
    QStringList newClasses;
    for (const Source &s : m_sources) {
        if (!s.preview->error.isEmpty())
            return tr("Remove the sources that cannot be imported, or change their options.");
        toAdd += s.preview->toAdd - s.overlap;
        for (const QString &c : s.preview->newClasses)
            if (!newClasses.contains(c))
                newClasses << c;
    }
    const ImportPreview &first = *m_sources.front().preview;
    const int classes = first.projectClassCount + int(newClasses.size());
    if (first.task == TaskType::Binary && classes > 2)
        return tr("A binary project has two classes; this import would give it %1 (new: %2).")
            .arg(classes)
            .arg(newClasses.join(QStringLiteral(", ")));
    if (toAdd == 0)
        return tr("There is nothing new to import: every image found is already in the "
                  "project.");
    return {};
}

bool ImportDialog::canImport() const
{
    return m_stage == Stage::Setup && blockingProblem().isEmpty();
}

void ImportDialog::countOverlaps()
{
    QSet<QString> earlier;
    for (Source &s : m_sources) {
        s.overlap = 0;
        if (!s.preview)
            continue;
        for (const QString &path : s.preview->paths)
            if (earlier.contains(path))
                ++s.overlap;
        earlier.unite(s.preview->paths);
    }
}

void ImportDialog::updateState()
{
    const QString problem = blockingProblem();
    m_importButton->setEnabled(m_stage == Stage::Setup && problem.isEmpty());
    if (!problem.isEmpty()) {
        const bool busy = !m_sources.empty() && !previewsReady();
        m_status->setText(busy ? problem : red(problem.toHtmlEscaped()));
        return;
    }
    int toAdd = 0;
    for (const Source &s : m_sources)
        toAdd += s.preview->toAdd - s.overlap;
    m_status->setText(
        sourceCount() == 1
            ? tr("Ready: %1 images will be checked and added.").arg(QLocale().toString(toAdd))
            : tr("Ready: %1 images from %2 sources will be checked and added.")
                  .arg(QLocale().toString(toAdd), QLocale().toString(sourceCount())));
}

void ImportDialog::browseClassMap()
{
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Class Map"), QFileInfo(m_sources[size_t(m_current)].request.source).path(),
        tr("Text files (*.txt);;All files (*)"));
    if (file.isEmpty())
        return;
    m_classMap->setText(QDir::toNativeSeparators(file));
    optionsEdited();
}

void ImportDialog::browseRoot()
{
    const QString dir = QFileDialog::getExistingDirectory(
        this, tr("Root Folder of the Paths"),
        QFileInfo(m_sources[size_t(m_current)].request.source).path());
    if (dir.isEmpty())
        return;
    m_root->setText(QDir::toNativeSeparators(dir));
    optionsEdited();
}

void ImportDialog::addFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Import a Folder"));
    if (!dir.isEmpty())
        addSources({dir});
}

void ImportDialog::addFiles()
{
    const QStringList files = QFileDialog::getOpenFileNames(
        this, tr("Import Files"), QString(),
        tr("Lists and IDX files (*.txt *.csv *.list *.lst *-ubyte *-ubyte.gz);;All files (*)"));
    addSources(files);
}

void ImportDialog::startImport()
{
    if (!canImport())
        return;
    // The import opens its own connection: queued edits must be in the database first.
    m_session->writer()->flush();
    QList<ImportRequest> requests;
    for (const Source &s : m_sources)
        requests.append(s.request);
    m_progressSource->clear();
    m_progressPhase->setText(ImportText::phase(QString(), 0, 0));
    m_progressBar->setRange(0, 0);
    setStage(Stage::Progress);
    m_cancelButton->setEnabled(true);
    m_importJob->import(m_session->dir(), requests);
}

void ImportDialog::cancelImport()
{
    if (m_stage != Stage::Progress)
        return;
    m_importJob->cancel();
    m_cancelButton->setEnabled(false);
    m_progressPhase->setText(tr("Cancelling…"));
}

void ImportDialog::importProgress(int source, const QString &phase, qint64 done, qint64 total)
{
    if (m_cancelButton->isEnabled() == false)
        return; // cancelling: keep saying so
    m_progressSource->setText(
        tr("Source %1 of %2: %3")
            .arg(source + 1)
            .arg(sourceCount())
            .arg(QDir::toNativeSeparators(m_sources.at(size_t(source)).request.source)));
    m_progressPhase->setText(ImportText::phase(phase, done, total));
    if (total > 0 && phase != QLatin1String("scan")) {
        m_progressBar->setRange(0, 1000);
        m_progressBar->setValue(int(1000 * done / total));
    } else {
        m_progressBar->setRange(0, 0);
    }
}

void ImportDialog::importDone(const QList<ImportOutcome> &outcomes)
{
    m_outcomes = outcomes;
    m_report->setOutcomes(outcomes);
    setStage(Stage::Report);
    const bool changed = std::any_of(outcomes.begin(), outcomes.end(), [](const ImportOutcome &o) {
        return o.error.isEmpty() && !o.cancelled &&
               (o.report.imported > 0 || !o.report.newClasses.isEmpty());
    });
    if (changed)
        m_session->refresh();
    Q_EMIT importFinished();
}

QString ImportDialog::saveReport(const QString &path) const
{
    return ImportText::saveReport(path, m_outcomes);
}

void ImportDialog::saveReportAs()
{
    QString selected;
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Save Import Report"),
        QDir(m_session->dir()).filePath(QStringLiteral("import-report.txt")),
        tr("Text (*.txt);;JSON (*.json)"), &selected);
    if (path.isEmpty())
        return;
    QString target = path;
    if (selected.startsWith(QLatin1String("JSON")) && QFileInfo(path).suffix().isEmpty())
        target += QStringLiteral(".json");
    const QString error = saveReport(target);
    if (!error.isEmpty())
        QMessageBox::warning(this, tr("Save Import Report"), error);
}

void ImportDialog::reject()
{
    // Escape or the window's close button during an import cancels it; the report follows.
    if (m_stage == Stage::Progress) {
        cancelImport();
        return;
    }
    QDialog::reject();
}

} // namespace pulc::ui
