#pragma once

#include <dataset/stats.h>
#include <dataset/types.h>

#include <QWidget>

class QCustomPlot;
class QCPBars;

namespace pulc::ui {

/// Class balance as stacked bars, one per class in its colour, one segment per split (train
/// solid, then validation, test and no split lighter). Clicking a segment asks to show those
/// images. GUI thread.
class ClassBalanceChart : public QWidget
{
    Q_OBJECT

public:
    explicit ClassBalanceChart(QWidget *parent = nullptr);

    void setStats(const pulc::dataset::DatasetStats &stats);
    QCustomPlot *plot() const { return m_plot; }
    /// Where the segment of `classId` in `split` is drawn, or (-1, -1) when it has no images.
    QPoint segmentCenter(qint64 classId, pulc::dataset::Split split) const;

Q_SIGNALS:
    /// The user clicked the segment of `classId` in `split`.
    void segmentClicked(qint64 classId, pulc::dataset::Split split);

private:
    void clicked(QCPBars *bars);
    QCPBars *barsAt(const QPoint &pos) const;
    bool eventFilter(QObject *watched, QEvent *event) override;

    QCustomPlot *m_plot;
};

} // namespace pulc::ui
