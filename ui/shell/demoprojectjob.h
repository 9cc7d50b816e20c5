#pragma once

#include <QObject>
#include <QString>

#include <memory>

class QTimer;
template<typename T> class QFutureWatcher;

namespace pulc::ui {

/// Creates the Fashion-MNIST demo project in a worker thread. The worker shares only a small
/// locked state with this object (progress and a cancel flag), which a timer polls: progress
/// arrives at most ten times a second however fast the importer reports, and the worker never
/// holds a pointer to a QObject that the GUI might delete. GUI thread.
class DemoProjectJob : public QObject
{
    Q_OBJECT

public:
    explicit DemoProjectJob(QObject *parent = nullptr);
    /// Cancels a running job and waits for the worker (it stops between files).
    ~DemoProjectJob() override;

    /// Starts creating the demo in `dir`, which must not hold a project. A cancelled demo is
    /// removed again when its folder was new or empty.
    void start(const QString &dir);
    void cancel();
    bool isRunning() const { return m_watcher != nullptr; }

    struct Outcome
    {
        QString dir;
        QString error; ///< English text from the dataset library; empty on success
        bool cancelled = false;
    };
    struct State;

Q_SIGNALS:
    /// `phase` is "scan", "check" or "write" (see pulc::dataset::ImportProgress).
    void progressChanged(const QString &phase, qint64 done, qint64 total);
    void finished(const QString &dir, const QString &error, bool cancelled);

private:
    void poll();

    std::shared_ptr<State> m_state;
    QFutureWatcher<Outcome> *m_watcher = nullptr;
    QTimer *m_timer;
};

} // namespace pulc::ui
