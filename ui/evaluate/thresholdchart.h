#pragma once

#include <QPointF>
#include <QWidget>

#include <vector>

class QCustomPlot;
class QCPGraph;
class QCPItemStraightLine;

namespace pulc::ui {

/// The ROC curve of a binary evaluation (TPR against FPR) with the current threshold's
/// operating point marked and the FPR budget drawn as a vertical line. GUI thread.
class ThresholdChart : public QWidget
{
    Q_OBJECT

public:
    explicit ThresholdChart(QWidget *parent = nullptr);

    /// The curve, as rocCurve() gives it.
    void setCurve(const std::vector<QPointF> &points);
    /// The operating point at the current threshold.
    void setOperatingPoint(double fpr, double tpr);
    /// The "max FPR" budget; a negative value hides the line.
    void setMaxFpr(double maxFpr);
    QCustomPlot *plot() const { return m_plot; }

private:
    QCustomPlot *m_plot;
    QCPGraph *m_curve;
    QCPGraph *m_point;
    QCPItemStraightLine *m_budget;
};

} // namespace pulc::ui
