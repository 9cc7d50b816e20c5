#pragma once

#include <engine/trainconfig.h>

#include <QString>
#include <QWidget>

class QLabel;
class QTimer;
template<typename T> class QFutureWatcher;

namespace pulc::ui {

/// The "what will this cost" line: images per epoch, steps, and the time per epoch estimated
/// from a few real training steps of the configured model measured on this machine in a worker
/// (debounced, re-measured when the model, size, batch or threads change; paused while
/// training). GUI thread.
class CostEstimate : public QWidget
{
    Q_OBJECT

public:
    explicit CostEstimate(QWidget *parent = nullptr);
    ~CostEstimate() override;

    void setConfig(const pulc::engine::TrainConfig &config, int trainImages, int classes);
    /// While a run trains, measuring would slow it and be wrong: the last figure stays.
    void setPaused(bool paused);
    /// The estimate shown, in seconds per epoch; 0 until measured (tests).
    double secondsPerEpoch() const;

Q_SIGNALS:
    void estimated(double secondsPerEpoch);

private:
    struct Measurement;
    /// What the step time depends on; a change of anything else does not re-measure.
    QString measureKey() const;
    void measure();
    void finishMeasure();
    void updateText();

    pulc::engine::TrainConfig m_config;
    int m_trainImages = 0;
    int m_classes = 0;
    bool m_paused = false;
    QString m_measuredKey; ///< the key of m_stepSeconds
    QString m_runningKey;  ///< the key being measured, or empty
    double m_stepSeconds = 0.0;
    QString m_error;
    QLabel *m_label = nullptr;
    QTimer *m_debounce = nullptr;
    QFutureWatcher<Measurement> *m_watcher = nullptr;
};

} // namespace pulc::ui
