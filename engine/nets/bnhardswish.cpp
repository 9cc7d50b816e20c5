#include "engine/nets/bnhardswish.h"

#include "engine/nets/bnhardswishkernels.h"

#include <ATen/Parallel.h>
#include <torch/autograd.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace pulc::engine {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

bool fusedBnEnabled()
{
    static const bool enabled = [] {
        const char *value = std::getenv("PULC_FUSED_BN");
        return !(value && std::strcmp(value, "0") == 0);
    }();
    return enabled;
}

/// Where the fused op is faster than PyTorch's two kernels: under 16 channels, where PyTorch
/// 1.13's channels-last BatchNorm runs several times slower than its usual speed. bench/bn_bench
/// per layer (forward + backward, batch 32, 2 threads, AMD EPYC): 32x8x112x112 2.49x faster
/// fused; 32x16x112x112 1.65x and 32x64x56x56 1.32x, but 32x16x56x56 0.57x and every layer of
/// 28x28 or smaller about 0.5x (PyTorch's AVX-512 kernels on tensors that fit in the caches).
/// A whole x1.0 step was no faster with the wide layers fused (train_bench), so those keep
/// PyTorch's kernels (docs/training.md, 'The model step').
bool fusionPays(const torch::Tensor &x)
{
    return x.dim() == 4 && x.size(1) < 16;
}

/// Row ranges for the threads: about 64k values each at least, at most one per thread.
int chunkCount(int64_t rows, int64_t channels)
{
    const int64_t byWork = std::max<int64_t>(1, rows * channels / 65536);
    return static_cast<int>(std::min<int64_t>(at::get_num_threads(), byWork));
}

/// Runs fn(chunk, firstRow, rowCount) for every chunk on the intra-op threads.
template<class Fn> void forChunks(int64_t rows, int chunks, const Fn &fn)
{
    at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
        for (int64_t k = begin; k < end; ++k) {
            const int64_t first = rows * k / chunks;
            fn(k, first, rows * (k + 1) / chunks - first);
        }
    });
}

/// Per-chunk pairs of channel sums, added up in chunk order (the same total whatever the timing).
void reduceChunks(const std::vector<double> &partial, int chunks, int64_t channels,
                  std::vector<double> &first, std::vector<double> &second)
{
    first.assign(static_cast<size_t>(channels), 0.0);
    second.assign(static_cast<size_t>(channels), 0.0);
    for (int k = 0; k < chunks; ++k) {
        const double *p = partial.data() + static_cast<size_t>(k) * 2 * channels;
        for (int64_t c = 0; c < channels; ++c) {
            first[c] += p[c];
            second[c] += p[channels + c];
        }
    }
}

torch::Tensor floatTensor(const std::vector<float> &values)
{
    torch::Tensor t = torch::empty({static_cast<int64_t>(values.size())}, torch::kFloat);
    std::copy(values.begin(), values.end(), t.data_ptr<float>());
    return t;
}

