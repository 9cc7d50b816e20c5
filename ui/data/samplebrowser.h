#pragma once

#include <dataset/types.h>

#include <QPointer>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QLabel;
class QTimer;

namespace pulc::ui {

class ProjectSession;
class SampleDelegate;
class SampleFilterBar;
class SampleGridModel;
class SampleGridView;
class SampleViewer;
class ThumbnailLoader;

/// The centre of the Data page: filter bar, thumbnail grid and the labeling done on it (keys,
/// context menu, remove, split), with the large viewer. Edits go through the session's undo
/// stack. GUI thread.
class SampleBrowser : public QWidget
{
    Q_OBJECT

public:
    explicit SampleBrowser(ProjectSession *session, QWidget *parent = nullptr);
    ~SampleBrowser() override;

    SampleGridModel *model() const { return m_model; }
    SampleGridView *view() const { return m_view; }
    SampleFilterBar *filterBar() const { return m_filterBar; }
    ThumbnailLoader *thumbnails() const { return m_loader; }
    /// The large viewer while it is open, or nullptr.
    SampleViewer *viewer() const;

    /// The selected samples in grid order; the current one when nothing is selected.
    std::vector<qint64> selectedIds() const;
    /// Whether a labeling key moves on to the next unlabeled image.
    bool autoAdvance() const;
    void setAutoAdvance(bool on);

    /// Shows the images of one class (every class when empty), and optionally one split.
    void showClass(std::optional<qint64> classId,
                   std::optional<pulc::dataset::Split> split = std::nullopt);
    /// Labels the selection with the class at `position`, then advances when asked to.
    void labelSelection(int position);
    /// Opens the large viewer on `row`.
    void openViewer(int row);
    /// Reads the thumbnail size and auto-advance preferences again (viewsettings.h).
    void applyViewSettings();

Q_SIGNALS:
    /// The selection changed (coalesced: rubber-band drags select thousands of times a second).
    void selectionChanged();

private:
    void projectOpened();
    void applyFilter();
    void updateCount();
    void showContextMenu(const QPoint &pos);
    void removeSelection();
    void moveSelection(pulc::dataset::Split split);
    void layoutChanged();
    void selectRow(int row);

    ProjectSession *m_session;
    ThumbnailLoader *m_loader;
    SampleGridModel *m_model;
    SampleDelegate *m_delegate;
    SampleFilterBar *m_filterBar;
    SampleGridView *m_view;
    QLabel *m_count;
    QCheckBox *m_autoAdvance;
    QTimer *m_selectionTimer;
    QPointer<SampleViewer> m_viewer;
    int m_lastRow = 0;
};

} // namespace pulc::ui
