// The batch loader: epoch order, strict batch order whatever the thread timing, failures, the
// memory bound, stopping, and the NHWC copy. Sample functions make tiny images whose pixels
// encode the item index, so every float in a batch can be traced to its sample.
#include "engine/data/loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <future>
#include <numeric>
#include <set>
#include <stdexcept>
#include <thread>

namespace {

using namespace pulc::engine;
using Clock = std::chrono::steady_clock;

/// A 2x2 image whose every value is `index` (plus an rng draw when `noisy`), label = index.
SampleFn constantFn(bool noisy = false, std::chrono::milliseconds delay = {})
{
    return [noisy, delay](int index, AugmentRng &rng, LoaderSample &out, std::string &) {
        if (delay.count() > 0)
            std::this_thread::sleep_for(delay);
        const double v = index + (noisy ? rng.uniform(0.0, 1.0) : 0.0);
        out.image = cv::Mat(2, 2, CV_32FC3, cv::Scalar(v, v, v));
        out.label = index;
        out.targets = {static_cast<float>(index)};
        return true;
    };
}

LoaderOptions options(int batchSize, int workers, bool shuffle = true)
{
    LoaderOptions o;
    o.batchSize = batchSize;
    o.workers = workers;
    o.shuffle = shuffle;
    o.seed = 7;
    return o;
}

std::vector<Batch> drain(BatchLoader &loader)
{
    std::vector<Batch> batches;
    Batch b;
    while (loader.next(b))
        batches.push_back(std::move(b));
    return batches;
}

std::vector<int> allIndices(const std::vector<Batch> &batches)
{
    std::vector<int> out;
    for (const Batch &b : batches)
        out.insert(out.end(), b.indices.begin(), b.indices.end());
    return out;
}

TEST(LoaderOrder, RepeatableForASeedAndDifferentForAnother)
{
    const std::vector<int> a = epochOrder(100, 7, 0, true);
    EXPECT_EQ(a, epochOrder(100, 7, 0, true));
    EXPECT_NE(a, epochOrder(100, 8, 0, true));
    EXPECT_NE(a, epochOrder(100, 7, 1, true));
    std::vector<int> identity(100);
    std::iota(identity.begin(), identity.end(), 0);
    EXPECT_NE(a, identity);
    EXPECT_EQ(epochOrder(100, 7, 0, false), identity);
    std::vector<int> sorted = a;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(sorted, identity);

    // The loader delivers exactly that order, whatever the worker count.
    BatchLoader loader(100, constantFn(), options(8, 3));
    EXPECT_EQ(allIndices(drain(loader)), a);
}

TEST(LoaderOrder, EveryIndexExactlyOncePerEpoch)
{
    BatchLoader loader(53, constantFn(), options(8, 3));
    EXPECT_EQ(loader.batchCount(), 7);
    const std::vector<Batch> batches = drain(loader);
    ASSERT_EQ(batches.size(), 7u);
    EXPECT_EQ(batches.back().size, 5);
    std::vector<int> seen = allIndices(batches);
    std::sort(seen.begin(), seen.end());
    std::vector<int> identity(53);
    std::iota(identity.begin(), identity.end(), 0);
    EXPECT_EQ(seen, identity);
}

// Later samples finish first (the delay shrinks with the index), yet batches arrive in order
// and the data, rng draws included, are identical to a single-worker run.
TEST(LoaderOrder, BatchesInOrderAndRepeatableWithFourWorkersAndSlowSamples)
{
    const SampleFn slow = [](int index, AugmentRng &rng, LoaderSample &out, std::string &e) {
        std::this_thread::sleep_for(std::chrono::microseconds(200 * (40 - index % 40)));
        return constantFn(true)(index, rng, out, e);
    };
    LoaderOptions o = options(4, 4);
    BatchLoader parallel(40, slow, o);
    const std::vector<Batch> a = drain(parallel);
    o.workers = 1;
    BatchLoader serial(40, constantFn(true), o);
    const std::vector<Batch> b = drain(serial);
    ASSERT_EQ(a.size(), 10u);
    ASSERT_EQ(b.size(), 10u);
    for (size_t i = 0; i < a.size(); ++i) {
        EXPECT_EQ(a[i].number, static_cast<int>(i));
        EXPECT_EQ(a[i].indices, b[i].indices);
        EXPECT_EQ(a[i].data, b[i].data);
        for (int s = 0; s < a[i].size; ++s) {
            EXPECT_EQ(a[i].labels[s], a[i].indices[s]);
            EXPECT_GE(a[i].data[s * 12], a[i].indices[s]);
            EXPECT_LT(a[i].data[s * 12], a[i].indices[s] + 1);
        }
    }
}

TEST(LoaderFailures, SkippedSamplesAreRecordedAndTheRestDelivered)
{
    const SampleFn fn = [](int index, AugmentRng &rng, LoaderSample &out, std::string &error) {
        if (index < 2 || index == 5) {
            error = "cannot decode img" + std::to_string(index) + ".jpg";
            return false;
        }
        if (index == 6)
            throw std::runtime_error("boom");
        if (index == 7) {
            out.image = cv::Mat(2, 2, CV_8UC3, cv::Scalar::all(0)); // not normalised
            return true;
        }
        return constantFn()(index, rng, out, error);
    };
    BatchLoader loader(10, fn, options(2, 2, false));
    const std::vector<Batch> batches = drain(loader);
    ASSERT_EQ(batches.size(), 5u);

    // Both samples of batch 0 failed: delivered empty so the errors are seen.
    EXPECT_EQ(batches[0].size, 0);
    EXPECT_TRUE(batches[0].data.empty());
    ASSERT_EQ(batches[0].skipped.size(), 2u);
    EXPECT_EQ(batches[0].skipped[0], std::make_pair(0, std::string("cannot decode img0.jpg")));
    EXPECT_EQ(batches[0].skipped[1].first, 1);

    // Batch 2 (items 4, 5): 5 failed, 4 kept.
    EXPECT_EQ(batches[2].size, 1);
    EXPECT_EQ(batches[2].indices, std::vector<int>{4});
    EXPECT_EQ(batches[2].data, std::vector<float>(12, 4.0f));
    ASSERT_EQ(batches[2].skipped.size(), 1u);
    EXPECT_EQ(batches[2].skipped[0].first, 5);

    // Batch 3 (items 6, 7): an exception, and an image of the wrong type.
    EXPECT_EQ(batches[3].size, 0);
    ASSERT_EQ(batches[3].skipped.size(), 2u);
    EXPECT_NE(batches[3].skipped[0].second.find("boom"), std::string::npos);
    EXPECT_EQ(batches[3].skipped[1],
              std::make_pair(7, std::string("expected a CV_32FC3 image, got CV_8UC3")));
    EXPECT_EQ(batches[4].size, 2);
}

TEST(LoaderFailures, ImageOfAnotherSizeThanTheBatchIsSkipped)
{
    const SampleFn fn = [](int index, AugmentRng &, LoaderSample &out, std::string &) {
        out.image = cv::Mat(index == 1 ? 3 : 2, 2, CV_32FC3, cv::Scalar::all(index));
        return true;
    };
    BatchLoader loader(3, fn, options(3, 1, false));
    const std::vector<Batch> batches = drain(loader);
    ASSERT_EQ(batches.size(), 1u);
    EXPECT_EQ(batches[0].indices, (std::vector<int>{0, 2}));
    ASSERT_EQ(batches[0].skipped.size(), 1u);
    EXPECT_EQ(batches[0].skipped[0].second, "image is 2x3, the batch's is 2x2");
}

TEST(LoaderBatches, DropLastAndMaxBatches)
{
    LoaderOptions o = options(4, 2);
    EXPECT_EQ(BatchLoader(10, constantFn(), o).batchCount(), 3);
    o.dropLast = true;
    BatchLoader dropped(10, constantFn(), o);
    EXPECT_EQ(dropped.batchCount(), 2);
    const std::vector<Batch> batches = drain(dropped);
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[1].size, 4);

