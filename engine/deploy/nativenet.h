#pragma once
// Internal to engine/, torch-free header: the native CPU predictor of an InferenceGraph, built on
// oneDNN (libdnnl-dev). Weights are packed and primitives created once in build(); run() reuses
// its buffers, so the steady state allocates nothing. Not thread-safe: one NativeNet per thread.

#include "engine/deploy/inferencegraph.h"

#include <memory>
#include <string>

namespace pulc::engine {

enum class InputLayout {
    Nchw, ///< [N][3][H][W] planes
    Nhwc, ///< [N][H][W][3] interleaved, as a CV_32FC3 cv::Mat holds it
};

class NativeNet
{
public:
    NativeNet();
    ~NativeNet();
    NativeNet(NativeNet &&) noexcept;
    NativeNet &operator=(NativeNet &&) noexcept;

    /// Packs the weights and creates the primitives for batch sizes up to `maxBatch` (larger
    /// batches are run in chunks). `threads` intra-op threads (OpenMP, shared with LibTorch).
    bool build(const InferenceGraph &graph, int threads, std::string *error, int maxBatch = 32);
    bool isBuilt() const;
    /// Changes the thread count (recreates what depends on it).
    void setThreads(int threads);
    int threads() const;
    const InferenceGraph &graph() const;

    /// Runs `batch` images of the graph's input size. Writes batch * classes floats to `out`:
    /// probabilities (softmax / sigmoid as the graph says), or the logits when `logits` is true.
    bool run(const float *input, int batch, InputLayout layout, float *out, bool logits,
             std::string *error);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pulc::engine
