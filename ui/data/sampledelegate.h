#pragma once

#include <QStyledItemDelegate>

namespace pulc::ui {

/// Paints one grid cell from SampleGridModel roles: the thumbnail (or a placeholder saying why
/// there is none), the class chip, the split tag and status badges. Every cell has the same
/// size, so the view can lay out 100,000 of them without asking each. GUI thread.
class SampleDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit SampleDelegate(QObject *parent = nullptr);

    /// Side of the square thumbnail area, in device-independent pixels.
    int thumbnailSide() const { return m_side; }
    void setThumbnailSide(int side) { m_side = side; }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_side = 132;
};

} // namespace pulc::ui