    std::atomic<int> calls = 0;
    const SampleFn counting = [&calls](int i, AugmentRng &r, LoaderSample &out, std::string &e) {
        ++calls;
        return constantFn()(i, r, out, e);
    };
    o.dropLast = false;
    o.maxBatches = 3;
    BatchLoader limited(100, counting, o);
    EXPECT_EQ(limited.batchCount(), 3);
    EXPECT_EQ(drain(limited).size(), 3u);
    EXPECT_EQ(calls.load(), 12);
}

TEST(LoaderBatches, FirstBatchResumesMidEpoch)
{
    LoaderOptions o = options(3, 2);
    o.firstBatch = 2;
    BatchLoader loader(10, constantFn(), o);
    EXPECT_EQ(loader.batchCount(), 4);
    const std::vector<Batch> batches = drain(loader);
    ASSERT_EQ(batches.size(), 2u);
    EXPECT_EQ(batches[0].number, 2);
    EXPECT_EQ(batches[1].number, 3);
    const std::vector<int> order = epochOrder(10, o.seed, o.epoch, true);
    EXPECT_EQ(allIndices(batches), std::vector<int>(order.begin() + 6, order.end()));

    o.firstBatch = 4; // past the end: nothing left
    BatchLoader done(10, constantFn(), o);
    Batch b;
    EXPECT_FALSE(done.next(b));
}

