#include "ui/data/sampleviewer.h"

#include "ui/common/latestjob.h"
#include "ui/data/labeling.h"
#include "ui/data/samplegridmodel.h"
#include "ui/project/projectsession.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QHBoxLayout>
#include <QImageReader>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {

namespace {

struct Decoded
{
    QImage image;
    QString error;
};

// Worker thread: decodes `path`, downscaled when it is larger than the viewer shows.
Decoded decode(const QString &path)
{
    Decoded d;
    QImageReader reader(path);
    reader.setAutoTransform(true);
    const QSize size = reader.size();
    if (size.isValid() && std::max(size.width(), size.height()) > SampleViewer::kMaxSide)
        reader.setScaledSize(
            size.scaled(SampleViewer::kMaxSide, SampleViewer::kMaxSide, Qt::KeepAspectRatio));
    if (!reader.read(&d.image))
        d.error = reader.errorString();
    return d;
}

QString splitName(pulc::dataset::Split split)
{
    switch (split) {
    case pulc::dataset::Split::Train:
        return SampleViewer::tr("Train");
    case pulc::dataset::Split::Val:
        return SampleViewer::tr("Validation");
    case pulc::dataset::Split::Test:
        return SampleViewer::tr("Test");
    case pulc::dataset::Split::Unassigned:
        break;
    }
    return SampleViewer::tr("No split");
}

} // namespace

SampleViewer::SampleViewer(ProjectSession *session, SampleGridModel *model, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_model(model)
    , m_decode(new LatestJob(this))
    , m_picture(new QLabel(this))
    , m_title(new QLabel(this))
    , m_info(new QLabel(this))
{
    setWindowTitle(tr("Image Viewer"));
    setObjectName(QStringLiteral("sampleViewer"));
    m_picture->setAlignment(Qt::AlignCenter);
    m_picture->setMinimumSize(200, 200);
    m_picture->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_picture->setStyleSheet(QStringLiteral("background: #202020; color: #e0e0e0;"));
    QFont f = m_title->font();
    f.setBold(true);
    f.setPointSizeF(f.pointSizeF() * 1.2);
    m_title->setFont(f);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_info->setWordWrap(true);
    m_info->setTextFormat(Qt::RichText);

    auto *prev = new QPushButton(style()->standardIcon(QStyle::SP_ArrowBack), tr("Previous"), this);
    auto *next = new QPushButton(style()->standardIcon(QStyle::SP_ArrowForward), tr("Next"), this);
    for (QPushButton *b : {prev, next}) {
        b->setFocusPolicy(Qt::NoFocus);
        b->setAutoDefault(false);
    }
    connect(prev, &QPushButton::clicked, this, [this] { step(-1); });
    connect(next, &QPushButton::clicked, this, [this] { step(1); });
    auto *hint = new QLabel(tr("←/→ move · 1-9, 0 label · Esc close"), this);
    hint->setEnabled(false);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(prev);
    bottom->addWidget(next);
    bottom->addSpacing(12);
    bottom->addWidget(hint);
    bottom->addStretch(1);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_picture, 1);
    layout->addWidget(m_title);
    layout->addWidget(m_info);
    layout->addLayout(bottom);
    resize(900, 760);

    // Labels and filters change under the viewer: it keeps showing its sample.
    connect(m_session, &ProjectSession::samplesChanged, this, &SampleViewer::updateInfo);
    connect(m_session, &ProjectSession::classesChanged, this, &SampleViewer::updateInfo);
    connect(m_session, &ProjectSession::rowsReset, this, &QDialog::close);
}

int SampleViewer::currentRow() const
{
    return m_model->rowOf(m_id);
}

void SampleViewer::showRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    const QModelIndex index = m_model->index(row);
    m_id = index.data(SampleGridModel::SampleIdRole).toLongLong();
    const QString path = index.data(SampleGridModel::AbsolutePathRole).toString();
    m_loading = true;
    m_image = QImage();
    m_error.clear();
    m_picture->setText(tr("Loading…"));
    // Delivered unless the user moved on before it finished.
    m_decode->start([path](LatestJob::Token &) { return decode(path); },
                    [this](Decoded d) { imageLoaded(d.image, d.error); });
    updateInfo();
    Q_EMIT currentSampleChanged(m_id);
}

void SampleViewer::imageLoaded(const QImage &image, const QString &error)
{
    m_loading = false;
    m_image = image;
    m_error = error;
    updatePixmap();
}

