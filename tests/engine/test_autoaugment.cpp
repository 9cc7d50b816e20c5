// TimmAutoAugment's 15 ops and BlurImage against hand-computed PIL/OpenCV results on tiny images
// (docs/paddleclas-compat.md, 'Augmentation operators').
#include "engine/data/autoaugment.h"
#include "engine/data/blurimage.h"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <set>
#include <vector>

namespace {

using namespace pulc::engine;
using Op = AutoAugmentOp;

/// A rows x cols image of one colour.
cv::Mat uniform(int rows, int cols, cv::Vec3b colour)
{
    return cv::Mat(rows, cols, CV_8UC3, cv::Scalar(colour[0], colour[1], colour[2]));
}

/// A 1 x n image with the given pixels.
cv::Mat rowOf(std::initializer_list<cv::Vec3b> pixels)
{
    cv::Mat m(1, static_cast<int>(pixels.size()), CV_8UC3);
    int c = 0;
    for (const auto &p : pixels)
        m.at<cv::Vec3b>(0, c++) = p;
    return m;
}

/// Pixel (r, c) = (10r + c, 100 + c, 7): distinct in every row and column.
cv::Mat gridImage(int rows, int cols)
{
    cv::Mat m(rows, cols, CV_8UC3);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m.at<cv::Vec3b>(r, c) = cv::Vec3b(10 * r + c, 100 + c, 7);
    return m;
}

bool sameImage(const cv::Mat &a, const cv::Mat &b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

cv::Vec3b px(const cv::Mat &m, int r, int c)
{
    return m.at<cv::Vec3b>(r, c);
}

const cv::Vec3b kFill{124, 116, 104};

TEST(AutoAugmentOps, InvertFlipsEveryChannel)
{
    const cv::Mat out =
        applyAutoAugmentOp(rowOf({{10, 200, 255}, {0, 128, 1}}), Op::Invert, 9, false);
    EXPECT_EQ(px(out, 0, 0), cv::Vec3b(245, 55, 0));
    EXPECT_EQ(px(out, 0, 1), cv::Vec3b(255, 127, 254));
}

TEST(AutoAugmentOps, PosterizeKeepsFourMinusIntOfFourTenthsBits)
{
    const cv::Mat in = rowOf({{183, 200, 63}});
    EXPECT_EQ(autoAugmentLevel(Op::PosterizeIncreasing, 5, false), 2);
    EXPECT_EQ(autoAugmentLevel(Op::PosterizeIncreasing, 9, false), 1); // 4 - int(3.6)
    // 2 bits: mask 0xC0.
    EXPECT_EQ(px(applyAutoAugmentOp(in, Op::PosterizeIncreasing, 5, false), 0, 0),
              cv::Vec3b(128, 192, 0));
    // magnitude 0 keeps 4 bits: mask 0xF0.
    EXPECT_EQ(px(applyAutoAugmentOp(in, Op::PosterizeIncreasing, 0, false), 0, 0),
              cv::Vec3b(176, 192, 48));
    // magnitude 10 keeps none.
    EXPECT_EQ(px(applyAutoAugmentOp(in, Op::PosterizeIncreasing, 10, false), 0, 0),
              cv::Vec3b(0, 0, 0));
}

TEST(AutoAugmentOps, SolarizeInvertsFromTheThresholdUp)
{
    EXPECT_EQ(autoAugmentLevel(Op::SolarizeIncreasing, 5, false), 128);
    EXPECT_EQ(autoAugmentLevel(Op::SolarizeIncreasing, 9, false), 26); // 256 - int(230.4)
    const cv::Mat in = rowOf({{127, 128, 200}, {25, 26, 0}});
    const cv::Mat half = applyAutoAugmentOp(in, Op::SolarizeIncreasing, 5, false);
    EXPECT_EQ(px(half, 0, 0), cv::Vec3b(127, 127, 55));
    EXPECT_EQ(px(half, 0, 1), cv::Vec3b(25, 26, 0));
    const cv::Mat nine = applyAutoAugmentOp(in, Op::SolarizeIncreasing, 9, false);
    EXPECT_EQ(px(nine, 0, 1), cv::Vec3b(25, 229, 0));
    EXPECT_TRUE(sameImage(applyAutoAugmentOp(in, Op::SolarizeIncreasing, 0, false), in));
}

TEST(AutoAugmentOps, SolarizeAddRaisesOnlyValuesBelow128)
{
    EXPECT_EQ(autoAugmentLevel(Op::SolarizeAdd, 9, false), 99);
    const cv::Mat out =
        applyAutoAugmentOp(rowOf({{20, 127, 128}, {200, 0, 100}}), Op::SolarizeAdd, 10, false);
    EXPECT_EQ(px(out, 0, 0), cv::Vec3b(130, 237, 128));
    EXPECT_EQ(px(out, 0, 1), cv::Vec3b(200, 110, 210));
}

TEST(AutoAugmentOps, BrightnessScalesTowardsBlackAndTruncates)
{
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::BrightnessIncreasing, 5, false), 1.45);
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::BrightnessIncreasing, 5, true), 0.55);
    const cv::Mat in = rowOf({{7, 33, 200}});
    // 10.15, 47.85, 290 -> clipped.
    EXPECT_EQ(px(applyAutoAugmentOp(in, Op::BrightnessIncreasing, 5, false), 0, 0),
              cv::Vec3b(10, 47, 255));
    // 3.85, 18.15, 110.
    EXPECT_EQ(px(applyAutoAugmentOp(in, Op::BrightnessIncreasing, 5, true), 0, 0),
              cv::Vec3b(3, 18, 110));
}

