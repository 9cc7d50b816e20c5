#pragma once

#include <engine/training.h>

#include <QListView>

#include <memory>
#include <vector>

namespace pulc::ui {

class EvaluateSampleModel;
class ProjectSession;
class ThumbnailLoader;

/// A grid of evaluated images (an EvaluateSampleModel: the misclassified ones, or one cell of
/// the confusion matrix) that relabels its selection as one undoable edit: a labeling key (1-9,
/// 0) relabels with that class, P accepts the model's prediction, and the context menu offers
/// both. GUI thread.
class EvaluateSampleGrid : public QListView
{
    Q_OBJECT

public:
    /// Long side of the thumbnails shown, in pixels.
    static constexpr int kThumbnailSize = 112;

    /// A grid named `name` (its objectName) over a model of its own.
    EvaluateSampleGrid(ProjectSession *session, ThumbnailLoader *loader, const QString &name,
                       QWidget *parent = nullptr);

    EvaluateSampleModel *sampleModel() const { return m_model; }
    /// Shows `sampleIndexes` of `result` (see EvaluateSampleModel::setSamples).
    void setSamples(std::shared_ptr<const pulc::engine::EvalResult> result,
                    std::vector<int> sampleIndexes);
    void clear();

protected:
    void keyPressEvent(QKeyEvent *event) override;

private:
    bool multiLabel() const;
    /// Relabels the selected images; false when nothing changed.
    bool relabel(int classPosition);
    bool acceptPrediction();
    void contextMenu(const QPoint &pos);

    ProjectSession *m_session;
    EvaluateSampleModel *m_model;
    std::shared_ptr<const pulc::engine::EvalResult> m_result; ///< of the images shown
};

} // namespace pulc::ui
