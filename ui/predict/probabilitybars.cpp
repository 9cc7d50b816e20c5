#include "ui/predict/probabilitybars.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace pulc::ui {

ProbabilityBars::ProbabilityBars(QWidget *parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ProbabilityBars::setEntries(const QList<Entry> &entries, double threshold)
{
    m_entries = entries;
    m_threshold = threshold;
    updateGeometry();
    update();
}

int ProbabilityBars::rowHeight() const
{
    return fontMetrics().height() + 10;
}

int ProbabilityBars::nameWidth() const
{
    QFont bold = font();
    bold.setBold(true);
    const QFontMetrics fm(bold);
    int widest = 0;
    for (const Entry &e : m_entries)
        widest = std::max(widest, fm.horizontalAdvance(e.name));
    return std::clamp(widest + 14, 60, 240);
}

QSize ProbabilityBars::sizeHint() const
{
    return {nameWidth() + 260, int(m_entries.size()) * rowHeight()};
}

QSize ProbabilityBars::minimumSizeHint() const
{
    return {nameWidth() + 120, int(m_entries.size()) * rowHeight()};
}

void ProbabilityBars::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QFontMetrics fm = fontMetrics();
    const int rowH = rowHeight();
    const int checkW = m_threshold >= 0 ? fm.horizontalAdvance(QStringLiteral("✓ ")) : 0;
    const int nameW = nameWidth();
    const int valueW = fm.horizontalAdvance(QStringLiteral("100.0%")) + 8;
    const int barX = checkW + nameW;
    const int barW = std::max(20, width() - barX - valueW);
    const QColor accent = palette().color(QPalette::Highlight);
    const QColor muted = palette().color(QPalette::Mid);
    const QColor track = palette().color(QPalette::AlternateBase).darker(104);
    for (int i = 0; i < m_entries.size(); ++i) {
        const Entry &e = m_entries[i];
        const int y = i * rowH;
        const bool checked = m_threshold >= 0 && e.score >= m_threshold;
        QFont font = painter.font();
        font.setBold(e.highlighted || checked);
        painter.setFont(font);
        painter.setPen(palette().color(QPalette::WindowText));
        if (checked)
            painter.drawText(QRect(0, y, checkW, rowH), Qt::AlignVCenter | Qt::AlignLeft,
                             QStringLiteral("✓"));
        painter.drawText(QRect(checkW, y, nameW - 6, rowH), Qt::AlignVCenter | Qt::AlignLeft,
                         QFontMetrics(font).elidedText(e.name, Qt::ElideRight, nameW - 6));
        const QRectF trackRect(barX, y + 5, barW, rowH - 10);
        QPainterPath path;
        path.addRoundedRect(trackRect, 3, 3);
        painter.fillPath(path, track);
        const double score = std::clamp(e.score, 0.0, 1.0);
        if (score > 0) {
            QPainterPath bar;
            bar.addRoundedRect(QRectF(trackRect.left(), trackRect.top(),
                                      std::max(2.0, trackRect.width() * score), trackRect.height()),
                               3, 3);
            painter.fillPath(bar, (e.highlighted || checked) ? accent : muted);
        }
        if (m_threshold >= 0 && m_threshold <= 1) {
            const double x = trackRect.left() + trackRect.width() * m_threshold;
            painter.setPen(QPen(palette().color(QPalette::WindowText), 1, Qt::DashLine));
            painter.drawLine(QPointF(x, y + 2), QPointF(x, y + rowH - 2));
        }
        painter.setPen(palette().color(QPalette::WindowText));
        painter.drawText(QRect(barX + barW, y, valueW, rowH), Qt::AlignVCenter | Qt::AlignRight,
                         QStringLiteral("%1%").arg(score * 100.0, 0, 'f', 1));
    }
}

} // namespace pulc::ui