TEST(AutoAugmentOps, ContrastBlendsWithTheRoundedMeanGrey)
{
    // L levels 50 and 150: mean 100. Factor 1.45: 27.5 -> 27, 172.5 -> 172.
    const cv::Mat out = applyAutoAugmentOp(rowOf({{50, 50, 50}, {150, 150, 150}}),
                                           Op::ContrastIncreasing, 5, false);
    EXPECT_EQ(px(out, 0, 0), cv::Vec3b(27, 27, 27));
    EXPECT_EQ(px(out, 0, 1), cv::Vec3b(172, 172, 172));
    // L levels 50 and 151: mean 100.5 rounds up to 101. Factor 0.55: 72.95, 128.5.
    const cv::Mat low =
        applyAutoAugmentOp(rowOf({{50, 50, 50}, {151, 151, 151}}), Op::ContrastIncreasing, 5, true);
    EXPECT_EQ(px(low, 0, 0), cv::Vec3b(72, 72, 72));
    EXPECT_EQ(px(low, 0, 1), cv::Vec3b(128, 128, 128));
}

TEST(AutoAugmentOps, ColorBlendsWithTheLumaImage)
{
    // (200, 100, 0) has PIL luma (200*19595 + 100*38470 + 32768) >> 16 = 118.
    const cv::Mat in = rowOf({{200, 100, 0}, {90, 90, 90}});
    const cv::Mat vivid = applyAutoAugmentOp(in, Op::ColorIncreasing, 10, false); // factor 1.9
    EXPECT_EQ(px(vivid, 0, 0), cv::Vec3b(255, 83, 0)); // 273.8, 83.8, -106.2
    EXPECT_EQ(px(vivid, 0, 1), cv::Vec3b(90, 90, 90)); // grey stays grey
    const cv::Mat dull = applyAutoAugmentOp(in, Op::ColorIncreasing, 10, true); // factor 0.1
    EXPECT_EQ(px(dull, 0, 0), cv::Vec3b(126, 116, 106)); // 126.2, 116.2, 106.2
    EXPECT_EQ(px(dull, 0, 1), cv::Vec3b(90, 90, 90));
}

