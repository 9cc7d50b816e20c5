#pragma once
// Public: exporting a trained run as a deployment bundle (docs/paddleclas-compat.md,
// 'Exported model'), and reading one back.
//
//   OUT/model.onnx        opset 13, input [batch, 3, H, W] (dynamic batch), probabilities out
//   OUT/inference.yml     PaddleClas deploy config shape: PreProcess transform_ops and PostProcess
//                         (Topk / ThreshOutput / MultiLabelThreshOutput), label_list
//   OUT/labels.txt        "id name" per class
//   OUT/model.ckpt        LibTorch checkpoint (weights, config, classes) that `pulc predict` and
//                         the GUI load directly
//   OUT/README.md         model card: scene, classes, metrics, input, threshold, latency, settings
//   OUT/example/          classify.cpp + CMakeLists.txt: the model through OpenCV DNN
//
// No torch type appears here (docs/architecture.md, 'The torch firewall').

#include "engine/result.h"
#include "engine/trainconfig.h"

#include <functional>
#include <map>
#include <string>
#include <vector>

namespace pulc::engine {

struct DatasetSnapshot; // engine/training.h

/// The deployment-side description of a model, as inference.yml states it.
struct DeployConfig
{
    // PreProcess
    int resizeShort = 256; ///< ResizeImage resize_short; 0 when a direct `size` resize is used
    int resizeWidth = 0;   ///< ResizeImage size [w, h] (resizeShort == 0)
    int resizeHeight = 0;
    int cropWidth = 224; ///< CropImage size (0: no crop)
    int cropHeight = 224;
    double scale = 1.0 / 255.0;
    std::vector<double> mean{0.485, 0.456, 0.406};
    std::vector<double> std{0.229, 0.224, 0.225};
    // PostProcess
    Task task = Task::SingleLabel; ///< Topk, ThreshOutput, MultiLabelThreshOutput
    int topk = 5;
    double threshold = 0.5;
    std::vector<std::string> classNames;
    /// Topk / MultiLabelThreshOutput class_id_map_file as written in the YAML ("labels.txt" in
    /// a bundle); empty when the names are inline (ThreshOutput label_0/label_1, label_list).
    std::string classIdMapFile;
    // Global
    int cpuThreads = 2; ///< cpu_num_threads
};

/// The deploy description of a run's config and classes (what inference.yml will say).
DeployConfig deployConfigOf(const TrainConfig &config, const std::vector<std::string> &classNames);
/// Writes inference.yml atomically; reads one back (also PaddleClas's own inference_*.yaml).
/// Errors name the file and the key. Reading: class names come from ThreshOutput's label_0 /
/// label_1, else from class_id_map_file, else from our top-level label_list. The map file is
/// looked up relative to the YAML's folder, then to each folder above it (PaddleClas's own
/// files name it relative to deploy/, two levels up). A map file that cannot be found is not an
/// error: classNames stays empty (the model still runs; callers print class ids); a map file
/// that is found but damaged is. PersonAttribute / VehicleAttribute / TableAttribute read as
/// MultiLabel with their main threshold (threshold / color_threshold / source_threshold).
/// Pre-processing operators other than ResizeImage, CropImage, NormalizeImage and ToCHWImage
/// are refused, since the model would be fed something else.
Status writeInferenceYaml(const DeployConfig &deploy, const std::string &path);
Result<DeployConfig> readInferenceYaml(const std::string &path);

/// Agreement between the exported ONNX model (OpenCV DNN, pre-processing as in inference.yml)
/// and the native predictor on the validation split.
struct ParityReport
{
    int images = 0;
    int agreeing = 0;       ///< same decision (top-1 / threshold / every attribute)
    double agreement = 0.0; ///< agreeing / images
    double maxProbabilityDifference = 0.0;
    std::vector<std::string> disagreeing; ///< image paths
    bool passed = false;                  ///< agreement >= the required minimum
};

struct ExportOptions
{
    std::string format = "onnx"; ///< "onnx": the whole bundle; "torch": model.ckpt only
    std::string outDir;
    int threads = 2;
    bool parity = true;          ///< run the parity check (onnx)
    double minAgreement = 0.999; ///< parity below this fails the export
    /// Called with a stage ("onnx", "parity", "latency", ...) and progress; false cancels.
    std::function<bool(const std::string &stage, int done, int total)> progress;
};

struct ExportResult
{
    bool ok = false;
    std::string error;              ///< names the file or the run and the problem
    std::vector<std::string> files; ///< written, relative to outDir
    bool parityChecked = false;
    ParityReport parity;
    double latencyMs = 0.0; ///< native predictor, batch 1, median, on this machine
};

/// What the exported run is: its checkpoint and what the project knows of it (for the model
/// card).
struct ExportRunFacts
{
    std::string checkpoint;
    int64_t id = 0;
    std::string name;
    int bestEpoch = 0; ///< 0: the checkpoint's own
    std::string mainMetric;
    std::map<std::string, double> valMetrics; ///< the best epoch's, without the "val/" prefix
};

/// Where an export gets the run and its data. exportRun() (engine/projectjobs.h) reads both from
/// a project folder; the core never opens the project database itself.
struct ExportSource
{
    /// The run's facts; called once, after the options are checked. The error names the run
    /// and the problem.
    std::function<Result<ExportRunFacts>()> run;
    /// The project's splits; called only when the export needs them (parity, test metrics).
    std::function<Result<DatasetSnapshot>()> snapshot;
};

/// Exports a run. Writes into a temporary folder next to outDir and renames it into place, so a
/// failed export leaves nothing half-written. An existing outDir is replaced only when it is
/// empty or is a previous bundle (it holds model.ckpt or inference.yml, and nothing but bundle
/// files); any other folder is refused and left untouched. Blocks; never throws.
ExportResult exportModel(const ExportSource &source, const ExportOptions &options);

/// What `path` means as a model: a checkpoint file, a run folder (its best checkpoint), or a
/// bundle folder (its model.ckpt). Returns the checkpoint path, or an error naming the path and
/// the problem.
Result<std::string> resolveModelPath(const std::string &path);

} // namespace pulc::engine
