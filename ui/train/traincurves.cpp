#include "ui/train/traincurves.h"

#include "ui/common/qcustomplotinclude.h"

#include <QCheckBox>
#include <QFile>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMouseEvent>
#include <QTimer>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace pulc::ui {

namespace {

constexpr double kSmoothing = 0.9;     ///< EMA weight of the past for the smoothed loss
constexpr int kReplotIntervalMs = 250; ///< as TrainController's reports: a redraw costs the run

const QColor kRunColor(31, 119, 180);
const QColor kOverlayColors[] = {QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40),
                                 QColor(148, 103, 189), QColor(140, 86, 75)};
const QColor kMetricColors[] = {QColor(31, 119, 180), QColor(23, 190, 207), QColor(188, 189, 34),
                                QColor(127, 127, 127), QColor(227, 119, 194)};

/// Validation metrics worth a curve: the fractions a user compares runs by.
bool isPlottedMetric(const QString &name, const QString &main)
{
    if (name == main)
        return true;
    static const QStringList kShown = {QStringLiteral("top1"), QStringLiteral("macro_f1"),
                                       QStringLiteral("tpr_at_fpr"), QStringLiteral("mA"),
                                       QStringLiteral("instance_f1")};
    if (kShown.contains(name))
        return true;
    // top-k beyond top1 ("top5").
    return name.size() > 3 && name.startsWith(QLatin1String("top")) && name.mid(3).toInt() > 1;
}

double numberOr(const QJsonValue &value, double fallback)
{
    return value.isDouble() ? value.toDouble() : fallback;
}

QString valueText(double value)
{
    if (value != 0.0 && (std::abs(value) < 1e-3 || std::abs(value) >= 1e5))
        return QString::number(value, 'e', 3);
    return QString::number(value, 'g', 4);
}

} // namespace

bool readRunCurves(const QString &runDir, RunCurvesData *data, QString *error)
{
    const QString path = runDir + QStringLiteral("/metrics.jsonl");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    data->steps.clear();
    data->epochs.clear();
    qint64 lastStep = 0;
    while (!file.atEnd()) {
        const QByteArray line = file.readLine().trimmed();
        if (line.isEmpty() || !line.endsWith('}'))
            continue; // a line cut by a kill
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        const QString event = o.value(QLatin1String("event")).toString();
        if (event == QLatin1String("step")) {
            TrainStepPoint s;
            s.epoch = o.value(QLatin1String("epoch")).toInt();
            s.step = o.value(QLatin1String("step")).toInt();
            s.globalStep = o.value(QLatin1String("global_step")).toInteger();
            s.loss = numberOr(o.value(QLatin1String("loss")), qQNaN());
            s.learningRate = numberOr(o.value(QLatin1String("lr")), qQNaN());
            s.imagesPerSecond = numberOr(o.value(QLatin1String("img_per_s")), 0.0);
            lastStep = s.globalStep;
            data->steps.append(s);
        } else if (event == QLatin1String("epoch")) {
            TrainEpochPoint e;
            e.epoch = o.value(QLatin1String("epoch")).toInt();
            e.globalStep = o.value(QLatin1String("global_step")).toInteger(lastStep);
            e.seconds = numberOr(o.value(QLatin1String("seconds")), 0.0);
            e.skippedImages = o.value(QLatin1String("skipped")).toInt();
            e.best = o.value(QLatin1String("best")).toBool();
            e.mainMetric = o.value(QLatin1String("main")).toString();
            const QJsonObject metrics = o.value(QLatin1String("metrics")).toObject();
            for (auto it = metrics.begin(); it != metrics.end(); ++it) {
                if (it.value().isDouble())
                    e.metrics.insert(it.key(), it.value().toDouble());
            }
            e.mainValue = e.metrics.value(e.mainMetric, qQNaN());
            e.trainLoss = e.metrics.value(QStringLiteral("train_loss"), qQNaN());
            data->epochs.append(e);
        }
    }
    return true;
}

