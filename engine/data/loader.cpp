#include "engine/data/loader.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <stdexcept>

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace pulc::engine {

namespace {

constexpr uint32_t kSampleStream = 0;
constexpr uint32_t kBatchStream = 1;
constexpr uint32_t kShuffleStream = 2;

/// SplitMix64's finaliser: a cheap bijective mixer, so nearby (seed, epoch, item) triples give
/// unrelated seeds.
uint64_t splitMix(uint64_t x)
{
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

int computeBatchCount(int itemCount, const LoaderOptions &options)
{
    const int batchSize = std::max(1, options.batchSize);
    if (itemCount <= 0)
        return 0;
    int count = options.dropLast ? itemCount / batchSize : (itemCount + batchSize - 1) / batchSize;
    if (options.maxBatches > 0)
        count = std::min(count, options.maxBatches);
    return count;
}

/// Checks a sample against the batch's first one; returns an error message or "".
std::string checkSample(const LoaderSample &sample, const LoaderSample *first)
{
    if (sample.image.empty())
        return "the sample function returned no image";
    if (sample.image.type() != CV_32FC3)
        return "expected a CV_32FC3 image, got " + cv::typeToString(sample.image.type());
    if (!first)
        return {};
    if (sample.image.size() != first->image.size()) {
        return "image is " + std::to_string(sample.image.cols) + "x" +
               std::to_string(sample.image.rows) + ", the batch's is " +
               std::to_string(first->image.cols) + "x" + std::to_string(first->image.rows);
    }
    if (sample.targets.size() != first->targets.size()) {
        return "has " + std::to_string(sample.targets.size()) + " targets, the batch's samples " +
               std::to_string(first->targets.size());
    }
    return {};
}

} // namespace

std::vector<int> epochOrder(int itemCount, uint32_t seed, int epoch, bool shuffle)
{
    std::vector<int> order(static_cast<size_t>(std::max(0, itemCount)));
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<int>(i);
    if (!shuffle || order.size() < 2)
        return order;
    // Fisher-Yates with a multiply-shift bound (Lemire) instead of std::uniform_int_distribution,
    // whose output differs between standard libraries: the order must be the same everywhere.
    std::mt19937 engine(loaderSeed(seed, epoch, 0, kShuffleStream));
    for (size_t i = order.size() - 1; i > 0; --i) {
        const uint64_t j = (static_cast<uint64_t>(engine()) * (i + 1)) >> 32;
        std::swap(order[i], order[j]);
    }
    return order;
}

uint32_t loaderSeed(uint32_t seed, int epoch, int64_t item, uint32_t stream)
{
    uint64_t h = splitMix(seed ^ (static_cast<uint64_t>(stream) << 32));
    h = splitMix(h ^ static_cast<uint32_t>(epoch));
    h = splitMix(h ^ static_cast<uint64_t>(item));
    return static_cast<uint32_t>(h >> 32);
}

void copyHwc(const cv::Mat &hwc, float *dst)
{
    if (hwc.type() != CV_32FC3)
        throw std::invalid_argument("copyHwc: expected a CV_32FC3 image, got " +
                                    cv::typeToString(hwc.type()));
    const size_t rowFloats = 3 * static_cast<size_t>(hwc.cols);
    if (hwc.isContinuous()) {
        std::memcpy(dst, hwc.ptr<float>(0), rowFloats * hwc.rows * sizeof(float));
        return;
    }
    for (int r = 0; r < hwc.rows; ++r)
        std::memcpy(dst + r * rowFloats, hwc.ptr<float>(r), rowFloats * sizeof(float));
}

BatchLoader::BatchLoader(int itemCount, SampleFn fn, LoaderOptions options)
    : m_fn(std::move(fn))
    , m_options(std::move(options))
    , m_order(epochOrder(itemCount, m_options.seed, m_options.epoch, m_options.shuffle))
    , m_batchCount(computeBatchCount(itemCount, m_options))
    , m_window(std::max(1, m_options.prefetchBatches))
{
    m_nextToBuild = m_nextToDeliver = std::clamp(m_options.firstBatch, 0, m_batchCount);
    const int workers = std::min(std::max(1, m_options.workers), m_batchCount - m_nextToBuild);
    m_threads.reserve(static_cast<size_t>(workers));
    for (int i = 0; i < workers; ++i)
        m_threads.emplace_back([this] { workerLoop(); });
}

BatchLoader::~BatchLoader()
{
    stop();
}

bool BatchLoader::next(Batch &out)
{
    std::unique_lock lock(m_mutex);
    if (m_stopping || m_nextToDeliver >= m_batchCount)
        return false;
    m_ready.wait(lock, [this] { return m_stopping || m_finished.contains(m_nextToDeliver); });
    if (m_stopping)
        return false;
    auto it = m_finished.find(m_nextToDeliver);
    if (out.data.capacity() > 0 && m_spare.size() < static_cast<size_t>(m_window) + 1)
        m_spare.push_back(std::move(out.data));
    out = std::move(it->second);
    m_finished.erase(it);
    ++m_nextToDeliver;
    lock.unlock();
    m_canStart.notify_all();
    return true;
}

void BatchLoader::stop()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
        m_finished.clear();
    }
    m_canStart.notify_all();
    m_ready.notify_all();
    std::lock_guard joinLock(m_joinMutex);
    for (std::thread &thread : m_threads) {
        if (thread.joinable())
            thread.join();
    }
    m_threads.clear();
}

