// The augmentation operators against hand-computed expectations on tiny images
// (docs/paddleclas-compat.md, 'Augmentation operators').
#include "engine/augment.h"
#include "engine/pipeline.h"

#include <opencv2/imgcodecs.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

#include <unistd.h>

namespace {

using namespace pulc::engine;

/// A rows x cols RGB image whose pixel (r, c) is (10r+c, 10r+c+100, 7): every pixel is
/// distinguishable, so a crop or a turn can be checked pixel by pixel.
cv::Mat gridImage(int rows, int cols)
{
    cv::Mat m(rows, cols, CV_8UC3);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            m.at<cv::Vec3b>(r, c) = cv::Vec3b(10 * r + c, 10 * r + c + 100, 7);
    return m;
}

bool sameImage(const cv::Mat &a, const cv::Mat &b)
{
    return a.size() == b.size() && a.type() == b.type() && cv::norm(a, b, cv::NORM_INF) == 0;
}

/// Single-channel uint8 matrix from rows of values, for orientation checks.
cv::Mat matOf(std::initializer_list<std::initializer_list<int>> rows)
{
    cv::Mat m(static_cast<int>(rows.size()), static_cast<int>(rows.begin()->size()), CV_8UC1);
    int r = 0;
    for (const auto &row : rows) {
        int c = 0;
        for (int v : row)
            m.at<uchar>(r, c++) = static_cast<uchar>(v);
        ++r;
    }
    return m;
}

TEST(Augment, DecodeGivesRgbAndFailsOnGarbage)
{
    cv::Mat bgr(2, 3, CV_8UC3, cv::Scalar(10, 20, 30)); // B=10 G=20 R=30
    std::vector<unsigned char> png;
    ASSERT_TRUE(cv::imencode(".png", bgr, png));
    const AugmentResult decoded = decodeImage(png);
    ASSERT_TRUE(decoded.ok()) << decoded.error;
    EXPECT_EQ(decoded.image.size(), cv::Size(3, 2));
    EXPECT_EQ(decoded.image.at<cv::Vec3b>(1, 2), cv::Vec3b(30, 20, 10));

    const std::vector<unsigned char> garbage{1, 2, 3, 4, 5};
    const AugmentResult bad = decodeImage(garbage);
    EXPECT_FALSE(bad.ok());
    EXPECT_TRUE(bad.image.empty());
    EXPECT_FALSE(decodeImage({}).ok());
}

// The import refuses images over 16384 pixels per side; training, evaluation and prediction
// decode through decodeImage(), which must refuse them too instead of decoding in full. A
// 17000x4 PNG is over the limit yet cheap to make.
TEST(Augment, DecodeRefusesImagesOverTheImportLimit)
{
    std::vector<unsigned char> png;
    ASSERT_TRUE(cv::imencode(".png", cv::Mat(4, 17000, CV_8UC3, cv::Scalar(1, 2, 3)), png));
    const AugmentResult wide = decodeImage(png);
    EXPECT_FALSE(wide.ok());
    EXPECT_TRUE(wide.image.empty());
    EXPECT_EQ(wide.error, "image too large: 17000x4 pixels (limit 16384 pixels per side)");

    // At the limit the image still decodes.
    ASSERT_TRUE(cv::imencode(".png", cv::Mat(4, 16384, CV_8UC3, cv::Scalar(1, 2, 3)), png));
    const AugmentResult edge = decodeImage(png);
    ASSERT_TRUE(edge.ok()) << edge.error;
    EXPECT_EQ(edge.image.size(), cv::Size(16384, 4));
}

// loadRgbFile() serves the trainer, evaluation, predict and the export's parity check: its
// refusal names the file and the size.
TEST(Augment, LoadRgbFileNamesAnImageOverTheLimit)
{
    const std::filesystem::path path = std::filesystem::temp_directory_path() /
                                       ("pulc_wide_" + std::to_string(::getpid()) + ".png");
    std::vector<unsigned char> png;
    ASSERT_TRUE(cv::imencode(".png", cv::Mat(17000, 4, CV_8UC3, cv::Scalar(0)), png));
    std::ofstream(path, std::ios::binary)
        .write(reinterpret_cast<const char *>(png.data()), std::streamsize(png.size()));
    const AugmentResult loaded = loadRgbFile(path.string());
    std::filesystem::remove(path);
    EXPECT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error,
              path.string() + ": image too large: 4x17000 pixels (limit 16384 pixels per side)");
}

