#pragma once

#include <engine/metrics.h>
#include <engine/training.h>

#include <QAbstractTableModel>
#include <QPointF>

#include <memory>
#include <vector>

namespace pulc::ui {

// Figures the Evaluate page recomputes from an EvalResult without running the model again:
// binary thresholds (the Custom Vision slider, PULC's TPR at FPR) and the per-class table.
// Pure functions; any thread.

/// The binary samples of an evaluation: p(class 1) and the true label, failed images left out.
struct BinaryScores
{
    std::vector<float> positive; ///< p(class 1) per sample
    std::vector<int> labels;     ///< 0 or 1
    std::vector<int> samples;    ///< index into EvalResult::samples
};

/// The scored samples of a binary evaluation (empty for other tasks / results).
BinaryScores binaryScores(const pulc::engine::EvalResult &result);

/// Decisions at one threshold. A sample is predicted positive when p(class 1) >= threshold,
/// as the engine decides (engine binaryDecision), positive class = class 1.
struct BinaryCounts
{
    qint64 tp = 0, fp = 0, tn = 0, fn = 0;
    double tpr() const { return tp + fn > 0 ? double(tp) / double(tp + fn) : 0.0; }
    double fpr() const { return fp + tn > 0 ? double(fp) / double(fp + tn) : 0.0; }
    double precision() const { return tp + fp > 0 ? double(tp) / double(tp + fp) : 0.0; }
    double accuracy() const
    {
        const qint64 n = tp + fp + tn + fn;
        return n > 0 ? double(tp + tn) / double(n) : 0.0;
    }
};

BinaryCounts binaryCountsAt(const BinaryScores &scores, double threshold);

/// The ROC curve: (FPR, TPR) points from threshold 1 (0, 0) down to threshold 0 (1, 1), one
/// point per distinct score.
std::vector<QPointF> rocCurve(const BinaryScores &scores);

/// PULC's operating point: the best TPR with FPR <= maxFpr and the threshold reaching it
/// (pulc::engine::tprAtFpr, PaddleClas's sweep).
pulc::engine::TprAtFprResult thresholdForMaxFpr(const BinaryScores &scores, double maxFpr);

/// One attribute of a multi-label evaluation at its own threshold (score > threshold, as
/// PaddleClas decides). `ma` is (TPR + TNR) / 2.
struct AttributeFigures
{
    double ma = 0, accuracy = 0, precision = 0, recall = 0;
    qint64 positives = 0, negatives = 0;
};
AttributeFigures attributeFigures(const pulc::engine::EvalResult &result, int attribute,
                                  float threshold);

/// The per-class table of a single-label or binary evaluation: class, precision, recall, F1,
/// support. Qt::DisplayRole is formatted; SortRole holds the raw number. GUI thread.
class ClassMetricsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { ClassColumn, PrecisionColumn, RecallColumn, F1Column, SupportColumn, Columns };
    enum Role {
        SortRole = Qt::UserRole, ///< double (or the class name)
        ClassIndexRole,          ///< int, index into EvalResult::classNames
    };
    Q_ENUM(Role)

    explicit ClassMetricsModel(QObject *parent = nullptr);

    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const pulc::engine::EvalResult> m_result;
};

} // namespace pulc::ui
