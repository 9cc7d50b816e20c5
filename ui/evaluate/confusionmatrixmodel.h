#pragma once

#include <engine/training.h>

#include <QAbstractTableModel>

#include <memory>
#include <vector>

namespace pulc::ui {

/// The confusion matrix of a single-label or binary evaluation: a row per true class, a
/// column per predicted class, headers with the class names. Cells are shaded by their share
/// of the row (the class's recall on the diagonal, its confusions elsewhere). GUI thread.
class ConfusionMatrixModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role {
        CountRole = Qt::UserRole, ///< qlonglong: images of this true class predicted as this one
        FractionRole,             ///< double: count / images of the true class (0 when none)
    };
    Q_ENUM(Role)

    explicit ConfusionMatrixModel(QObject *parent = nullptr);

    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);

    /// Indexes into EvalResult::samples of the images of true class `trueClass` that were
    /// predicted as `predicted`, highest loss first.
    std::vector<int> samplesAt(int trueClass, int predicted) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::shared_ptr<const pulc::engine::EvalResult> m_result;
    std::vector<qint64> m_rowTotals;
    qint64 m_maxOffDiagonal = 0;
};

} // namespace pulc::ui
