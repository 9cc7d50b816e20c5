#include "engine/data/autoaugment.h"

#include <opencv2/core.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>

namespace pulc::engine {

namespace {

/// timm divides every magnitude by this, whatever the clipping bound.
constexpr double kLevelDenom = 10.0;

using ChannelLuts = std::array<std::array<uchar, 256>, 3>;
using Histograms = std::array<std::array<long long, 256>, 3>;

bool isRgb8(const cv::Mat &m)
{
    return !m.empty() && m.type() == CV_8UC3;
}

cv::Mat applyLuts(const cv::Mat &rgb, const ChannelLuts &luts)
{
    cv::Mat lut(1, 256, CV_8UC3);
    for (int i = 0; i < 256; ++i)
        lut.at<cv::Vec3b>(0, i) = cv::Vec3b(luts[0][i], luts[1][i], luts[2][i]);
    cv::Mat out;
    cv::LUT(rgb, lut, out);
    return out;
}

cv::Mat applyLut(const cv::Mat &rgb, const std::array<uchar, 256> &lut)
{
    return applyLuts(rgb, {lut, lut, lut});
}

Histograms histograms(const cv::Mat &rgb)
{
    Histograms h{};
    for (int r = 0; r < rgb.rows; ++r) {
        const auto *row = rgb.ptr<cv::Vec3b>(r);
        for (int c = 0; c < rgb.cols; ++c)
            for (int ch = 0; ch < 3; ++ch)
                ++h[ch][row[c][ch]];
    }
    return h;
}

/// ImageOps.autocontrast(cutoff=0): per channel, stretch [lo, hi] to [0, 255] with int().
cv::Mat autoContrast(const cv::Mat &rgb)
{
    const Histograms h = histograms(rgb);
    ChannelLuts luts{};
    for (int ch = 0; ch < 3; ++ch) {
        int lo = 0;
        while (lo < 256 && h[ch][lo] == 0)
            ++lo;
        int hi = 255;
        while (hi >= 0 && h[ch][hi] == 0)
            --hi;
        for (int i = 0; i < 256; ++i)
            luts[ch][i] = static_cast<uchar>(i);
        if (hi <= lo)
            continue;
        const double scale = 255.0 / (hi - lo);
        const double offset = -lo * scale;
        for (int i = 0; i < 256; ++i) {
            const int v = static_cast<int>(i * scale + offset);
            luts[ch][i] = static_cast<uchar>(std::clamp(v, 0, 255));
        }
    }
    return applyLuts(rgb, luts);
}

/// ImageOps.equalize: per channel, step = (count - count of the last used level) // 256 and
/// lut[i] = (step//2 + pixels below i) // step; channels with one level (or step 0) unchanged.
cv::Mat equalize(const cv::Mat &rgb)
{
    const Histograms h = histograms(rgb);
    ChannelLuts luts{};
    for (int ch = 0; ch < 3; ++ch) {
        long long total = 0;
        long long last = 0;
        int used = 0;
        for (int i = 0; i < 256; ++i) {
            if (h[ch][i] == 0)
                continue;
            total += h[ch][i];
            last = h[ch][i];
            ++used;
        }
        const long long step = used <= 1 ? 0 : (total - last) / 256;
        long long n = step / 2;
        for (int i = 0; i < 256; ++i) {
            if (step == 0) {
                luts[ch][i] = static_cast<uchar>(i);
                continue;
            }
            // Image.point clips LUT entries to 8 bits; only the top level can reach 256.
            luts[ch][i] = static_cast<uchar>(std::min<long long>(n / step, 255));
            n += h[ch][i];
        }
    }
    return applyLuts(rgb, luts);
}

cv::Mat posterize(const cv::Mat &rgb, int bits)
{
    if (bits >= 8)
        return rgb.clone();
    const int mask = ~((1 << (8 - bits)) - 1) & 0xFF;
    std::array<uchar, 256> lut{};
    for (int i = 0; i < 256; ++i)
        lut[i] = static_cast<uchar>(i & mask);
    return applyLut(rgb, lut);
}

cv::Mat solarize(const cv::Mat &rgb, int threshold)
{
    std::array<uchar, 256> lut{};
    for (int i = 0; i < 256; ++i)
        lut[i] = static_cast<uchar>(i < threshold ? i : 255 - i);
    return applyLut(rgb, lut);
}

cv::Mat solarizeAdd(const cv::Mat &rgb, int add)
{
    std::array<uchar, 256> lut{};
    for (int i = 0; i < 256; ++i)
        lut[i] = static_cast<uchar>(i < 128 ? std::min(255, i + add) : i);
    return applyLut(rgb, lut);
}

/// Image.blend(degenerate, image, factor) as PIL's C code does it: float alpha, clipped,
/// truncated towards zero.
cv::Mat blend(const cv::Mat &degenerate, const cv::Mat &rgb, double factor)
{
    const float alpha = static_cast<float>(factor);
    cv::Mat out(rgb.size(), CV_8UC3);
    for (int r = 0; r < rgb.rows; ++r) {
        const uchar *a = degenerate.ptr<uchar>(r);
        const uchar *b = rgb.ptr<uchar>(r);
        uchar *o = out.ptr<uchar>(r);
        for (int i = 0; i < rgb.cols * 3; ++i) {
            const float t = static_cast<float>(a[i]) + alpha * static_cast<float>(b[i] - a[i]);
            o[i] = t <= 0.0f ? 0 : t >= 255.0f ? 255 : static_cast<uchar>(t);
        }
    }
    return out;
}

/// PIL's RGB -> L conversion (ITU-R 601-2 luma in 16-bit fixed point, rounded).
uchar pilLuma(const cv::Vec3b &p)
{
    return static_cast<uchar>((p[0] * 19595 + p[1] * 38470 + p[2] * 7471 + 0x8000) >> 16);
}

cv::Mat greyDegenerate(const cv::Mat &rgb)
{
    cv::Mat grey(rgb.size(), CV_8UC3);
    for (int r = 0; r < rgb.rows; ++r)
        for (int c = 0; c < rgb.cols; ++c) {
            const uchar l = pilLuma(rgb.at<cv::Vec3b>(r, c));
            grey.at<cv::Vec3b>(r, c) = cv::Vec3b(l, l, l);
        }
    return grey;
}

/// ImageEnhance.Contrast's degenerate: the mean L level, int(mean + 0.5), everywhere.
cv::Mat meanDegenerate(const cv::Mat &rgb)
{
    double sum = 0.0;
    for (int r = 0; r < rgb.rows; ++r)
        for (int c = 0; c < rgb.cols; ++c)
            sum += pilLuma(rgb.at<cv::Vec3b>(r, c));
    const int mean = static_cast<int>(sum / (static_cast<double>(rgb.rows) * rgb.cols) + 0.5);
    return cv::Mat(rgb.size(), CV_8UC3, cv::Scalar(mean, mean, mean));
}

/// ImageFilter.SMOOTH (3x3, centre 5, others 1, divisor 13), rounded; PIL copies the one-pixel
/// border unfiltered and leaves images smaller than the kernel untouched.
cv::Mat smooth(const cv::Mat &rgb)
{
    cv::Mat out = rgb.clone();
    if (rgb.rows < 3 || rgb.cols < 3)
        return out;
    for (int r = 1; r + 1 < rgb.rows; ++r)
        for (int c = 1; c + 1 < rgb.cols; ++c)
            for (int ch = 0; ch < 3; ++ch) {
                int sum = 4 * rgb.at<cv::Vec3b>(r, c)[ch];
                for (int dr = -1; dr <= 1; ++dr)
                    for (int dc = -1; dc <= 1; ++dc)
                        sum += rgb.at<cv::Vec3b>(r + dr, c + dc)[ch];
                // sum/13 is never a half-integer, so float rounding cannot differ from this.
                out.at<cv::Vec3b>(r, c)[ch] = static_cast<uchar>((2 * sum + 13) / 26);
            }
    return out;
}

/// PIL's transform cubic (a = -1) through v0..v3 at fraction d between v1 and v2.
double pilCubic(double v0, double v1, double v2, double v3, double d)
{
    const double p1 = v1;
    const double p2 = -v0 + v2;
    const double p3 = 2 * (v0 - v1) + v2 - v3;
    const double p4 = -v0 + v1 - v2 + v3;
    return p1 + d * (p2 + d * (p3 + d * p4));
}

/// Python's round(x, 15), which PIL applies to the rotation matrix so cos(90°) becomes 0.
double round15(double x)
{
    return std::nearbyint(x * 1e15) / 1e15;
}

bool isSigned(AutoAugmentOp op)
{
    switch (op) {
    case AutoAugmentOp::Rotate:
    case AutoAugmentOp::ColorIncreasing:
    case AutoAugmentOp::ContrastIncreasing:
    case AutoAugmentOp::BrightnessIncreasing:
    case AutoAugmentOp::SharpnessIncreasing:
    case AutoAugmentOp::ShearX:
    case AutoAugmentOp::ShearY:
    case AutoAugmentOp::TranslateXRel:
    case AutoAugmentOp::TranslateYRel:
        return true;
    default:
        return false;
    }
}

double clipMagnitude(double magnitude, const AutoAugmentParams &params)
{
    return std::min(params.magnitudeMax, std::max(0.0, magnitude));
}

} // namespace

std::string_view autoAugmentOpName(AutoAugmentOp op)
{
    switch (op) {
    case AutoAugmentOp::AutoContrast:
        return "AutoContrast";
    case AutoAugmentOp::Equalize:
        return "Equalize";
    case AutoAugmentOp::Invert:
        return "Invert";
    case AutoAugmentOp::Rotate:
        return "Rotate";
    case AutoAugmentOp::PosterizeIncreasing:
        return "PosterizeIncreasing";
    case AutoAugmentOp::SolarizeIncreasing:
        return "SolarizeIncreasing";
    case AutoAugmentOp::SolarizeAdd:
        return "SolarizeAdd";
    case AutoAugmentOp::ColorIncreasing:
        return "ColorIncreasing";
    case AutoAugmentOp::ContrastIncreasing:
        return "ContrastIncreasing";
    case AutoAugmentOp::BrightnessIncreasing:
        return "BrightnessIncreasing";
    case AutoAugmentOp::SharpnessIncreasing:
        return "SharpnessIncreasing";
    case AutoAugmentOp::ShearX:
        return "ShearX";
    case AutoAugmentOp::ShearY:
        return "ShearY";
    case AutoAugmentOp::TranslateXRel:
        return "TranslateXRel";
    case AutoAugmentOp::TranslateYRel:
        return "TranslateYRel";
    }
    return "Unknown";
}

double autoAugmentLevel(AutoAugmentOp op, double magnitude, bool negate,
                        const AutoAugmentParams &params)
{
    const double m = clipMagnitude(magnitude, params);
    const double sign = negate ? -1.0 : 1.0;
    switch (op) {
    case AutoAugmentOp::Rotate:
        return sign * (m / kLevelDenom) * 30.0;
    case AutoAugmentOp::PosterizeIncreasing:
        return 4 - static_cast<int>((m / kLevelDenom) * 4);
    case AutoAugmentOp::SolarizeIncreasing:
        return 256 - static_cast<int>((m / kLevelDenom) * 256);
    case AutoAugmentOp::SolarizeAdd:
        return static_cast<int>((m / kLevelDenom) * 110);
    case AutoAugmentOp::ColorIncreasing:
    case AutoAugmentOp::ContrastIncreasing:
    case AutoAugmentOp::BrightnessIncreasing:
    case AutoAugmentOp::SharpnessIncreasing:
        return 1.0 + sign * ((m / kLevelDenom) * 0.9);
    case AutoAugmentOp::ShearX:
    case AutoAugmentOp::ShearY:
        return sign * (m / kLevelDenom) * 0.3;
    case AutoAugmentOp::TranslateXRel:
    case AutoAugmentOp::TranslateYRel:
        return sign * (m / kLevelDenom) * 0.45;
    default:
        return 0.0;
    }
}

cv::Mat pilAffineTransform(const cv::Mat &rgb, const std::array<double, 6> &a, cv::Vec3b fill)
{
    if (!isRgb8(rgb))
        return rgb.clone();
    const int w = rgb.cols;
    const int h = rgb.rows;
    cv::Mat out(rgb.size(), CV_8UC3);
    auto clampX = [w](int x) { return std::clamp(x, 0, w - 1); };
    auto clampY = [h](int y) { return std::clamp(y, 0, h - 1); };
    for (int y = 0; y < h; ++y) {
        auto *dst = out.ptr<cv::Vec3b>(y);
        for (int x = 0; x < w; ++x) {
            double xin = a[0] * (x + 0.5) + a[1] * (y + 0.5) + a[2];
            double yin = a[3] * (x + 0.5) + a[4] * (y + 0.5) + a[5];
            if (xin < 0.0 || xin >= w || yin < 0.0 || yin >= h) {
                dst[x] = fill;
                continue;
            }
            xin -= 0.5;
            yin -= 0.5;
            const int x0 = static_cast<int>(std::floor(xin));
            const int y0 = static_cast<int>(std::floor(yin));
            const double dx = xin - x0;
            const double dy = yin - y0;
            const int cols[4] = {clampX(x0 - 1), clampX(x0), clampX(x0 + 1), clampX(x0 + 2)};
            for (int ch = 0; ch < 3; ++ch) {
                double v[4];
                for (int k = 0; k < 4; ++k) {
                    const auto *row = rgb.ptr<cv::Vec3b>(clampY(y0 - 1 + k));
                    v[k] = pilCubic(row[cols[0]][ch], row[cols[1]][ch], row[cols[2]][ch],
                                    row[cols[3]][ch], dx);
                }
                const double s = pilCubic(v[0], v[1], v[2], v[3], dy);
                dst[x][ch] = s <= 0.0 ? 0 : s >= 255.0 ? 255 : static_cast<uchar>(s);
            }
        }
    }
    return out;
}

cv::Mat pilRotate(const cv::Mat &rgb, double degrees, cv::Vec3b fill)
{
    if (!isRgb8(rgb))
        return rgb.clone();
    double angle = std::fmod(degrees, 360.0);
    if (angle < 0.0)
        angle += 360.0;
    cv::Mat out;
    if (angle == 0.0)
        return rgb.clone();
    if (angle == 180.0) {
        cv::rotate(rgb, out, cv::ROTATE_180);
        return out;
    }
    if ((angle == 90.0 || angle == 270.0) && rgb.cols == rgb.rows) {
        cv::rotate(rgb, out,
                   angle == 90.0 ? cv::ROTATE_90_COUNTERCLOCKWISE : cv::ROTATE_90_CLOCKWISE);
        return out;
    }
    const double rad = -angle * std::numbers::pi / 180.0;
    std::array<double, 6> m{round15(std::cos(rad)),  round15(std::sin(rad)), 0.0,
                            round15(-std::sin(rad)), round15(std::cos(rad)), 0.0};
    const double cx = rgb.cols / 2.0;
    const double cy = rgb.rows / 2.0;
    m[2] = m[0] * -cx + m[1] * -cy + cx;
    m[5] = m[3] * -cx + m[4] * -cy + cy;
    return pilAffineTransform(rgb, m, fill);
}

cv::Mat applyAutoAugmentOp(const cv::Mat &rgb, AutoAugmentOp op, double magnitude, bool negate,
                           const AutoAugmentParams &params)
{
    if (!isRgb8(rgb))
        return rgb.clone();
    const double level = autoAugmentLevel(op, magnitude, negate, params);
    switch (op) {
    case AutoAugmentOp::AutoContrast:
        return autoContrast(rgb);
    case AutoAugmentOp::Equalize:
        return equalize(rgb);
    case AutoAugmentOp::Invert: {
        std::array<uchar, 256> lut{};
        for (int i = 0; i < 256; ++i)
            lut[i] = static_cast<uchar>(255 - i);
        return applyLut(rgb, lut);
    }
    case AutoAugmentOp::Rotate:
        return pilRotate(rgb, level, params.fill);
    case AutoAugmentOp::PosterizeIncreasing:
        return posterize(rgb, static_cast<int>(level));
    case AutoAugmentOp::SolarizeIncreasing:
        return solarize(rgb, static_cast<int>(level));
    case AutoAugmentOp::SolarizeAdd:
        return solarizeAdd(rgb, static_cast<int>(level));
    case AutoAugmentOp::ColorIncreasing:
        return blend(greyDegenerate(rgb), rgb, level);
    case AutoAugmentOp::ContrastIncreasing:
        return blend(meanDegenerate(rgb), rgb, level);
    case AutoAugmentOp::BrightnessIncreasing:
        return blend(cv::Mat::zeros(rgb.size(), CV_8UC3), rgb, level);
    case AutoAugmentOp::SharpnessIncreasing:
        return blend(smooth(rgb), rgb, level);
    case AutoAugmentOp::ShearX:
        return pilAffineTransform(rgb, {1, level, 0, 0, 1, 0}, params.fill);
    case AutoAugmentOp::ShearY:
        return pilAffineTransform(rgb, {1, 0, 0, level, 1, 0}, params.fill);
    case AutoAugmentOp::TranslateXRel:
        return pilAffineTransform(rgb, {1, 0, level * rgb.cols, 0, 1, 0}, params.fill);
    case AutoAugmentOp::TranslateYRel:
        return pilAffineTransform(rgb, {1, 0, 0, 0, 1, level * rgb.rows}, params.fill);
    }
    return rgb.clone();
}

cv::Mat timmAutoAugment(const cv::Mat &rgb, const AutoAugmentParams &params, AugmentRng &rng,
                        std::vector<AutoAugmentStep> *steps)
{
    if (steps)
        steps->clear();
    cv::Mat out = rgb.clone();
    // PaddleClas: `if random.random() < self.prob`, so prob 0 never runs and prob 1 always does.
    if (!(rng.uniform(0.0, 1.0) < params.prob))
        return out;
    // timm draws all ops first (np.random.choice with replacement), then applies them in turn.
    std::vector<AutoAugmentOp> ops;
    for (int i = 0; i < params.numOps; ++i)
        ops.push_back(static_cast<AutoAugmentOp>(rng.randint(0, kAutoAugmentOpCount - 1)));
    for (AutoAugmentOp op : ops) {
        AutoAugmentStep step;
        step.op = op;
        if (params.opProb < 1.0 && rng.uniform(0.0, 1.0) > params.opProb) {
            if (steps)
                steps->push_back(step);
            continue;
        }
        double magnitude = params.magnitude;
        if (params.magnitudeStd > 0.0)
            magnitude += params.magnitudeStd * rng.normal();
        step.applied = true;
        step.magnitude = clipMagnitude(magnitude, params);
        // _randomly_negate: `-v if random.random() > 0.5`, drawn only by the signed mappings.
        step.negate = isSigned(op) && rng.uniform(0.0, 1.0) > 0.5;
        out = applyAutoAugmentOp(out, op, step.magnitude, step.negate, params);
        if (steps)
            steps->push_back(step);
    }
    return out;
}

} // namespace pulc::engine
