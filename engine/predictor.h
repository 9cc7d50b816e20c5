#pragma once
// Public: a trained model ready to classify images, with PaddleClas's post-processing
// (docs/paddleclas-compat.md, 'Post-processing'): top-k classes, a binary decision with its
// threshold, or attribute vectors. The same object serves `pulc predict`, evaluation and the GUI,
// so they can never disagree.

#include "engine/result.h"
#include "engine/trainconfig.h"

#include <opencv2/core/mat.hpp>

#include <memory>
#include <string>
#include <vector>

namespace pulc::engine {

/// One class and its score.
struct ClassScore
{
    int id = 0;
    std::string name;
    float score = 0.0f;
};

/// What the model says about one image.
struct Prediction
{
    bool ok = false;
    std::string error;           ///< names the file and the problem when !ok
    std::vector<ClassScore> top; ///< best first (single-label, binary); all attributes (multi)
    std::vector<float> scores;   ///< every class / attribute, by id
    /// Binary: 1 when score(class 1) >= threshold, else 0. Multi-label: unused. Single: top id.
    int decision = -1;
    std::vector<int> attributes; ///< multi-label: 1 when score >= threshold, per attribute
    double milliseconds = 0.0;   ///< pre-processing + forward + post-processing
};

/// A loaded model. Not thread-safe: one Predictor per thread (they are cheap to copy-load).
class Predictor
{
public:
    Predictor();
    ~Predictor();
    Predictor(Predictor &&) noexcept;
    Predictor &operator=(Predictor &&) noexcept;

    /// Loads a model: a checkpoint written by train(), a run folder, or an exported bundle
    /// (resolveModelPath in bundle.h). PP-LCNet models run on the native CPU path (BN folded,
    /// oneDNN); other architectures on LibTorch. The error names the file and what is wrong
    /// (missing, damaged, not a PULC Studio model).
    Status load(const std::string &modelPath, int threads = 2);
    bool isLoaded() const;

    /// The settings the model was trained with (task, classes, input size, threshold, ...).
    const TrainConfig &config() const;
    const std::vector<std::string> &classNames() const;
    /// The checkpoint file actually loaded.
    const std::string &checkpointPath() const;
    /// "native" (the oneDNN path) or "libtorch".
    std::string backend() const;
    /// Intra-op threads of the forward pass.
    void setThreads(int threads);
    int threads() const;
    /// Overrides the binary decision / attribute threshold of config() (`--threshold`).
    void setThreshold(double threshold);

    /// Classifies an image file (decoded as RGB, then the eval pre-processing).
    Prediction predictFile(const std::string &path, int topk = 5);
    /// Classifies a decoded 8-bit RGB image (HWC).
    Prediction predictImage(const cv::Mat &rgb, int topk = 5);
    /// Batch version for evaluation: RGB images of any size, one Prediction each.
    std::vector<Prediction> predictImages(const std::vector<cv::Mat> &rgb, int topk = 5);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pulc::engine
