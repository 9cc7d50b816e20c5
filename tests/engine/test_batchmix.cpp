// Mixup and CutMix through the OpSampler on small NHWC batches
// (docs/paddleclas-compat.md, 'Augmentation operators').
#include "engine/data/batchmix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace {

using namespace pulc::engine;

/// A batch of n samples of h x w x 3 whose value at (sample, y, x, channel) is distinct.
std::vector<float> distinctBatch(int n, int h, int w)
{
    std::vector<float> data(static_cast<std::size_t>(n) * 3 * h * w);
    for (std::size_t i = 0; i < data.size(); ++i)
        data[i] = 0.25f * static_cast<float>(i) - 3.0f;
    return data;
}

/// One-hot rows: sample i has class labels[i].
std::vector<float> oneHot(const std::vector<int> &labels, int classes)
{
    std::vector<float> t(labels.size() * classes, 0.0f);
    for (std::size_t i = 0; i < labels.size(); ++i)
        t[i * classes + labels[i]] = 1.0f;
    return t;
}

bool isPermutation(std::vector<int> p, int n)
{
    std::vector<int> identity(static_cast<std::size_t>(n));
    std::iota(identity.begin(), identity.end(), 0);
    std::sort(p.begin(), p.end());
    return p == identity;
}

/// Expected row i: lam at labels[i] plus (1 - lam) at labels[perm[i]].
void expectMixedTargets(const std::vector<float> &targets, const std::vector<int> &labels,
                        const std::vector<int> &perm, double lambda, int classes)
{
    for (std::size_t i = 0; i < labels.size(); ++i) {
        std::vector<double> expected(classes, 0.0);
        expected[labels[i]] += lambda;
        expected[labels[perm[i]]] += 1.0 - lambda;
        double sum = 0.0;
        for (int c = 0; c < classes; ++c) {
            EXPECT_NEAR(targets[i * classes + c], expected[c], 1e-6) << i << "," << c;
            sum += targets[i * classes + c];
        }
        EXPECT_NEAR(sum, 1.0, 1e-6);
    }
}

TEST(BatchMix, ZeroProbabilitiesLeaveTheBatchUntouched)
{
    std::vector<float> data = distinctBatch(4, 3, 5);
    const std::vector<float> original = data;
    std::vector<float> targets = oneHot({0, 1, 2, 1}, 3);
    const std::vector<float> originalTargets = targets;
    AugmentRng rng(1);
    for (int i = 0; i < 20; ++i) {
        const BatchMixInfo info = mixBatch(data.data(), 4, 3, 5, targets, 3, {}, rng);
        ASSERT_TRUE(info.ok()) << info.error;
        EXPECT_EQ(info.op, BatchMixOp::None);
        EXPECT_EQ(info.lambda, 1.0);
        EXPECT_TRUE(info.permutation.empty());
    }
    EXPECT_EQ(data, original);
    EXPECT_EQ(targets, originalTargets);
}

TEST(BatchMix, MixupBlendsPixelsAndTargetsWithThePermutedBatch)
{
    const int n = 5, h = 2, w = 3, classes = 4;
    const std::vector<int> labels{0, 1, 2, 3, 1};
    BatchMixParams params;
    params.mixupProb = 1.0;
    int nonTrivial = 0;
    for (std::uint32_t seed = 0; seed < 10; ++seed) {
        std::vector<float> data = distinctBatch(n, h, w);
        const std::vector<float> original = data;
        std::vector<float> targets = oneHot(labels, classes);
        AugmentRng rng(seed);
        const BatchMixInfo info = mixBatch(data.data(), n, h, w, targets, classes, params, rng);
        ASSERT_TRUE(info.ok()) << info.error;
        ASSERT_EQ(info.op, BatchMixOp::Mixup);
        ASSERT_TRUE(isPermutation(info.permutation, n));
        ASSERT_GT(info.lambda, 0.0);
        ASSERT_LT(info.lambda, 1.0);
        const std::size_t sample = std::size_t(3) * h * w;
        const float a = static_cast<float>(info.lambda);
        const float b = static_cast<float>(1.0 - info.lambda);
        for (int i = 0; i < n; ++i) {
            nonTrivial += info.permutation[i] != i;
            for (std::size_t k = 0; k < sample; ++k) {
                const float own = original[i * sample + k];
                const float other = original[info.permutation[i] * sample + k];
                EXPECT_FLOAT_EQ(data[i * sample + k], a * own + b * other);
            }
        }
        expectMixedTargets(targets, labels, info.permutation, info.lambda, classes);
    }
    EXPECT_GT(nonTrivial, 0);
}

