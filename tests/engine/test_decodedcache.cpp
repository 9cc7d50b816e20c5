// The decoded-image cache (engine/data/decodedcache.h) and DCT-scaled decoding: cached pixels
// equal a fresh decode and shrink, a changed or damaged file is never served, a deleted cache is
// simply built again.
#include "engine/augment.h"
#include "engine/data/decodedcache.h"
#include "engine/pipeline.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "tempdirtest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <unistd.h>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

class DecodedCacheTest : public pulc::test::TempDirTest
{
protected:
    DecodedCacheTest()
        : TempDirTest("decodedcache")
    {}

    /// A smooth colour gradient (JPEG-friendly) written as `name`.
    std::string writeImage(const std::string &name, int width, int height, int shift = 0)
    {
        cv::Mat bgr(height, width, CV_8UC3);
        for (int r = 0; r < height; ++r)
            for (int c = 0; c < width; ++c)
                bgr.at<cv::Vec3b>(r, c) = cv::Vec3b((r * 255 / height + shift) % 256,
                                                    c * 255 / width, (r + c + shift) % 256);
        const std::string file = path(name);
        EXPECT_TRUE(cv::imwrite(file, bgr));
        return file;
    }
};

TEST_F(DecodedCacheTest, CachedPixelsEqualAFreshDecodeAndShrink)
{
    const std::string big = writeImage("big.png", 300, 200);
    const std::string small = writeImage("small.jpg", 60, 40);
    const std::string file = decodedCacheFile(m_dir.string(), 100);
    CacheBuildOptions options;
    options.shortSide = 100;
    auto built = buildDecodedCache(file, {big, small, big}, nullptr, options);
    ASSERT_TRUE(built) << built.error();
    EXPECT_EQ(built->decoded, 2); // the duplicate is stored once
    EXPECT_EQ(built->failed, 0);

    auto opened = DecodedCache::open(file);
    ASSERT_TRUE(opened) << opened.error();
    DecodedCache &cache = **opened;
    EXPECT_TRUE(cache.verify().empty());
    EXPECT_EQ(cache.shortSide(), 100);

    // The big image: short side 200 shrunk to 100 with INTER_AREA, exactly.
    const cv::Mat cachedBig = cache.find(big, fileStamp(big));
    ASSERT_FALSE(cachedBig.empty());
    const AugmentResult fresh = loadRgbFile(big);
    ASSERT_TRUE(fresh.ok());
    cv::Mat expected;
    cv::resize(fresh.image, expected, resizeShortSize(fresh.image.size(), 100), 0, 0,
               cv::INTER_AREA);
    EXPECT_EQ(cachedBig.size(), cv::Size(150, 100));
    EXPECT_EQ(cv::norm(cachedBig, expected, cv::NORM_INF), 0.0);

    // The small one is never enlarged: its pixels are the decode's.
    const cv::Mat cachedSmall = cache.find(small, fileStamp(small));
    const AugmentResult freshSmall = loadRgbFile(small);
    ASSERT_TRUE(freshSmall.ok());
    ASSERT_EQ(cachedSmall.size(), freshSmall.image.size());
    EXPECT_EQ(cv::norm(cachedSmall, freshSmall.image, cv::NORM_INF), 0.0);
}

TEST_F(DecodedCacheTest, AChangedFileIsStaleAndRebuildingReusesTheRest)
{
    const std::string a = writeImage("a.png", 50, 50);
    const std::string b = writeImage("b.png", 50, 50);
    const std::string file = decodedCacheFile(m_dir.string(), 64);
    CacheBuildOptions options;
    options.shortSide = 64;
    ASSERT_TRUE(buildDecodedCache(file, {a, b}, nullptr, options));

    // b is replaced by another picture (another size, and a later modification time).
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    writeImage("b.png", 40, 30, 77);
    auto opened = DecodedCache::open(file);
    ASSERT_TRUE(opened);
    (*opened)->verify();
    EXPECT_FALSE((*opened)->find(a, fileStamp(a)).empty());
    EXPECT_TRUE((*opened)->find(b, fileStamp(b)).empty()) << "a stale entry was served";
    EXPECT_FALSE((*opened)->knows(b, fileStamp(b)));

    auto rebuilt = buildDecodedCache(file, {a, b}, opened->get(), options);
    ASSERT_TRUE(rebuilt) << rebuilt.error();
    EXPECT_EQ(rebuilt->reused, 1);
    EXPECT_EQ(rebuilt->decoded, 1);
    auto again = DecodedCache::open(file);
    ASSERT_TRUE(again);
    (*again)->verify();
    const cv::Mat newB = (*again)->find(b, fileStamp(b));
    ASSERT_FALSE(newB.empty());
    EXPECT_EQ(newB.size(), cv::Size(40, 30));
}

