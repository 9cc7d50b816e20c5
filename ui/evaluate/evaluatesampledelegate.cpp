#include "ui/evaluate/evaluatesampledelegate.h"

#include "ui/evaluate/evaluatesamplemodel.h"

#include <QApplication>
#include <QPainter>
#include <QPixmap>

namespace pulc::ui {

EvaluateSampleDelegate::EvaluateSampleDelegate(int side, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_side(side)
{}

QSize EvaluateSampleDelegate::sizeHint(const QStyleOptionViewItem &option,
                                       const QModelIndex &) const
{
    const int line = option.fontMetrics.height();
    return {m_side + 40, m_side + 2 * line + 12};
}

void EvaluateSampleDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                   const QModelIndex &index) const
{
    painter->save();
    const QRect r = option.rect.adjusted(2, 2, -2, -2);
    const bool selected = option.state & QStyle::State_Selected;
    const bool relabelled = index.data(EvaluateSampleModel::RelabelledRole).toBool();
    const QPalette &pal = option.palette;
    if (selected)
        painter->fillRect(r, pal.color(QPalette::Highlight));
    else if (relabelled)
        painter->fillRect(r, QColor(46, 160, 67, 70));

    const QRect image(r.left() + (r.width() - m_side) / 2, r.top() + 4, m_side, m_side);
    const QPixmap pixmap = index.data(Qt::DecorationRole).value<QPixmap>();
    if (!pixmap.isNull()) {
        const QSize fitted = pixmap.size().scaled(image.size(), Qt::KeepAspectRatio);
        const QRect target(image.center() - QPoint(fitted.width() / 2, fitted.height() / 2),
                           fitted);
        // Enlarging a tiny image smoothly blurs it; keep its pixels sharp instead.
        painter->setRenderHint(QPainter::SmoothPixmapTransform,
                               pixmap.width() >= image.width() / 2);
        painter->drawPixmap(target, pixmap);
    } else {
        painter->fillRect(image, pal.color(QPalette::AlternateBase));
    }

    const QStringList lines = index.data(Qt::DisplayRole).toString().split(u'\n');
    const int line = option.fontMetrics.height();
    painter->setPen(pal.color(selected ? QPalette::HighlightedText : QPalette::Text));
    QRect text(r.left() + 2, image.bottom() + 4, r.width() - 4, line);
    for (int i = 0; i < lines.size() && i < 2; ++i) {
        if (i == 1 && !selected)
            painter->setPen(relabelled ? QColor(30, 120, 50)
                                       : pal.color(QPalette::PlaceholderText));
        painter->drawText(text, Qt::AlignHCenter | Qt::AlignVCenter,
                          option.fontMetrics.elidedText(lines[i], Qt::ElideRight, text.width()));
        text.translate(0, line);
    }
    if (option.state & QStyle::State_HasFocus) {
        painter->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        painter->drawRect(r.adjusted(0, 0, -1, -1));
    }
    painter->restore();
}

} // namespace pulc::ui
