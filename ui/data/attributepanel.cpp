#include "ui/data/attributepanel.h"

#include "ui/data/labeling.h"
#include "ui/project/projectsession.h"

#include <QCheckBox>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {

AttributePanel::AttributePanel(ProjectSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_summary(new QLabel(this))
{
    auto *title = new QLabel(tr("Attributes"), this);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    m_summary->setWordWrap(true);

    auto *area = new QScrollArea(this);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    auto *inner = new QWidget(area);
    m_boxes = new QVBoxLayout(inner);
    m_boxes->setContentsMargins(0, 0, 0, 0);
    m_boxes->addStretch(1);
    area->setWidget(inner);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(m_summary);
    layout->addWidget(area, 1);

    connect(m_session, &ProjectSession::classesChanged, this, &AttributePanel::rebuild);
    connect(m_session, &ProjectSession::rowsReset, this, &AttributePanel::rebuild);
    connect(m_session, &ProjectSession::samplesChanged, this, &AttributePanel::updateStates);
    rebuild();
}

void AttributePanel::setSamples(std::vector<qint64> ids)
{
    m_ids = std::move(ids);
    updateStates();
}

QCheckBox *AttributePanel::checkBox(int position) const
{
    return position >= 0 && position < m_checks.size() ? m_checks.at(position) : nullptr;
}

void AttributePanel::rebuild()
{
    qDeleteAll(m_checks);
    m_checks.clear();
    const auto &classes = m_session->classes();
    for (int i = 0; i < classes.size(); ++i) {
        const auto &c = classes.at(i);
        const QString key = labelingKey(i);
        auto *box =
            new QCheckBox(key.isEmpty() ? c.name : QStringLiteral("%1  %2").arg(key, c.name), this);
        QPixmap swatch(12, 12);
        swatch.fill(QColor(c.color));
        box->setIcon(QIcon(swatch));
        if (!key.isEmpty())
            box->setToolTip(tr("Key %1 toggles “%2” on the selected images").arg(key, c.name));
        connect(box, &QCheckBox::clicked, this, [this, i] { toggle(i); });
        m_boxes->insertWidget(m_boxes->count() - 1, box);
        m_checks.append(box);
    }
    updateStates();
}

void AttributePanel::updateStates()
{
    const auto &classes = m_session->classes();
    std::vector<int> counts(size_t(classes.size()), 0);
    int samples = 0;
    for (qint64 id : m_ids) {
        const int r = m_session->rowIndex(id);
        if (r < 0)
            continue;
        ++samples;
        for (qint64 classId : m_session->rows()[size_t(r)].classIds)
            for (int i = 0; i < classes.size(); ++i)
                if (classes.at(i).id == classId)
                    ++counts[size_t(i)];
    }
    for (int i = 0; i < m_checks.size() && i < classes.size(); ++i) {
        QCheckBox *box = m_checks.at(i);
        const int n = counts[size_t(i)];
        box->setEnabled(samples > 0);
        box->setTristate(n > 0 && n < samples);
        box->setCheckState(n == 0         ? Qt::Unchecked
                           : n == samples ? Qt::Checked
                                          : Qt::PartiallyChecked);
    }
    m_summary->setText(samples == 0   ? tr("Select images to edit their attributes.")
                       : samples == 1 ? tr("1 image selected")
                                      : tr("%1 images selected").arg(QLocale().toString(samples)));
}

void AttributePanel::toggle(int position)
{
    // labelSamples toggles: adds to all unless all had it (mixed selections get it added).
    labelSamplesByPosition(m_session, m_ids, position);
    updateStates(); // also when nothing changed, undo Qt's own cycling of the box
}

} // namespace pulc::ui