TEST_F(DecodedCacheTest, ADamagedEntryIsDroppedAndLoggedByPath)
{
    const std::string a = writeImage("a.png", 40, 40);
    const std::string b = writeImage("b.png", 40, 40, 9);
    const std::string file = decodedCacheFile(m_dir.string(), 64);
    CacheBuildOptions options;
    options.shortSide = 64;
    ASSERT_TRUE(buildDecodedCache(file, {a, b}, nullptr, options));
    {
        // The first entry's pixels start at 4096: flip one byte there.
        std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
        f.seekg(4096 + 100);
        char byte = 0;
        f.read(&byte, 1);
        byte = static_cast<char>(byte ^ 0x5a);
        f.seekp(4096 + 100);
        f.write(&byte, 1);
    }
    auto opened = DecodedCache::open(file);
    ASSERT_TRUE(opened) << opened.error();
    const std::vector<std::string> bad = (*opened)->verify();
    ASSERT_EQ(bad.size(), 1u);
    EXPECT_EQ(bad[0], a);
    EXPECT_TRUE((*opened)->find(a, fileStamp(a)).empty());
    EXPECT_FALSE((*opened)->find(b, fileStamp(b)).empty());
}

TEST_F(DecodedCacheTest, DeletedTruncatedOrForeignFilesAreRefusedByName)
{
    const std::string a = writeImage("a.png", 40, 40);
    const std::string file = decodedCacheFile(m_dir.string(), 64);
    auto missing = DecodedCache::open(file);
    ASSERT_FALSE(missing);
    EXPECT_NE(missing.error().find(file), std::string::npos) << missing.error();

    CacheBuildOptions options;
    options.shortSide = 64;
    ASSERT_TRUE(buildDecodedCache(file, {a}, nullptr, options));
    fs::resize_file(file, fs::file_size(file) - 10); // the index is cut
    auto cut = DecodedCache::open(file);
    ASSERT_FALSE(cut);
    EXPECT_NE(cut.error().find("damaged"), std::string::npos) << cut.error();

    std::ofstream(file, std::ios::trunc) << std::string(5000, 'x');
    auto foreign = DecodedCache::open(file);
    ASSERT_FALSE(foreign);
    EXPECT_NE(foreign.error().find("not a decoded-image cache"), std::string::npos);

    // Deleted: the next build simply makes it again.
    fs::remove(file);
    ASSERT_TRUE(buildDecodedCache(file, {a}, nullptr, options));
    EXPECT_TRUE(DecodedCache::open(file));
}

TEST_F(DecodedCacheTest, UnreadableImagesAreRecordedNotRetriedAndTheLimitHolds)
{
    const std::string a = writeImage("a.png", 40, 40);
    const std::string b = writeImage("b.png", 40, 40, 3);
    const std::string broken = (m_dir / "broken.jpg").string();
    std::ofstream(broken) << "not a jpeg";
    const std::string file = decodedCacheFile(m_dir.string(), 64);
    CacheBuildOptions options;
    options.shortSide = 64;
    options.maxBytes = 40 * 40 * 3 + 10; // room for one image
    auto built = buildDecodedCache(file, {a, broken, b}, nullptr, options);
    ASSERT_TRUE(built) << built.error();
    EXPECT_EQ(built->failed, 1);
    ASSERT_EQ(built->errors.size(), 1u);
    EXPECT_NE(built->errors[0].find(broken), std::string::npos) << built->errors[0];
    EXPECT_EQ(built->overLimit, 1);
    auto opened = DecodedCache::open(file);
    ASSERT_TRUE(opened);
    (*opened)->verify();
    EXPECT_TRUE((*opened)->knows(broken, fileStamp(broken)));
    EXPECT_TRUE((*opened)->find(broken, fileStamp(broken)).empty());
    EXPECT_FALSE((*opened)->knows(b, fileStamp(b))); // over the limit
    EXPECT_EQ((*opened)->overLimit(), 1);
    EXPECT_EQ((*opened)->maxBytes(), options.maxBytes);
}

