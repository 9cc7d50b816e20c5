#pragma once

namespace pulc::engine::openmp {

/// The OpenMP runtime's entry points the engine calls directly. The engine does not link
/// libgomp itself (LibTorch and oneDNN do), so they are looked up in the loaded runtime; each
/// is null when the runtime lacks it.
struct Api
{
    void (*setNumThreads)(int) = nullptr;
    int (*getMaxThreads)() = nullptr;
    /// omp_pause_resource_all (OpenMP 5.0); the argument is omp_pause_resource_t.
    int (*pauseResourceAll)(int) = nullptr;
};

const Api &api();

/// omp_pause_soft in omp.h: free the threads, keep what a later region can rebuild.
constexpr int kPauseSoft = 1;

} // namespace pulc::engine::openmp
