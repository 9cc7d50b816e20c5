#include "ui/data/sampledelegate.h"

#include "ui/data/samplegridmodel.h"

#include <dataset/types.h>

#include <QApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

namespace pulc::ui {

namespace {

constexpr int kMargin = 5;

// A small rounded label; returns its width so badges can be lined up.
int drawPill(QPainter *p, const QPoint &topLeft, const QString &text, const QColor &bg,
             const QColor &fg, const QFont &font)
{
    const QFontMetrics fm(font);
    const QRect r(topLeft, QSize(fm.horizontalAdvance(text) + 8, fm.height() + 2));
    p->setPen(Qt::NoPen);
    p->setBrush(bg);
    p->drawRoundedRect(r, 4, 4);
    p->setPen(fg);
    p->setFont(font);
    p->drawText(r, Qt::AlignCenter, text);
    return r.width();
}

QString splitText(pulc::dataset::Split split)
{
    switch (split) {
    case pulc::dataset::Split::Train:
        return SampleDelegate::tr("train");
    case pulc::dataset::Split::Val:
        return SampleDelegate::tr("val");
    case pulc::dataset::Split::Test:
        return SampleDelegate::tr("test");
    case pulc::dataset::Split::Unassigned:
        break;
    }
    return {};
}

} // namespace

SampleDelegate::SampleDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{}

QSize SampleDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    return {m_side + 2 * kMargin, m_side + option.fontMetrics.height() + 3 * kMargin};
}