TEST(Augment, ResizeFixedSize)
{
    const AugmentResult r = resizeImage(gridImage(4, 6), cv::Size(3, 5));
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.image.size(), cv::Size(3, 5));
    EXPECT_FALSE(resizeImage(gridImage(4, 6), cv::Size(0, 5)).ok());
}

TEST(Augment, ResizeShortRoundsLikePython)
{
    // 375 wide, 500 high, S=256: 500*256/375 = 341.33 -> 341.
    EXPECT_EQ(resizeShortSize(cv::Size(375, 500), 256), cv::Size(256, 341));
    EXPECT_EQ(resizeShortSize(cv::Size(500, 375), 256), cv::Size(341, 256));
    // Exact halves go to the even neighbour: 2.5 -> 2, 3.5 -> 4.
    EXPECT_EQ(resizeShortSize(cv::Size(2, 5), 1), cv::Size(1, 2));
    EXPECT_EQ(resizeShortSize(cv::Size(2, 7), 1), cv::Size(1, 4));

    const AugmentResult r = resizeShort(cv::Mat(500, 375, CV_8UC3, cv::Scalar::all(9)), 256);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.image.size(), cv::Size(256, 341));
}

TEST(Augment, CentreCropPicksTheMiddle)
{
    const cv::Mat img = gridImage(4, 6); // H=4, W=6
    const AugmentResult a = cropImage(img, cv::Size(2, 2));
    ASSERT_TRUE(a.ok()) << a.error;
    // Origin ((6-2)//2, (4-2)//2) = (2, 1).
    EXPECT_EQ(a.image.at<cv::Vec3b>(0, 0), cv::Vec3b(12, 112, 7));
    EXPECT_EQ(a.image.at<cv::Vec3b>(1, 1), cv::Vec3b(23, 123, 7));
    // Odd margins floor: ((6-3)//2, (4-3)//2) = (1, 0).
    const AugmentResult b = cropImage(img, cv::Size(3, 3));
    ASSERT_TRUE(b.ok());
    EXPECT_EQ(b.image.at<cv::Vec3b>(0, 0), cv::Vec3b(1, 101, 7));
    EXPECT_EQ(b.image.at<cv::Vec3b>(2, 2), cv::Vec3b(23, 123, 7));

    const AugmentResult tooBig = cropImage(img, cv::Size(7, 2));
    EXPECT_FALSE(tooBig.ok());
    EXPECT_NE(tooBig.error.find("smaller"), std::string::npos);
}

TEST(Augment, RandCropHasRequestedSizeAndRepeatsWithSeed)
{
    const cv::Mat img = gridImage(20, 30);
    for (std::uint32_t seed = 0; seed < 20; ++seed) {
        AugmentRng a(seed), b(seed);
        RandCropParams p;
        p.size = cv::Size(8, 5);
        const AugmentResult ra = randCropImage(img, p, a);
        const AugmentResult rb = randCropImage(img, p, b);
        ASSERT_TRUE(ra.ok()) << ra.error;
        EXPECT_EQ(ra.image.size(), cv::Size(8, 5));
        EXPECT_TRUE(sameImage(ra.image, rb.image));
    }
    // A constant image stays constant whatever window is drawn.
    AugmentRng rng(3);
    const AugmentResult flat =
        randCropImage(cv::Mat(7, 9, CV_8UC3, cv::Scalar(5, 6, 7)), RandCropParams{}, rng);
    ASSERT_TRUE(flat.ok());
    EXPECT_EQ(flat.image.size(), cv::Size(224, 224));
    EXPECT_EQ(flat.image.at<cv::Vec3b>(100, 50), cv::Vec3b(5, 6, 7));
    // Tiny inputs still give an image rather than an empty slice.
    AugmentRng tiny(1);
    EXPECT_TRUE(randCropImage(gridImage(1, 2), RandCropParams{}, tiny).ok());
}

