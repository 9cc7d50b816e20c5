#include "ui/data/classbalancechart.h"

#include "ui/common/qcustomplotinclude.h"

#include <QHelpEvent>
#include <QLocale>
#include <QToolTip>
#include <QVBoxLayout>

namespace pulc::ui {

using pulc::dataset::Split;

namespace {

constexpr const char *kClassId = "pulcClassId";
constexpr const char *kSplit = "pulcSplit";
constexpr const char *kLabel = "pulcLabel";

// Splits from the bottom of a bar up; later ones are drawn lighter.
constexpr Split kStack[] = {Split::Train, Split::Val, Split::Test, Split::Unassigned};

// Shades by rank among the splits in use, so a project that only has unassigned images
// still gets solid bars.
int alphaOf(Split split, const QList<Split> &used)
{
    constexpr int kAlpha[] = {255, 165, 95, 45};
    const qsizetype rank = used.indexOf(split);
    return kAlpha[std::clamp<qsizetype>(rank, 0, 3)];
}

QString splitName(Split split)
{
    switch (split) {
    case Split::Train:
        return ClassBalanceChart::tr("Train");
    case Split::Val:
        return ClassBalanceChart::tr("Val");
    case Split::Test:
        return ClassBalanceChart::tr("Test");
    case Split::Unassigned:
        return ClassBalanceChart::tr("No split");
    }
    return {};
}

int countOf(const pulc::dataset::ClassStats &c, Split split)
{
    switch (split) {
    case Split::Train:
        return c.train;
    case Split::Val:
        return c.val;
    case Split::Test:
        return c.test;
    case Split::Unassigned:
        return c.unassigned;
    }
    return 0;
}

} // namespace

ClassBalanceChart::ClassBalanceChart(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
{
    m_plot->setObjectName(QStringLiteral("classBalancePlot"));
    m_plot->setMinimumHeight(160);
    m_plot->setBackground(palette().color(QPalette::Base));
    // The legend gets a row of its own above the bars, so it never hides (or catches the
    // clicks of) a tall bar.
    m_plot->legend->setVisible(true);
    m_plot->legend->setFont(font());
    m_plot->legend->setBorderPen(Qt::NoPen);
    m_plot->legend->setBrush(Qt::NoBrush);
    m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    m_plot->plotLayout()->insertRow(0);
    m_plot->plotLayout()->addElement(0, 0, m_plot->legend);
    m_plot->plotLayout()->setRowStretchFactor(0, 0.001);
    m_plot->legend->setMargins(QMargins(4, 2, 4, 0));
    m_plot->yAxis->setLabel(tr("Images"));
    m_plot->xAxis->grid()->setVisible(false);
    m_plot->setToolTip(tr("Click a bar to show those images"));
    m_plot->installEventFilter(this);
    connect(m_plot, &QCustomPlot::plottableClick, this,
            [this](QCPAbstractPlottable *plottable, int, QMouseEvent *) {
                if (auto *bars = qobject_cast<QCPBars *>(plottable))
                    clicked(bars);
            });
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_plot);
}

void ClassBalanceChart::setStats(const pulc::dataset::DatasetStats &stats)
{
    m_plot->clearPlottables();
    m_plot->legend->clearItems();
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    double maxTotal = 0;
    const auto &classes = stats.classes;
    QList<Split> used;
    for (Split split : kStack)
        for (const auto &c : classes)
            if (countOf(c, split) > 0 && !used.contains(split))
                used.append(split);
    for (int i = 0; i < classes.size(); ++i) {
        const auto &c = classes.at(i);
        const double x = i + 1;
        ticker->addTick(x, c.name);
        maxTotal = std::max<double>(maxTotal, c.train + c.val + c.test + c.unassigned);
        QCPBars *below = nullptr;
        for (Split split : kStack) {
            const int n = countOf(c, split);
            if (n == 0)
                continue;
            auto *bars = new QCPBars(m_plot->xAxis, m_plot->yAxis);
            bars->setProperty(kClassId, c.id);
            bars->setProperty(kSplit, int(split));
            bars->setProperty(
                kLabel,
                tr("%1 · %2: %3 images").arg(c.name, splitName(split), QLocale().toString(n)));
            QColor fill(c.color);
            fill.setAlpha(alphaOf(split, used));
            bars->setBrush(fill);
            bars->setPen(QPen(QColor(c.color).darker(130), 1));
            bars->setWidth(0.7);
            bars->setData({x}, {double(n)});
            bars->setSelectable(QCP::stNone);
            if (below)
                bars->moveAbove(below);
            below = bars;
            bars->removeFromLegend();
        }
    }
    // The legend explains the shades with neutral swatches, one per split in use.
    for (Split split : used) {
        auto *sample = new QCPBars(m_plot->xAxis, m_plot->yAxis);
        QColor fill(80, 80, 80);
        fill.setAlpha(alphaOf(split, used));
        sample->setBrush(fill);
        sample->setPen(QPen(QColor(60, 60, 60)));
        sample->setName(splitName(split));
        sample->setSelectable(QCP::stNone);
    }
    m_plot->xAxis->setTicker(ticker);
    // Many or long names need slanted labels to stay readable.
    int longest = 0;
    for (const auto &c : classes)
        longest = std::max(longest, int(c.name.size()));
    m_plot->xAxis->setTickLabelRotation(classes.size() * std::max(longest, 4) > 48 ? -35 : 0);
    m_plot->xAxis->setRange(0.4, classes.size() + 0.6);
    m_plot->yAxis->setRange(0, std::max(1.0, maxTotal * 1.12));
    m_plot->replot();
}

QCPBars *ClassBalanceChart::barsAt(const QPoint &pos) const
{
    auto *bars = qobject_cast<QCPBars *>(m_plot->plottableAt(pos, false));
    return bars && bars->property(kClassId).isValid() ? bars : nullptr;
}

void ClassBalanceChart::clicked(QCPBars *bars)
{
    if (!bars || !bars->property(kClassId).isValid())
        return;
    Q_EMIT segmentClicked(bars->property(kClassId).toLongLong(),
                          Split(bars->property(kSplit).toInt()));
}

QPoint ClassBalanceChart::segmentCenter(qint64 classId, Split split) const
{
    for (int i = 0; i < m_plot->plottableCount(); ++i) {
        auto *bars = qobject_cast<QCPBars *>(m_plot->plottable(i));
        if (!bars || bars->property(kClassId).toLongLong() != classId ||
            bars->property(kSplit).toInt() != int(split) || bars->data()->isEmpty())
            continue;
        const double x = bars->data()->at(0)->key;
        double bottom = 0;
        for (QCPBars *b = bars->barBelow(); b; b = b->barBelow())
            bottom += b->data()->at(0)->value;
        const double y = bottom + bars->data()->at(0)->value / 2;
        return {int(m_plot->xAxis->coordToPixel(x)), int(m_plot->yAxis->coordToPixel(y))};
    }
    return {-1, -1};
}

bool ClassBalanceChart::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot && event->type() == QEvent::ToolTip) {
        auto *help = static_cast<QHelpEvent *>(event);
        if (QCPBars *bars = barsAt(help->pos()))
            QToolTip::showText(help->globalPos(),
                               bars->property(kLabel).toString() + QLatin1Char('\n') +
                                   tr("Click to show these images"),
                               m_plot);
        else
            QToolTip::showText(help->globalPos(), m_plot->toolTip(), m_plot);
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace pulc::ui
