#include "ui/common/thumbnailloader.h"

#include <dataset/thumbnails.h>

#include <QImageReader>
#include <QThreadPool>

namespace pulc::ui {

ThumbnailLoader::ThumbnailLoader(QObject *parent)
    : QObject(parent)
    , m_pool(new QThreadPool(this))
{
    // The GUI thread keeps a core when there are few.
    m_pool->setMaxThreadCount(std::max(2, QThread::idealThreadCount() - 1));
    m_cache.setMaxCost(160 * 1024); // KiB: about 1,600 thumbnails
}

ThumbnailLoader::~ThumbnailLoader()
{
    {
        QMutexLocker lock(&m_mutex);
        m_queue.clear();
        m_pending.clear();
    }
    m_pool->waitForDone(); // workers call back into this object
}

void ThumbnailLoader::reset(const QString &cacheDir)
{
    QMutexLocker lock(&m_mutex);
    ++m_generation;
    m_queue.clear();
    m_pending.clear();
    m_cacheDir = cacheDir;
    m_cache.clear();
    m_failures.clear();
}

void ThumbnailLoader::setDisplaySize(int pixels)
{
    QMutexLocker lock(&m_mutex);
    if (pixels == m_displaySize)
        return;
    ++m_generation;
    m_queue.clear();
    m_pending.clear();
    m_displaySize = pixels;
    m_cache.clear();
}

QPixmap ThumbnailLoader::thumbnail(qint64 id, const QString &absolutePath, const QString &hash)
{
    if (const QPixmap *cached = m_cache.object(id))
        return *cached;
    if (m_failures.contains(id))
        return {};
    QMutexLocker lock(&m_mutex);
    if (m_cacheDir.isEmpty() || m_pending.contains(id))
        return {};
    m_pending.insert(id);
    m_queue.push_back({id, absolutePath, hash});
    while (m_queue.size() > size_t(kMaxQueued)) {
        m_pending.remove(m_queue.front().id); // scrolled away; asked again if it comes back
        m_queue.pop_front();
    }
    if (m_running < m_pool->maxThreadCount()) {
        ++m_running;
        m_pool->start([this] { work(); });
    }
    return {};
}

bool ThumbnailLoader::isPending(qint64 id) const
{
    QMutexLocker lock(&m_mutex);
    return m_pending.contains(id);
}

void ThumbnailLoader::waitForDone()
{
    m_pool->waitForDone();
}

void ThumbnailLoader::work()
{
    // Worker thread. Takes the newest request until none is left.
    for (;;) {
        Request request;
        QString cacheDir;
        int displaySize;
        quint64 generation;
        {
            QMutexLocker lock(&m_mutex);
            if (m_queue.empty()) {
                --m_running;
                return;
            }
            request = std::move(m_queue.back());
            m_queue.pop_back();
            cacheDir = m_cacheDir;
            displaySize = m_displaySize;
            generation = m_generation;
        }
        QImage image;
        QString reason;
        try {
            const auto thumb =
                pulc::dataset::ensureThumbnail(cacheDir, request.path, request.hash, kSize);
            if (thumb.ok()) {
                QImageReader reader(thumb.file);
                if (!reader.read(&image))
                    reason = reader.errorString();
                else if (std::max(image.width(), image.height()) > displaySize)
                    image = image.scaled(displaySize, displaySize, Qt::KeepAspectRatio,
                                         Qt::SmoothTransformation);
            } else {
                reason = thumb.reason;
            }
        } catch (const std::exception &e) {
            reason = QString::fromLocal8Bit(e.what());
        }
        QMetaObject::invokeMethod(
            this,
            [this, generation, id = request.id, image, reason] {
                finished(generation, id, image, reason);
            },
            Qt::QueuedConnection);
    }
}

void ThumbnailLoader::finished(quint64 generation, qint64 id, const QImage &image,
                               const QString &reason)
{
    {
        QMutexLocker lock(&m_mutex);
        if (generation != m_generation)
            return; // made for a project that is no longer open
        m_pending.remove(id);
    }
    if (image.isNull()) {
        m_failures.insert(id, reason.isEmpty() ? QStringLiteral("unreadable image") : reason);
    } else {
        auto *pixmap = new QPixmap(QPixmap::fromImage(image));
        m_cache.insert(id, pixmap, std::max<qsizetype>(1, image.sizeInBytes() / 1024));
    }
    Q_EMIT ready(id);
}

} // namespace pulc::ui
