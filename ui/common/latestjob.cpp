#include "ui/common/latestjob.h"

#include <QCoreApplication>
#include <QEvent>

namespace pulc::ui {

LatestJob::LatestJob(QObject *parent)
    : QObject(parent)
    , m_link(std::make_shared<LatestJobLink>())
{
    m_link->job = this;
}

LatestJob::~LatestJob()
{
    drop();
    // From here on workers post nothing; what they posted before is discarded with us.
    QMutexLocker lock(&m_link->mutex);
    m_link->job = nullptr;
}

std::shared_ptr<LatestJob::Token> LatestJob::begin()
{
    drop();
    m_futures.removeIf([](const QFuture<void> &f) { return f.isFinished(); });
    auto token = std::make_shared<Token>();
    token->m_generation = m_generation;
    token->m_link = m_link;
    token->m_clock.start();
    m_latest = token;
    m_running = true;
    return token;
}

void LatestJob::cancel()
{
    if (m_latest)
        m_latest->m_abort = true;
}

void LatestJob::drop()
{
    cancel();
    m_latest.reset();
    ++m_generation;
    m_running = false;
}

void LatestJob::waitForDone()
{
    for (QFuture<void> &future : m_futures)
        future.waitForFinished();
    m_futures.clear();
}

void LatestJob::finishNow()
{
    waitForDone();
    // Results and progress reach us as queued calls: handle them now rather than in the loop.
    QCoreApplication::sendPostedEvents(this, QEvent::MetaCall);
}

} // namespace pulc::ui