void SampleDelegate::paint(QPainter *p, const QStyleOptionViewItem &option,
                           const QModelIndex &index) const
{
    using Model = SampleGridModel;
    p->save();
    p->setRenderHint(QPainter::Antialiasing);
    p->setRenderHint(QPainter::SmoothPixmapTransform);
    const QPalette &pal = option.palette;
    // The view may hand out wider cells than asked for (rows fill its width): centre in them.
    const QSize need = sizeHint(option, index);
    QRect cell(QPoint(), need - QSize(2, 2));
    cell.moveCenter(option.rect.center());
    const bool selected = option.state & QStyle::State_Selected;
    const bool removed = index.data(Model::RemovedRole).toBool();

    // Cell background: the selection must be obvious at a glance while labeling many.
    if (selected) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlpha(70);
        p->setPen(QPen(pal.color(QPalette::Highlight), 2));
        p->setBrush(fill);
        p->drawRoundedRect(cell, 6, 6);
    } else if (option.state & QStyle::State_MouseOver) {
        QColor fill = pal.color(QPalette::Highlight);
        fill.setAlpha(25);
        p->setPen(Qt::NoPen);
        p->setBrush(fill);
        p->drawRoundedRect(cell, 6, 6);
    }

    const QRect thumbRect(cell.left() + kMargin - 1, cell.top() + kMargin - 1, m_side, m_side);
    const QPixmap pixmap = index.data(Model::ThumbnailRole).value<QPixmap>();
    if (removed)
        p->setOpacity(0.35);
    if (!pixmap.isNull()) {
        QSize size = pixmap.size().scaled(thumbRect.size(), Qt::KeepAspectRatio);
        QRect target(QPoint(), size);
        target.moveCenter(thumbRect.center());
        p->drawPixmap(target, pixmap);
    } else {
        const QString failure = index.data(Model::FailureRole).toString();
        const auto status = pulc::dataset::SampleStatus(index.data(Model::StatusRole).toInt());
        QString text = failure;
        if (text.isEmpty() && status == pulc::dataset::SampleStatus::Missing)
            text = SampleGridModel::tr("File not found");
        else if (text.isEmpty() && status == pulc::dataset::SampleStatus::Corrupt)
            text = SampleGridModel::tr("Corrupt or unsupported image data");
        if (text.isEmpty()) {
            // Still loading: a quiet tile, so a fast scroll does not flash.
            p->setPen(Qt::NoPen);
            p->setBrush(pal.color(QPalette::AlternateBase));
            p->drawRoundedRect(thumbRect, 4, 4);
        } else {
            p->setPen(QPen(QColor(200, 60, 60), 1, Qt::DashLine));
            p->setBrush(QColor(200, 60, 60, 30));
            p->drawRoundedRect(thumbRect.adjusted(1, 1, -1, -1), 4, 4);
            const QIcon icon = QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            const int is = 32;
            icon.paint(
                p, QRect(thumbRect.center().x() - is / 2, thumbRect.top() + m_side / 5, is, is));
            p->setPen(pal.color(QPalette::Text));
            p->setFont(option.font);
            const QRect textRect(thumbRect.left() + 6, thumbRect.top() + m_side / 5 + is + 4,
                                 thumbRect.width() - 12, m_side - m_side / 5 - is - 8);
            p->drawText(textRect, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, text);
        }
    }
    p->setOpacity(1.0);

    QFont small = option.font;
    small.setPointSizeF(std::max(6.5, small.pointSizeF() * 0.8));
    const int pillTop = thumbRect.top() + 3;
    // Split, top left.
    const QString split = splitText(pulc::dataset::Split(index.data(Model::SplitRole).toInt()));
    if (!split.isEmpty())
        drawPill(p, {thumbRect.left() + 3, pillTop}, split, QColor(0, 0, 0, 150), Qt::white, small);
    // Problems, top right, right to left.
    QList<std::pair<QString, QColor>> badges;
    if (removed)
        badges.append({tr("removed"), QColor(90, 90, 90, 220)});
    if (index.data(Model::ConflictRole).toBool())
        badges.append({tr("conflict"), QColor(200, 40, 40, 230)});
    else if (index.data(Model::DuplicateRole).toBool())
        badges.append({tr("duplicate"), QColor(215, 120, 0, 230)});
    if (index.data(Model::LeakageRole).toBool())
        badges.append({tr("leakage"), QColor(150, 40, 170, 230)});
    int right = thumbRect.right() - 2;
    const QFontMetrics sfm(small);
    for (const auto &[text, color] : badges) {
        const int w = sfm.horizontalAdvance(text) + 8;
        drawPill(p, {right - w, pillTop}, text, color, Qt::white, small);
        right -= w + 3;
    }

    // Labels below the thumbnail: a colour dot per class, then the names.
    const QRect labelRect(cell.left() + kMargin, thumbRect.bottom() + kMargin,
                          cell.width() - 2 * kMargin, option.fontMetrics.height() + 2);
    const QStringList names = index.data(Model::ClassNamesRole).toStringList();
    p->setFont(option.font);
    if (names.isEmpty()) {
        QFont italic = option.font;
        italic.setItalic(true);
        p->setFont(italic);
        p->setPen(pal.color(QPalette::PlaceholderText));
        p->drawText(labelRect, Qt::AlignCenter, tr("unlabeled"));
    } else {
        // One overlapping dot per class (at most four), then the names.
        QList<QColor> colors = index.data(Model::ClassColorsRole).value<QList<QColor>>();
        colors = colors.mid(0, 4);
        const int dot = option.fontMetrics.height() - 4;
        const int dots = dot + (int(colors.size()) - 1) * dot / 2;
        const QString text = option.fontMetrics.elidedText(
            names.join(QStringLiteral(", ")), Qt::ElideRight, labelRect.width() - dots - 4);
        const int textWidth = option.fontMetrics.horizontalAdvance(text) + 1;
        const int left = labelRect.left() + (labelRect.width() - dots - 4 - textWidth) / 2;
        for (int i = 0; i < colors.size(); ++i) {
            p->setPen(QPen(pal.color(QPalette::Base), 1));
            p->setBrush(colors.at(i));
            p->drawEllipse(QRect(left + i * dot / 2, labelRect.center().y() - dot / 2, dot, dot));
        }
        p->setPen(pal.color(QPalette::Text));
        p->drawText(QRect(left + dots + 4, labelRect.top(), textWidth, labelRect.height()),
                    Qt::AlignLeft | Qt::AlignVCenter, text);
    }
    if (option.state & QStyle::State_HasFocus) {
        p->setPen(QPen(pal.color(QPalette::Highlight), 1, Qt::DotLine));
        p->setBrush(Qt::NoBrush);
        p->drawRoundedRect(cell.adjusted(2, 2, -2, -2), 5, 5);
    }
    p->restore();
}

} // namespace pulc::ui
