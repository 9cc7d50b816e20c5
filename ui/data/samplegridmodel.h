#pragma once

#include <dataset/samples.h>

#include <QAbstractListModel>
#include <QHash>
#include <QList>

#include <vector>

class QMimeData;

namespace pulc::ui {

class ProjectSession;
class ThumbnailLoader;

/// The samples of the open project that pass a filter, in a chosen order: the grid's model.
///
/// Holds only indices into ProjectSession::rows(), so data() is O(1) and 100,000 samples cost
/// a few hundred kilobytes. Refilters on every change the session announces with a layout
/// change, so views keep their current item and selection when those stay visible. GUI thread.
class SampleGridModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        SampleIdRole = Qt::UserRole, ///< qint64
        PathRole,                    ///< path as stored (relative inside the project)
        AbsolutePathRole,
        ClassIdsRole,    ///< QList<qint64>, in class order
        ClassNamesRole,  ///< QStringList
        ClassColorRole,  ///< QColor of the first class, invalid when unlabeled
        ClassColorsRole, ///< QList<QColor>, one per class
        SplitRole,       ///< int(pulc::dataset::Split)
        StatusRole,      ///< int(pulc::dataset::SampleStatus)
        RemovedRole,
        DuplicateRole,
        ConflictRole,
        LeakageRole,
        ThumbnailRole, ///< QPixmap, null while it loads or when it cannot be made
        FailureRole,   ///< why there is no thumbnail, translated, or empty
        ImageSizeRole, ///< QSize in pixels as imported
    };
    Q_ENUM(Role)

    /// Drag-and-drop format: the dragged sample ids.
    static const QString kMimeType;

    SampleGridModel(ProjectSession *session, ThumbnailLoader *loader, QObject *parent = nullptr);

    void setFilter(const pulc::dataset::SampleFilter &filter);
    const pulc::dataset::SampleFilter &filter() const { return m_filter; }
    void setSort(pulc::dataset::SampleSort sort);
    pulc::dataset::SampleSort sort() const { return m_sort; }

    /// Samples in the dataset (not removed), whatever the filter: the M of "N of M".
    int totalCount() const { return m_total; }
    qint64 sampleId(int row) const;
    /// The row of sample `id`, or -1 when the filter hides it. O(1).
    int rowOf(qint64 id) const;
    /// The session row shown at `row`.
    const pulc::dataset::SampleRow &sampleAt(int row) const;
    /// Sample ids of `indexes`, in grid order.
    std::vector<qint64> sampleIds(const QModelIndexList &indexes) const;
    /// The first unlabeled row after `row` in grid order, wrapping around; -1 when none.
    int nextUnlabeled(int row) const;

    /// Sample ids carried by a drag from this model, or none.
    static std::vector<qint64> idsFromMime(const QMimeData *mime);
    /// A thumbnail failure reason from the dataset library, in the user's language.
    static QString failureText(const QString &reason);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

Q_SIGNALS:
    /// The rows changed (filter, sort, edits): "N of M" needs a new count.
    void countChanged();

private:
    void reset();
    void resort();
    void refilter();
    void relayout(bool resortToo);
    void thumbnailReady(qint64 id);
    void indexClasses();
    QString absolutePath(const pulc::dataset::SampleRow &row) const;

    ProjectSession *m_session;
    ThumbnailLoader *m_loader;
    pulc::dataset::SampleFilter m_filter;
    pulc::dataset::SampleSort m_sort = pulc::dataset::SampleSort::Path;
    std::vector<int> m_order;        ///< every session row, sorted
    std::vector<int> m_visible;      ///< session rows that pass the filter, sorted
    std::vector<int> m_positionOf;   ///< session row -> model row or -1
    QHash<qint64, int> m_classIndex; ///< class id -> index in session->classes()
    int m_total = 0;
};

} // namespace pulc::ui