TEST(AutoAugmentOps, SharpnessBlendsWithSmoothInsideAndKeepsTheBorder)
{
    cv::Mat in = uniform(3, 3, {0, 0, 0});
    in.at<cv::Vec3b>(1, 1) = cv::Vec3b(130, 130, 130);
    // SMOOTH at the centre: 5*130/13 = 50. Factor 1.45: 50 + 1.45*80 = 166; 0.55: 94.
    const cv::Mat sharp = applyAutoAugmentOp(in, Op::SharpnessIncreasing, 5, false);
    const cv::Mat soft = applyAutoAugmentOp(in, Op::SharpnessIncreasing, 5, true);
    EXPECT_EQ(px(sharp, 1, 1), cv::Vec3b(166, 166, 166));
    EXPECT_EQ(px(soft, 1, 1), cv::Vec3b(94, 94, 94));
    // The border is copied into the smoothed image, so blending leaves it alone.
    EXPECT_EQ(px(sharp, 0, 0), cv::Vec3b(0, 0, 0));
    EXPECT_EQ(px(soft, 2, 1), cv::Vec3b(0, 0, 0));
}

TEST(AutoAugmentOps, AutoContrastStretchesEachChannelOnItsOwn)
{
    // R spans 64..192 (scale 255/128, offset -127.5); G is constant; B already spans 0..255.
    const cv::Mat in = rowOf({{64, 77, 0}, {128, 77, 255}, {192, 77, 30}, {100, 77, 9}});
    const cv::Mat out = applyAutoAugmentOp(in, Op::AutoContrast, 9, false);
    EXPECT_EQ(px(out, 0, 0), cv::Vec3b(0, 77, 0));
    EXPECT_EQ(px(out, 0, 1), cv::Vec3b(127, 77, 255));
    EXPECT_EQ(px(out, 0, 2), cv::Vec3b(255, 77, 30));
    EXPECT_EQ(px(out, 0, 3), cv::Vec3b(71, 77, 9)); // int(199.21875 - 127.5)
}

TEST(AutoAugmentOps, EqualizeFollowsPilStepRule)
{
    // 32x32: R is 10 (256 px), 20 (256 px), 30 (512 px): step (1024-512)//256 = 2, so
    // 10 -> 1//2 = 0, 20 -> 257//2 = 128, 30 -> 513//2 = 256, clipped to 255.
    // G is constant (unchanged). B is 5 except one 6: step 1023//256 = 3, 5 -> 0, 6 -> 255.
    cv::Mat in = uniform(32, 32, {30, 77, 5});
    for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 32; ++c)
            in.at<cv::Vec3b>(r, c)[0] = r < 8 ? 10 : 20;
    in.at<cv::Vec3b>(31, 31)[2] = 6;
    const cv::Mat out = applyAutoAugmentOp(in, Op::Equalize, 9, false);
    EXPECT_EQ(px(out, 0, 0), cv::Vec3b(0, 77, 0));
    EXPECT_EQ(px(out, 8, 3), cv::Vec3b(128, 77, 0));
    EXPECT_EQ(px(out, 20, 5), cv::Vec3b(255, 77, 0));
    EXPECT_EQ(px(out, 31, 31), cv::Vec3b(255, 77, 255));
    // Under 257 pixels the step is 0 and PIL leaves the image alone.
    const cv::Mat small = gridImage(4, 5);
    EXPECT_TRUE(sameImage(applyAutoAugmentOp(small, Op::Equalize, 9, false), small));
}

TEST(AutoAugmentOps, RotateNinetyOnAWideImageUsesTheCentreAndFill)
{
    // 5 wide, 3 high, centre (2.5, 1.5): output (x, y) samples input column 3 - y, row x - 1,
    // exactly on pixel centres; columns 0 and 4 fall outside the input.
    const cv::Mat in = gridImage(3, 5);
    const cv::Mat out = pilRotate(in, 90.0, kFill);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 5; ++x) {
            const cv::Vec3b expected = (x == 0 || x == 4) ? kFill : px(in, x - 1, 3 - y);
            EXPECT_EQ(px(out, y, x), expected) << "x " << x << " y " << y;
        }
    // Square images take PIL's transpose shortcut: counter-clockwise.
    const cv::Mat square = gridImage(2, 2);
    const cv::Mat turned = pilRotate(square, 90.0, kFill);
    EXPECT_EQ(px(turned, 0, 0), px(square, 0, 1));
    EXPECT_EQ(px(turned, 1, 0), px(square, 0, 0));
}

