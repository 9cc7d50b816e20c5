#include "engine/data/batchmix.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>
#include <random>

namespace pulc::engine {

namespace {

constexpr int kChannels = 3;

/// np.random.permutation(n) as a Fisher-Yates shuffle on the project's RNG.
std::vector<int> randomPermutation(int n, AugmentRng &rng)
{
    std::vector<int> perm(static_cast<std::size_t>(n));
    std::iota(perm.begin(), perm.end(), 0);
    for (int i = n - 1; i > 0; --i)
        std::swap(perm[i], perm[rng.randint(0, i)]);
    return perm;
}

/// Row i of the targets becomes a*row[i] + b*row[perm[i]] of the targets as they were.
void mixTargets(std::vector<float> &targets, int classes, const std::vector<int> &perm,
                double lambda)
{
    const std::vector<float> original = targets;
    // numpy keeps the float32 dtype of the one-hot rows, so the weights act as float32.
    const float a = static_cast<float>(lambda);
    const float b = static_cast<float>(1.0 - lambda);
    for (std::size_t i = 0; i < perm.size(); ++i)
        for (int c = 0; c < classes; ++c) {
            const std::size_t k = i * classes + c;
            targets[k] = a * original[k] + b * original[perm[i] * std::size_t(classes) + c];
        }
}

void mixup(float *data, std::size_t sampleSize, const std::vector<int> &perm, double lambda)
{
    const std::vector<float> original(data, data + sampleSize * perm.size());
    const float a = static_cast<float>(lambda);
    const float b = static_cast<float>(1.0 - lambda);
    for (std::size_t i = 0; i < perm.size(); ++i) {
        float *dst = data + i * sampleSize;
        const float *own = original.data() + i * sampleSize;
        const float *other = original.data() + perm[i] * sampleSize;
        for (std::size_t k = 0; k < sampleSize; ++k)
            dst[k] = a * own[k] + b * other[k];
    }
}

/// PaddleClas's rand_bbox: cut sides int(side*sqrt(1-lam)), centre uniform over the pixels,
/// corners centre -/+ cut//2 clipped to the image.
cv::Rect randomBox(int height, int width, double lambda, AugmentRng &rng)
{
    const double cutRatio = std::sqrt(1.0 - lambda);
    const int cutH = static_cast<int>(height * cutRatio);
    const int cutW = static_cast<int>(width * cutRatio);
    const int cy = rng.randint(0, height - 1);
    const int cx = rng.randint(0, width - 1);
    const int y1 = std::clamp(cy - cutH / 2, 0, height);
    const int y2 = std::clamp(cy + cutH / 2, 0, height);
    const int x1 = std::clamp(cx - cutW / 2, 0, width);
    const int x2 = std::clamp(cx + cutW / 2, 0, width);
    return cv::Rect(x1, y1, x2 - x1, y2 - y1);
}

void pasteBox(float *data, int height, int width, const std::vector<int> &perm, const cv::Rect &box)
{
    // NHWC: a box row is box.width pixels of kChannels floats, contiguous.
    const std::size_t rowFloats = std::size_t(width) * kChannels;
    const std::size_t sampleSize = rowFloats * height;
    // numpy evaluates imgs[idx, ...] into a copy first, so every paste reads the entry batch.
    const std::vector<float> original(data, data + sampleSize * perm.size());
    const std::size_t first = std::size_t(box.x) * kChannels;
    const std::size_t count = std::size_t(box.width) * kChannels;
    for (std::size_t i = 0; i < perm.size(); ++i)
        for (int y = box.y; y < box.y + box.height; ++y) {
            const std::size_t row = std::size_t(y) * rowFloats + first;
            const float *src = original.data() + perm[i] * sampleSize + row;
            std::copy(src, src + count, data + i * sampleSize + row);
        }
}

std::string validate(const float *data, int n, int height, int width,
                     const std::vector<float> &targets, int classes, const BatchMixParams &p)
{
    if (p.mixupProb < 0.0 || p.cutmixProb < 0.0)
        return "batch mix: probabilities must not be negative";
    if (p.mixupProb + p.cutmixProb > 1.0 + 1e-12)
        return "batch mix: mixup and cutmix probabilities sum to more than 1";
    if ((p.mixupProb > 0.0 && !(p.mixupAlpha > 0.0)) ||
        (p.cutmixProb > 0.0 && !(p.cutmixAlpha > 0.0)))
        return "batch mix: alpha must be greater than 0";
    if (n <= 0 || height <= 0 || width <= 0 || classes <= 0 || data == nullptr)
        return "batch mix: empty batch or non-positive size";
    if (targets.size() != std::size_t(n) * std::size_t(classes))
        return "batch mix: expected " + std::to_string(std::size_t(n) * classes) +
               " target values (batch x classes), got " + std::to_string(targets.size());
    return {};
}

} // namespace

const char *batchMixOpName(BatchMixOp op)
{
    switch (op) {
    case BatchMixOp::Mixup:
        return "mixup";
    case BatchMixOp::CutMix:
        return "cutmix";
    case BatchMixOp::None:
        break;
    }
    return "none";
}

double sampleBeta(double alpha, double beta, AugmentRng &rng)
{
    const double x = std::gamma_distribution<double>(alpha, 1.0)(rng.engine());
    const double y = std::gamma_distribution<double>(beta, 1.0)(rng.engine());
    // Both can underflow to 0 for tiny shapes; the distribution is then symmetric about 1/2.
    return x + y > 0.0 ? x / (x + y) : 0.5;
}

BatchMixInfo mixBatch(float *nhwc, int n, int height, int width, std::vector<float> &targets,
                      int classes, const BatchMixParams &params, AugmentRng &rng)
{
    BatchMixInfo info;
    info.error = validate(nhwc, n, height, width, targets, classes, params);
    if (!info.ok())
        return info;
    // random.choices over [mixup, cutmix, none] with the probabilities as weights.
    const double u = rng.uniform(0.0, 1.0);
    if (u < params.mixupProb)
        info.op = BatchMixOp::Mixup;
    else if (u < params.mixupProb + params.cutmixProb)
        info.op = BatchMixOp::CutMix;
    else
        return info;

    const std::size_t sampleSize = std::size_t(kChannels) * height * width;
    info.permutation = randomPermutation(n, rng);
    if (info.op == BatchMixOp::Mixup) {
        info.lambda = sampleBeta(params.mixupAlpha, params.mixupAlpha, rng);
        mixup(nhwc, sampleSize, info.permutation, info.lambda);
    } else {
        const double drawn = sampleBeta(params.cutmixAlpha, params.cutmixAlpha, rng);
        info.box = randomBox(height, width, drawn, rng);
        pasteBox(nhwc, height, width, info.permutation, info.box);
        info.lambda = 1.0 - static_cast<double>(info.box.area()) / (double(height) * width);
    }
    mixTargets(targets, classes, info.permutation, info.lambda);
    return info;
}

} // namespace pulc::engine