TEST(BatchMix, CutMixPastesABoxFromThePermutedImageAndCorrectsLambda)
{
    const int n = 4, h = 8, w = 10, classes = 3;
    const std::vector<int> labels{0, 1, 2, 0};
    BatchMixParams params;
    params.cutmixProb = 1.0;
    int nonEmpty = 0, clipped = 0;
    for (std::uint32_t seed = 0; seed < 40; ++seed) {
        // Every pixel of sample i holds i, so each pixel tells which image it came from.
        std::vector<float> data(std::size_t(n) * 3 * h * w);
        for (std::size_t k = 0; k < data.size(); ++k)
            data[k] = static_cast<float>(k / (std::size_t(3) * h * w));
        std::vector<float> targets = oneHot(labels, classes);
        AugmentRng rng(seed);
        const BatchMixInfo info = mixBatch(data.data(), n, h, w, targets, classes, params, rng);
        ASSERT_TRUE(info.ok()) << info.error;
        ASSERT_EQ(info.op, BatchMixOp::CutMix);
        ASSERT_TRUE(isPermutation(info.permutation, n));
        const cv::Rect box = info.box;
        ASSERT_TRUE(box.x >= 0 && box.y >= 0 && box.width >= 0 && box.height >= 0);
        ASSERT_LE(box.x + box.width, w);
        ASSERT_LE(box.y + box.height, h);
        nonEmpty += box.area() > 0;
        clipped += box.x == 0 || box.y == 0 || box.x + box.width == w || box.y + box.height == h;
        EXPECT_DOUBLE_EQ(info.lambda, 1.0 - box.area() / 80.0);
        for (int i = 0; i < n; ++i)
            for (int ch = 0; ch < 3; ++ch)
                for (int y = 0; y < h; ++y)
                    for (int x = 0; x < w; ++x) {
                        const bool inside = box.contains({x, y});
                        const float expected = inside ? info.permutation[i] : i;
                        EXPECT_EQ(data[((std::size_t(i) * h + y) * w + x) * 3 + ch], expected);
                    }
        expectMixedTargets(targets, labels, info.permutation, info.lambda, classes);
    }
    EXPECT_GT(nonEmpty, 20);
    EXPECT_GT(clipped, 0);
}

TEST(BatchMix, OpSamplerPicksEachOpWithItsProbability)
{
    BatchMixParams params;
    params.mixupProb = 0.3;
    params.cutmixProb = 0.5;
    AugmentRng rng(21);
    int mixup = 0, cutmix = 0, none = 0;
    const int batches = 4000;
    for (int i = 0; i < batches; ++i) {
        std::vector<float> data = distinctBatch(2, 1, 1);
        std::vector<float> targets = oneHot({0, 1}, 2);
        switch (mixBatch(data.data(), 2, 1, 1, targets, 2, params, rng).op) {
        case BatchMixOp::Mixup:
            ++mixup;
            break;
        case BatchMixOp::CutMix:
            ++cutmix;
            break;
        case BatchMixOp::None:
            ++none;
            break;
        }
    }
    EXPECT_NEAR(double(mixup) / batches, 0.3, 0.03);
    EXPECT_NEAR(double(cutmix) / batches, 0.5, 0.03);
    EXPECT_NEAR(double(none) / batches, 0.2, 0.03);
}

TEST(BatchMix, BetaSamplesHaveTheBetaMeanAndVariance)
{
    AugmentRng rng(4);
    for (auto [a, b] : {std::pair{0.8, 0.8}, {2.0, 5.0}, {1.0, 1.0}}) {
        const int draws = 20000;
        double sum = 0.0, sumSq = 0.0;
        for (int i = 0; i < draws; ++i) {
            const double x = sampleBeta(a, b, rng);
            ASSERT_GE(x, 0.0);
            ASSERT_LE(x, 1.0);
            sum += x;
            sumSq += x * x;
        }
        const double mean = sum / draws;
        const double variance = sumSq / draws - mean * mean;
        EXPECT_NEAR(mean, a / (a + b), 0.01) << a << "," << b;
        EXPECT_NEAR(variance, a * b / ((a + b) * (a + b) * (a + b + 1)), 0.005) << a << "," << b;
    }
}

TEST(BatchMix, SameSeedSameMix)
{
    const BatchMixParams params = BatchMixParams::defaultParams();
    for (std::uint32_t seed = 0; seed < 5; ++seed) {
        std::vector<float> d1 = distinctBatch(6, 4, 4), d2 = d1;
        std::vector<float> t1 = oneHot({0, 1, 2, 3, 4, 5}, 6), t2 = t1;
        AugmentRng r1(seed), r2(seed);
        const BatchMixInfo a = mixBatch(d1.data(), 6, 4, 4, t1, 6, params, r1);
        const BatchMixInfo b = mixBatch(d2.data(), 6, 4, 4, t2, 6, params, r2);
        EXPECT_EQ(a.op, b.op);
        EXPECT_EQ(a.permutation, b.permutation);
        EXPECT_EQ(a.lambda, b.lambda);
        EXPECT_EQ(d1, d2);
        EXPECT_EQ(t1, t2);
    }
}

TEST(BatchMix, BadArgumentsAreReportedAndTouchNothing)
{
    std::vector<float> data = distinctBatch(2, 2, 2);
    const std::vector<float> original = data;
    std::vector<float> targets = oneHot({0, 1}, 2);
    AugmentRng rng(0);
    BatchMixParams tooMuch;
    tooMuch.mixupProb = 0.7;
    tooMuch.cutmixProb = 0.5;
    const BatchMixInfo sum = mixBatch(data.data(), 2, 2, 2, targets, 2, tooMuch, rng);
    EXPECT_NE(sum.error.find("sum to more than 1"), std::string::npos) << sum.error;
    BatchMixParams badAlpha;
    badAlpha.mixupProb = 1.0;
    badAlpha.mixupAlpha = 0.0;
    EXPECT_FALSE(mixBatch(data.data(), 2, 2, 2, targets, 2, badAlpha, rng).ok());
    std::vector<float> shortTargets(3, 0.0f);
    const BatchMixInfo size =
        mixBatch(data.data(), 2, 2, 2, shortTargets, 2, BatchMixParams::defaultParams(), rng);
    EXPECT_NE(size.error.find("expected 4 target values"), std::string::npos) << size.error;
    EXPECT_EQ(data, original);
}

} // namespace