TEST(AutoAugmentOps, RotateThirtyDegreesFillsTheCorners)
{
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::Rotate, 10, false), 30.0);
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::Rotate, 5, true), -15.0);
    const cv::Vec3b colour{10, 20, 30};
    for (bool negate : {false, true}) {
        const cv::Mat out = applyAutoAugmentOp(uniform(10, 10, colour), Op::Rotate, 10, negate);
        for (auto [r, c] : {std::pair{0, 0}, {0, 9}, {9, 0}, {9, 9}})
            EXPECT_EQ(px(out, r, c), kFill) << r << "," << c;
        // A constant image resamples to itself wherever the input covers the output.
        EXPECT_EQ(px(out, 4, 4), colour);
        EXPECT_EQ(px(out, 5, 5), colour);
        EXPECT_EQ(px(out, 0, 5), colour);
    }
}

TEST(AutoAugmentOps, ShearXUncoversTheSideItMovesAway)
{
    // Factor 0.3: output (x, y) reads input x + 0.5 + 0.3(y + 0.5); a 4-wide image is
    // uncovered where that reaches 4, i.e. this many pixels at the end of each row.
    const std::array<int, 10> uncovered{0, 0, 1, 1, 1, 2, 2, 2, 3, 3};
    const cv::Vec3b colour{50, 60, 70};
    for (bool negate : {false, true}) {
        const cv::Mat out = applyAutoAugmentOp(uniform(10, 4, colour), Op::ShearX, 10, negate);
        for (int y = 0; y < 10; ++y)
            for (int x = 0; x < 4; ++x) {
                const int fromEdge = negate ? x : 3 - x;
                const bool filled = fromEdge < uncovered[y];
                EXPECT_EQ(px(out, y, x), filled ? kFill : colour) << x << "," << y;
            }
    }
}

TEST(AutoAugmentOps, ShearYIsShearXTransposed)
{
    const cv::Mat in = gridImage(6, 9);
    const cv::Mat sheared = applyAutoAugmentOp(in, Op::ShearY, 7, true);
    const cv::Mat viaX = applyAutoAugmentOp(in.t(), Op::ShearX, 7, true);
    EXPECT_TRUE(sameImage(sheared, cv::Mat(viaX.t())));
    EXPECT_FALSE(sameImage(sheared, in));
}

TEST(AutoAugmentOps, TranslateMovesByFortyFivePercentOfTheSide)
{
    // 20 columns, magnitude 10: 0.45 * 20 = 9 pixels, sampled exactly on pixel centres.
    const cv::Mat in = gridImage(3, 20);
    const cv::Mat left = applyAutoAugmentOp(in, Op::TranslateXRel, 10, false);
    const cv::Mat right = applyAutoAugmentOp(in, Op::TranslateXRel, 10, true);
    for (int y = 0; y < 3; ++y)
        for (int x = 0; x < 20; ++x) {
            EXPECT_EQ(px(left, y, x), x <= 10 ? px(in, y, x + 9) : kFill) << x;
            EXPECT_EQ(px(right, y, x), x >= 9 ? px(in, y, x - 9) : kFill) << x;
        }
    const cv::Mat tall = gridImage(20, 3);
    const cv::Mat up = applyAutoAugmentOp(tall, Op::TranslateYRel, 10, false);
    for (int y = 0; y < 20; ++y)
        EXPECT_EQ(px(up, y, 1), y <= 10 ? px(tall, y + 9, 1) : kFill) << y;
}

TEST(AutoAugmentOps, MagnitudeIsClippedToZeroTen)
{
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::Rotate, 15, false), 30.0);
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::Rotate, -3, false), 0.0);
    EXPECT_DOUBLE_EQ(autoAugmentLevel(Op::TranslateXRel, 12, true), -0.45);
    const cv::Mat in = rowOf({{183, 200, 63}});
    EXPECT_TRUE(sameImage(applyAutoAugmentOp(in, Op::PosterizeIncreasing, 14, false),
                          applyAutoAugmentOp(in, Op::PosterizeIncreasing, 10, false)));
    EXPECT_TRUE(sameImage(applyAutoAugmentOp(in, Op::SolarizeIncreasing, -2, false), in));
}

