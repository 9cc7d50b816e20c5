#pragma once

namespace pulc::engine {

/// Frees the OpenMP worker threads of the calling thread.
///
/// libgomp (the OpenMP runtime of LibTorch and oneDNN) keeps a team of workers for every thread
/// that has run a parallel region, for as long as that thread lives. Once the process holds
/// more of these workers than it has CPUs, every team stops spinning between parallel regions
/// and sleeps on a futex instead, and a model step made of hundreds of short regions then waits
/// on a wake-up at each one: a training run in the app ran at 40% of `pulc train`'s speed
/// because the Predict page's and the cost estimate's threads still held their teams
/// (docs/training.md, 'One OpenMP team at a time').
///
/// So every thread that outlives its compute work (the app's job threads, a pooled thread)
/// calls this when the work ends. The next parallel region on the thread builds a new team
/// (tens of microseconds). Does nothing inside a parallel region, or when the runtime has no
/// OpenMP 5 pause API.
void releaseComputeThreads();

/// Calls releaseComputeThreads() when it leaves scope, on every path out of a job.
class ComputeThreadsRelease
{
public:
    ComputeThreadsRelease() = default;
    ~ComputeThreadsRelease() { releaseComputeThreads(); }
    ComputeThreadsRelease(const ComputeThreadsRelease &) = delete;
    ComputeThreadsRelease &operator=(const ComputeThreadsRelease &) = delete;
};

} // namespace pulc::engine
