#include "ui/project/datasetwriter.h"

#include <QMetaObject>

#include <optional>

namespace pulc::ui {

/// Lives in the writer thread and owns the connection there.
class DatasetWriter::Worker : public QObject
{
public:
    void open(const QString &dir)
    {
        m_project.reset();
        m_dir = dir;
    }

    /// Runs one write; returns an error message or an empty string.
    QString run(const DatasetWrite &write)
    {
        try {
            if (!m_project) {
                if (m_dir.isEmpty())
                    return QStringLiteral("no project is open");
                auto p = pulc::dataset::Project::open(m_dir);
                if (!p)
                    return p.error();
                m_project.emplace(std::move(p.value()));
            }
            const pulc::dataset::Status s = write(*m_project);
            return s ? QString() : s.error;
        } catch (const std::exception &e) {
            return QString::fromLocal8Bit(e.what());
        }
    }

    void close() { m_project.reset(); }

private:
    QString m_dir;
    std::optional<pulc::dataset::Project> m_project;
};

DatasetWriter::DatasetWriter(QObject *parent)
    : QObject(parent)
    , m_worker(new Worker)
{
    m_thread.setObjectName(QStringLiteral("pulc-dataset-writer"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DatasetWriter::~DatasetWriter()
{
    flush();
    QMetaObject::invokeMethod(
        m_worker, [w = m_worker] { w->close(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void DatasetWriter::setProject(const QString &dir)
{
    QMetaObject::invokeMethod(m_worker, [w = m_worker, dir] { w->open(dir); });
}

void DatasetWriter::submit(DatasetWrite write)
{
    ++m_pending;
    QMetaObject::invokeMethod(m_worker, [this, w = m_worker, write = std::move(write)] {
        const QString error = w->run(write);
        // Back to the GUI thread for the bookkeeping and the signals.
        QMetaObject::invokeMethod(this, [this, error] {
            --m_pending;
            if (!error.isEmpty())
                Q_EMIT failed(error);
            if (m_pending == 0)
                Q_EMIT idle();
        });
    });
}

void DatasetWriter::flush()
{
    // Queued calls run in order: once this no-op has run, so has every write before it.
    QMetaObject::invokeMethod(
        m_worker, [] {}, Qt::BlockingQueuedConnection);
}

} // namespace pulc::ui
