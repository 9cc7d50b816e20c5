#include "ui/predict/predictdetail.h"

#include "ui/predict/probabilitybars.h"

#include <QFileInfo>
#include <QFutureWatcher>
#include <QImageReader>
#include <QLabel>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <numeric>

namespace pulc::ui {

using pulc::engine::Task;

namespace {

constexpr int kPreviewSize = 320;

/// The image fitted in kPreviewSize (small images enlarged with visible pixels); worker thread.
QImage readPreview(const QString &path)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (size.isValid() && reader.transformation().testFlag(QImageIOHandler::TransformationRotate90))
        size.transpose();
    if (size.isValid() && (size.width() > kPreviewSize || size.height() > kPreviewSize))
        reader.setScaledSize(size.scaled(kPreviewSize, kPreviewSize, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (!image.isNull() && image.width() < kPreviewSize / 2 && image.height() < kPreviewSize / 2)
        image =
            image.scaled(kPreviewSize, kPreviewSize, Qt::KeepAspectRatio, Qt::FastTransformation);
    return image;
}

} // namespace

PredictDetail::PredictDetail(QWidget *parent)
    : QWidget(parent)
    , m_preview(new QLabel(this))
    , m_title(new QLabel(this))
    , m_headline(new QLabel(this))
    , m_decision(new QLabel(this))
    , m_bars(new ProbabilityBars(this))
    , m_details(new QLabel(this))
    , m_previewWatcher(new QFutureWatcher<QImage>(this))
{
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setMinimumSize(kPreviewSize / 2, kPreviewSize / 2);
    m_preview->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_headline->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_decision->setWordWrap(true);
    m_details->setForegroundRole(QPalette::PlaceholderText);
    setMaximumWidth(720); // bars across a wide window are hard to compare
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_title);
    layout->addWidget(m_headline);
    layout->addWidget(m_decision);
    layout->addWidget(m_bars);
    layout->addWidget(m_details);
    layout->addStretch(0);
    connect(m_previewWatcher, &QFutureWatcher<QImage>::finished, this, [this] {
        const QImage image = m_previewWatcher->result();
        if (image.isNull())
            m_preview->setText(tr("(no preview)"));
        else
            m_preview->setPixmap(QPixmap::fromImage(image));
    });
    clear();
}

void PredictDetail::loadPreview(const QString &path)
{
    if (path == m_previewPath)
        return;
    m_previewPath = path;
    m_preview->clear();
    // A newer request replaces the watched future; the old one finishes unobserved.
    m_previewWatcher->setFuture(QtConcurrent::run(readPreview, path));
}

void PredictDetail::clear()
{
    m_previewPath.clear();
    m_preview->clear();
    m_title->clear();
    m_headline->clear();
    m_decision->clear();
    m_decision->hide();
    m_bars->setEntries({});
    m_details->clear();
}

void PredictDetail::showWaiting(const QString &path)
{
    loadPreview(path);
    m_title->setText(QFileInfo(path).fileName());
    m_headline->setStyleSheet({});
    m_headline->setText(tr("Classifying…"));
    m_decision->hide();
    m_bars->setEntries({});
    m_details->clear();
}

void PredictDetail::showResult(const PredictionResult &r)
{
    loadPreview(r.path);
    m_title->setText(QFileInfo(r.path).fileName());
    m_title->setToolTip(r.path);
    if (!r.ok) {
        m_headline->setStyleSheet(QStringLiteral("color: #c62828;"));
        m_headline->setText(tr("Cannot classify this file"));
        m_decision->setText(r.error);
        m_decision->show();
        m_bars->setEntries({});
        m_details->clear();
        return;
    }
    m_headline->setStyleSheet({});
    QList<ProbabilityBars::Entry> entries;
    double threshold = -1.0;
    if (r.task == Task::MultiLabel) {
        QList<int> order(r.scores.size());
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(),
                         [&](int a, int b) { return r.scores[a] > r.scores[b]; });
        for (int i : order)
            entries.append({r.classNames.value(i), r.scores[i], false});
        threshold = r.threshold;
        m_headline->setText(r.decisionText());
        m_decision->setText(
            tr("Attributes at or above the threshold %1 are checked.").arg(r.threshold, 0, 'f', 2));
        m_decision->show();
    } else {
        for (int i = 0; i < r.topNames.size(); ++i)
            entries.append({r.topNames[i], r.topScores[i], r.topIds[i] == r.decision});
        if (r.task == Task::Binary) {
            m_headline->setText(r.decisionText());
            m_decision->setText(tr("Decision: %1, because the score of %2 is %3 the threshold.")
                                    .arg(r.bestName(), r.classNames.value(1),
                                         r.decision == 1 ? tr("at or above") : tr("below")));
            m_decision->show();
        } else {
            m_headline->setText(
                tr("%1  %2%").arg(r.bestName()).arg(r.bestScore() * 100.0, 0, 'f', 1));
            m_decision->hide();
        }
    }
    m_bars->setEntries(entries, threshold);
    QString details = tr("Inference %1 ms").arg(r.milliseconds, 0, 'f', 1);
    if (r.imageSize.isValid())
        details += tr(" · %1 × %2 pixels").arg(r.imageSize.width()).arg(r.imageSize.height());
    m_details->setText(details);
}

QString PredictDetail::headline() const
{
    return m_headline->text();
}

} // namespace pulc::ui
