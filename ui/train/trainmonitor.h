#pragma once

#include "ui/train/traincontroller.h"

#include <QObject>

class QPlainTextEdit;
class QProgressBar;
class QWidget;

namespace pulc::ui {

/// The text side of a run in progress: a progress bar reading "Epoch 3/20 · step 40/120 ·
/// 312 img/s · ETA 4:10" and a log view (capped in lines) with the engine's lines and one
/// summary line per epoch. Fed from TrainController's signals. GUI thread.
class TrainMonitor : public QObject
{
    Q_OBJECT

public:
    /// Creates the two widgets as children of `parent`; the page lays them out.
    explicit TrainMonitor(QWidget *parent);

    QProgressBar *progressBar() const { return m_progress; }
    QPlainTextEdit *logView() const { return m_log; }

    /// A run starts: `resumedName` is the run resumed, or empty for a new run.
    void begin(const QString &resumedName, int epochs);
    /// Stop was asked: the bar says so until the run ends.
    void setStopping();
    void addSteps(const QList<pulc::ui::TrainStepPoint> &steps);
    void addEpoch(const pulc::ui::TrainEpochPoint &epoch);
    void addLog(const QList<pulc::ui::TrainLogLine> &lines);
    void setProgress(double fraction, const QString &phase);
    void finish(const pulc::ui::TrainOutcome &outcome);
    /// Shows `text` in the bar, emptied (e.g. which recorded run the curves show).
    void showText(const QString &text);

private:
    void update();

    QProgressBar *m_progress;
    QPlainTextEdit *m_log;
    TrainStepPoint m_last;
    int m_epochs = 0;
    QString m_phase;
    bool m_stopping = false;
};

} // namespace pulc::ui
