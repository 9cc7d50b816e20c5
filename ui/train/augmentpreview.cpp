#include "ui/train/augmentpreview.h"

#include "ui/common/latestjob.h"
#include "ui/project/projectsession.h"
#include "ui/train/augmentpreviewworker.h"
#include "ui/train/augmentwarnings.h"

#include <QCheckBox>
#include <QDir>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRandomGenerator>
#include <QShortcut>
#include <QTimer>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {
namespace {

constexpr int kColumns = 4;
constexpr int kRows = 3;
constexpr int kCellSide = 150; ///< pixels the image of a cell fits in
constexpr int kDebounceMs = 300;

QPixmap fitted(const QImage &image)
{
    if (image.isNull())
        return {};
    // Small train sizes (32x32) are enlarged without smoothing so their pixels stay visible.
    const bool enlarge = image.width() < kCellSide && image.height() < kCellSide;
    return QPixmap::fromImage(
        image.scaled(kCellSide, kCellSide, Qt::KeepAspectRatio,
                     enlarge ? Qt::FastTransformation : Qt::SmoothTransformation));
}

} // namespace

struct AugmentPreview::Cell
{
    QLabel *image = nullptr;
    QLabel *caption = nullptr;
};

AugmentPreview::AugmentPreview(ProjectSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_render(new LatestJob(this))
{
    auto *layout = new QVBoxLayout(this);
    auto *bar = new QHBoxLayout;
    auto *title = new QLabel(tr("<b>Training samples as the model sees them</b>"), this);
    bar->addWidget(title, 1);
    m_showOriginal = new QCheckBox(tr("Show originals"), this);
    m_showOriginal->setObjectName(QStringLiteral("showOriginal"));
    m_showOriginal->setToolTip(tr("Show the source images instead of the augmented ones"));
    bar->addWidget(m_showOriginal);
    auto *resampleButton = new QPushButton(tr("Resample"), this);
    resampleButton->setObjectName(QStringLiteral("resample"));
    resampleButton->setToolTip(tr("Pick other images and draw again (R)"));
    bar->addWidget(resampleButton);
    layout->addLayout(bar);

    m_warnings = new QLabel(this);
    m_warnings->setObjectName(QStringLiteral("previewWarnings"));
    m_warnings->setWordWrap(true);
    m_warnings->setTextFormat(Qt::PlainText);
    m_warnings->setStyleSheet(QStringLiteral("color: #b35c00;"));
    m_warnings->hide();
    layout->addWidget(m_warnings);

    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("previewMessage"));
    m_message->setWordWrap(true);
    m_message->setAlignment(Qt::AlignCenter);
    layout->addWidget(m_message);

    m_grid = new QWidget(this);
    m_gridLayout = new QGridLayout(m_grid);
    m_gridLayout->setSpacing(8);
    for (int i = 0; i < kColumns * kRows; ++i) {
        auto cell = std::make_unique<Cell>();
        auto *box = new QWidget(m_grid);
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        v->setSpacing(2);
        cell->image = new QLabel(box);
        cell->image->setFixedSize(kCellSide, kCellSide);
        cell->image->setAlignment(Qt::AlignCenter);
        cell->image->setStyleSheet(QStringLiteral("background: palette(base);"));
        cell->caption = new QLabel(box);
        cell->caption->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
        cell->caption->setWordWrap(true);
        cell->caption->setFixedWidth(kCellSide);
        v->addWidget(cell->image);
        v->addWidget(cell->caption);
        m_gridLayout->addWidget(box, i / kColumns, i % kColumns);
        m_cells.push_back(std::move(cell));
    }
    layout->addWidget(m_grid, 0, Qt::AlignLeft | Qt::AlignTop);
    layout->addStretch(1);

    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &AugmentPreview::startRender);
    connect(resampleButton, &QPushButton::clicked, this, &AugmentPreview::resample);
    auto *shortcut = new QShortcut(QKeySequence(Qt::Key_R), this);
    shortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(shortcut, &QShortcut::activated, this, &AugmentPreview::resample);
    connect(m_showOriginal, &QCheckBox::toggled, this, &AugmentPreview::showRender);
    if (m_session) {
        auto reload = [this] {
            m_samples.clear();
            m_renderedCount = 0;
            m_images.clear();
            m_originals.clear();
            pickSamples();
            updateWarnings();
            m_debounce->start();
        };
        connect(m_session, &ProjectSession::rowsReset, this, reload);
        connect(m_session, &ProjectSession::projectClosed, this, reload);
        connect(m_session, &ProjectSession::classesChanged, this, &AugmentPreview::updateWarnings);
    }
    pickSamples();
    updateWarnings();
}

// The worker holds only copies; a render still running is dropped with m_render.
AugmentPreview::~AugmentPreview() = default;

void AugmentPreview::setConfig(const pulc::engine::TrainConfig &config)
{
    m_config = config;
    updateWarnings();
    if (m_samples.empty())
        pickSamples();
    m_debounce->start();
}

void AugmentPreview::resample()
{
    pickSamples();
    m_debounce->stop();
    startRender();
}

