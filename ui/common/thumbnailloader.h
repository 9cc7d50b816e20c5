#pragma once

#include <QCache>
#include <QHash>
#include <QImage>
#include <QMutex>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QString>

#include <deque>

class QThreadPool;

namespace pulc::ui {

/// Makes grid thumbnails on worker threads and keeps the recent ones in memory.
///
/// The grid asks for a sample's thumbnail while it paints it; a miss queues a request and the
/// delegate shows a placeholder until ready() arrives. Workers take the newest request first
/// and the queue keeps only the latest kMaxQueued requests, so after a fast scroll the items
/// that scrolled out of view are dropped instead of delaying the visible ones. Workers call
/// pulc::dataset::ensureThumbnail (which caches a JPEG in the project) and decode it; the GUI
/// thread only turns the small decoded image into a pixmap. Public functions: GUI thread.
class ThumbnailLoader : public QObject
{
    Q_OBJECT

public:
    /// Long side of the thumbnails, in pixels, as cached on disk (the largest grid cell).
    static constexpr int kSize = 176;
    /// Requests kept waiting; older ones are dropped (they scrolled out of view).
    static constexpr int kMaxQueued = 400;

    explicit ThumbnailLoader(QObject *parent = nullptr);
    ~ThumbnailLoader() override;

    /// Forgets every thumbnail and pending request; new requests use `cacheDir`.
    void reset(const QString &cacheDir);
    /// Workers shrink thumbnails to `pixels` on their long side, so painting does not scale
    /// them; forgets the thumbnails in memory when it changes.
    void setDisplaySize(int pixels);

    /// The thumbnail of sample `id`, or a null pixmap (then it is requested, once, from
    /// `absolutePath` with content `hash`, unless it failed before: see failure()).
    QPixmap thumbnail(qint64 id, const QString &absolutePath, const QString &hash);
    /// Why sample `id` has no thumbnail ("file not found", "corrupt image data"...), or empty.
    QString failure(qint64 id) const { return m_failures.value(id); }
    /// True when a thumbnail of `id` is queued or being made.
    bool isPending(qint64 id) const;
    /// Waits for the workers to finish (tests and shutdown).
    void waitForDone();

Q_SIGNALS:
    /// The thumbnail of `id` is available (or failed: see failure()).
    void ready(qint64 id);

private:
    struct Request
    {
        qint64 id;
        QString path;
        QString hash;
    };
    void work();
    void finished(quint64 generation, qint64 id, const QImage &image, const QString &reason);

    // Shared with the workers, under m_mutex.
    mutable QMutex m_mutex;
    std::deque<Request> m_queue; ///< newest at the back
    QSet<qint64> m_pending;      ///< queued or being made
    QString m_cacheDir;
    int m_displaySize = kSize;
    quint64 m_generation = 0;
    int m_running = 0;

    QThreadPool *m_pool;
    QCache<qint64, QPixmap> m_cache;
    QHash<qint64, QString> m_failures;
};

} // namespace pulc::ui
