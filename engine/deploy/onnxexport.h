#pragma once
// Internal to engine/, torch-free header: writes an InferenceGraph as an ONNX model with the
// protobuf classes of libonnx-dev and checks it with ONNX's checker; runs an ONNX model with
// OpenCV DNN (the export's parity check, and what the bundle's C++ example does).

#include "engine/deploy/inferencegraph.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace pulc::engine {

struct OnnxExportOptions
{
    int opset = 13;
    std::string inputName = "x";
    std::string outputName = "save_infer_model/scale_0.tmp_1"; ///< PaddleClas's output name
    std::string producerVersion;                               ///< PULC Studio's version
    std::map<std::string, std::string> metadata;               ///< metadata_props (scene, classes)
};

/// Writes `path` atomically: input [batch, 3, H, W] float with a dynamic batch axis named
/// "batch", output [batch, classes] probabilities. The model passes onnx::checker before it is
/// written; on failure the error names the file and the problem.
bool writeOnnxModel(const InferenceGraph &graph, const std::string &path,
                    const OnnxExportOptions &options, std::string *error);

/// Reads the whole of `path` into `bytes`. The error names the file and says whether it is
/// missing, not a regular file, or unreadable.
bool readModelFile(const std::string &path, std::string *bytes, std::string *error);

/// Loads `path` and runs ONNX's full checker on it. The error names the file and what is wrong
/// (missing, not an ONNX model, fails the checker).
bool checkOnnxModel(const std::string &path, std::string *error);

/// An ONNX classifier run through OpenCV DNN (CPU).
class OnnxDnnModel
{
public:
    OnnxDnnModel();
    ~OnnxDnnModel();
    /// Loads the model; a damaged or foreign file gives false and an error naming it.
    bool load(const std::string &path, std::string *error);
    /// Runs `batch` NCHW images, writes batch * classes outputs of the model to `out`.
    bool run(const float *nchw, int batch, int channels, int height, int width,
             std::vector<float> *out, std::string *error);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace pulc::engine