void SampleViewer::updatePixmap()
{
    if (m_image.isNull()) {
        if (!m_loading) {
            const int row = currentRow();
            const auto status =
                row >= 0 ? m_model->sampleAt(row).status : pulc::dataset::SampleStatus::Ok;
            m_picture->setPixmap({});
            m_picture->setText(status == pulc::dataset::SampleStatus::Missing
                                   ? tr("File not found")
                                   : tr("Cannot show this image: %1").arg(m_error));
        }
        return;
    }
    const QSize room = m_picture->size();
    QImage shown;
    if (std::max(m_image.width(), m_image.height()) <= 64) {
        // Tiny images (28×28 digits) are enlarged by whole steps with sharp pixels.
        const int factor =
            std::max(1, std::min(room.width() / m_image.width(), room.height() / m_image.height()));
        shown =
            m_image.scaled(m_image.size() * factor, Qt::KeepAspectRatio, Qt::FastTransformation);
    } else {
        shown = m_image.scaled(room, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    m_picture->setPixmap(QPixmap::fromImage(shown));
}

void SampleViewer::updateInfo()
{
    const int r = m_session->rowIndex(m_id);
    if (r < 0)
        return;
    const auto &row = m_session->rows()[size_t(r)];
    QStringList names;
    for (qint64 id : row.classIds)
        if (const auto *c = m_session->classById(id))
            names << QStringLiteral("<span style=\"color:%1\">●</span> %2")
                         .arg(c->color, c->name.toHtmlEscaped());
    const int position = m_model->rowOf(m_id);
    m_title->setText(QStringLiteral("%1").arg(row.path.section(QLatin1Char('/'), -1)));
    const QLocale locale;
    QStringList lines;
    lines << (names.isEmpty() ? tr("<i>Unlabeled</i>") : names.join(QStringLiteral(" &nbsp; ")));
    lines << QDir::toNativeSeparators(row.path).toHtmlEscaped();
    QString details = tr("%1 × %2 pixels · %3 · %4")
                          .arg(row.width)
                          .arg(row.height)
                          .arg(locale.formattedDataSize(row.bytes), splitName(row.split));
    if (row.status == pulc::dataset::SampleStatus::Missing)
        details += tr(" · file not found");
    else if (row.status == pulc::dataset::SampleStatus::Corrupt)
        details += tr(" · corrupt image data");
    if (row.conflict)
        details += tr(" · same image as another sample with different labels");
    else if (row.duplicate)
        details += tr(" · same image as another sample");
    if (row.leakage)
        details += tr(" · also in another split");
    if (row.removed)
        details += tr(" · removed from the dataset");
    lines << details;
    if (position >= 0)
        lines << tr("Image %1 of %2 in the grid")
                     .arg(locale.toString(position + 1), locale.toString(m_model->rowCount()));
    else
        lines << tr("No longer in the grid's filter");
    m_info->setText(lines.join(QStringLiteral("<br>")));
}

void SampleViewer::step(int delta)
{
    const int row = currentRow();
    if (row < 0)
        return;
    const int target = std::clamp(row + delta, 0, m_model->rowCount() - 1);
    if (target != row)
        showRow(target);
}

void SampleViewer::keyPressEvent(QKeyEvent *event)
{
    const int position = labelingKeyPosition(event);
    if (position >= 0) {
        const int before = currentRow();
        labelSamplesByPosition(m_session, {m_id}, position);
        const bool multi = m_session->info().task == pulc::dataset::TaskType::MultiLabel;
        if (m_autoAdvance && !multi) {
            // The image may have left the filter (e.g. "Unlabeled"): continue from its place.
            const int now = currentRow();
            const int next = m_model->nextUnlabeled(now >= 0 ? now : before - 1);
            if (next >= 0)
                showRow(next);
        }
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
    case Qt::Key_PageUp:
    case Qt::Key_Up:
        step(-1);
        return;
    case Qt::Key_Right:
    case Qt::Key_PageDown:
    case Qt::Key_Down:
    case Qt::Key_Space:
        step(1);
        return;
    case Qt::Key_Home:
        showRow(0);
        return;
    case Qt::Key_End:
        showRow(m_model->rowCount() - 1);
        return;
    default:
        QDialog::keyPressEvent(event);
    }
}

void SampleViewer::resizeEvent(QResizeEvent *event)
{
    QDialog::resizeEvent(event);
    updatePixmap();
}

} // namespace pulc::ui
