#include "ui/train/costestimate.h"

#include <engine/benchmark.h>
#include <engine/configfile.h>

#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QTimer>
#include <QtConcurrent>

#include <algorithm>
#include <cmath>

namespace pulc::ui {
namespace {

constexpr int kDebounceMs = 1500;
constexpr int kWarmupSteps = 1;
constexpr int kTimedSteps = 3;

QString durationText(double seconds)
{
    const long s = std::lround(seconds);
    if (seconds < 1.0)
        return CostEstimate::tr("under 1 s");
    if (s < 60)
        return CostEstimate::tr("%1 s").arg(s);
    if (s < 3600)
        return s % 60 ? CostEstimate::tr("%1 min %2 s").arg(s / 60).arg(s % 60)
                      : CostEstimate::tr("%1 min").arg(s / 60);
    return CostEstimate::tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60);
}

} // namespace

struct CostEstimate::Measurement
{
    QString key;
    double medianSeconds = 0.0;
    QString error;
};

CostEstimate::CostEstimate(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("costText"));
    m_label->setWordWrap(true);
    layout->addWidget(m_label);
    m_debounce = new QTimer(this);
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &CostEstimate::measure);
    updateText();
}

CostEstimate::~CostEstimate() = default; // a running measurement owns copies only

void CostEstimate::setConfig(const pulc::engine::TrainConfig &config, int trainImages, int classes)
{
    m_config = config;
    m_trainImages = std::max(0, trainImages);
    m_classes = classes;
    const QString key = measureKey();
    if (key != m_measuredKey && key != m_runningKey && !m_paused)
        m_debounce->start();
    updateText();
}

void CostEstimate::setPaused(bool paused)
{
    m_paused = paused;
    if (paused)
        m_debounce->stop();
    else if (measureKey() != m_measuredKey)
        m_debounce->start();
    updateText();
}

double CostEstimate::secondsPerEpoch() const
{
    if (m_stepSeconds <= 0.0 || m_measuredKey != measureKey() || m_config.batchSize <= 0)
        return 0.0;
    return m_stepSeconds * pulc::engine::stepsPerEpoch(m_config, m_trainImages);
}

QString CostEstimate::measureKey() const
{
    const pulc::engine::TrainConfig &c = m_config;
    return QStringLiteral("%1|%2x%3|%4|%5|%6|%7|%8")
        .arg(QString::fromStdString(c.model))
        .arg(c.trainHeight)
        .arg(c.trainWidth)
        .arg(c.batchSize)
        .arg(c.threads)
        .arg(m_classes)
        .arg(c.useLastConv)
        .arg(QString::fromStdString(pulc::engine::settingValue(c, "strides")));
}

void CostEstimate::measure()
{
    if (m_paused || m_classes < 1)
        return;
    if (m_watcher) { // one at a time; finishMeasure() starts the next if the key moved on
        return;
    }
    m_runningKey = measureKey();
    const pulc::engine::TrainConfig config = m_config;
    const int classes = m_classes;
    const QString key = m_runningKey;
    m_watcher = new QFutureWatcher<Measurement>(this);
    connect(m_watcher, &QFutureWatcher<Measurement>::finished, this, &CostEstimate::finishMeasure);
    m_watcher->setFuture(QtConcurrent::run([config, classes, key] {
        Measurement m;
        m.key = key;
        try {
            pulc::engine::StepTiming timing =
                pulc::engine::timeTrainingSteps(config, classes, kWarmupSteps, kTimedSteps);
            if (!timing.error.empty())
                m.error = QString::fromStdString(timing.error);
            else if (timing.stepSeconds.empty())
                m.error = QStringLiteral("no step was timed");
            else {
                std::vector<double> s = timing.stepSeconds;
                std::sort(s.begin(), s.end());
                m.medianSeconds =
                    s.size() % 2 ? s[s.size() / 2] : (s[s.size() / 2 - 1] + s[s.size() / 2]) / 2;
            }
        } catch (const std::exception &e) {
            m.error = QString::fromUtf8(e.what());
        }
        return m;
    }));
    updateText();
}

void CostEstimate::finishMeasure()
{
    QFutureWatcher<Measurement> *watcher = m_watcher;
    m_watcher = nullptr;
    m_runningKey.clear();
    if (!watcher)
        return;
    watcher->deleteLater();
    const Measurement m = watcher->result();
    m_measuredKey = m.key;
    m_stepSeconds = m.error.isEmpty() ? m.medianSeconds : 0.0;
    m_error = m.error;
    if (m.key != measureKey()) { // the settings moved on while measuring
        if (!m_paused)
            m_debounce->start();
        updateText();
        return;
    }
    updateText();
    if (m.error.isEmpty())
        Q_EMIT estimated(secondsPerEpoch());
}

void CostEstimate::updateText()
{
    const pulc::engine::TrainConfig &c = m_config;
    if (m_trainImages <= 0 || c.batchSize <= 0) {
        m_label->setText(tr("No labelled training images yet."));
        return;
    }
    const int steps = pulc::engine::stepsPerEpoch(c, m_trainImages);
    QString text = tr("%n image(s) per epoch", nullptr, m_trainImages) + QStringLiteral(" · ") +
                   tr("%n step(s) of %1", nullptr, steps).arg(c.batchSize);
    const bool current = m_measuredKey == measureKey();
    if (current && !m_error.isEmpty())
        text += QStringLiteral(" · ") + tr("could not measure: %1").arg(m_error);
    else if (current && m_stepSeconds > 0.0)
        text +=
            QStringLiteral(" · ") +
            tr("about %1 per epoch on this machine (%2 per step, measured; decoding and "
               "augmentation add to it)")
                .arg(durationText(secondsPerEpoch()),
                     QLocale().toString(m_stepSeconds, 'f', m_stepSeconds < 1 ? 3 : 2) + tr(" s"));
    else if (m_paused)
        text += QStringLiteral(" · ") + tr("time not measured while a run trains");
    else if (m_watcher)
        text += QStringLiteral(" · ") + tr("measuring the model step…");
    m_label->setText(text);
    m_label->setToolTip(tr("Timed with %1 training steps (forward, backward, SGD) of the model "
                           "on random tensors after %2 warm-up step(s); the median is shown. "
                           "Reading and augmenting images runs in the loader threads alongside.")
                            .arg(kTimedSteps)
                            .arg(kWarmupSteps));
}

} // namespace pulc::ui
