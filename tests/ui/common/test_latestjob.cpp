// The UI's background-job helper: only the latest request is delivered, an outdated one is told
// to abort, progress is throttled, and the job can go away while its work still runs.
#include <ui/common/latestjob.h>

#include <gtest/gtest.h>

#include <QElapsedTimer>
#include <QSemaphore>
#include <QTest>
#include <QThread>
#include <QThreadPool>

#include <atomic>
#include <memory>
#include <stdexcept>
#include <vector>

using pulc::ui::LatestJob;

namespace {

constexpr int kTimeoutMs = 10000;

/// Lets the test know when work started, and the work go on when the test says so.
struct Gate
{
    QSemaphore open;
    QSemaphore started;
};

} // namespace

TEST(LatestJob, OnlyTheLatestRequestIsDelivered)
{
    LatestJob job;
    auto gate = std::make_shared<Gate>();
    auto firstReturned = std::make_shared<std::atomic_bool>(false);
    std::vector<int> delivered;
    const quint64 first = job.start(
        [gate, firstReturned](LatestJob::Token &token) {
            gate->open.acquire();
            token.post([] { ADD_FAILURE() << "a report of the outdated request arrived"; });
            *firstReturned = true;
            return 1;
        },
        [&](int v) { delivered.push_back(v); });
    EXPECT_TRUE(job.isRunning());
    const quint64 second =
        job.start([](LatestJob::Token &) { return 2; }, [&](int v) { delivered.push_back(v); });
    EXPECT_GT(second, first);
    EXPECT_EQ(job.generation(), second);
    EXPECT_TRUE(job.isRunning());
    gate->open.release(); // the first request returns after the second one started
    job.finishNow();
    EXPECT_TRUE(firstReturned->load());
    EXPECT_EQ(delivered, std::vector<int>{2});
    EXPECT_FALSE(job.isRunning());
}

TEST(LatestJob, DroppedRequestReportsNothing)
{
    LatestJob job;
    auto gate = std::make_shared<Gate>();
    int results = 0, reports = 0;
    job.start(
        [gate, &reports](LatestJob::Token &token) {
            gate->open.acquire();
            token.post([&reports] { ++reports; });
            return 7;
        },
        [&](int) { ++results; });
    job.drop();
    EXPECT_FALSE(job.isRunning());
    gate->open.release();
    job.finishNow();
    EXPECT_EQ(results, 0);
    EXPECT_EQ(reports, 0);

    // A later request is delivered as usual, also its reports.
    job.start(
        [&reports](LatestJob::Token &token) {
            token.post([&reports] { ++reports; });
            return 8;
        },
        [&](int v) { results += v; });
    job.finishNow();
    EXPECT_EQ(results, 8);
    EXPECT_EQ(reports, 1);
    EXPECT_FALSE(job.isRunning());
}

TEST(LatestJob, RunningWorkSeesTheAbort)
{
    LatestJob job;
    auto gate = std::make_shared<Gate>();
    std::vector<bool> seen;
    const auto untilAborted = [gate](LatestJob::Token &token) {
        gate->started.release();
        QElapsedTimer clock;
        clock.start();
        while (!token.aborted() && clock.elapsed() < kTimeoutMs)
            QThread::msleep(1);
        return token.aborted();
    };
    // cancel(): the work stops and what it returns is still delivered.
    job.start(untilAborted, [&](bool aborted) { seen.push_back(aborted); });
    ASSERT_TRUE(gate->started.tryAcquire(1, kTimeoutMs));
    job.cancel();
    job.finishNow();
    EXPECT_EQ(seen, std::vector<bool>{true});

    // A newer request aborts the running one; only the newer one is delivered.
    seen.clear();
    std::atomic_bool oldAborted{false};
    job.start(
        [&oldAborted, untilAborted](LatestJob::Token &token) {
            oldAborted = untilAborted(token);
            return oldAborted.load();
        },
        [&](bool aborted) { seen.push_back(aborted); });
    ASSERT_TRUE(gate->started.tryAcquire(1, kTimeoutMs));
    job.start([](LatestJob::Token &token) { return token.aborted(); },
              [&](bool aborted) { seen.push_back(aborted); });
    job.finishNow();
    EXPECT_TRUE(oldAborted.load());
    EXPECT_EQ(seen, std::vector<bool>{false});
}

TEST(LatestJob, ProgressIsThrottledAndTheLastReportPasses)
{
    LatestJob job;
    std::vector<int> reports;
    int calls = 0;
    job.start(
        [&calls, &reports](LatestJob::Token &token) {
            QElapsedTimer clock;
            clock.start();
            int i = 0;
            while (clock.elapsed() < 3 * LatestJob::kProgressIntervalMs) {
                token.progress([&reports, i] { reports.push_back(i); });
                ++i;
            }
            token.progress([&reports, i] { reports.push_back(i); }, true);
            calls = i + 1;
            return i;
        },
        [](int) {});
    job.finishNow();
    ASSERT_GE(reports.size(), 2u);
    EXPECT_EQ(reports.front(), 0);        // the first report is not held back
    EXPECT_EQ(reports.back(), calls - 1); // the forced last report arrives
    // About 300 ms of reports: at most one per 100 ms gets through, plus the forced one.
    EXPECT_LE(reports.size(), 5u) << calls << " reports made";
    EXPECT_GT(calls, 100);
}

TEST(LatestJob, DestroyedWhileWorkRunsDeliversNothing)
{
    auto gate = std::make_shared<Gate>();
    auto delivered = std::make_shared<std::atomic_int>(0);
    auto finished = std::make_shared<QSemaphore>();
    auto job = std::make_unique<LatestJob>();
    job->start(
        [gate, delivered, finished](LatestJob::Token &token) {
            gate->started.release();
            gate->open.acquire();
            token.post([delivered] { ++*delivered; });
            finished->release(); // the result is posted after this: a no-op by then
            return token.aborted();
        },
        [delivered](bool) { ++*delivered; });
    ASSERT_TRUE(gate->started.tryAcquire(1, kTimeoutMs));
    job.reset(); // does not wait for the work
    gate->open.release();
    ASSERT_TRUE(finished->tryAcquire(1, kTimeoutMs));
    QThreadPool::globalInstance()->waitForDone(kTimeoutMs);
    QTest::qWait(20);
    EXPECT_EQ(delivered->load(), 0);
}

TEST(LatestJob, WorkThatThrowsEndsTheRequestWithoutResult)
{
    LatestJob job;
    int results = 0;
    job.start([](LatestJob::Token &) -> int { throw std::runtime_error("out of memory"); },
              [&](int) { ++results; });
    job.finishNow();
    EXPECT_EQ(results, 0);
    EXPECT_FALSE(job.isRunning());
}
