#pragma once
// Internal to engine/ (torch-free, so it can be tested and benchmarked without LibTorch): the
// training data loader. Worker threads decode and augment whole batches ahead of the model
// step; a bounded window keeps memory flat for any dataset size, and batches are handed out
// strictly in order so that a run with a given seed is repeatable whatever the thread timing.

#include "engine/augment.h"

#include <opencv2/core/mat.hpp>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace pulc::engine {

/// One decoded and augmented training sample, as a SampleFn produces it.
struct LoaderSample
{
    cv::Mat image;              ///< CV_32FC3 HWC, normalised; every sample of a batch the same size
    int label = -1;             ///< class id (single-label, binary), -1 when unused
    std::vector<float> targets; ///< per-class targets (multi-label 1/0/-1), empty when unused
};

/// Builds sample `index`. Called concurrently from worker threads, each call with its own rng
/// seeded from (seed, epoch, index), so it must only touch shared data read-only. Returns false
/// with `error` set (English, naming the file) for an unreadable image; an exception it throws
/// is caught and treated the same way.
using SampleFn =
    std::function<bool(int index, AugmentRng &rng, LoaderSample &out, std::string &error)>;

/// One batch in the model's layout. A plain value: safe to move to another thread.
struct Batch
{
    int size = 0; ///< samples actually in the batch (failed ones are left out)
    int height = 0;
    int width = 0;
    /// size*height*width*3 floats, NHWC: the channels-last layout the model step runs in, so
    /// the step views it without a copy and each sample is one copy of its HWC pixels.
    std::vector<float> data;
    std::vector<int64_t> labels; ///< size labels
    std::vector<float> targets;  ///< size*targetWidth floats, row-major
    int targetWidth = 0;
    std::vector<int> indices; ///< the item index of each sample, in batch order
    /// Items that failed, with the error; a batch whose samples all failed has size 0. Index
    /// -1 marks a failure of the loader itself (out of memory).
    std::vector<std::pair<int, std::string>> skipped;
    int number = 0; ///< 0-based batch index in the epoch
};

/// How an epoch is cut into batches and how much work runs ahead of the consumer.
struct LoaderOptions
{
    int batchSize = 32;
    bool dropLast = false; ///< leave out the last, smaller batch
    bool shuffle = true;   ///< false: items in index order
    int workers = 2;       ///< worker threads (at least 1)
    /// Batches that may be built or waiting at once, not counting the one the caller holds
    /// (at least 1). It also caps parallelism: fewer than `workers` means idle workers.
    int prefetchBatches = 4;
    uint32_t seed = 0;
    int epoch = 0;
    int maxBatches = 0; ///< the epoch ends after batch maxBatches-1 (0: all batches)
    /// Resume mid-epoch: start at this batch. The order and the batch numbers stay those of
    /// the whole epoch, so a resumed epoch sees exactly the batches it had left.
    int firstBatch = 0;
    /// Run the workers at a lower scheduling priority (nice +10) than the calling thread.
    bool lowerPriority = false;
    /// Runs in the worker on each finished, non-empty batch (e.g. Mixup), with an rng seeded
    /// from (seed, epoch, batch number). Called concurrently: must not touch shared state.
    std::function<void(Batch &, AugmentRng &)> batchFn;
};

/// The order of one epoch: a shuffle of 0..itemCount-1 determined by (seed, epoch) alone, the
/// same on every platform (it does not use std::shuffle), or the identity when !shuffle.
std::vector<int> epochOrder(int itemCount, uint32_t seed, int epoch, bool shuffle);

/// The seed of the rng a SampleFn (stream 0) or the batchFn (stream 1) receives for `item`
/// (a sample index or a batch number).
uint32_t loaderSeed(uint32_t seed, int epoch, int64_t item, uint32_t stream);

/// Copies a CV_32FC3 HWC image into dst (3*rows*cols floats, HWC, rows packed), row by row
/// for a non-continuous view. Throws std::invalid_argument for any other type. Thread-safe.
void copyHwc(const cv::Mat &hwc, float *dst);

/// Loads one epoch. Workers start in the constructor. next(), batchCount() are for one
/// consumer thread; stop() may be called from any thread, also while next() is blocked.
class BatchLoader
{
public:
    BatchLoader(int itemCount, SampleFn fn, LoaderOptions options);
    /// Stops and joins the workers.
    ~BatchLoader();
    BatchLoader(const BatchLoader &) = delete;
    BatchLoader &operator=(const BatchLoader &) = delete;

    /// Number of batches in the epoch after dropLast and maxBatches; next() delivers those
    /// numbered firstBatch .. batchCount()-1.
    int batchCount() const { return m_batchCount; }

    /// Blocks until the next batch (in order 0, 1, 2, ...) is ready and moves it into `out`.
    /// The pixel buffer `out` held before is taken back and reused for a later batch, so an
    /// epoch allocates its batch buffers once instead of once per batch (each is megabytes,
    /// and fresh pages fault in). Returns false after the last batch or once stop() was called.
    bool next(Batch &out);

    /// Makes next() return false and joins the workers. Returns once every worker has finished
    /// the sample it is building; a worker waiting for room in the window leaves at once.
    /// Idempotent. Not to be called from inside the SampleFn or the batchFn.
    void stop();

private:
    void workerLoop();
    Batch buildBatch(int number);

    const SampleFn m_fn;
    const LoaderOptions m_options;
    const std::vector<int> m_order;
    const int m_batchCount;
    const int m_window;

    std::mutex m_mutex;
    std::condition_variable m_canStart;      ///< a worker may take the next batch number
    std::condition_variable m_ready;         ///< a batch was finished
    std::atomic<bool> m_stopping{false};     ///< written under m_mutex; read between samples
    int m_nextToBuild = 0;                   ///< guarded by m_mutex
    int m_nextToDeliver = 0;                 ///< guarded by m_mutex
    std::map<int, Batch> m_finished;         ///< guarded by m_mutex
    std::vector<std::vector<float>> m_spare; ///< returned pixel buffers; guarded by m_mutex

    std::mutex m_joinMutex;
    std::vector<std::thread> m_threads; ///< guarded by m_joinMutex after the constructor
};

} // namespace pulc::engine
