// OnnxDnnModel: an ONNX classifier run through OpenCV DNN. The file is read once; ONNX's protobuf
// classes give the declared input shape (so a wrong image size or a fixed batch is caught with a
// clear message instead of an OpenCV assertion), and the same bytes go to readNetFromONNX.

#include "engine/deploy/onnxexport.h"

#include <onnx/onnx_pb.h>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/dnn.hpp>

namespace pulc::engine {

namespace {

void setError(std::string *error, const std::string &text)
{
    if (error)
        *error = text;
}

/// Turns OpenCV's logger off for one scope: the ONNX importer logs its own errors to stderr
/// before it throws, and our error string already says what went wrong.
class QuietOpenCvLog
{
public:
    QuietOpenCvLog()
        : m_previous(cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_SILENT))
    {}
    ~QuietOpenCvLog() { cv::utils::logging::setLogLevel(m_previous); }
    QuietOpenCvLog(const QuietOpenCvLog &) = delete;
    QuietOpenCvLog &operator=(const QuietOpenCvLog &) = delete;

private:
    cv::utils::logging::LogLevel m_previous;
};

/// The first line of an OpenCV exception message, without the source location OpenCV prepends.
std::string shortMessage(const cv::Exception &e)
{
    std::string text = e.err.empty() ? std::string(e.what()) : e.err;
    const size_t newline = text.find('\n');
    if (newline != std::string::npos)
        text.resize(newline);
    return text;
}

} // namespace

struct OnnxDnnModel::Impl
{
    std::string path;
    cv::dnn::Net net;
    bool loaded = false;
    /// Declared input dims [N, C, H, W]; -1 where the model leaves one open (the batch axis).
    std::vector<int64_t> inputDims;
};

OnnxDnnModel::OnnxDnnModel()
    : d(std::make_unique<Impl>())
{}
OnnxDnnModel::~OnnxDnnModel() = default;

bool OnnxDnnModel::load(const std::string &path, std::string *error)
{
    d->loaded = false;
    d->path = path;
    d->inputDims.clear();
    d->net = cv::dnn::Net();

    std::string bytes;
    if (!readModelFile(path, &bytes, error))
        return false;
    onnx::ModelProto model;
    if (bytes.empty() || !model.ParseFromString(bytes) || !model.has_graph() ||
        model.graph().node_size() == 0 || model.graph().input_size() == 0 ||
        model.graph().output_size() == 0) {
        setError(error, path + ": not an ONNX model (damaged, truncated or another kind of file)");
        return false;
    }
    // The image input is the first graph input that is not an initializer (old exporters list
    // the weights as inputs too).
    const onnx::GraphProto &graph = model.graph();
    for (const onnx::ValueInfoProto &input : graph.input()) {
        bool isWeight = false;
        for (const onnx::TensorProto &init : graph.initializer())
            isWeight = isWeight || init.name() == input.name();
        if (isWeight)
            continue;
        for (const onnx::TensorShapeProto_Dimension &dim : input.type().tensor_type().shape().dim())
            d->inputDims.push_back(dim.has_dim_value() && dim.dim_value() > 0 ? dim.dim_value()
                                                                              : -1);
        break;
    }
    if (d->inputDims.size() != 4) {
        setError(error, path + ": the model's input is not an image batch [N, C, H, W]");
        return false;
    }

    try {
        QuietOpenCvLog quiet;
        d->net = cv::dnn::readNetFromONNX(bytes.data(), bytes.size());
    } catch (const cv::Exception &e) {
        setError(error, path + ": OpenCV DNN cannot read the model: " + shortMessage(e));
        return false;
    }
    if (d->net.empty()) {
        setError(error, path + ": OpenCV DNN cannot read the model");
        return false;
    }
    d->net.setPreferableBackend(cv::dnn::DNN_BACKEND_OPENCV);
    d->net.setPreferableTarget(cv::dnn::DNN_TARGET_CPU);
    d->loaded = true;
    return true;
}

bool OnnxDnnModel::run(const float *nchw, int batch, int channels, int height, int width,
                       std::vector<float> *out, std::string *error)
{
    if (!d->loaded) {
        setError(error, "no ONNX model loaded");
        return false;
    }
    if (batch <= 0 || channels <= 0 || height <= 0 || width <= 0 || !nchw || !out) {
        setError(error, d->path + ": invalid input batch");
        return false;
    }
    const std::vector<int64_t> &dims = d->inputDims;
    const int64_t given[3] = {channels, height, width};
    for (int i = 0; i < 3; ++i) {
        if (dims[i + 1] > 0 && dims[i + 1] != given[i]) {
            setError(error, d->path + ": the model expects input " + std::to_string(dims[1]) + "x" +
                                std::to_string(dims[2]) + "x" + std::to_string(dims[3]) +
                                " (CxHxW), got " + std::to_string(channels) + "x" +
                                std::to_string(height) + "x" + std::to_string(width));
            return false;
        }
    }
    // One image per forward pass. OpenCV 4.6 turns the SE block's Mul(gate [N, C, 1, 1], x)
    // into a Scale layer that only handles N == 1 (N > 1 fails an assertion or, for some
    // shapes, gives wrong numbers), and a model with a fixed batch of 1 needs this anyway.
    const int chunk = dims[0] > 1 ? static_cast<int>(dims[0]) : 1;
    if (batch % chunk != 0) {
        setError(error, d->path + ": the model has a fixed batch of " + std::to_string(chunk) +
                            ", which does not divide " + std::to_string(batch) + " images");
        return false;
    }
    const size_t imageSize = static_cast<size_t>(channels) * height * width;
    out->clear();
    try {
        for (int start = 0; start < batch; start += chunk) {
            const int shape[4] = {chunk, channels, height, width};
            // OpenCV does not write into its input blob; the const_cast only wraps the memory.
            cv::Mat blob(4, shape, CV_32F,
                         const_cast<float *>(nchw + static_cast<size_t>(start) * imageSize));
            d->net.setInput(blob);
            const cv::Mat result = d->net.forward();
            if (result.type() != CV_32F || result.dims < 2 || result.size[0] != chunk) {
                setError(error, d->path + ": unexpected output shape from OpenCV DNN");
                return false;
            }
            const cv::Mat contiguous = result.isContinuous() ? result : result.clone();
            const float *p = contiguous.ptr<float>();
            out->insert(out->end(), p, p + contiguous.total());
        }
    } catch (const cv::Exception &e) {
        setError(error, d->path + ": OpenCV DNN failed to run the model: " + shortMessage(e));
        return false;
    }
    return true;
}

} // namespace pulc::engine
