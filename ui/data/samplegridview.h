#pragma once

#include <QListView>

namespace pulc::ui {

/// The thumbnail grid: a QListView laid out as wrapping rows of same-size cells (list mode
/// with left-to-right flow, which lays out 100,000 uniform items without measuring each),
/// with extended selection, rubber band, drag of the selection and labeling keys.
/// GUI thread.
class SampleGridView : public QListView
{
    Q_OBJECT

public:
    explicit SampleGridView(QWidget *parent = nullptr);

    /// The size a cell needs; the view widens cells evenly so the rows fill its width.
    void setCellSize(const QSize &size);

Q_SIGNALS:
    /// A labeling key (1-9, 0) was pressed: `position` is the class position it names.
    void labelKeyPressed(int position);
    /// Enter or double-click on `index`: open the large viewer.
    void openRequested(const QModelIndex &index);
    /// Delete: remove (or restore) the selection.
    void removeRequested();

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void startDrag(Qt::DropActions supportedActions) override;

private:
    void updateGrid();

    QSize m_cellSize{120, 140};
};

} // namespace pulc::ui