/// An earlier run drawn for comparison: one dashed graph per plot.
struct TrainCurves::Overlay
{
    QString name;
    QList<QCPGraph *> graphs;
};

TrainCurves::TrainCurves(QWidget *parent)
    : QWidget(parent)
    , m_plot(new QCustomPlot(this))
    , m_logScale(new QCheckBox(tr("Log scale (loss)"), this))
    , m_replotTimer(new QTimer(this))
{
    setObjectName(QStringLiteral("trainingCurves"));
    m_plot->setObjectName(QStringLiteral("curvesPlot"));
    m_plot->setAutoAddPlottableToLegend(false);
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_plot->setNoAntialiasingOnDrag(true);
    m_plot->setMinimumHeight(360);

    // Three axis rects stacked, left margins aligned.
    m_plot->plotLayout()->clear();
    auto *margins = new QCPMarginGroup(m_plot);
    auto makeRect = [&](int row, const QString &xLabel, const QString &yLabel) {
        auto *rect = new QCPAxisRect(m_plot);
        m_plot->plotLayout()->addElement(row, 0, rect);
        rect->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
        rect->axis(QCPAxis::atBottom)->setLabel(xLabel);
        rect->axis(QCPAxis::atLeft)->setLabel(yLabel);
        rect->setRangeDrag(Qt::Horizontal | Qt::Vertical);
        rect->setRangeZoom(Qt::Horizontal | Qt::Vertical);
        for (QCPAxis *axis : rect->axes())
            axis->setLayer(QStringLiteral("axes"));
        auto *legend = new QCPLegend;
        rect->insetLayout()->addElement(legend, Qt::AlignRight | Qt::AlignTop);
        legend->setLayer(QStringLiteral("legend"));
        QFont font = legend->font();
        font.setPointSizeF(font.pointSizeF() * 0.85);
        legend->setFont(font);
        legend->setBrush(QColor(255, 255, 255, 200));
        legend->setVisible(false);
        return std::pair{rect, legend};
    };
    std::tie(m_lossRect, m_lossLegend) = makeRect(0, tr("step"), tr("loss"));
    std::tie(m_metricRect, m_metricLegend) = makeRect(1, tr("epoch"), tr("validation"));
    // Metrics rise: their legend sits low, out of the way of the latest epochs.
    m_metricRect->insetLayout()->setInsetAlignment(0, Qt::AlignRight | Qt::AlignBottom);
    std::tie(m_lrRect, m_lrLegend) = makeRect(2, tr("step"), tr("learning rate"));
    m_metricRect->axis(QCPAxis::atBottom)->ticker()->setTickCount(6);
    QSharedPointer<QCPAxisTickerFixed> epochTicker(new QCPAxisTickerFixed);
    epochTicker->setTickStep(1.0);
    epochTicker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    m_metricRect->axis(QCPAxis::atBottom)->setTicker(epochTicker);
    m_lrRect->axis(QCPAxis::atLeft)->setNumberFormat(QStringLiteral("gb"));

    m_lossRaw = addGraph(m_lossRect, m_lossLegend, tr("training loss"),
                         QColor(kRunColor.red(), kRunColor.green(), kRunColor.blue(), 70), false);
    m_lossSmooth =
        addGraph(m_lossRect, m_lossLegend, tr("training loss (smoothed)"), kRunColor, false);
    m_lossSmooth->setPen(QPen(kRunColor, 2));
    m_valLoss =
        addGraph(m_lossRect, m_lossLegend, tr("validation loss"), QColor(214, 39, 40), false);
    m_valLoss->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, 6));
    m_lr = addGraph(m_lrRect, m_lrLegend, tr("learning rate"), kRunColor, false);

    m_tracer = new QCPItemTracer(m_plot);
    m_tracer->setStyle(QCPItemTracer::tsCircle);
    m_tracer->setSize(8);
    m_tracer->setPen(QPen(Qt::black, 1.5));
    m_tracer->setInterpolating(false);
    m_tracer->setVisible(false);

    m_replotTimer->setSingleShot(true);
    m_replotTimer->setInterval(kReplotIntervalMs);
    connect(m_replotTimer, &QTimer::timeout, this, &TrainCurves::replotNow);

    m_logScale->setObjectName(QStringLiteral("lossLogScale"));
    connect(m_logScale, &QCheckBox::toggled, this, &TrainCurves::setLossLogScale);
    auto *reset = new QToolButton(this);
    reset->setObjectName(QStringLiteral("resetZoom"));
    reset->setText(tr("Reset zoom"));
    reset->setToolTip(tr("Fit every plot to its data again (drag to pan, wheel to zoom)"));
    connect(reset, &QToolButton::clicked, this, &TrainCurves::resetZoom);
    auto *clearCompare = new QToolButton(this);
    clearCompare->setObjectName(QStringLiteral("clearOverlays"));
    clearCompare->setText(tr("Clear comparison"));
    clearCompare->setToolTip(tr("Remove the runs shown dashed for comparison"));
    connect(clearCompare, &QToolButton::clicked, this, &TrainCurves::clearOverlays);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_logScale);
    tools->addStretch(1);
    tools->addWidget(clearCompare);
    tools->addWidget(reset);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(tools);
    layout->addWidget(m_plot, 1);

    m_plot->setMouseTracking(true);
    m_plot->installEventFilter(this);
    fitAxes();
    m_plot->replot();
}

