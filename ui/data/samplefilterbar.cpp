#include "ui/data/samplefilterbar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QSignalBlocker>
#include <QTimer>

namespace pulc::ui {

using pulc::dataset::SampleFilter;
using pulc::dataset::Split;

namespace {

// Class combo data: no value = every class, kUnlabeled = none, otherwise a class id.
constexpr qint64 kUnlabeled = -1;
// Status combo data beyond SampleFilter::Status: the removed samples.
constexpr int kRemoved = 100;

QIcon swatch(const QString &color)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(QColor(color));
    p.drawEllipse(pm.rect().adjusted(1, 1, -1, -1));
    return QIcon(pm);
}

} // namespace

SampleFilterBar::SampleFilterBar(QWidget *parent)
    : QWidget(parent)
    , m_class(new QComboBox(this))
    , m_split(new QComboBox(this))
    , m_status(new QComboBox(this))
    , m_text(new QLineEdit(this))
    , m_sort(new QComboBox(this))
    , m_textTimer(new QTimer(this))
{
    m_class->setObjectName(QStringLiteral("classFilter"));
    m_split->setObjectName(QStringLiteral("splitFilter"));
    m_status->setObjectName(QStringLiteral("statusFilter"));
    m_text->setObjectName(QStringLiteral("textFilter"));
    m_sort->setObjectName(QStringLiteral("sortOrder"));
    m_class->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_class->setToolTip(tr("Show the images of one class"));

    m_split->addItem(tr("All splits"), -1);
    m_split->addItem(tr("Train"), int(Split::Train));
    m_split->addItem(tr("Val"), int(Split::Val));
    m_split->addItem(tr("Test"), int(Split::Test));
    m_split->addItem(tr("No split"), int(Split::Unassigned));
    m_split->setToolTip(tr("Show the images of one split"));

    m_status->addItem(tr("Any status"), int(SampleFilter::Status::Any));
    m_status->addItem(tr("Missing files"), int(SampleFilter::Status::Missing));
    m_status->addItem(tr("Corrupt images"), int(SampleFilter::Status::Corrupt));
    m_status->addItem(tr("Duplicates"), int(SampleFilter::Status::Duplicate));
    m_status->addItem(tr("Label conflicts"), int(SampleFilter::Status::Conflict));
    m_status->addItem(tr("Split leakage"), int(SampleFilter::Status::Leakage));
    m_status->addItem(tr("Removed images"), kRemoved);
    m_status->setToolTip(tr("Show images with a problem, or the removed ones"));

    m_text->setPlaceholderText(tr("Filter by path…"));
    m_text->setClearButtonEnabled(true);
    m_text->setMinimumWidth(120);

    m_sort->addItem(tr("Sort by name"), int(pulc::dataset::SampleSort::Path));
    m_sort->addItem(tr("Sort by date added"), int(pulc::dataset::SampleSort::Added));
    m_sort->addItem(tr("Sort by class"), int(pulc::dataset::SampleSort::Class));

    setClasses({});

    // Filtering 100,000 paths on every keystroke would make typing lag.
    m_textTimer->setSingleShot(true);
    m_textTimer->setInterval(250);
    connect(m_text, &QLineEdit::textChanged, m_textTimer, qOverload<>(&QTimer::start));
    connect(m_textTimer, &QTimer::timeout, this, &SampleFilterBar::filterChanged);
    for (QComboBox *combo : {m_class, m_split, m_status})
        connect(combo, &QComboBox::currentIndexChanged, this, &SampleFilterBar::filterChanged);
    connect(m_sort, &QComboBox::currentIndexChanged, this, &SampleFilterBar::sortChanged);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_class);
    layout->addWidget(m_split);
    layout->addWidget(m_status);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_sort);
}

void SampleFilterBar::setClasses(const QList<pulc::dataset::ClassInfo> &classes)
{
    const QVariant current = m_class->currentData();
    QSignalBlocker block(m_class);
    m_class->clear();
    m_class->addItem(tr("All classes"));
    m_class->addItem(tr("Unlabeled"), kUnlabeled);
    for (const auto &c : classes)
        m_class->addItem(swatch(c.color), c.name, c.id);
    const int i = current.isValid() ? m_class->findData(current) : 0;
    m_class->setCurrentIndex(std::max(0, i));
    if (i < 0) {
        block.unblock();
        Q_EMIT filterChanged(); // the class shown is gone
    }
}

SampleFilter SampleFilterBar::filter() const
{
    SampleFilter f;
    const QVariant c = m_class->currentData();
    if (c.isValid()) {
        if (c.toLongLong() == kUnlabeled)
            f.unlabeledOnly = true;
        else
            f.classId = c.toLongLong();
    }
    const int split = m_split->currentData().toInt();
    if (split >= 0)
        f.split = Split(split);
    const int status = m_status->currentData().toInt();
    if (status == kRemoved)
        f.removed = true;
    else
        f.status = SampleFilter::Status(status);
    f.pathContains = m_text->text().trimmed();
    return f;
}

pulc::dataset::SampleSort SampleFilterBar::sort() const
{
    return pulc::dataset::SampleSort(m_sort->currentData().toInt());
}

void SampleFilterBar::showClass(std::optional<qint64> classId, std::optional<Split> split)
{
    {
        QSignalBlocker a(m_class), b(m_split);
        m_class->setCurrentIndex(classId ? std::max(0, m_class->findData(*classId)) : 0);
        m_split->setCurrentIndex(split ? m_split->findData(int(*split)) : 0);
    }
    Q_EMIT filterChanged();
}

void SampleFilterBar::showUnlabeled()
{
    m_class->setCurrentIndex(m_class->findData(kUnlabeled));
}

void SampleFilterBar::clearFilters()
{
    {
        QSignalBlocker a(m_class), b(m_split), c(m_status), d(m_text);
        m_class->setCurrentIndex(0);
        m_split->setCurrentIndex(0);
        m_status->setCurrentIndex(0);
        m_text->clear();
    }
    m_textTimer->stop();
    Q_EMIT filterChanged();
}

} // namespace pulc::ui
