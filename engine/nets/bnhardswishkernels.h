#pragma once
// Internal to engine/ (torch-free, compiled at -O3): the loops of the fused training-mode
// BatchNorm + hardswish (nets/bnhardswish.h). Every function works on `rows` rows of `channels`
// floats, the layout of a channels-last [N, C, H, W] tensor (rows = N*H*W), and is called on
// disjoint row ranges from several threads. Per-channel sums go to the caller's double arrays,
// accumulated in float over short blocks of rows, so a sum over millions of values keeps its
// precision.

#include <cstdint>

namespace pulc::engine::bnhs {

/// sum[c] += x - origin[c], sumSq[c] += (x - origin[c])^2 over the rows. An origin near the mean
/// (e.g. one row of x) keeps E[x^2] - E[x]^2 from cancelling when the mean is large.
void channelSums(const float *x, int64_t rows, int64_t channels, const float *origin, double *sum,
                 double *sumSq);

/// y = hardswish(x * scale[c] + shift[c]), hardswish(z) = z * min(max(z + 3, 0), 6) / 6.
void forward(const float *x, float *y, int64_t rows, int64_t channels, const float *scale,
             const float *shift);

/// With g = dy * hardswish'(x * scale[c] + shift[c]) (PyTorch's: 0 below -3, z/3 + 1/2 up to 3,
/// 1 above): sumG[c] += g, sumGXc[c] += g * (x - mean[c]).
void gradientSums(const float *x, const float *dy, int64_t rows, int64_t channels,
                  const float *scale, const float *shift, const float *mean, double *sumG,
                  double *sumGXc);

/// dx = a[c] * g + b[c] * (x - mean[c]) + d[c], g as in gradientSums.
void backward(const float *x, const float *dy, float *dx, int64_t rows, int64_t channels,
              const float *scale, const float *shift, const float *mean, const float *a,
              const float *b, const float *d);

} // namespace pulc::engine::bnhs
