#pragma once

#include <engine/training.h>

#include <QSplitter>

#include <memory>

class QLabel;
class QTableView;

namespace pulc::ui {

class ConfusionMatrixModel;
class EvaluateSampleGrid;
class EvaluateSampleModel;
class ProjectSession;
class ThumbnailLoader;

/// The Evaluate page's "Confusion matrix" tab: the matrix of a single-label or binary
/// evaluation (rows the true class, columns the predicted one) and, below it, the images of the
/// cell clicked, relabelled in place like the misclassified ones. GUI thread.
class ConfusionMatrixTab : public QSplitter
{
    Q_OBJECT

public:
    ConfusionMatrixTab(ProjectSession *session, ThumbnailLoader *loader, QWidget *parent = nullptr);

    ConfusionMatrixModel *confusionModel() const { return m_confusionModel; }
    EvaluateSampleModel *cellModel() const;
    /// Shows `result`'s matrix (none for a multi-label result), sized for its class names, and
    /// no cell's images.
    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);
    /// Forgets the matrix and the images.
    void clear();
    /// Shows the images of one cell.
    void showCell(int trueClass, int predicted);
    /// The relabelling hint below the images.
    void setHint(const QString &hint);

private:
    void fitMatrix();

    std::shared_ptr<const pulc::engine::EvalResult> m_result;
    ConfusionMatrixModel *m_confusionModel;
    QTableView *m_matrixView;
    QLabel *m_cellTitle;
    EvaluateSampleGrid *m_cellView;
    QLabel *m_cellHint;
};

} // namespace pulc::ui
