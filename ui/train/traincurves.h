#pragma once

#include "ui/train/traincontroller.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QWidget>

class QCheckBox;
class QCPAxisRect;
class QCPGraph;
class QCPItemTracer;
class QCPLegend;
class QCustomPlot;
class QMouseEvent;
class QTimer;

namespace pulc::ui {

/// A run's curves as recorded in its folder's metrics.jsonl.
struct RunCurvesData
{
    QList<TrainStepPoint> steps;
    QList<TrainEpochPoint> epochs;
};

/// Reads `runDir`/metrics.jsonl ({"event":"step",...} and {"event":"epoch",...} lines). Lines
/// cut short by a kill are skipped; a missing file is an error naming it. Thread-safe.
bool readRunCurves(const QString &runDir, RunCurvesData *data, QString *error);

/// Live and recorded training curves in three stacked plots: training loss per step (smoothed,
/// with the raw loss faint and the validation loss per epoch as dots), the validation metrics
/// per epoch, and the learning rate per step. Mouse drag pans, the wheel zooms, hovering shows
/// the value under the cursor. Earlier runs can be overlaid dashed for comparison. Appending is
/// O(points); redraws are queued and throttled, so ten reports a second cost little. GUI thread.
class TrainCurves : public QWidget
{
    Q_OBJECT

public:
    explicit TrainCurves(QWidget *parent = nullptr);
    ~TrainCurves() override;

    /// Removes every curve, overlays too.
    void clear();
    /// Names the run the live or loaded curves belong to (legend, hover text).
    void setRunName(const QString &name);
    /// Appends steps of the current run (from TrainController::stepsReported). A step at or
    /// before the last one drawn replaces the curve from there (a resumed run).
    void appendSteps(const QList<TrainStepPoint> &steps);
    /// Appends an epoch of the current run (from TrainController::epochFinished).
    void appendEpoch(const TrainEpochPoint &epoch);
    /// Shows the run in `runDir` as the current run (overlays stay). False with `error`.
    /// Reads the file in this thread: for long runs read it in a worker with readRunCurves()
    /// and pass the data to showRun().
    bool loadRun(const QString &runDir, const QString &name, QString *error = nullptr);
    void showRun(const RunCurvesData &data, const QString &name);
    /// Adds the run in `runDir` dashed in another colour, named `name` in the legends.
    bool addOverlay(const QString &runDir, const QString &name, QString *error = nullptr);
    void addOverlay(const RunCurvesData &data, const QString &name);
    /// Removes the overlaid runs.
    void clearOverlays();

    void setLossLogScale(bool on);
    bool lossLogScale() const;
    /// Fits every axis to the data again (and follows new data from then on).
    void resetZoom();

    // For tests and the page.
    int stepCount() const;
    int epochCount() const;
    int overlayCount() const;
    QStringList overlayNames() const;
    QCustomPlot *plot() const { return m_plot; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Overlay;
    QCPGraph *addGraph(QCPAxisRect *rect, QCPLegend *legend, const QString &name,
                       const QColor &color, bool dashed);
    QCPGraph *metricGraph(const QString &metric, bool main);
    void addStep(const TrainStepPoint &step);
    void addEpoch(const TrainEpochPoint &epoch);
    void scheduleReplot();
    void replotNow();
    void fitAxes();
    void hover(QMouseEvent *event);
    void hideHover();

    QCustomPlot *m_plot;
    QCheckBox *m_logScale;
    QTimer *m_replotTimer;
    QCPAxisRect *m_lossRect;
    QCPAxisRect *m_metricRect;
    QCPAxisRect *m_lrRect;
    QCPLegend *m_lossLegend;
    QCPLegend *m_metricLegend;
    QCPLegend *m_lrLegend;
    QCPGraph *m_lossRaw;
    QCPGraph *m_lossSmooth;
    QCPGraph *m_valLoss;
    QCPGraph *m_lr;
    QMap<QString, QCPGraph *> m_metrics;
    QList<Overlay *> m_overlays;
    QCPItemTracer *m_tracer;
    QString m_runName;
    double m_ema = 0.0;
    int m_emaCount = 0;
    qint64 m_lastStep = 0;
    int m_stepCount = 0;
    int m_epochCount = 0;
    bool m_userZoomed = false;
};

} // namespace pulc::ui