TrainCurves::~TrainCurves()
{
    qDeleteAll(m_overlays);
}

QCPGraph *TrainCurves::addGraph(QCPAxisRect *rect, QCPLegend *legend, const QString &name,
                                const QColor &color, bool dashed)
{
    auto *graph = m_plot->addGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    graph->setName(name);
    QPen pen(color, dashed ? 1.6 : 1.2);
    if (dashed)
        pen.setStyle(Qt::DashLine);
    graph->setPen(pen);
    graph->addToLegend(legend);
    return graph;
}

QCPGraph *TrainCurves::metricGraph(const QString &metric, bool main)
{
    if (QCPGraph *graph = m_metrics.value(metric))
        return graph;
    const QColor color = main ? kRunColor : kMetricColors[(m_metrics.size() + 1) % 5];
    QCPGraph *graph = addGraph(m_metricRect, m_metricLegend,
                               main ? tr("%1 (main)").arg(metric) : metric, color, false);
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, main ? 6 : 4));
    if (main)
        graph->setPen(QPen(color, 2));
    m_metrics.insert(metric, graph);
    return graph;
}

void TrainCurves::clear()
{
    clearOverlays();
    for (QCPGraph *graph : {m_lossRaw, m_lossSmooth, m_valLoss, m_lr})
        graph->data()->clear();
    for (QCPGraph *graph : std::as_const(m_metrics))
        m_plot->removeGraph(graph);
    m_metrics.clear();
    m_ema = 0.0;
    m_emaCount = 0;
    m_lastStep = 0;
    m_stepCount = 0;
    m_epochCount = 0;
    m_userZoomed = false;
    m_runName.clear();
    hideHover();
    scheduleReplot();
}

void TrainCurves::setRunName(const QString &name)
{
    m_runName = name;
}

void TrainCurves::addStep(const TrainStepPoint &s)
{
    const double key = double(s.globalStep);
    if (s.globalStep <= m_lastStep && m_stepCount > 0) {
        // A resumed run repeats steps after its checkpoint: the new ones replace them.
        for (QCPGraph *graph : {m_lossRaw, m_lossSmooth, m_lr})
            graph->data()->removeAfter(key - 0.5);
        m_stepCount = m_lossRaw->dataCount();
        m_emaCount = 0; // restart smoothing from the new points
    }
    m_lastStep = s.globalStep;
    ++m_stepCount;
    if (std::isfinite(s.loss)) {
        m_lossRaw->addData(key, s.loss);
        m_ema = m_emaCount == 0 ? s.loss : kSmoothing * m_ema + (1.0 - kSmoothing) * s.loss;
        ++m_emaCount;
        m_lossSmooth->addData(key, m_ema);
    }
    if (std::isfinite(s.learningRate))
        m_lr->addData(key, s.learningRate);
}

