// A real (small) training run that must learn: PP-LCNet x0.25 from scratch on 5,000 real
// Fashion-MNIST images (Debian's dataset-fashion-mnist), validated every epoch on 1,000 others.
// Labelled `slow` (under a minute on 2 cores).
#include "dataset/idxreader.h"
#include "engine/training.h"

#include <opencv2/imgcodecs.hpp>

#include <gtest/gtest.h>

#include <filesystem>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

const char kImages[] = "/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz";
const char kLabels[] = "/usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz";

TEST(TrainingSlow, LearnsFashionMnistFarAboveChance)
{
    ASSERT_TRUE(fs::exists(kImages)) << "install dataset-fashion-mnist (scripts/setup)";
    auto images = pulc::dataset::readIdxImages(QString::fromLatin1(kImages));
    auto labels = pulc::dataset::readIdxLabels(QString::fromLatin1(kLabels));
    ASSERT_TRUE(images.ok() && labels.ok());
    const fs::path dir =
        fs::temp_directory_path() / ("pulc_training_slow_" + std::to_string(::getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir / "images");

    TrainJob job;
    job.data.task = Task::SingleLabel;
    for (int c = 0; c < 10; ++c)
        job.data.classNames.push_back("class" + std::to_string(c));
    const int rows = images->rows;
    const int cols = images->cols;
    for (int i = 0; i < 6000; ++i) {
        const cv::Mat grey(rows, cols, CV_8UC1,
                           images->pixels.data() + size_t(i) * size_t(rows) * size_t(cols));
        const std::string path = (dir / "images" / (std::to_string(i) + ".png")).string();
        ASSERT_TRUE(cv::imwrite(path, grey));
        DatasetSnapshot::Item item;
        item.path = path;
        item.label = static_cast<unsigned char>(labels->at(i));
        (i < 5000 ? job.data.train : job.data.val).push_back(item);
    }
    job.config.model = "PPLCNet_x0_25";
    job.config.inputHeight = job.config.inputWidth = 32;
    job.config.trainHeight = job.config.trainWidth = 32;
    job.config.resizeShort = 0;
    job.config.augment.geometry = TrainGeometry::Resize;
    job.config.augment.flipProb = 0.5;
    job.config.epochs = 8;
    job.config.batchSize = 32;
    job.config.learningRate = 0.1;
    job.config.warmupEpochs = 1;
    job.config.threads = 2;
    job.config.loaderThreads = 2;
    job.runDir = (dir / "run").string();
    std::vector<double> top1;
    JobCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochInfo &e) { top1.push_back(e.metrics.at("top1")); };
    const TrainResult result = train(job, callbacks);
    fs::remove_all(dir);
    ASSERT_EQ(result.status, TrainResult::Status::Finished) << result.error;
    ASSERT_EQ(top1.size(), 8u);
    // Chance is 10%; a model that learned anything about clothes gets most of them.
    EXPECT_GE(result.bestMetrics.at("top1"), 0.72)
        << "per-epoch top-1: " << ::testing::PrintToString(top1);
    EXPECT_GT(top1.back(), top1.front());
}

} // namespace
