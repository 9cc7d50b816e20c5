#include "ui/data/samplegridview.h"

#include "ui/data/labeling.h"

#include <QDrag>
#include <QKeyEvent>
#include <QLocale>
#include <QPainter>

namespace pulc::ui {

SampleGridView::SampleGridView(QWidget *parent)
    : QListView(parent)
{
    setViewMode(QListView::ListMode);
    setFlow(QListView::LeftToRight);
    setWrapping(true);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setLayoutMode(QListView::SinglePass);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setSelectionRectVisible(true);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setMouseTracking(true);
    setDragEnabled(true);
    setDragDropMode(QAbstractItemView::DragOnly);
    setDefaultDropAction(Qt::CopyAction);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    connect(this, &QAbstractItemView::doubleClicked, this, &SampleGridView::openRequested);
}

void SampleGridView::setCellSize(const QSize &size)
{
    m_cellSize = size;
    updateGrid();
}

void SampleGridView::resizeEvent(QResizeEvent *event)
{
    updateGrid();
    QListView::resizeEvent(event);
}

void SampleGridView::updateGrid()
{
    // A grid size is also what lets the view place 100,000 cells without asking each its size.
    const int width = viewport()->width() - 2;
    const int columns = std::max(1, width / (m_cellSize.width() + 4));
    const QSize grid(std::max(m_cellSize.width() + 4, width / columns), m_cellSize.height() + 4);
    if (grid != gridSize())
        setGridSize(grid);
}

void SampleGridView::keyPressEvent(QKeyEvent *event)
{
    const int position = labelingKeyPosition(event);
    if (position >= 0) {
        Q_EMIT labelKeyPressed(position);
        event->accept();
        return;
    }
    switch (event->key()) {
    case Qt::Key_Return:
    case Qt::Key_Enter:
        if (currentIndex().isValid()) {
            Q_EMIT openRequested(currentIndex());
            event->accept();
            return;
        }
        break;
    case Qt::Key_Delete:
        Q_EMIT removeRequested();
        event->accept();
        return;
    default:
        break;
    }
    QListView::keyPressEvent(event);
}

void SampleGridView::startDrag(Qt::DropActions supportedActions)
{
    // Qt's drag image renders every selected cell; with thousands selected a small badge
    // with the count is both faster and clearer.
    const QModelIndexList indexes = selectedIndexes();
    if (indexes.isEmpty())
        return;
    QMimeData *mime = model()->mimeData(indexes);
    if (!mime)
        return;
    auto *drag = new QDrag(this);
    drag->setMimeData(mime);
    const QString text = indexes.size() == 1
                             ? tr("1 image")
                             : tr("%1 images").arg(QLocale().toString(indexes.size()));
    const QFontMetrics fm(font());
    QPixmap badge(fm.horizontalAdvance(text) + 20, fm.height() + 10);
    badge.fill(Qt::transparent);
    {
        QPainter p(&badge);
        p.setRenderHint(QPainter::Antialiasing);
        p.setBrush(palette().color(QPalette::Highlight));
        p.setPen(Qt::NoPen);
        p.drawRoundedRect(badge.rect(), 6, 6);
        p.setPen(palette().color(QPalette::HighlightedText));
        p.drawText(badge.rect(), Qt::AlignCenter, text);
    }
    drag->setPixmap(badge);
    drag->setHotSpot(QPoint(-8, -8));
    drag->exec(supportedActions, Qt::CopyAction);
}

} // namespace pulc::ui