void BatchLoader::workerLoop()
{
    // Below the model step's threads: on a machine with as many cores as compute threads, a
    // loader thread that preempts one of them stalls every parallel region of the step, so the
    // loader takes the cycles the step leaves. Failing to lower it is harmless.
    if (m_options.lowerPriority)
        ::setpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)), 10);
    for (;;) {
        int number = 0;
        {
            std::unique_lock lock(m_mutex);
            // A batch counts against the window from the moment its build starts, so at most
            // m_window batches exist besides the one the consumer holds.
            m_canStart.wait(lock, [this] {
                return m_stopping || m_nextToBuild >= m_batchCount ||
                       m_nextToBuild < m_nextToDeliver + m_window;
            });
            if (m_stopping || m_nextToBuild >= m_batchCount)
                return;
            number = m_nextToBuild++;
        }
        Batch batch;
        try {
            batch = buildBatch(number);
        } catch (const std::exception &e) {
            // Only allocation can throw here (the sample and batch functions are guarded);
            // report it with the batch rather than terminate the process.
            batch = Batch();
            batch.number = number;
            batch.skipped.emplace_back(-1, std::string("loader: ") + e.what());
        }
        {
            std::lock_guard lock(m_mutex);
            if (m_stopping)
                return;
            m_finished.emplace(number, std::move(batch));
        }
        m_ready.notify_all();
    }
}

Batch BatchLoader::buildBatch(int number)
{
    Batch batch;
    batch.number = number;
    const size_t batchSize = static_cast<size_t>(std::max(1, m_options.batchSize));
    const size_t begin = static_cast<size_t>(number) * batchSize;
    const size_t end = std::min(begin + batchSize, m_order.size());

    std::vector<LoaderSample> samples;
    samples.reserve(end - begin);
    for (size_t i = begin; i < end; ++i) {
        if (m_stopping)
            return batch; // dropped by the caller anyway
        const int index = m_order[i];
        AugmentRng rng(loaderSeed(m_options.seed, m_options.epoch, index, kSampleStream));
        LoaderSample sample;
        std::string error;
        bool ok = false;
        try {
            ok = m_fn(index, rng, sample, error);
        } catch (const std::exception &e) {
            ok = false;
            error = std::string("exception: ") + e.what();
        } catch (...) {
            ok = false;
            error = "unknown exception";
        }
        if (ok)
            error = checkSample(sample, samples.empty() ? nullptr : &samples.front());
        else if (error.empty())
            error = "the sample function failed without a message";
        if (!error.empty()) {
            batch.skipped.emplace_back(index, std::move(error));
            continue;
        }
        batch.indices.push_back(index);
        samples.push_back(std::move(sample));
    }
    if (samples.empty())
        return batch;

    batch.size = static_cast<int>(samples.size());
    batch.height = samples.front().image.rows;
    batch.width = samples.front().image.cols;
    batch.targetWidth = static_cast<int>(samples.front().targets.size());
    const size_t sampleFloats = 3 * static_cast<size_t>(batch.height) * batch.width;
    {
        std::lock_guard lock(m_mutex);
        if (!m_spare.empty()) {
            batch.data = std::move(m_spare.back());
            m_spare.pop_back();
        }
    }
    batch.data.resize(sampleFloats * samples.size());
    batch.labels.reserve(samples.size());
    batch.targets.reserve(samples.size() * static_cast<size_t>(batch.targetWidth));
    for (size_t s = 0; s < samples.size(); ++s) {
        copyHwc(samples[s].image, batch.data.data() + s * sampleFloats);
        batch.labels.push_back(samples[s].label);
        batch.targets.insert(batch.targets.end(), samples[s].targets.begin(),
                             samples[s].targets.end());
    }

    if (m_options.batchFn) {
        AugmentRng rng(loaderSeed(m_options.seed, m_options.epoch, number, kBatchStream));
        std::string reason;
        try {
            m_options.batchFn(batch, rng);
        } catch (const std::exception &e) {
            reason = *e.what() ? e.what() : "exception";
        } catch (...) {
            reason = "unknown exception";
        }
        if (!reason.empty()) {
            // A half-transformed batch must not reach the model: deliver it empty with the
            // reason, like a batch whose samples all failed.
            Batch failed;
            failed.number = number;
            failed.skipped = std::move(batch.skipped);
            for (int index : batch.indices)
                failed.skipped.emplace_back(index, "batch transform failed: " + reason);
            return failed;
        }
    }
    return batch;
}

} // namespace pulc::engine
