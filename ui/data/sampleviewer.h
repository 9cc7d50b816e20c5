#pragma once

#include <QDialog>
#include <QImage>

class QLabel;

namespace pulc::ui {

class LatestJob;
class ProjectSession;
class SampleGridModel;

/// The large viewer: one image of the grid's current filter at full size (decoded on a worker
/// thread) with its labels, path, size and status. Left/Right and PageUp/PageDown move through
/// the filter, the labeling keys label the image shown, Esc closes. GUI thread.
class SampleViewer : public QDialog
{
    Q_OBJECT

public:
    /// Images larger than this on their long side are shown downscaled, to bound memory.
    static constexpr int kMaxSide = 4096;

    SampleViewer(ProjectSession *session, SampleGridModel *model, QWidget *parent = nullptr);

    /// Shows the image at `row` of the model.
    void showRow(int row);
    int currentRow() const;
    qint64 currentSampleId() const { return m_id; }
    /// After a labeling key, go to the next unlabeled image (single-label and binary projects).
    void setAutoAdvance(bool on) { m_autoAdvance = on; }
    /// True while the image shown is being decoded (tests).
    bool isLoading() const { return m_loading; }

Q_SIGNALS:
    /// The image shown changed: the grid follows.
    void currentSampleChanged(qint64 sampleId);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    void step(int delta);
    void updateInfo();
    void updatePixmap();
    void imageLoaded(const QImage &image, const QString &error);

    ProjectSession *m_session;
    SampleGridModel *m_model;
    LatestJob *m_decode; ///< the image shown; one the user moved on from is dropped
    qint64 m_id = 0;
    bool m_loading = false;
    bool m_autoAdvance = true;
    QImage m_image;
    QString m_error;
    QLabel *m_picture;
    QLabel *m_title;
    QLabel *m_info;
};

} // namespace pulc::ui
