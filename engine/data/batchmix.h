#pragma once
// Batch-level Mixup and CutMix as PaddleClas's OpSampler applies them (docs/paddleclas-compat.md,
// 'Augmentation operators'): per batch at most one of them, on the loader's normalised NHWC float
// batch and its soft targets.

#include "engine/augment.h"

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace pulc::engine {

/// OpSampler parameters. The probabilities must sum to at most 1; the rest of the time the
/// batch is left alone. Alphas must be positive when their op can be picked.
struct BatchMixParams
{
    double mixupProb = 0.0;   ///< Probability of Mixup per batch.
    double mixupAlpha = 0.8;  ///< Mixup's lambda ~ Beta(alpha, alpha).
    double cutmixProb = 0.0;  ///< Probability of CutMix per batch.
    double cutmixAlpha = 1.0; ///< CutMix's lambda ~ Beta(alpha, alpha) before the area correction.

    /// The SwinTransformer recipe's sampler: Mixup(0.8) or CutMix(1.0), each with p = 0.5.
    static BatchMixParams defaultParams() { return {0.5, 0.8, 0.5, 1.0}; }
};

/// The op OpSampler picked for a batch.
enum class BatchMixOp { None, Mixup, CutMix };

/// What mixBatch did, so that logs and tests can check it.
struct BatchMixInfo
{
    BatchMixOp op = BatchMixOp::None;
    /// Weight of each sample's own image and target; for CutMix the area-corrected value.
    /// 1 when nothing was mixed.
    double lambda = 1.0;
    /// Sample i was mixed with the original sample permutation[i]; empty when nothing was mixed.
    std::vector<int> permutation;
    /// CutMix only: the pasted rectangle (x = column, y = row), possibly empty.
    cv::Rect box;
    /// Non-empty when the arguments were rejected; the batch is then untouched.
    std::string error;

    /// True when the arguments were accepted (the batch may still be unchanged: op None).
    bool ok() const { return error.empty(); }
};

/// Name of a BatchMixOp for logs ("none", "mixup", "cutmix").
const char *batchMixOpName(BatchMixOp op);

/// Beta(alpha, beta) drawn as X / (X + Y) with X ~ Gamma(alpha), Y ~ Gamma(beta).
double sampleBeta(double alpha, double beta, AugmentRng &rng);

/// OpSampler over {Mixup, CutMix, nothing}, in place on `nhwc` (n x height x width x 3 floats)
/// and `targets` (n x classes, row-major soft targets, e.g. one-hot).
/// Mixup: lam ~ Beta(a, a), x = lam*x + (1-lam)*x[perm], same for the targets.
/// CutMix: lam ~ Beta(a, a), a box with sides int(side*sqrt(1-lam)) centred uniformly and
/// clipped (PaddleClas's rand_bbox), pasted from x[perm]; the targets are mixed with
/// lam = 1 - box area / (height*width). Both mix against the batch as it was on entry.
BatchMixInfo mixBatch(float *nhwc, int n, int height, int width, std::vector<float> &targets,
                      int classes, const BatchMixParams &params, AugmentRng &rng);

} // namespace pulc::engine
