#pragma once

#include <dataset/project.h>
#include <dataset/result.h>

#include <QObject>
#include <QString>
#include <QThread>

#include <functional>

namespace pulc::ui {

/// One write to a project database, run on the writer's thread with its own connection.
using DatasetWrite = std::function<pulc::dataset::Status(pulc::dataset::Project &)>;

/// Writes user edits to a project in a thread of its own, in the order they were submitted, so the
/// GUI thread never waits on SQL (docs/architecture.md, 'Threads'). Each write is one transaction
/// (the edit functions of dataset/edits.h). A kill loses at most the write in flight. GUI thread
/// API.
class DatasetWriter : public QObject
{
    Q_OBJECT

public:
    explicit DatasetWriter(QObject *parent = nullptr);
    /// Waits for the queued writes, then stops the thread.
    ~DatasetWriter() override;

    /// Points the writer at a project folder (after the writes queued so far).
    void setProject(const QString &dir);
    /// Queues a write.
    void submit(DatasetWrite write);
    /// Blocks until every queued write has run (for closing a project or the app).
    void flush();
    /// Writes submitted and not finished yet.
    int pending() const { return m_pending; }

Q_SIGNALS:
    /// A write failed; the database holds what was before that write. English text.
    void failed(const QString &error);
    /// Every queued write has finished.
    void idle();

private:
    class Worker;
    QThread m_thread;
    Worker *m_worker;
    int m_pending = 0;
};

} // namespace pulc::ui
