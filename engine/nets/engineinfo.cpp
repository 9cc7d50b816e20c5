#include "engine/engineinfo.h"

#include <ATen/Context.h>
#include <ATen/Parallel.h>
#include <torch/version.h>

namespace pulc::engine {

EngineInfo engineInfo()
{
    EngineInfo info;
    info.torchVersion = TORCH_VERSION;
    info.intraOpThreads = at::get_num_threads();
    info.mkldnnAvailable = at::hasMKLDNN();
    info.openmpAvailable = at::hasOpenMP();
    return info;
}

} // namespace pulc::engine
