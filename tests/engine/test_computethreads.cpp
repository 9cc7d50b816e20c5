// releaseComputeThreads (engine/computethreads.h): a thread's OpenMP worker exists after it runs
// a parallel op on two threads and is gone (joined) after the call; the next op builds a new
// team and gives the same result.
#include "engine/computethreads.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include <filesystem>
#include <set>
#include <string>
#include <thread>

namespace {

/// The threads of this process, by id.
std::set<std::string> processThreads()
{
    std::set<std::string> ids;
    for (const auto &entry : std::filesystem::directory_iterator("/proc/self/task"))
        ids.insert(entry.path().filename().string());
    return ids;
}

/// An element-wise op large enough for LibTorch to split over its OpenMP threads (its own
/// kernels are built with OpenMP; an inline at::parallel_for in a file built without -fopenmp
/// would run serially). Returns the sum, for the caller to check.
double parallelRegion()
{
    torch::Tensor x = torch::ones({1 << 22});
    x.mul_(2.0f);
    return x.sum().item<double>();
}

TEST(ComputeThreads, ReleaseJoinsTheCallingThreadsWorkers)
{
    // A fresh thread, so no team from another test is involved.
    int before = 0, during = 0, after = 0, afterAgain = 0;
    double first = 0, second = 0;
    std::thread worker([&] {
        at::set_num_threads(2);
        before = static_cast<int>(processThreads().size());
        first = parallelRegion();
        during = static_cast<int>(processThreads().size());
        pulc::engine::releaseComputeThreads();
        after = static_cast<int>(processThreads().size());
        second = parallelRegion(); // a new team is built on demand
        pulc::engine::releaseComputeThreads();
        afterAgain = static_cast<int>(processThreads().size());
    });
    worker.join();
    EXPECT_EQ(first, 2.0 * (1 << 22));
    EXPECT_EQ(during, before + 1) << "one OpenMP worker besides the calling thread";
    EXPECT_EQ(after, before) << "the worker is joined";
    EXPECT_EQ(second, first);
    EXPECT_EQ(afterAgain, before);
}

TEST(ComputeThreads, ReleaseWithoutATeamIsHarmless)
{
    std::thread worker([] {
        pulc::engine::releaseComputeThreads();
        pulc::engine::releaseComputeThreads();
    });
    worker.join();
    const torch::Tensor x = torch::arange(1000, torch::kFloat);
    EXPECT_FLOAT_EQ(x.sum().item<float>(), 499500.0f);
}

} // namespace
