#include "engine/nets/bnhardswishkernels.h"

#include <algorithm>
#include <vector>

namespace pulc::engine::bnhs {
namespace {

/// Rows summed in float before the block's sums are added to the double totals.
constexpr int64_t kBlockRows = 32;

inline float hardswish(float z)
{
    return z * std::min(std::max(z + 3.0f, 0.0f), 6.0f) / 6.0f;
}

inline float hardswishGrad(float z, float dy)
{
    // PyTorch's hardswish_backward, boundaries included: 0 below -3, dy * (z / 3 + 1/2) up to 3,
    // dy above. Written with 0/1 masks instead of branches so the loops vectorise; the products
    // with 1 and sums with 0 leave PyTorch's values bit for bit.
    const float inside = static_cast<float>(z >= -3.0f);
    const float above = static_cast<float>(z > 3.0f);
    return dy * inside * ((z / 3.0f + 0.5f) * (1.0f - above) + above);
}

} // namespace

void channelSums(const float *__restrict x, int64_t rows, int64_t channels,
                 const float *__restrict origin, double *__restrict sum, double *__restrict sumSq)
{
    std::vector<float> block(2 * static_cast<size_t>(channels));
    float *s = block.data();
    float *q = s + channels;
    for (int64_t start = 0; start < rows; start += kBlockRows) {
        std::fill(block.begin(), block.end(), 0.0f);
        const int64_t end = std::min(rows, start + kBlockRows);
        for (int64_t r = start; r < end; ++r) {
            const float *row = x + r * channels;
            for (int64_t c = 0; c < channels; ++c) {
                const float v = row[c] - origin[c];
                s[c] += v;
                q[c] += v * v;
            }
        }
        for (int64_t c = 0; c < channels; ++c) {
            sum[c] += s[c];
            sumSq[c] += q[c];
        }
    }
}

void forward(const float *__restrict x, float *__restrict y, int64_t rows, int64_t channels,
             const float *__restrict scale, const float *__restrict shift)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float *in = x + r * channels;
        float *out = y + r * channels;
        for (int64_t c = 0; c < channels; ++c)
            out[c] = hardswish(in[c] * scale[c] + shift[c]);
    }
}

void gradientSums(const float *__restrict x, const float *__restrict dy, int64_t rows,
                  int64_t channels, const float *__restrict scale, const float *__restrict shift,
                  const float *__restrict mean, double *__restrict sumG, double *__restrict sumGXc)
{
    std::vector<float> block(2 * static_cast<size_t>(channels));
    float *sg = block.data();
    float *sgx = sg + channels;
    for (int64_t start = 0; start < rows; start += kBlockRows) {
        std::fill(block.begin(), block.end(), 0.0f);
        const int64_t end = std::min(rows, start + kBlockRows);
        for (int64_t r = start; r < end; ++r) {
            const float *in = x + r * channels;
            const float *grad = dy + r * channels;
            for (int64_t c = 0; c < channels; ++c) {
                const float g = hardswishGrad(in[c] * scale[c] + shift[c], grad[c]);
                sg[c] += g;
                sgx[c] += g * (in[c] - mean[c]);
            }
        }
        for (int64_t c = 0; c < channels; ++c) {
            sumG[c] += sg[c];
            sumGXc[c] += sgx[c];
        }
    }
}

void backward(const float *__restrict x, const float *__restrict dy, float *__restrict dx,
              int64_t rows, int64_t channels, const float *__restrict scale,
              const float *__restrict shift, const float *__restrict mean,
              const float *__restrict a, const float *__restrict b, const float *__restrict d)
{
    for (int64_t r = 0; r < rows; ++r) {
        const float *in = x + r * channels;
        const float *grad = dy + r * channels;
        float *out = dx + r * channels;
        for (int64_t c = 0; c < channels; ++c) {
            const float g = hardswishGrad(in[c] * scale[c] + shift[c], grad[c]);
            out[c] = a[c] * g + b[c] * (in[c] - mean[c]) + d[c];
        }
    }
}

} // namespace pulc::engine::bnhs
