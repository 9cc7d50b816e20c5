#pragma once
// A small generated image dataset for training tests: three classes a tiny model can tell apart
// (horizontal stripes, vertical stripes, a disc) with random colours, phases and noise.

#include "engine/training.h"

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <filesystem>
#include <random>
#include <string>

namespace pulc::test {

inline cv::Mat shapeImage(int cls, int size, std::mt19937 &rng)
{
    std::uniform_int_distribution<int> colour(40, 215);
    std::uniform_int_distribution<int> phase(0, 7);
    std::normal_distribution<double> noise(0.0, 12.0);
    const cv::Vec3b fg(colour(rng), colour(rng), colour(rng));
    const cv::Vec3b bg(255 - fg[0], 255 - fg[1], 255 - fg[2]);
    cv::Mat image(size, size, CV_8UC3, cv::Scalar(bg[0], bg[1], bg[2]));
    const int period = 8;
    const int shift = phase(rng);
    for (int r = 0; r < size; ++r) {
        for (int c = 0; c < size; ++c) {
            bool on = false;
            if (cls == 0)
                on = ((r + shift) / (period / 2)) % 2 == 0;
            else if (cls == 1)
                on = ((c + shift) / (period / 2)) % 2 == 0;
            if (on)
                image.at<cv::Vec3b>(r, c) = fg;
        }
    }
    if (cls == 2) {
        std::uniform_int_distribution<int> centre(size / 3, 2 * size / 3);
        cv::circle(image, {centre(rng), centre(rng)}, size / 4, cv::Scalar(fg[0], fg[1], fg[2]),
                   cv::FILLED);
    }
    for (int r = 0; r < size; ++r)
        for (int c = 0; c < size; ++c)
            for (int ch = 0; ch < 3; ++ch) {
                auto &v = image.at<cv::Vec3b>(r, c)[ch];
                v = cv::saturate_cast<uchar>(v + noise(rng));
            }
    return image;
}

/// Writes `perClass` PNGs per class for train and a third of that for val under `dir`, and
/// returns the snapshot describing them (class names "horizontal", "vertical", "disc").
inline engine::DatasetSnapshot makeShapesDataset(const std::string &dir, int perClass, int size,
                                                 unsigned seed = 7)
{
    namespace fs = std::filesystem;
    engine::DatasetSnapshot data;
    data.task = engine::Task::SingleLabel;
    data.classNames = {"horizontal", "vertical", "disc"};
    std::mt19937 rng(seed);
    fs::create_directories(dir);
    for (int split = 0; split < 2; ++split) {
        const int count = split == 0 ? perClass : std::max(2, perClass / 3);
        for (int cls = 0; cls < 3; ++cls) {
            for (int i = 0; i < count; ++i) {
                const std::string path = dir + "/" + (split == 0 ? "train_" : "val_") +
                                         std::to_string(cls) + "_" + std::to_string(i) + ".png";
                cv::Mat rgb = shapeImage(cls, size, rng);
                cv::Mat bgr;
                cv::cvtColor(rgb, bgr, cv::COLOR_RGB2BGR);
                cv::imwrite(path, bgr);
                engine::DatasetSnapshot::Item item;
                item.path = path;
                item.label = cls;
                (split == 0 ? data.train : data.val).push_back(item);
            }
        }
    }
    return data;
}

/// A config small enough for unit tests: PP-LCNet x0.25 at 32x32, direct resize, no warm-up.
inline engine::TrainConfig tinyConfig()
{
    engine::TrainConfig config;
    config.model = "PPLCNet_x0_25";
    config.inputHeight = config.inputWidth = 32;
    config.trainHeight = config.trainWidth = 32;
    config.resizeShort = 0;
    config.augment.geometry = engine::TrainGeometry::Resize;
    config.augment.flipProb = 0.5;
    config.epochs = 2;
    config.batchSize = 8;
    config.learningRate = 0.1;
    config.warmupEpochs = 0;
    config.threads = 1;
    config.loaderThreads = 2;
    config.seed = 11;
    return config;
}

} // namespace pulc::test