// A fast producer and a slow consumer: no sample may be built for a batch more than
// prefetchBatches ahead of the last one the consumer received (+1 for the one it holds).
TEST(LoaderBatches, PrefetchBoundRespected)
{
    std::atomic<int> delivered = 0;
    std::atomic<int> maxAhead = 0;
    const SampleFn fn = [&](int index, AugmentRng &r, LoaderSample &out, std::string &e) {
        const int ahead = index / 2 - delivered.load();
        int seen = maxAhead.load();
        while (ahead > seen && !maxAhead.compare_exchange_weak(seen, ahead)) {
        }
        return constantFn()(index, r, out, e);
    };
    LoaderOptions o = options(2, 4, false);
    o.prefetchBatches = 3;
    BatchLoader loader(60, fn, o);
    Batch b;
    int count = 0;
    while (loader.next(b)) {
        delivered = b.number + 1;
        ++count;
        std::this_thread::sleep_for(std::chrono::milliseconds(3));
    }
    EXPECT_EQ(count, 30);
    EXPECT_LE(maxAhead.load(), 3);
    EXPECT_GE(maxAhead.load(), 2); // the workers did run ahead
}

TEST(LoaderStop, StopReturnsPromptlyMidEpoch)
{
    // 400 samples of 25 ms on 2 workers would take 5 s.
    BatchLoader loader(400, constantFn(false, std::chrono::milliseconds(25)), options(4, 2));
    Batch b;
    ASSERT_TRUE(loader.next(b));
    const auto start = Clock::now();
    loader.stop();
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1500));
    EXPECT_FALSE(loader.next(b));
}

