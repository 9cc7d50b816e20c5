// The fused training-mode BatchNorm + hardswish (engine/nets/bnhardswish.h) against PyTorch's
// BatchNorm2d then hardswish, per layer shape: forward and backward medians, alternating the two
// so the machine's noise hits both alike.
//
//   bn_bench [--threads 2] [--runs 12]
//
// The shapes are PP-LCNet's at 224x224, batch 32: the 8- and 16-channel layers of x0.25 and x1.0
// at 112x112 and the wider ones after. The model uses the fused op only where it wins
// (canFuseBnHardswish: under 16 channels); this program shows why.
#include "engine/nets/bnhardswish.h"

#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

using namespace pulc::engine;
using Clock = std::chrono::steady_clock;

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

} // namespace

int main(int argc, char **argv)
{
    int threads = 2;
    int runs = 12;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--threads"))
            threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--runs"))
            runs = std::atoi(argv[i + 1]);
    }
    if (argc % 2 == 0 || threads < 1 || runs < 1) {
        std::fprintf(stderr, "usage: bn_bench [--threads 2] [--runs 12]\n");
        return 2;
    }
    at::set_num_threads(threads);
    const int64_t shapes[][4] = {{32, 8, 112, 112}, {32, 16, 112, 112}, {32, 16, 56, 56},
                                 {32, 32, 56, 56},  {32, 64, 56, 56},   {32, 64, 28, 28},
                                 {32, 128, 28, 28}, {32, 256, 14, 14},  {32, 512, 7, 7}};
    std::printf("BatchNorm2d (training) + hardswish, forward + backward, %d threads, median of "
                "%d runs (ms)\n",
                threads, runs);
    std::printf("  %-18s %8s %8s %8s %8s %7s\n", "shape", "torch fw", "torch bw", "fused fw",
                "fused bw", "ratio");
    for (const auto &s : shapes) {
        const int64_t n = s[0], c = s[1], h = s[2], w = s[3];
        torch::nn::BatchNorm2d plain(torch::nn::BatchNorm2dOptions(c).momentum(0.1));
        torch::nn::BatchNorm2d fused(torch::nn::BatchNorm2dOptions(c).momentum(0.1));
        plain->train();
        fused->train();
        const torch::Tensor x = torch::randn({n, c, h, w})
                                    .contiguous(torch::MemoryFormat::ChannelsLast)
                                    .requires_grad_(true);
        const torch::Tensor upstream =
            torch::randn({n, c, h, w}).contiguous(torch::MemoryFormat::ChannelsLast);
        std::vector<double> times[4];
        for (int r = 0; r < runs + 2; ++r) {
            for (int mode = 0; mode < 2; ++mode) {
                auto start = Clock::now();
                const torch::Tensor y =
                    mode ? bnHardswishTrain(x, *fused) : torch::hardswish(plain(x));
                const double forward = msSince(start);
                start = Clock::now();
                y.backward(upstream);
                const double backward = msSince(start);
                x.mutable_grad().reset();
                if (r >= 2) { // two warm-up runs
                    times[2 * mode].push_back(forward);
                    times[2 * mode + 1].push_back(backward);
                }
            }
        }
        char name[48];
        std::snprintf(name, sizeof name, "%ldx%ldx%ldx%ld", long(n), long(c), long(h), long(w));
        const double torchTotal = median(times[0]) + median(times[1]);
        const double fusedTotal = median(times[2]) + median(times[3]);
        std::printf("  %-18s %8.2f %8.2f %8.2f %8.2f %6.2fx\n", name, median(times[0]),
                    median(times[1]), median(times[2]), median(times[3]), torchTotal / fusedTotal);
    }
    return 0;
}
