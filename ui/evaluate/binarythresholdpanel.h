#pragma once

#include "ui/evaluate/evaluatemodels.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QSlider;

namespace pulc::ui {

class ThresholdChart;

/// The threshold explorer of a binary scene (positive class = class 1): a slider 0..1 with the
/// live TPR, FPR, precision and accuracy at that threshold, the ROC curve marking it, and a
/// "max FPR" box that finds PULC's TPR-at-FPR operating point and moves the slider there.
/// GUI thread.
class BinaryThresholdPanel : public QWidget
{
    Q_OBJECT

public:
    explicit BinaryThresholdPanel(QWidget *parent = nullptr);

    /// Shows `result`'s scores; the slider starts at the model's threshold.
    void setResult(const pulc::engine::EvalResult &result);
    /// Moves the slider (0..1, in steps of 0.0001).
    void setThreshold(double threshold);
    double threshold() const;
    void setMaxFpr(double maxFpr);
    /// The figures at the slider's threshold.
    const BinaryCounts &counts() const { return m_counts; }
    /// The operating point found for the max FPR box.
    const pulc::engine::TprAtFprResult &operatingPoint() const { return m_point; }
    /// The line of figures under the slider (for tests).
    QString figuresText() const;

private:
    void thresholdMoved();
    void maxFprChanged();

    BinaryScores m_scores;
    BinaryCounts m_counts;
    pulc::engine::TprAtFprResult m_point;
    QString m_positiveName;
    QSlider *m_slider;
    QLabel *m_thresholdLabel;
    QLabel *m_figures;
    QDoubleSpinBox *m_maxFpr;
    QLabel *m_pointLabel;
    ThresholdChart *m_chart;
};

} // namespace pulc::ui