TEST(AutoAugmentOps, NamesAreTimms)
{
    EXPECT_EQ(autoAugmentOpName(Op::PosterizeIncreasing), "PosterizeIncreasing");
    EXPECT_EQ(autoAugmentOpName(Op::TranslateYRel), "TranslateYRel");
    std::set<std::string_view> names;
    for (int i = 0; i < kAutoAugmentOpCount; ++i)
        names.insert(autoAugmentOpName(static_cast<Op>(i)));
    EXPECT_EQ(names.size(), 15u);
}

TEST(TimmAutoAugment, ProbabilityZeroLeavesTheImageAlone)
{
    AutoAugmentParams params;
    params.prob = 0.0;
    AugmentRng rng(3);
    const cv::Mat in = gridImage(20, 20);
    std::vector<AutoAugmentStep> steps{{}};
    EXPECT_TRUE(sameImage(timmAutoAugment(in, params, rng, &steps), in));
    EXPECT_TRUE(steps.empty());
}

TEST(TimmAutoAugment, ProbabilityOneWithEveryOpFiringChangesTheImage)
{
    AutoAugmentParams params;
    params.opProb = 1.0;
    const cv::Mat in = gridImage(20, 20);
    for (std::uint32_t seed = 0; seed < 20; ++seed) {
        AugmentRng rng(seed);
        std::vector<AutoAugmentStep> steps;
        const cv::Mat out = timmAutoAugment(in, params, rng, &steps);
        ASSERT_EQ(steps.size(), 2u);
        EXPECT_TRUE(steps[0].applied && steps[1].applied);
        EXPECT_FALSE(sameImage(out, in)) << "seed " << seed;
    }
}

TEST(TimmAutoAugment, SameSeedSameOutput)
{
    const AutoAugmentParams params;
    const cv::Mat in = gridImage(16, 16);
    int differing = 0;
    for (std::uint32_t seed = 0; seed < 10; ++seed) {
        AugmentRng a(seed), b(seed), other(seed + 100);
        EXPECT_TRUE(sameImage(timmAutoAugment(in, params, a), timmAutoAugment(in, params, b)));
        if (!sameImage(timmAutoAugment(in, params, a), timmAutoAugment(in, params, other)))
            ++differing;
    }
    EXPECT_GT(differing, 0);
}

TEST(TimmAutoAugment, DrawsFollowTheConfig)
{
    AutoAugmentParams params;
    params.magnitude = 9.8; // so that N(m, 0.5) often lands above 10 and must be clipped
    AugmentRng rng(11);
    const cv::Mat in = gridImage(8, 8);
    std::map<Op, int> drawn;
    int total = 0, applied = 0, signedOps = 0, negated = 0, atTen = 0;
    double magnitudeSum = 0.0;
    for (int i = 0; i < 3000; ++i) {
        std::vector<AutoAugmentStep> steps;
        timmAutoAugment(in, params, rng, &steps);
        ASSERT_EQ(steps.size(), 2u);
        for (const auto &s : steps) {
            ++total;
            ++drawn[s.op];
            if (!s.applied)
                continue;
            ++applied;
            magnitudeSum += s.magnitude;
            EXPECT_GE(s.magnitude, 0.0);
            EXPECT_LE(s.magnitude, 10.0);
            atTen += s.magnitude == 10.0;
            if (autoAugmentLevel(s.op, 5, false) != autoAugmentLevel(s.op, 5, true)) {
                ++signedOps;
                negated += s.negate;
            }
        }
    }
    EXPECT_EQ(drawn.size(), 15u);
    for (const auto &[op, count] : drawn)
        EXPECT_NEAR(count, total / 15.0, 0.25 * total / 15.0) << autoAugmentOpName(op);
    EXPECT_NEAR(double(applied) / total, 0.5, 0.03);
    EXPECT_NEAR(double(negated) / signedOps, 0.5, 0.04);
    // P(N(9.8, 0.5) > 10) = P(Z > 0.4) = 0.345.
    EXPECT_NEAR(double(atTen) / applied, 0.345, 0.04);
    EXPECT_LT(magnitudeSum / applied, 9.8);
}