void TrainCurves::addEpoch(const TrainEpochPoint &e)
{
    ++m_epochCount;
    const double epoch = double(e.epoch);
    for (auto it = e.metrics.begin(); it != e.metrics.end(); ++it) {
        if (!std::isfinite(it.value()))
            continue;
        if (it.key() == QLatin1String("val_loss")) {
            const double key = e.globalStep > 0 ? double(e.globalStep) : double(m_lastStep);
            m_valLoss->data()->removeAfter(key - 0.5);
            m_valLoss->addData(key, it.value());
        } else if (isPlottedMetric(it.key(), e.mainMetric)) {
            QCPGraph *graph = metricGraph(it.key(), it.key() == e.mainMetric);
            graph->data()->removeAfter(epoch - 0.5);
            graph->addData(epoch, it.value());
        }
    }
}

void TrainCurves::appendSteps(const QList<TrainStepPoint> &steps)
{
    for (const TrainStepPoint &s : steps)
        addStep(s);
    scheduleReplot();
}

void TrainCurves::appendEpoch(const TrainEpochPoint &epoch)
{
    addEpoch(epoch);
    scheduleReplot();
}

bool TrainCurves::loadRun(const QString &runDir, const QString &name, QString *error)
{
    RunCurvesData data;
    if (!readRunCurves(runDir, &data, error))
        return false;
    showRun(data, name);
    return true;
}

void TrainCurves::showRun(const RunCurvesData &data, const QString &name)
{
    const QList<Overlay *> overlays = std::exchange(m_overlays, {});
    clear();
    m_overlays = overlays;
    m_runName = name;
    for (const TrainStepPoint &s : std::as_const(data.steps))
        addStep(s);
    for (const TrainEpochPoint &e : std::as_const(data.epochs))
        addEpoch(e);
    scheduleReplot();
}

bool TrainCurves::addOverlay(const QString &runDir, const QString &name, QString *error)
{
    RunCurvesData data;
    if (!readRunCurves(runDir, &data, error))
        return false;
    addOverlay(data, name);
    return true;
}

void TrainCurves::addOverlay(const RunCurvesData &data, const QString &name)
{
    const QColor color = kOverlayColors[m_overlays.size() % 5];
    auto *overlay = new Overlay{name, {}};
    QCPGraph *loss = addGraph(m_lossRect, m_lossLegend, tr("%1 (smoothed)").arg(name), color, true);
    QCPGraph *lr = addGraph(m_lrRect, m_lrLegend, name, color, true);
    QCPGraph *metric = addGraph(m_metricRect, m_metricLegend, name, color, true);
    metric->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDiamond, 6));
    QVector<double> steps, losses, lrSteps, rates, epochs, values;
    double ema = 0.0;
    int count = 0;
    for (const TrainStepPoint &s : std::as_const(data.steps)) {
        if (std::isfinite(s.loss)) {
            ema = count++ == 0 ? s.loss : kSmoothing * ema + (1.0 - kSmoothing) * s.loss;
            steps.append(double(s.globalStep));
            losses.append(ema);
        }
        if (std::isfinite(s.learningRate)) {
            lrSteps.append(double(s.globalStep));
            rates.append(s.learningRate);
        }
    }
    QString mainMetric;
    for (const TrainEpochPoint &e : std::as_const(data.epochs)) {
        if (std::isfinite(e.mainValue)) {
            epochs.append(double(e.epoch));
            values.append(e.mainValue);
            mainMetric = e.mainMetric;
        }
    }
    if (!mainMetric.isEmpty())
        metric->setName(QStringLiteral("%1 (%2)").arg(name, mainMetric));
    loss->setData(steps, losses, true);
    lr->setData(lrSteps, rates, true);
    metric->setData(epochs, values, true);
    overlay->graphs = {loss, lr, metric};
    m_overlays.append(overlay);
    scheduleReplot();
}

