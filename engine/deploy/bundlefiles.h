#pragma once
// Internal to engine/ (torch-free): the text files of a deployment bundle (bundle.h) besides
// the models: labels.txt, the README.md model card, the OpenCV example, and the pre-processing
// that inference.yml describes, which the parity check runs on the exported model.

#include "engine/augment.h"
#include "engine/bundle.h"

#include <opencv2/core/mat.hpp>

#include <map>
#include <string>
#include <vector>

namespace pulc::engine {

/// Writes `text` to `path` through a temporary file and a rename (a crash leaves the old file
/// or the new one). The error names the file.
bool writeTextFileAtomic(const std::string &path, const std::string &text, std::string *error);

/// labels.txt: "id name" per line, the class_id_map_file of PaddleClas's Topk.
std::string labelsText(const std::vector<std::string> &classNames);
/// Reads such a file: names by id (ids must be 0..n-1, each once). The error names the file and
/// the line.
bool readLabelsFile(const std::string &path, std::vector<std::string> *classNames,
                    std::string *error);

/// The eval pre-processing as `deploy` states it: ResizeImage (resize_short with Python's
/// rounding, or a direct size) with INTER_LINEAR, centre CropImage, NormalizeImage; CV_32FC3 HWC.
/// For a DeployConfig made by deployConfigOf() it equals evalTransform() of the run's config.
AugmentResult deployTransform(const cv::Mat &rgb, const DeployConfig &deploy);

/// What the model card says besides the deploy config.
struct ModelCard
{
    std::string runName;
    int64_t runId = 0;
    std::string sceneTitle; ///< e.g. "Person exists"; empty for custom
    TrainConfig config;
    DeployConfig deploy;
    std::string mainMetric;
    int bestEpoch = 0;
    std::map<std::string, double> valMetrics;  ///< the best epoch's, from the project database
    std::map<std::string, double> testMetrics; ///< measured at export on the test split
    int valImages = 0;
    int testImages = 0;
    std::string backend; ///< the native predictor's backend
    int threads = 2;
    double latencyMs = 0.0; ///< median, batch 1
    std::string machine;    ///< CPU model name
    bool parityChecked = false;
    ParityReport parity;
    std::vector<std::string> files; ///< of the bundle, relative
    std::string exportedAt;         ///< ISO 8601, UTC
};

/// README.md of the bundle.
std::string modelCardText(const ModelCard &card);

/// example/classify.cpp: OpenCV only, with this export's pre-processing and post-processing.
std::string exampleSource(const DeployConfig &deploy);
/// example/CMakeLists.txt.
std::string exampleCMakeLists();

} // namespace pulc::engine
