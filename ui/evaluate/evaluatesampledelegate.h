#pragma once

#include <QStyledItemDelegate>

namespace pulc::ui {

/// Paints one evaluated image of an EvaluateSampleModel: the thumbnail scaled into a square (small
/// images such as 28x28 Fashion-MNIST are enlarged so they can be judged), "true → predicted"
/// and the score, or the new label once relabelled (on a green ground). GUI thread.
class EvaluateSampleDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    explicit EvaluateSampleDelegate(int side, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

private:
    int m_side;
};

} // namespace pulc::ui