void TrainCurves::clearOverlays()
{
    hideHover();
    for (Overlay *overlay : std::as_const(m_overlays)) {
        for (QCPGraph *graph : std::as_const(overlay->graphs))
            m_plot->removeGraph(graph);
        delete overlay;
    }
    m_overlays.clear();
    scheduleReplot();
}

void TrainCurves::setLossLogScale(bool on)
{
    if (m_logScale->isChecked() != on) {
        m_logScale->setChecked(on); // comes back here through toggled()
        return;
    }
    QCPAxis *axis = m_lossRect->axis(QCPAxis::atLeft);
    if (on) {
        axis->setScaleType(QCPAxis::stLogarithmic);
        axis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        axis->setNumberFormat(QStringLiteral("gb"));
    } else {
        axis->setScaleType(QCPAxis::stLinear);
        axis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        axis->setNumberFormat(QStringLiteral("g"));
    }
    m_userZoomed = false;
    scheduleReplot();
}

bool TrainCurves::lossLogScale() const
{
    return m_logScale->isChecked();
}

void TrainCurves::resetZoom()
{
    m_userZoomed = false;
    replotNow();
}

int TrainCurves::stepCount() const
{
    return m_stepCount;
}

int TrainCurves::epochCount() const
{
    return m_epochCount;
}

int TrainCurves::overlayCount() const
{
    return int(m_overlays.size());
}

QStringList TrainCurves::overlayNames() const
{
    QStringList names;
    for (const Overlay *overlay : m_overlays)
        names.append(overlay->name);
    return names;
}

void TrainCurves::scheduleReplot()
{
    if (!m_replotTimer->isActive())
        m_replotTimer->start();
}