TEST_F(DecodedCacheTest, FailedWritesLeaveTheOldCache)
{
    const std::string a = writeImage("a.png", 40, 40);
    const std::string file = decodedCacheFile(m_dir.string(), 64);
    CacheBuildOptions options;
    options.shortSide = 64;
    ASSERT_TRUE(buildDecodedCache(file, {a}, nullptr, options));
    const auto before = fs::file_size(file);
    options.progress = [](int, int) { return false; }; // cancelled mid-way
    auto cancelled = buildDecodedCache(file, {a}, nullptr, options);
    ASSERT_FALSE(cancelled);
    EXPECT_EQ(fs::file_size(file), before);
    EXPECT_FALSE(fs::exists(file + ".partial"));
    EXPECT_TRUE(DecodedCache::open(file));
}

TEST(DctDecode, PicksTheSmallestScaleThatKeepsTheShortSide)
{
    EXPECT_EQ(jpegReduction("jpeg", {4608, 3456}, 256), 8); // 432 >= 256
    EXPECT_EQ(jpegReduction("jpeg", {1024, 683}, 256), 2);  // 341; 1/4 would give 170
    EXPECT_EQ(jpegReduction("jpeg", {500, 375}, 256), 1);   // not twice as large
    EXPECT_EQ(jpegReduction("jpeg", {1024, 768}, 0), 1);    // no target: full size
    EXPECT_EQ(jpegReduction("png", {4000, 4000}, 256), 1);  // only JPEG scales in the DCT
}

TEST(DctDecode, DecodesAJpegAtTheChosenScale)
{
    cv::Mat bgr(768, 1024, CV_8UC3, cv::Scalar(30, 120, 200));
    std::vector<unsigned char> jpeg;
    ASSERT_TRUE(cv::imencode(".jpg", bgr, jpeg));
    const AugmentResult full = decodeImage(jpeg);
    ASSERT_TRUE(full.ok());
    EXPECT_EQ(full.image.size(), cv::Size(1024, 768));
    const AugmentResult half = decodeImage(jpeg, 200); // 768/4 = 192 < 200: 1/2
    ASSERT_TRUE(half.ok()) << half.error;
    EXPECT_EQ(half.image.size(), cv::Size(512, 384));
    const AugmentResult eighth = decodeImage(jpeg, 90); // 768/8 = 96
    ASSERT_TRUE(eighth.ok());
    EXPECT_EQ(eighth.image.size(), cv::Size(128, 96));
    // Still RGB: a flat colour stays what it was (JPEG rounding aside).
    const cv::Vec3b pixel = eighth.image.at<cv::Vec3b>(48, 64);
    EXPECT_NEAR(pixel[0], 200, 3);
    EXPECT_NEAR(pixel[2], 30, 3);
}

TEST(DctDecode, TrainingDecodeSizeFollowsTheFirstOperator)
{
    TrainConfig c;
    c.trainWidth = c.trainHeight = 224;
    EXPECT_EQ(trainDecodeShortSide(c), 256);
    c.augment.preCropWidth = c.augment.preCropHeight = 256;
    EXPECT_EQ(trainDecodeShortSide(c), 293); // ceil(256 * 8 / 7)
    c.augment.blurLabels = true;             // BlurImage's kernels are in original pixels
    EXPECT_EQ(trainDecodeShortSide(c), 0);
}

} // namespace
