#pragma once

#include <engine/trainconfig.h>

#include <QWidget>

namespace pulc::ui {

class ProjectSession;

/// A grid of training samples from the project's own images, each passed through the exact
/// training-time pipeline (pulc::engine::trainTransform, un-normalised for display) of the
/// current config, re-sampled on demand; above it, the warnings of labelChangeWarnings().
/// Decoding and augmenting run in a worker thread. GUI thread.
class AugmentPreview : public QWidget
{
    Q_OBJECT

public:
    AugmentPreview(ProjectSession *session, QWidget *parent = nullptr);
    ~AugmentPreview() override;

    /// Re-renders the grid with `config` (debounced; the same images, new random draws).
    void setConfig(const pulc::engine::TrainConfig &config);
    /// Picks other images and draws again.
    void resample();
    /// Waits for the worker (tests).
    void waitForDone();
    /// The images of the last finished render (tests).
    int renderedCount() const;

Q_SIGNALS:
    /// A render finished.
    void rendered();
};

} // namespace pulc::ui