TEST(BlurImage, MotionKernelAtZeroDegreesIsTheNormalisedDiagonal)
{
    const cv::Mat k = motionBlurKernel(5, 0);
    ASSERT_EQ(k.type(), CV_64FC1);
    EXPECT_LT(cv::norm(k, cv::Mat(cv::Mat::eye(5, 5, CV_64FC1) / 5.0), cv::NORM_INF), 1e-12);
}

TEST(BlurImage, MotionBlurSpreadsAStripeAlongTheDiagonalThenStretches)
{
    // A white column 4 on black: the 5-tap diagonal averages it into columns 2..6 at 255/5,
    // and the min-max stretch brings those back to 255.
    cv::Mat in = uniform(9, 9, {0, 0, 0});
    in.col(4).setTo(cv::Scalar(255, 255, 255));
    const cv::Mat out = motionBlur(in, 5, 0);
    for (int r = 0; r < 9; ++r)
        for (int c = 0; c < 9; ++c) {
            const uchar v = (c >= 2 && c <= 6) ? 255 : 0;
            EXPECT_EQ(px(out, r, c), cv::Vec3b(v, v, v)) << r << "," << c;
        }
}

TEST(BlurImage, HalfTheImagesAreBlurredAndLabelledOne)
{
    cv::Mat in(16, 16, CV_8UC3);
    for (int r = 0; r < 16; ++r)
        for (int c = 0; c < 16; ++c)
            in.at<cv::Vec3b>(r, c) = ((r + c) % 2) ? cv::Vec3b(230, 200, 10) : cv::Vec3b(5, 40, 90);
    AugmentRng rng(5);
    const BlurImageParams params;
    int blurred = 0, gaussian = 0;
    std::set<int> angles;
    const int draws = 2000;
    for (int i = 0; i < draws; ++i) {
        const BlurImageResult r = blurImage(in, params, rng);
        ASSERT_EQ(r.image.size(), in.size());
        if (r.label == 0) {
            EXPECT_EQ(r.kind, BlurKind::None);
            EXPECT_TRUE(sameImage(r.image, in));
            continue;
        }
        ++blurred;
        EXPECT_FALSE(sameImage(r.image, in));
        if (r.kind == BlurKind::Gaussian) {
            ++gaussian;
            for (int side : {r.gaussianKsize.width, r.gaussianKsize.height})
                EXPECT_TRUE(side == 5 || side == 7 || side == 9 || side == 11) << side;
        } else {
            ASSERT_EQ(r.kind, BlurKind::Motion);
            EXPECT_TRUE(r.motionLength >= 5 && r.motionLength <= 11 && r.motionLength % 2 == 1);
            EXPECT_GE(r.motionAngle, -45);
            EXPECT_LE(r.motionAngle, 44);
            angles.insert(r.motionAngle);
        }
    }
    EXPECT_NEAR(double(blurred) / draws, 0.5, 0.035);
    EXPECT_NEAR(double(gaussian) / blurred, 0.5, 0.05);
    EXPECT_GT(angles.size(), 60u);
}

TEST(BlurImage, RatioZeroNeverBlursAndOneAlwaysDoes)
{
    const cv::Mat in = gridImage(12, 12);
    AugmentRng rng(9);
    BlurImageParams params;
    params.ratio = 0.0;
    for (int i = 0; i < 50; ++i)
        EXPECT_EQ(blurImage(in, params, rng).label, 0);
    params.ratio = 1.0;
    for (int i = 0; i < 50; ++i)
        EXPECT_EQ(blurImage(in, params, rng).label, 1);
}

} // namespace