std::vector<float> floatsOf(const torch::Tensor &t)
{
    const torch::Tensor c = t.detach().to(torch::kFloat).contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

class BnHardswishFn : public torch::autograd::Function<BnHardswishFn>
{
public:
    static torch::Tensor forward(AutogradContext *ctx, const torch::Tensor &x,
                                 const torch::Tensor &weight, const torch::Tensor &bias,
                                 const torch::Tensor &runningMean, const torch::Tensor &runningVar,
                                 double momentum, double eps)
    {
        const int64_t channels = x.size(1);
        const int64_t rows = x.numel() / channels;
        const float *px = x.data_ptr<float>();
        const int chunks = chunkCount(rows, channels);

        // Batch statistics, summed around the first row's values.
        const std::vector<float> origin(px, px + channels);
        std::vector<double> partial(static_cast<size_t>(chunks) * 2 * channels, 0.0);
        forChunks(rows, chunks, [&](int64_t k, int64_t first, int64_t count) {
            double *p = partial.data() + k * 2 * channels;
            bnhs::channelSums(px + first * channels, count, channels, origin.data(), p,
                              p + channels);
        });
        std::vector<double> sum, sumSq;
        reduceChunks(partial, chunks, channels, sum, sumSq);

        const std::vector<float> gamma = floatsOf(weight);
        const std::vector<float> beta = floatsOf(bias);
        const auto n = static_cast<double>(rows);
        std::vector<float> mean(channels), invstd(channels), scale(channels), shift(channels);
        std::vector<float> unbiased(channels);
        for (int64_t c = 0; c < channels; ++c) {
            const double offset = sum[c] / n;
            const double var = std::max(0.0, sumSq[c] / n - offset * offset);
            const double m = origin[c] + offset;
            const double is = 1.0 / std::sqrt(var + eps);
            mean[c] = static_cast<float>(m);
            invstd[c] = static_cast<float>(is);
            unbiased[c] = static_cast<float>(var * n / (n - 1.0));
            scale[c] = static_cast<float>(gamma[c] * is);
            shift[c] = static_cast<float>(beta[c] - m * gamma[c] * is);
        }
        {
            torch::NoGradGuard noGrad;
            runningMean.mul_(1.0 - momentum).add_(floatTensor(mean), momentum);
            runningVar.mul_(1.0 - momentum).add_(floatTensor(unbiased), momentum);
        }

        torch::Tensor y = torch::empty_like(x);
        float *py = y.data_ptr<float>();
        forChunks(rows, chunks, [&](int64_t, int64_t first, int64_t count) {
            bnhs::forward(px + first * channels, py + first * channels, count, channels,
                          scale.data(), shift.data());
        });

        ctx->save_for_backward({x, weight});
        ctx->saved_data["mean"] = floatTensor(mean);
        ctx->saved_data["invstd"] = floatTensor(invstd);
        ctx->saved_data["scale"] = floatTensor(scale);
        ctx->saved_data["shift"] = floatTensor(shift);
        return y;
    }

    static variable_list backward(AutogradContext *ctx, variable_list gradOutputs)
    {
        const variable_list saved = ctx->get_saved_variables();
        const torch::Tensor &x = saved[0];
        const std::vector<float> gamma = floatsOf(saved[1]);
        const std::vector<float> mean = floatsOf(ctx->saved_data["mean"].toTensor());
        const std::vector<float> invstd = floatsOf(ctx->saved_data["invstd"].toTensor());
        const std::vector<float> scale = floatsOf(ctx->saved_data["scale"].toTensor());
        const std::vector<float> shift = floatsOf(ctx->saved_data["shift"].toTensor());
        const torch::Tensor dy = gradOutputs[0].contiguous(torch::MemoryFormat::ChannelsLast);

        const int64_t channels = x.size(1);
        const int64_t rows = x.numel() / channels;
        const float *px = x.data_ptr<float>();
        const float *pdy = dy.data_ptr<float>();
        const int chunks = chunkCount(rows, channels);

        std::vector<double> partial(static_cast<size_t>(chunks) * 2 * channels, 0.0);
        forChunks(rows, chunks, [&](int64_t k, int64_t first, int64_t count) {
            double *p = partial.data() + k * 2 * channels;
            bnhs::gradientSums(px + first * channels, pdy + first * channels, count, channels,
                               scale.data(), shift.data(), mean.data(), p, p + channels);
        });
        std::vector<double> sumG, sumGXc;
        reduceChunks(partial, chunks, channels, sumG, sumGXc);

        // dx = gamma * invstd * (g - mean(g) - xhat * mean(g * xhat)), xhat = (x - mean) * invstd
        const auto n = static_cast<double>(rows);
        std::vector<float> a(channels), b(channels), d(channels), dGamma(channels), dBeta(channels);
        for (int64_t c = 0; c < channels; ++c) {
            const double is = invstd[c];
            const double gXhat = sumGXc[c] * is; // sum(g * xhat)
            const double ga = gamma[c] * is;
            a[c] = static_cast<float>(ga);
            b[c] = static_cast<float>(-ga * is * gXhat / n);
            d[c] = static_cast<float>(-ga * sumG[c] / n);
            dGamma[c] = static_cast<float>(gXhat);
            dBeta[c] = static_cast<float>(sumG[c]);
        }
        torch::Tensor dx = torch::empty_like(x);
        float *pdx = dx.data_ptr<float>();
        forChunks(rows, chunks, [&](int64_t, int64_t first, int64_t count) {
            bnhs::backward(px + first * channels, pdy + first * channels, pdx + first * channels,
                           count, channels, scale.data(), shift.data(), mean.data(), a.data(),
                           b.data(), d.data());
        });
        return {dx,
                floatTensor(dGamma),
                floatTensor(dBeta),
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor(),
                torch::Tensor()};
    }
};

} // namespace

bool canFuseBnHardswish(const torch::Tensor &x, const torch::nn::BatchNorm2dImpl &bn)
{
    const auto &o = bn.options;
    return fusedBnEnabled() && x.defined() && fusionPays(x) && x.dim() == 4 &&
           x.scalar_type() == torch::kFloat && x.is_contiguous(torch::MemoryFormat::ChannelsLast) &&
           x.size(1) > 0 && x.numel() / x.size(1) > 1 && o.affine() && o.track_running_stats() &&
           o.momentum().has_value() && bn.weight.scalar_type() == torch::kFloat &&
           bn.running_mean.scalar_type() == torch::kFloat;
}

torch::Tensor bnHardswishTrain(const torch::Tensor &x, torch::nn::BatchNorm2dImpl &bn)
{
    {
        torch::NoGradGuard noGrad;
        bn.num_batches_tracked.add_(1);
    }
    return BnHardswishFn::apply(x, bn.weight, bn.bias, bn.running_mean, bn.running_var,
                                *bn.options.momentum(), bn.options.eps());
}

} // namespace pulc::engine
