#pragma once
// TimmAutoAugment('rand-m9-mstd0.5-inc1'), timm's RandAugment as PaddleClas runs it
// (docs/paddleclas-compat.md, 'Augmentation operators'), on 8-bit RGB cv::Mat with PIL's pixel
// semantics: ImageOps LUTs, ImageEnhance blends (float alpha, truncation), the SMOOTH filter, and
// Image.transform's inverse affine mapping with bicubic (a = -1) sampling and a fill colour.

#include "engine/augment.h"

#include <opencv2/core.hpp>

#include <array>
#include <string_view>
#include <vector>

namespace pulc::engine {

/// The 15 "increasing" RandAugment ops, in timm's _RAND_INCREASING_TRANSFORMS order.
enum class AutoAugmentOp {
    AutoContrast,
    Equalize,
    Invert,
    Rotate,
    PosterizeIncreasing,
    SolarizeIncreasing,
    SolarizeAdd,
    ColorIncreasing,
    ContrastIncreasing,
    BrightnessIncreasing,
    SharpnessIncreasing,
    ShearX,
    ShearY,
    TranslateXRel,
    TranslateYRel,
};

/// Number of AutoAugmentOp values; ops are drawn uniformly from [0, kAutoAugmentOpCount).
inline constexpr int kAutoAugmentOpCount = 15;

/// timm's op name ("PosterizeIncreasing", ...) for logs and the GUI.
std::string_view autoAugmentOpName(AutoAugmentOp op);

/// TimmAutoAugment parameters; the defaults are 'rand-m9-mstd0.5-inc1' with the ImageNet-mean
/// fill. Resampling is always PIL bicubic, the config's interpolation.
struct AutoAugmentParams
{
    double prob = 1.0;         ///< Probability that RandAugment runs at all (PaddleClas `prob`).
    double magnitude = 9.0;    ///< m
    double magnitudeStd = 0.5; ///< mstd: per-op magnitude ~ N(m, mstd)
    /// Magnitudes are clipped to [0, magnitudeMax]; the level mappings still divide by 10
    /// (timm's _LEVEL_DENOM), as timm's magnitude_max does.
    double magnitudeMax = 10.0;
    int numOps = 2;                ///< Ops drawn per image, with replacement.
    double opProb = 0.5;           ///< Each drawn op fires with this probability.
    cv::Vec3b fill{124, 116, 104}; ///< RGB colour of pixels the geometric ops uncover.

    /// The defaults above, as the config 'rand-m9-mstd0.5-inc1' gives them.
    static AutoAugmentParams defaultParams() { return {}; }
};

/// The argument an op receives for a magnitude (clipped to [0, magnitudeMax]) and sign, per
/// timm's level mappings: degrees (Rotate), shear factor, fraction of the side (Translate*Rel),
/// enhance factor 1 ± 0.9·m/10, bits kept (Posterize), threshold (Solarize), added value
/// (SolarizeAdd); 0 for the ops without an argument. `negate` only matters for the signed ops.
double autoAugmentLevel(AutoAugmentOp op, double magnitude, bool negate,
                        const AutoAugmentParams &params = {});

/// Applies one op unconditionally with an explicit magnitude and sign; used by
/// timmAutoAugment and by tests. Takes CV_8UC3 RGB; any other input is returned as a copy.
/// The result never shares data with the input.
cv::Mat applyAutoAugmentOp(const cv::Mat &rgb, AutoAugmentOp op, double magnitude, bool negate,
                           const AutoAugmentParams &params = {});

/// One op that timmAutoAugment drew: whether it fired and, if so, with what magnitude and sign.
struct AutoAugmentStep
{
    AutoAugmentOp op = AutoAugmentOp::AutoContrast; ///< The op drawn.
    bool applied = false;                           ///< False when its opProb draw skipped it.
    double magnitude = 0.0;                         ///< After clipping; 0 if not applied.
    bool negate = false; ///< The sign draw of the signed ops; always false for the others.
};

/// TimmAutoAugment: with probability params.prob, numOps ops drawn with replacement, each firing
/// with probability opProb at magnitude N(m, mstd) clipped to [0, magnitudeMax] and a random
/// sign. `steps`, when given, receives the ops drawn (empty when the whole block was skipped).
/// All randomness comes from `rng`, so a seed repeats the output.
cv::Mat timmAutoAugment(const cv::Mat &rgb, const AutoAugmentParams &params, AugmentRng &rng,
                        std::vector<AutoAugmentStep> *steps = nullptr);

/// PIL Image.transform(size, AFFINE, coeffs, BICUBIC, fillcolor): output pixel (x, y) samples
/// the input at (a·(x+½) + b·(y+½) + c, d·(x+½) + e·(y+½) + f) in PIL's pixel-area coordinates;
/// samples outside the image take `fill`. Exposed for tests and other PIL-compatible ops.
cv::Mat pilAffineTransform(const cv::Mat &rgb, const std::array<double, 6> &coeffs, cv::Vec3b fill);

/// PIL Image.rotate(degrees, BICUBIC, fillcolor): counter-clockwise about the image centre,
/// same size, with PIL's shortcuts for 0, 180 and (square images) 90/270 degrees.
cv::Mat pilRotate(const cv::Mat &rgb, double degrees, cv::Vec3b fill);

} // namespace pulc::engine
