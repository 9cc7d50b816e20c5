#pragma once

#include <QElapsedTimer>
#include <QFuture>
#include <QList>
#include <QMetaObject>
#include <QMutex>
#include <QObject>
#include <QtConcurrent/QtConcurrentRun>

#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>

namespace pulc::ui {

struct LatestJobLink;

/// Runs requests of which only the latest matters (evaluate this run, decode the image now
/// shown, read the project just opened) on the global thread pool, and hands the result to the
/// thread the job lives in (the GUI thread) only while the request is still the latest.
///
/// start() makes a new request the latest: the one before is told to abort (Token::aborted())
/// and whatever it still reports or returns is dropped. cancel() asks the latest to abort but
/// still delivers what it returns; drop() forgets it. The work gets copies of what it reads and
/// a Token, never the job: destroying the job while work runs is safe and does not wait (the
/// work ends on its own, unheard). A deliver function runs in the job's thread, so it may use
/// the job's owner when the job is the owner's child or member. Public functions: the job's
/// thread.
class LatestJob : public QObject
{
    Q_OBJECT

public:
    /// Progress reports closer together than this are dropped (a bar needs a few a second).
    static constexpr int kProgressIntervalMs = 100;

    /// What the work of one request sees: its abort flag and a way to report back. Used by the
    /// worker thread running that request only.
    class Token
    {
    public:
        /// True once a newer request started, or cancel() or drop() was called for this one.
        bool aborted() const { return m_abort.load(); }
        /// Runs `deliver` in the job's thread, unless a newer request started by then.
        template<typename F> void post(F deliver) const { send(std::move(deliver), false); }
        /// post() at most once per kProgressIntervalMs; `force` (the last report) always goes.
        template<typename F> void progress(F deliver, bool force = false)
        {
            const qint64 now = m_clock.elapsed();
            if (!force && now - m_lastProgress < kProgressIntervalMs)
                return;
            m_lastProgress = now;
            post(std::move(deliver));
        }

    private:
        friend class LatestJob;
        template<typename F> void send(F deliver, bool last) const;

        std::atomic_bool m_abort{false};
        quint64 m_generation = 0;
        std::shared_ptr<LatestJobLink> m_link;
        QElapsedTimer m_clock;
        qint64 m_lastProgress = -10 * kProgressIntervalMs;
    };

    explicit LatestJob(QObject *parent = nullptr);
    /// Drops the latest request; its work finishes on its own and is never heard of.
    ~LatestJob() override;

    /// Makes `work(Token &)` the latest request, run on the global thread pool, and aborts the
    /// one before. `done(result)` then runs in this job's thread with what `work` returned,
    /// unless another request started or drop() was called by then. `work` must not throw
    /// (catch in it); should it, the request ends with nothing delivered. Returns the request's
    /// generation (see generation()).
    template<typename Work, typename Done> quint64 start(Work work, Done done);
    /// Asks the latest request to abort; what it returns is still delivered.
    void cancel();
    /// Forgets the latest request: it is told to abort and nothing of it is delivered.
    void drop();
    /// True from start() until the latest request's result is delivered or dropped.
    bool isRunning() const { return m_running; }
    /// Bumped by start() and drop(): a deliver function can tell whether its request is still
    /// the latest when it defers work of its own.
    quint64 generation() const { return m_generation; }
    /// Waits until the work of every request has returned (shutdown: the folders it reads
    /// stay in place). Results stay queued for the event loop.
    void waitForDone();
    /// waitForDone(), then delivers at once what the latest request reported and returned
    /// (tests, and callers that need the result before they go on).
    void finishNow();

private:
    std::shared_ptr<Token> begin();

    std::shared_ptr<LatestJobLink> m_link;
    std::shared_ptr<Token> m_latest;
    QList<QFuture<void>> m_futures; ///< work started, finished ones pruned at each start
    quint64 m_generation = 0;
    bool m_running = false;
};

/// The job as its workers see it: null once the job is destroyed. Posting holds the mutex, so
/// the job cannot go away while an event is being posted to it.
struct LatestJobLink
{
    QMutex mutex;
    LatestJob *job = nullptr;
};

template<typename F> void LatestJob::Token::send(F deliver, bool last) const
{
    QMutexLocker lock(&m_link->mutex);
    LatestJob *job = m_link->job;
    if (!job)
        return;
    // Qt discards the event with the job should it be destroyed before the event is handled.
    QMetaObject::invokeMethod(
        job,
        [job, last, generation = m_generation, deliver = std::move(deliver)]() mutable {
            if (generation != job->m_generation)
                return; // a newer request started, or this one was dropped
            if (last)
                job->m_running = false;
            deliver();
        },
        Qt::QueuedConnection);
}

template<typename Work, typename Done> quint64 LatestJob::start(Work work, Done done)
{
    std::shared_ptr<Token> token = begin();
    m_futures.append(
        QtConcurrent::run([token, work = std::move(work), done = std::move(done)]() mutable {
            using Result = std::decay_t<std::invoke_result_t<Work &, Token &>>;
            std::optional<Result> result;
            try {
                result.emplace(work(*token));
            } catch (...) {
                // No exception may leave a pool thread; the request ends without a result.
            }
            if (!result) {
                token->send([] {}, true);
                return;
            }
            token->send([done = std::move(done),
                         result = std::move(*result)]() mutable { done(std::move(result)); },
                        true);
        }));
    return token->m_generation;
}

} // namespace pulc::ui
