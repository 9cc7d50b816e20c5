#include "ui/evaluate/binarythresholdpanel.h"

#include "ui/evaluate/thresholdchart.h"

#include <QDoubleSpinBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSlider>
#include <QVBoxLayout>

#include <cmath>

namespace pulc::ui {

namespace {
constexpr int kSteps = 10000;

QString percent(double v)
{
    return QLocale().toString(100.0 * v, 'f', 1) + u'%';
}
} // namespace

BinaryThresholdPanel::BinaryThresholdPanel(QWidget *parent)
    : QWidget(parent)
    , m_slider(new QSlider(Qt::Horizontal, this))
    , m_thresholdLabel(new QLabel(this))
    , m_figures(new QLabel(this))
    , m_maxFpr(new QDoubleSpinBox(this))
    , m_pointLabel(new QLabel(this))
    , m_chart(new ThresholdChart(this))
{
    m_slider->setObjectName(QStringLiteral("thresholdSlider"));
    m_slider->setRange(0, kSteps);
    m_slider->setToolTip(tr("An image counts as positive when its score for the positive class "
                            "is at least this threshold"));
    m_thresholdLabel->setMinimumWidth(fontMetrics().horizontalAdvance(QStringLiteral("0.0000")));
    m_figures->setObjectName(QStringLiteral("thresholdFigures"));
    m_figures->setTextFormat(Qt::RichText);
    m_figures->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_maxFpr->setObjectName(QStringLiteral("maxFprBox"));
    m_maxFpr->setRange(0.0, 100.0);
    m_maxFpr->setDecimals(1);
    m_maxFpr->setSingleStep(0.5);
    m_maxFpr->setSuffix(QStringLiteral(" %"));
    m_maxFpr->setValue(1.0);
    m_maxFpr->setToolTip(tr("The false-positive rate you can afford. PULC reports the best "
                            "true-positive rate reachable within it (TPR at FPR)."));
    m_pointLabel->setObjectName(QStringLiteral("operatingPoint"));
    m_pointLabel->setWordWrap(true);
    auto *useIt = new QPushButton(tr("Use this threshold"), this);
    useIt->setToolTip(tr("Move the slider to the threshold that reaches the max FPR"));

    auto *sliderRow = new QHBoxLayout;
    sliderRow->addWidget(new QLabel(tr("Threshold:"), this));
    sliderRow->addWidget(m_slider, 1);
    sliderRow->addWidget(m_thresholdLabel);

    auto *fprRow = new QHBoxLayout;
    fprRow->addWidget(new QLabel(tr("Max FPR:"), this));
    fprRow->addWidget(m_maxFpr);
    fprRow->addWidget(m_pointLabel, 1);
    fprRow->addWidget(useIt);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(sliderRow);
    layout->addWidget(m_figures);
    layout->addLayout(fprRow);
    layout->addWidget(m_chart, 1);

    connect(m_slider, &QSlider::valueChanged, this, &BinaryThresholdPanel::thresholdMoved);
    connect(m_maxFpr, &QDoubleSpinBox::valueChanged, this, &BinaryThresholdPanel::maxFprChanged);
    connect(useIt, &QPushButton::clicked, this, [this] {
        if (m_point.found)
            setThreshold(m_point.threshold);
    });
}

void BinaryThresholdPanel::setResult(const pulc::engine::EvalResult &result)
{
    m_scores = binaryScores(result);
    m_positiveName =
        result.classNames.size() == 2 ? QString::fromStdString(result.classNames[1]) : QString();
    m_chart->setCurve(rocCurve(m_scores));
    maxFprChanged();
    setThreshold(result.threshold);
    thresholdMoved();
}

void BinaryThresholdPanel::setThreshold(double threshold)
{
    m_slider->setValue(int(std::lround(std::clamp(threshold, 0.0, 1.0) * kSteps)));
}

double BinaryThresholdPanel::threshold() const
{
    return double(m_slider->value()) / kSteps;
}

void BinaryThresholdPanel::setMaxFpr(double maxFpr)
{
    m_maxFpr->setValue(100.0 * maxFpr);
}

QString BinaryThresholdPanel::figuresText() const
{
    return m_figures->text();
}

void BinaryThresholdPanel::thresholdMoved()
{
    const double t = threshold();
    m_thresholdLabel->setText(QLocale().toString(t, 'f', 4));
    m_counts = binaryCountsAt(m_scores, t);
    m_figures->setText(
        tr("<b>TPR</b> %1 &nbsp; <b>FPR</b> %2 &nbsp; <b>Precision</b> %3 &nbsp; "
           "<b>Accuracy</b> %4 &nbsp; <span style='color:gray'>(%5 of %6 “%7” images found, "
           "%8 false alarms in %9)</span>")
            .arg(percent(m_counts.tpr()), percent(m_counts.fpr()), percent(m_counts.precision()),
                 percent(m_counts.accuracy()))
            .arg(m_counts.tp)
            .arg(m_counts.tp + m_counts.fn)
            .arg(m_positiveName.toHtmlEscaped())
            .arg(m_counts.fp)
            .arg(m_counts.fp + m_counts.tn));
    m_chart->setOperatingPoint(m_counts.fpr(), m_counts.tpr());
}

void BinaryThresholdPanel::maxFprChanged()
{
    const double maxFpr = m_maxFpr->value() / 100.0;
    m_point = thresholdForMaxFpr(m_scores, maxFpr);
    m_chart->setMaxFpr(maxFpr);
    if (m_point.noPositives)
        m_pointLabel->setText(tr("No positive image in this split: TPR cannot be measured."));
    else if (!m_point.found)
        m_pointLabel->setText(tr("No threshold finds a positive within this FPR."));
    else
        m_pointLabel->setText(tr("TPR %1 at FPR %2 with threshold %3")
                                  .arg(percent(m_point.tpr), percent(m_point.fpr),
                                       QLocale().toString(m_point.threshold, 'f', 4)));
}

} // namespace pulc::ui