TEST(Augment, RandCropWindowStaysInsideWithSpecAreaAndAspect)
{
    const cv::Rect full(0, 0, 300, 200);
    for (std::uint32_t seed = 0; seed < 500; ++seed) {
        AugmentRng rng(seed);
        const cv::Rect w = randCropWindow(full.size(), RandCropParams{}, rng);
        ASSERT_EQ(w & full, w) << "seed " << seed;
        // Truncation shortens each side by under one pixel out of ~69 or more.
        const double fraction = static_cast<double>(w.area()) / full.area();
        EXPECT_GE(fraction, 0.08 * 0.97);
        EXPECT_LE(fraction, 1.0);
        const double aspect = static_cast<double>(w.width) / w.height;
        EXPECT_GE(aspect, 0.75 * 0.97);
        EXPECT_LE(aspect, 4.0 / 3.0 * 1.03);
    }
    // A strip far from the aspect range: the bound clamp, not a retry, keeps the window inside.
    const cv::Rect strip(0, 0, 100, 10);
    for (std::uint32_t seed = 0; seed < 200; ++seed) {
        AugmentRng rng(seed);
        const cv::Rect w = randCropWindow(strip.size(), RandCropParams{}, rng);
        ASSERT_EQ(w & strip, w) << "seed " << seed;
        ASSERT_FALSE(w.empty());
    }
}

TEST(Augment, FlipProbabilityZeroAndOne)
{
    const cv::Mat img = gridImage(4, 6);
    AugmentRng rng(42);
    EXPECT_TRUE(sameImage(randFlipImage(img, rng, 0.0), img));
    const cv::Mat mirrored = randFlipImage(img, rng, 1.0);
    for (int r = 0; r < 4; ++r)
        for (int c = 0; c < 6; ++c)
            EXPECT_EQ(mirrored.at<cv::Vec3b>(r, c), img.at<cv::Vec3b>(r, 5 - c));
}

TEST(Augment, FlipDefaultFlipsAboutHalfTheTime)
{
    const cv::Mat img = gridImage(2, 3);
    AugmentRng rng(7);
    int flipped = 0;
    for (int i = 0; i < 1000; ++i)
        flipped += sameImage(randFlipImage(img, rng), img) ? 0 : 1;
    EXPECT_GT(flipped, 400);
    EXPECT_LT(flipped, 600);
}

TEST(Augment, Rot90MatchesNumpyOrientation)
{
    const cv::Mat m = matOf({{1, 2, 3}, {4, 5, 6}});
    // np.rot90(m, k) for k = 0..3.
    EXPECT_TRUE(sameImage(rot90(m, 0), m));
    EXPECT_TRUE(sameImage(rot90(m, 1), matOf({{3, 6}, {2, 5}, {1, 4}})));
    EXPECT_TRUE(sameImage(rot90(m, 2), matOf({{6, 5, 4}, {3, 2, 1}})));
    EXPECT_TRUE(sameImage(rot90(m, 3), matOf({{4, 1}, {5, 2}, {6, 3}})));
    EXPECT_TRUE(sameImage(rot90(m, -1), rot90(m, 3)));

    AugmentRng rng(11);
    std::set<int> seen;
    for (int i = 0; i < 100; ++i) {
        const Rot90Result r = randomRot90(m, rng);
        ASSERT_GE(r.k, 0);
        ASSERT_LE(r.k, 3);
        EXPECT_TRUE(sameImage(r.image, rot90(m, r.k)));
        seen.insert(r.k);
    }
    EXPECT_EQ(seen.size(), 4u);
}

TEST(Augment, NormaliseKnownPixel)
{
    cv::Mat img(1, 2, CV_8UC3, cv::Scalar(255, 0, 128));
    const AugmentResult r = normalizeImage(img);
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.image.type(), CV_32FC3);
    const cv::Vec3f px = r.image.at<cv::Vec3f>(0, 1);
    EXPECT_NEAR(px[0], (1.0 - 0.485) / 0.229, 1e-5);
    EXPECT_NEAR(px[1], (0.0 - 0.456) / 0.224, 1e-5);
    EXPECT_NEAR(px[2], (128.0 / 255.0 - 0.406) / 0.225, 1e-5);
    EXPECT_FALSE(normalizeImage(cv::Mat(2, 2, CV_8UC1, cv::Scalar(1))).ok());
}