void AugmentPreview::waitForDone()
{
    if (m_debounce->isActive()) {
        m_debounce->stop();
        startRender();
    }
    // A render that finds settings changed meanwhile starts the next one: wait for that too.
    while (m_render->isRunning())
        m_render->finishNow();
}

int AugmentPreview::renderedCount() const
{
    return m_renderedCount;
}

void AugmentPreview::pickSamples()
{
    m_samples.clear();
    if (!m_session || !m_session->hasProject()) {
        showMessage(tr("Open a project to see its training images augmented."));
        return;
    }
    std::vector<const pulc::dataset::SampleRow *> train;
    for (const pulc::dataset::SampleRow &row : m_session->rows()) {
        if (!row.removed && row.split == pulc::dataset::Split::Train &&
            row.status == pulc::dataset::SampleStatus::Ok && !row.classIds.empty())
            train.push_back(&row);
    }
    if (train.empty()) {
        showMessage(tr("The project has no labelled training images yet: add some on the Data "
                       "page to preview the augmentation."));
        return;
    }
    std::shuffle(train.begin(), train.end(), *QRandomGenerator::global());
    train.resize(std::min<std::size_t>(train.size(), m_cells.size()));
    for (const pulc::dataset::SampleRow *row : train) {
        QStringList names;
        for (qint64 id : row->classIds)
            if (const pulc::dataset::ClassInfo *c = m_session->classById(id))
                names << c->name;
        const QString path = QDir::isAbsolutePath(row->path)
                                 ? row->path
                                 : m_session->dir() + QLatin1Char('/') + row->path;
        m_samples.push_back({path, names.join(QStringLiteral(", "))});
    }
}

void AugmentPreview::startRender()
{
    if (m_samples.empty())
        return; // pickSamples() showed why
    // One render at a time (not LatestJob's several): the newest settings run when it ends.
    if (m_render->isRunning()) {
        m_pending = true;
        return;
    }
    m_pending = false;
    m_message->setText(m_renderedCount ? QString() : tr("Rendering…"));
    m_message->setVisible(!m_renderedCount);
    std::vector<QString> paths;
    for (const Sample &s : m_samples)
        paths.push_back(s.path);
    const pulc::engine::TrainConfig config = m_config;
    const quint32 seed = QRandomGenerator::global()->generate();
    m_render->start(
        [paths, config, seed](LatestJob::Token &) {
            std::vector<PreviewItem> items;
            for (std::size_t i = 0; i < paths.size(); ++i)
                items.push_back(renderPreviewItem(paths[i], config, seed + quint32(i)));
            return items;
        },
        [this](std::vector<PreviewItem> items) { finishRender(items); });
}

void AugmentPreview::finishRender(const std::vector<PreviewItem> &items)
{
    if (m_pending) { // settings changed meanwhile: this render is outdated
        startRender();
        return;
    }
    m_images.clear();
    m_originals.clear();
    m_captions.clear();
    m_tips.clear();
    int shown = 0;
    for (std::size_t i = 0; i < items.size() && i < m_samples.size(); ++i) {
        const PreviewItem &item = items[i];
        m_images << fitted(item.image);
        m_originals << fitted(item.original);
        QString caption = m_samples[i].label;
        if (item.labelOverride >= 0)
            caption = tr("%1 → %2").arg(caption, overrideLabel(item.labelOverride));
        if (!item.error.isEmpty())
            caption = item.error;
        else
            ++shown;
        m_captions << caption;
        m_tips << QDir::toNativeSeparators(m_samples[i].path);
    }
    m_renderedCount = shown;
    showRender();
    Q_EMIT rendered();
}

void AugmentPreview::showRender()
{
    const bool original = m_showOriginal->isChecked();
    for (std::size_t i = 0; i < m_cells.size(); ++i) {
        Cell &cell = *m_cells[i];
        const bool has = int(i) < m_images.size();
        cell.image->setPixmap(has ? (original ? m_originals[i] : m_images[i]) : QPixmap());
        cell.caption->setText(has ? m_captions[i] : QString());
        cell.image->setToolTip(has ? m_tips[i] : QString());
        cell.image->parentWidget()->setVisible(has);
    }
    m_grid->setVisible(!m_images.isEmpty());
    m_message->setVisible(m_images.isEmpty());
}

void AugmentPreview::showMessage(const QString &text)
{
    m_images.clear();
    m_originals.clear();
    m_renderedCount = 0;
    m_message->setText(text);
    m_message->show();
    m_grid->hide();
}

void AugmentPreview::updateWarnings()
{
    QStringList classes;
    if (m_session)
        for (const pulc::dataset::ClassInfo &c : m_session->classes())
            classes << c.name;
    const QStringList warnings = labelChangeWarnings(m_config, classes);
    m_warnings->setText(QStringLiteral("⚠ ") + warnings.join(QStringLiteral("\n⚠ ")));
    m_warnings->setVisible(!warnings.isEmpty());
}

QString AugmentPreview::overrideLabel(int label) const
{
    // BlurImage and RandomRot90 label by index: name the project's class at that position.
    if (m_session && label < m_session->classes().size())
        return m_session->classes().at(label).name;
    if (m_config.augment.rot90Labels)
        return tr("%1°").arg(label * 90);
    return tr("label %1").arg(label);
}

} // namespace pulc::ui
