#pragma once

#include <engine/trainconfig.h>

#include <QWidget>

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
};

} // namespace pulc::ui