void TrainCurves::replotNow()
{
    m_replotTimer->stop();
    if (!m_userZoomed)
        fitAxes();
    for (QCPLegend *legend : {m_lossLegend, m_metricLegend, m_lrLegend}) {
        bool any = false;
        for (int i = 0; i < legend->itemCount() && !any; ++i) {
            auto *item = qobject_cast<QCPPlottableLegendItem *>(legend->item(i));
            any = item && item->plottable()->interface1D() &&
                  item->plottable()->interface1D()->dataCount() > 0;
        }
        legend->setVisible(any);
    }
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainCurves::fitAxes()
{
    // Ranges from the graphs' own sorted containers: O(graphs) for keys, O(points) for values,
    // once per redraw (at most ten a second), never per appended point.
    for (QCPAxisRect *rect : {m_lossRect, m_metricRect, m_lrRect}) {
        QCPAxis *x = rect->axis(QCPAxis::atBottom);
        QCPAxis *y = rect->axis(QCPAxis::atLeft);
        const QCP::SignDomain domain =
            y->scaleType() == QCPAxis::stLogarithmic ? QCP::sdPositive : QCP::sdBoth;
        QCPRange keys, values;
        bool haveKeys = false, haveValues = false;
        for (QCPGraph *graph : rect->graphs()) {
            bool found = false;
            const QCPRange k = graph->getKeyRange(found);
            if (found) {
                keys =
                    haveKeys ? QCPRange(qMin(keys.lower, k.lower), qMax(keys.upper, k.upper)) : k;
                haveKeys = true;
            }
            const QCPRange v = graph->getValueRange(found, domain);
            if (found) {
                values = haveValues
                             ? QCPRange(qMin(values.lower, v.lower), qMax(values.upper, v.upper))
                             : v;
                haveValues = true;
            }
        }
        if (!haveKeys)
            keys = rect == m_metricRect ? QCPRange(0.5, 5.5) : QCPRange(0, 100);
        else if (rect == m_metricRect)
            keys = QCPRange(keys.lower - 0.5, keys.upper + 0.5);
        else if (keys.size() <= 0)
            keys = QCPRange(keys.lower - 1, keys.upper + 1);
        x->setRange(keys);
        if (!haveValues) {
            values = domain == QCP::sdPositive ? QCPRange(0.1, 10) : QCPRange(0, 1);
        } else if (domain == QCP::sdPositive) {
            values = QCPRange(values.lower / 1.2, values.upper * 1.2);
        } else {
            const double pad =
                values.size() > 0 ? values.size() * 0.08 : qMax(std::abs(values.upper) * 0.1, 1e-6);
            values = QCPRange(values.lower - pad, values.upper + pad);
            if (rect == m_metricRect)
                values = QCPRange(qMax(values.lower, -0.02), qMin(values.upper, 1.02));
            else if (rect == m_lrRect || rect == m_lossRect)
                values.lower = qMax(values.lower, 0.0);
        }
        y->setRange(values);
    }
}

bool TrainCurves::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_plot) {
        switch (event->type()) {
        case QEvent::MouseMove: {
            auto *mouse = static_cast<QMouseEvent *>(event);
            if (mouse->buttons() != Qt::NoButton)
                m_userZoomed = true; // a drag pans: stop following new data
            else
                hover(mouse);
            break;
        }
        case QEvent::Wheel:
            m_userZoomed = true;
            break;
        case QEvent::MouseButtonDblClick:
            resetZoom();
            return true;
        case QEvent::Leave:
            hideHover();
            break;
        default:
            break;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void TrainCurves::hover(QMouseEvent *event)
{
    const QPointF pos = event->position();
    QCPAxisRect *rect = m_plot->axisRectAt(pos);
    if (!rect || !rect->rect().contains(pos.toPoint())) {
        hideHover();
        return;
    }
    // The data point nearest to the cursor, in pixels, over the rect's visible graphs.
    QCPGraph *best = nullptr;
    double bestKey = 0, bestValue = 0, bestDistance = 30.0 * 30.0;
    for (QCPGraph *graph : rect->graphs()) {
        if (!graph->visible() || graph->dataCount() == 0)
            continue;
        const double key = graph->keyAxis()->pixelToCoord(pos.x());
        auto it = graph->data()->findBegin(key, false);
        for (int probe = 0; probe < 2 && it != graph->data()->constEnd(); ++probe, ++it) {
            const QPointF p = graph->coordsToPixels(it->key, it->value);
            const double dx = p.x() - pos.x(), dy = p.y() - pos.y();
            if (dx * dx + dy * dy < bestDistance) {
                bestDistance = dx * dx + dy * dy;
                best = graph;
                bestKey = it->key;
                bestValue = it->value;
            }
        }
    }
    if (!best) {
        hideHover();
        return;
    }
    m_tracer->setClipAxisRect(rect);
    m_tracer->setGraph(best);
    m_tracer->setGraphKey(bestKey);
    m_tracer->setVisible(true);
    const QString keyName = rect == m_metricRect ? tr("epoch") : tr("step");
    QToolTip::showText(
        event->globalPosition().toPoint(),
        QStringLiteral("%1\n%2 %3: %4")
            .arg(best->name(), keyName, QString::number(qint64(bestKey)), valueText(bestValue)),
        m_plot);
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

void TrainCurves::hideHover()
{
    m_tracer->setGraph(nullptr);
    if (!m_tracer->visible())
        return;
    m_tracer->setVisible(false);
    QToolTip::hideText();
    m_plot->replot(QCustomPlot::rpQueuedReplot);
}

} // namespace pulc::ui