TEST(LoaderStop, StopWakesABlockedNextAndDestructorLeavesAFullWindow)
{
    auto loader = std::make_unique<BatchLoader>(
        400, constantFn(false, std::chrono::milliseconds(25)), options(8, 2));
    auto pending = std::async(std::launch::async, [&] {
        Batch b;
        bool ok = true;
        while (ok)
            ok = loader->next(b);
        return true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    loader->stop();
    ASSERT_EQ(pending.wait_for(std::chrono::seconds(2)), std::future_status::ready);

    // Workers blocked on a full window (nobody calls next): the destructor does not hang.
    LoaderOptions o = options(1, 2);
    o.prefetchBatches = 1;
    auto full = std::make_unique<BatchLoader>(100, constantFn(), o);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const auto start = Clock::now();
    full.reset();
    EXPECT_LT(Clock::now() - start, std::chrono::milliseconds(1000));
}

TEST(LoaderBatches, BatchFnRunsOnEachBatchWithItsOwnSeed)
{
    LoaderOptions o = options(3, 2, false);
    o.batchFn = [](Batch &batch, AugmentRng &rng) {
        for (float &v : batch.data)
            v *= 2.0f;
        batch.targets.assign(1, static_cast<float>(rng.uniform(0.0, 1.0)));
        batch.targetWidth = 1;
    };
    BatchLoader loader(7, constantFn(), o);
    const std::vector<Batch> batches = drain(loader);
    ASSERT_EQ(batches.size(), 3u);
    for (const Batch &b : batches) {
        for (int s = 0; s < b.size; ++s)
            EXPECT_EQ(b.data[s * 12 + 5], 2.0f * b.indices[s]);
        AugmentRng expected(loaderSeed(o.seed, o.epoch, b.number, 1));
        EXPECT_FLOAT_EQ(b.targets[0], static_cast<float>(expected.uniform(0.0, 1.0)));
    }
    EXPECT_NE(batches[0].targets[0], batches[1].targets[0]);
}

TEST(LoaderLayout, CopyHwcOnAKnownImage)
{
    // 2x3 image, pixel (y, x) = (c0, c1, c2) = (yx, 10+yx, 20+yx) with yx = 3y + x.
    cv::Mat image(2, 3, CV_32FC3);
    for (int y = 0; y < 2; ++y)
        for (int x = 0; x < 3; ++x)
            image.at<cv::Vec3f>(y, x) = cv::Vec3f(3 * y + x, 10 + 3 * y + x, 20 + 3 * y + x);
    std::vector<float> hwc(18, -1.0f);
    copyHwc(image, hwc.data());
    EXPECT_EQ(hwc, (std::vector<float>{0, 10, 20, 1, 11, 21, 2, 12, 22, 3, 13, 23, 4, 14, 24, 5, 15,
                                       25}));
    // A non-continuous view (a column crop) is copied row by row, rows packed.
    std::vector<float> crop(6, -1.0f);
    copyHwc(image(cv::Rect(1, 0, 1, 2)), crop.data());
    EXPECT_EQ(crop, (std::vector<float>{1, 11, 21, 4, 14, 24}));
    EXPECT_THROW(copyHwc(cv::Mat(2, 2, CV_8UC3), crop.data()), std::invalid_argument);
}

TEST(LoaderLayout, BatchIsNhwc)
{
    const SampleFn fn = [](int index, AugmentRng &, LoaderSample &out, std::string &) {
        out.image = cv::Mat(2, 2, CV_32FC3);
        for (int p = 0; p < 4; ++p)
            out.image.at<cv::Vec3f>(p / 2, p % 2) =
                cv::Vec3f(100 * index + p, 100 * index + 10 + p, 100 * index + 20 + p);
        out.label = index;
        return true;
    };
    BatchLoader loader(2, fn, options(2, 1, false));
    Batch b;
    ASSERT_TRUE(loader.next(b));
    EXPECT_EQ(b.size, 2);
    EXPECT_EQ(b.height, 2);
    EXPECT_EQ(b.width, 2);
    EXPECT_EQ(b.targetWidth, 0);
    ASSERT_EQ(b.data.size(), 24u);
    for (int n = 0; n < 2; ++n)
        for (int p = 0; p < 4; ++p)
            for (int c = 0; c < 3; ++c)
                EXPECT_EQ(b.data[n * 12 + p * 3 + c], 100 * n + 10 * c + p);
    EXPECT_EQ(b.labels, (std::vector<int64_t>{0, 1}));
    EXPECT_FALSE(loader.next(b));
}

} // namespace
