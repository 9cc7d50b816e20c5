#include "ui/evaluate/thresholdchart.h"

#include "ui/common/qcustomplotinclude.h"

#include <QVBoxLayout>

namespace pulc::ui {

ThresholdChart::ThresholdChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("rocPlot"));
    m_plot->setMinimumSize(240, 200);
    m_plot->setBackground(palette().color(QPalette::Base));
    const QColor text = palette().color(QPalette::Text);
    for (QCPAxis *axis : {m_plot->xAxis, m_plot->yAxis}) {
        axis->setRange(0.0, 1.0);
        axis->setLabelColor(text);
        axis->setTickLabelColor(text);
        axis->setBasePen(QPen(text));
        axis->setTickPen(QPen(text));
        axis->setSubTickPen(QPen(text));
        axis->setLabelFont(font());
        axis->setTickLabelFont(font());
    }
    m_plot->xAxis->setLabel(tr("False-positive rate"));
    m_plot->yAxis->setLabel(tr("True-positive rate"));

    // The chance diagonal, for scale.
    auto *chance = new QCPItemStraightLine(m_plot);
    chance->point1->setCoords(0, 0);
    chance->point2->setCoords(1, 1);
    chance->setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));

    m_budget = new QCPItemStraightLine(m_plot);
    m_budget->setPen(QPen(QColor(214, 96, 30), 1, Qt::DashLine));
    m_budget->setVisible(false);

    m_curve = m_plot->addGraph();
    m_curve->setPen(QPen(QColor(37, 99, 171), 2));
    m_curve->setName(tr("ROC"));
    m_point = m_plot->addGraph();
    m_point->setLineStyle(QCPGraph::lsNone);
    m_point->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(Qt::black, 1.5), QColor(214, 96, 30), 11));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void ThresholdChart::setCurve(const std::vector<QPointF> &points)
{
    QVector<double> x, y;
    for (const QPointF &p : points) {
        x << p.x();
        y << p.y();
    }
    // Sorted by FPR with TPR rising: QCustomPlot must not re-sort the staircase.
    m_curve->setData(x, y, true);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThresholdChart::setOperatingPoint(double fpr, double tpr)
{
    m_point->setData(QVector<double>{fpr}, QVector<double>{tpr});
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void ThresholdChart::setMaxFpr(double maxFpr)
{
    m_budget->setVisible(maxFpr >= 0.0);
    m_budget->point1->setCoords(maxFpr, 0);
    m_budget->point2->setCoords(maxFpr, 1);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pulc::ui