TEST(Augment, RandomErasingNeverWithZeroAndAlwaysWithOne)
{
    const cv::Mat img = normalizeImage(gridImage(40, 60)).image;
    const double area = 40.0 * 60.0;

    RandomErasingParams never;
    never.probability = 0.0;
    AugmentRng rng(5);
    cv::Rect patch(1, 1, 1, 1);
    const AugmentResult untouched = randomErasing(img, never, rng, &patch);
    ASSERT_TRUE(untouched.ok());
    EXPECT_TRUE(sameImage(untouched.image, img));
    EXPECT_TRUE(patch.empty());

    RandomErasingParams always;
    always.probability = 1.0;
    for (std::uint32_t seed = 0; seed < 50; ++seed) {
        AugmentRng r(seed);
        const AugmentResult erased = randomErasing(img, always, r, &patch);
        ASSERT_TRUE(erased.ok());
        ASSERT_FALSE(patch.empty()) << "seed " << seed;
        ASSERT_LT(patch.width, 60);
        ASSERT_LT(patch.height, 40);
        // h and w are each rounded, so the area may miss [sl, sh] by about half a side.
        const double slack = 0.5 * (patch.width + patch.height) + 1.0;
        EXPECT_GE(patch.area(), always.sl * area - slack);
        EXPECT_LE(patch.area(), always.sh * area + slack);
        // Outside the patch nothing changes; inside, the N(0,1) values replace the image.
        cv::Mat diff;
        cv::absdiff(erased.image, img, diff);
        cv::Mat outside = diff.clone();
        outside(patch).setTo(cv::Scalar::all(0));
        EXPECT_EQ(cv::norm(outside, cv::NORM_INF), 0.0);
        EXPECT_GT(cv::norm(diff(patch), cv::NORM_INF), 0.0);

        AugmentRng again(seed);
        EXPECT_TRUE(sameImage(randomErasing(img, always, again).image, erased.image));
    }
    EXPECT_FALSE(randomErasing(gridImage(4, 4), always, rng).ok()); // not normalised
}

TEST(Augment, Padv2CentresOnACanvasOfTheImagesDepth)
{
    const cv::Mat img(2, 2, CV_8UC3, cv::Scalar(1, 2, 3));
    // A whole fill in 0..255 keeps uint8; a fractional fill (or a float image) gives float32.
    for (const double fill : {9.0, 9.5}) {
        const AugmentResult r = padv2(img, cv::Size(4, 4), fill);
        ASSERT_TRUE(r.ok()) << r.error;
        EXPECT_EQ(r.image.type(), fill == 9.0 ? CV_8UC3 : CV_32FC3);
        EXPECT_EQ(r.image.size(), cv::Size(4, 4));
        cv::Mat values;
        r.image.convertTo(values, CV_32F);
        for (int y = 0; y < 4; ++y)
            for (int x = 0; x < 4; ++x) {
                const bool inside = x >= 1 && x <= 2 && y >= 1 && y <= 2;
                const auto f = static_cast<float>(fill);
                EXPECT_EQ(values.at<cv::Vec3f>(y, x),
                          inside ? cv::Vec3f(1, 2, 3) : cv::Vec3f(f, f, f));
            }
    }
    cv::Mat floats;
    img.convertTo(floats, CV_32F);
    EXPECT_EQ(padv2(floats, cv::Size(4, 4)).image.type(), CV_32FC3);
    // Odd margins floor: a 1x1 image on a 4 wide, 3 high canvas sits at (1, 1).
    const AugmentResult odd = padv2(cv::Mat(1, 1, CV_8UC3, cv::Scalar::all(5)), cv::Size(4, 3));
    ASSERT_TRUE(odd.ok());
    EXPECT_EQ(odd.image.at<cv::Vec3b>(1, 1), cv::Vec3b(5, 5, 5));
    EXPECT_EQ(odd.image.at<cv::Vec3b>(1, 2), cv::Vec3b(0, 0, 0));
    EXPECT_FALSE(padv2(img, cv::Size(1, 4)).ok());
}

TEST(Augment, RandomCropIsAPlainWindow)
{
    const cv::Mat img = gridImage(4, 6);
    std::set<std::pair<int, int>> origins;
    for (std::uint32_t seed = 0; seed < 200; ++seed) {
        AugmentRng rng(seed);
        const AugmentResult r = randomCropImage(img, cv::Size(3, 2), rng);
        ASSERT_TRUE(r.ok()) << r.error;
        ASSERT_EQ(r.image.size(), cv::Size(3, 2));
        const int first = r.image.at<cv::Vec3b>(0, 0)[0];
        const int y = first / 10, x = first % 10;
        EXPECT_TRUE(sameImage(r.image, img(cv::Rect(x, y, 3, 2))));
        origins.insert({x, y});
    }
    // Every origin in [0, 3] x [0, 2] is reachable.
    EXPECT_EQ(origins.size(), 12u);
    AugmentRng rng(0);
    EXPECT_FALSE(randomCropImage(img, cv::Size(7, 1), rng).ok());
}

} // namespace
