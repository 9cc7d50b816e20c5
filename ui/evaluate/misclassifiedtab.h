#pragma once

#include <engine/training.h>

#include <QWidget>

#include <memory>

class QLabel;

namespace pulc::ui {

class EvaluateSampleGrid;
class EvaluateSampleModel;
class ProjectSession;
class ThumbnailLoader;

/// The Evaluate page's "Misclassified" tab: the images the model got wrong, highest loss first,
/// relabelled in place with the labeling keys, under a hint naming the keys. GUI thread.
class MisclassifiedTab : public QWidget
{
    Q_OBJECT

public:
    MisclassifiedTab(ProjectSession *session, ThumbnailLoader *loader, QWidget *parent = nullptr);

    EvaluateSampleModel *sampleModel() const;
    /// Lists the misclassified images of `result` (EvaluateSampleModel::misclassified).
    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);
    void clear();
    /// How many images are listed.
    int count() const;
    /// The relabelling hint above the images.
    void setHint(const QString &hint);

private:
    EvaluateSampleGrid *m_view;
    QLabel *m_hint;
};

} // namespace pulc::ui
