#pragma once

#include <engine/trainconfig.h>

#include <QList>
#include <QString>
#include <QWidget>

#include <memory>
#include <vector>

class QCheckBox;
class QGridLayout;
class QLabel;
class QTimer;

namespace pulc::ui {

class LatestJob;
class ProjectSession;
struct PreviewItem;

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

private:
    struct Sample
    {
        QString path;  ///< absolute
        QString label; ///< the dataset's class name(s)
    };
    struct Cell;
    void pickSamples();
    void startRender();
    void finishRender(const std::vector<PreviewItem> &items);
    void showRender();
    void showMessage(const QString &text);
    void updateWarnings();
    QString overrideLabel(int label) const;

    ProjectSession *m_session;
    pulc::engine::TrainConfig m_config;
    std::vector<Sample> m_samples;
    std::vector<std::unique_ptr<Cell>> m_cells;
    QList<QPixmap> m_images, m_originals;
    QStringList m_captions, m_tips;
    int m_renderedCount = 0;
    bool m_pending = false; ///< a render was asked for while one ran
    LatestJob *m_render = nullptr;
    QTimer *m_debounce = nullptr;
    QLabel *m_warnings = nullptr;
    QLabel *m_message = nullptr;
    QWidget *m_grid = nullptr;
    QGridLayout *m_gridLayout = nullptr;
    QCheckBox *m_showOriginal = nullptr;
};

} // namespace pulc::ui
