#pragma once

#include "ui/predict/predictjob.h"

#include <QWidget>

template<typename T> class QFutureWatcher;
class QLabel;

namespace pulc::ui {

class ProbabilityBars;

/// One image as the model sees it: a large preview (read in a worker), the classes with
/// probability bars, the decision with its threshold (binary), the attributes with checks
/// (multi-label), the inference time, or the reason it failed. GUI thread.
class PredictDetail : public QWidget
{
    Q_OBJECT

public:
    explicit PredictDetail(QWidget *parent = nullptr);

    /// Shows a finished (ok or failed) result.
    void showResult(const PredictionResult &result);
    /// Shows an image that is still queued.
    void showWaiting(const QString &path);
    void clear();

    /// The line under the file name: the class, the decision or the error (for tests).
    QString headline() const;
    /// The bars shown (for tests).
    const ProbabilityBars *bars() const { return m_bars; }

private:
    void loadPreview(const QString &path);

    QLabel *m_preview;
    QLabel *m_title;
    QLabel *m_headline;
    QLabel *m_decision;
    ProbabilityBars *m_bars;
    QLabel *m_details;
    QFutureWatcher<QImage> *m_previewWatcher;
    QString m_previewPath;
};

} // namespace pulc::ui
