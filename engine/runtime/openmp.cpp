#include "engine/runtime/openmp.h"

#include "engine/computethreads.h"

#include <dlfcn.h>

namespace pulc::engine {
namespace openmp {

const Api &api()
{
    static const Api loaded = [] {
        Api a;
        a.setNumThreads =
            reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "omp_set_num_threads"));
        a.getMaxThreads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "omp_get_max_threads"));
        a.pauseResourceAll =
            reinterpret_cast<int (*)(int)>(dlsym(RTLD_DEFAULT, "omp_pause_resource_all"));
        return a;
    }();
    return loaded;
}

} // namespace openmp

void releaseComputeThreads()
{
    // libgomp refuses (returns -1) inside a parallel region; outside one it joins the calling
    // thread's workers and lowers its count of managed threads.
    if (openmp::api().pauseResourceAll)
        openmp::api().pauseResourceAll(openmp::kPauseSoft);
}

} // namespace pulc::engine
