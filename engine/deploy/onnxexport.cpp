// Writes an InferenceGraph as an ONNX model with libonnx-dev's protobuf classes and checks models
// with ONNX's checker and strict shape inference. The graph is the folded one (BN already in the
// conv weights, dropout already in fc), so the export is a plain chain of standard operators that
// OpenCV DNN 4.6 and ONNX Runtime both read.

#include "engine/deploy/onnxexport.h"

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>
#include <onnx/shape_inference/implementation.h>

#include <bit>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

namespace pulc::engine {

namespace {

static_assert(std::endian::native == std::endian::little,
              "raw_data of ONNX initializers is little-endian; add a byte swap for this target");

// ONNX 1.12 writes IR version 8.
constexpr int64_t kIrVersion = 8;
constexpr int kMinOpset = 13;
// ONNX's HardSwish appeared in opset 14; before it, x * HardSigmoid(x) with these constants.
constexpr float kHardSigmoidAlpha = 1.0f / 6.0f;
constexpr float kHardSigmoidBeta = 0.5f;

void setError(std::string *error, const std::string &text)
{
    if (error)
        *error = text;
}

/// Builds the GraphProto node by node; every tensor name is derived from the layer name.
class GraphBuilder
{
public:
    GraphBuilder(onnx::GraphProto *graph, int opset)
        : m_graph(graph)
        , m_opset(opset)
    {}

    onnx::NodeProto *node(const std::string &op, const std::string &name,
                          std::initializer_list<std::string> inputs, const std::string &output)
    {
        onnx::NodeProto *n = m_graph->add_node();
        n->set_op_type(op);
        n->set_name(name);
        for (const std::string &in : inputs)
            n->add_input(in);
        n->add_output(output);
        return n;
    }

    static void attrInt(onnx::NodeProto *n, const std::string &name, int64_t value)
    {
        onnx::AttributeProto *a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INT);
        a->set_i(value);
    }

    static void attrFloat(onnx::NodeProto *n, const std::string &name, float value)
    {
        onnx::AttributeProto *a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::FLOAT);
        a->set_f(value);
    }

    static void attrInts(onnx::NodeProto *n, const std::string &name,
                         std::initializer_list<int64_t> values)
    {
        onnx::AttributeProto *a = n->add_attribute();
        a->set_name(name);
        a->set_type(onnx::AttributeProto::INTS);
        for (int64_t v : values)
            a->add_ints(v);
    }

    void initializer(const std::string &name, const std::vector<int64_t> &dims,
                     const std::vector<float> &values)
    {
        onnx::TensorProto *t = m_graph->add_initializer();
        t->set_name(name);
        t->set_data_type(onnx::TensorProto::FLOAT);
        for (int64_t d : dims)
            t->add_dims(d);
        t->set_raw_data(values.data(), values.size() * sizeof(float));
    }

    /// Conv (+ activation) named `name`; returns the output tensor.
    std::string conv(const std::string &name, const ConvLayer &c, const std::string &input)
    {
        initializer(name + ".weight", {c.out, c.in / std::max(c.groups, 1), c.kernelH, c.kernelW},
                    c.weight);
        std::vector<float> bias = c.bias;
        if (bias.empty())
            bias.assign(static_cast<size_t>(c.out), 0.0f);
        initializer(name + ".bias", {c.out}, bias);
        const std::string convOut =
            c.activation == Activation::None ? name + ".out" : name + ".conv_out";
        onnx::NodeProto *n = node("Conv", name, {input, name + ".weight", name + ".bias"}, convOut);
        attrInts(n, "kernel_shape", {c.kernelH, c.kernelW});
        attrInts(n, "strides", {c.strideH, c.strideW});
        attrInts(n, "pads", {c.padH, c.padW, c.padH, c.padW});
        attrInts(n, "dilations", {1, 1});
        attrInt(n, "group", c.groups);
        return activation(name, c.activation, convOut);
    }

    std::string activation(const std::string &name, Activation act, const std::string &input)
    {
        const std::string out = name + ".out";
        switch (act) {
        case Activation::None:
            return input;
        case Activation::ReLU:
            node("Relu", name + ".relu", {input}, out);
            return out;
        case Activation::HardSigmoid:
            hardSigmoid(name + ".hardsigmoid", input, out);
            return out;
        case Activation::HardSwish:
            if (m_opset >= 14) {
                node("HardSwish", name + ".hardswish", {input}, out);
            } else {
                const std::string gate = name + ".hardswish_gate";
                hardSigmoid(name + ".hardswish_gate", input, gate);
                node("Mul", name + ".hardswish", {input, gate}, out);
            }
            return out;
        }
        return input;
    }

    void hardSigmoid(const std::string &nodeName, const std::string &input, const std::string &out)
    {
        onnx::NodeProto *n = node("HardSigmoid", nodeName, {input}, out);
        attrFloat(n, "alpha", kHardSigmoidAlpha);
        attrFloat(n, "beta", kHardSigmoidBeta);
    }

private:
    onnx::GraphProto *m_graph;
    int m_opset;
};

void setTensorType(onnx::ValueInfoProto *info, const std::string &name,
                   std::initializer_list<int64_t> fixedDims)
{
    info->set_name(name);
    onnx::TypeProto_Tensor *tensor = info->mutable_type()->mutable_tensor_type();
    tensor->set_elem_type(onnx::TensorProto::FLOAT);
    onnx::TensorShapeProto *shape = tensor->mutable_shape();
    shape->add_dim()->set_dim_param("batch");
    for (int64_t d : fixedDims)
        shape->add_dim()->set_dim_value(d);
}

/// Checks what ONNX cannot see: that the layer sizes fit together and the weights have the
/// sizes they claim (a short vector would be written as a silently truncated initializer).
bool validateGraph(const InferenceGraph &graph, std::string *problem)
{
    auto checkConv = [&](const std::string &name, const ConvLayer &c) {
        const int groups = std::max(c.groups, 1);
        const size_t expected =
            static_cast<size_t>(c.out) * (c.in / groups) * c.kernelH * c.kernelW;
        if (c.in <= 0 || c.out <= 0 || c.in % groups != 0 || c.out % groups != 0 ||
            c.kernelH <= 0 || c.kernelW <= 0 || c.strideH <= 0 || c.strideW <= 0 || c.padH < 0 ||
            c.padW < 0) {
            *problem = "layer " + name + " has invalid sizes";
            return false;
        }
        if (c.weight.size() != expected) {
            *problem = "layer " + name + " has " + std::to_string(c.weight.size()) +
                       " weights, expected " + std::to_string(expected);
            return false;
        }
        if (!c.bias.empty() && c.bias.size() != static_cast<size_t>(c.out)) {
            *problem = "layer " + name + " has " + std::to_string(c.bias.size()) +
                       " biases, expected " + std::to_string(c.out);
            return false;
        }
        return true;
    };
    if (graph.channels <= 0 || graph.height <= 0 || graph.width <= 0 || graph.classes <= 0) {
        *problem = "the graph has no input size or no classes";
        return false;
    }
    if (graph.layers.empty() || graph.layers.back().kind != InferenceLayer::Kind::FullyConnected) {
        *problem = "the graph does not end in a fully connected layer";
        return false;
    }
    for (const InferenceLayer &layer : graph.layers) {
        if (layer.name.empty()) {
            *problem = "a layer has no name";
            return false;
        }
        switch (layer.kind) {
        case InferenceLayer::Kind::Conv:
        case InferenceLayer::Kind::FullyConnected:
            if (!checkConv(layer.name, layer.conv))
                return false;
            break;
        case InferenceLayer::Kind::SqueezeExcite:
            if (!checkConv(layer.name + ".conv1", layer.seReduce) ||
                !checkConv(layer.name + ".conv2", layer.seExpand))
                return false;
            break;
        case InferenceLayer::Kind::GlobalAvgPool:
            break;
        }
    }
    if (graph.layers.back().conv.out != graph.classes) {
        *problem = "fc has " + std::to_string(graph.layers.back().conv.out) + " outputs but the " +
                   "graph has " + std::to_string(graph.classes) + " classes";
        return false;
    }
    return true;
}

/// ONNX's checker, then shape inference in strict mode (what onnx.checker's full_check does).
/// Returns an empty string when the model passes.
std::string runChecker(const onnx::ModelProto &model)
{
    try {
        onnx::checker::check_model(model);
        onnx::ModelProto inferred = model;
        onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(),
                                           onnx::ShapeInferenceOptions(true, 1, false));
    } catch (const std::exception &e) {
        return e.what();
    }
    return {};
}

/// The output shape shape inference finds, as text ("batch,1000"), to confirm the export.
std::string inferredOutputShape(const onnx::ModelProto &model)
{
    onnx::ModelProto inferred = model;
    onnx::GraphProto *g = inferred.mutable_graph();
    g->clear_output(); // let inference fill in the output's type from the nodes
    onnx::shape_inference::InferShapes(inferred, onnx::OpSchemaRegistry::Instance(),
                                       onnx::ShapeInferenceOptions(true, 1, false));
    const std::string outputName = model.graph().output(0).name();
    for (const onnx::ValueInfoProto &info : inferred.graph().value_info()) {
        if (info.name() != outputName)
            continue;
        std::string text;
        for (const onnx::TensorShapeProto_Dimension &d : info.type().tensor_type().shape().dim()) {
            if (!text.empty())
                text += ',';
            text += d.has_dim_param() ? d.dim_param() : std::to_string(d.dim_value());
        }
        return text;
    }
    return "?";
}

bool writeFileAtomically(const std::string &path, const std::string &bytes, std::string *error)
{
    namespace fs = std::filesystem;
    const fs::path target(path);
    std::random_device random;
    const fs::path temp = target.parent_path() /
                          ("." + target.filename().string() + ".tmp" + std::to_string(random()));
    {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        if (!out) {
            setError(error, "cannot write " + path + ": " + std::strerror(errno));
            return false;
        }
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.flush();
        if (!out) {
            const std::string reason = std::strerror(errno);
            out.close();
            std::error_code ignored;
            fs::remove(temp, ignored);
            setError(error, "cannot write " + path + ": " + reason);
            return false;
        }
    }
    std::error_code ec;
    fs::rename(temp, target, ec);
    if (ec) {
        std::error_code ignored;
        fs::remove(temp, ignored);
        setError(error, "cannot write " + path + ": " + ec.message());
        return false;
    }
    return true;
}

} // namespace

bool writeOnnxModel(const InferenceGraph &graph, const std::string &path,
                    const OnnxExportOptions &options, std::string *error)
{
    std::string problem;
    if (!validateGraph(graph, &problem)) {
        setError(error, "cannot export " + path + ": " + problem);
        return false;
    }
    if (options.opset < kMinOpset) {
        setError(error, "cannot export " + path + ": opset " + std::to_string(options.opset) +
                            " is below the supported minimum " + std::to_string(kMinOpset));
        return false;
    }
    if (options.inputName.empty() || options.outputName.empty()) {
        setError(error, "cannot export " + path + ": empty input or output name");
        return false;
    }

    onnx::ModelProto model;
    model.set_ir_version(kIrVersion);
    model.set_producer_name("PULC Studio");
    model.set_producer_version(options.producerVersion);
    model.set_model_version(1);
    model.set_doc_string(graph.model + " image classifier, " + std::to_string(graph.channels) +
                         "x" + std::to_string(graph.height) + "x" + std::to_string(graph.width) +
                         " input, " + std::to_string(graph.classes) + " classes, output " +
                         (graph.output == OutputActivation::Sigmoid ? "sigmoid" : "softmax") +
                         " probabilities");
    onnx::OperatorSetIdProto *opset = model.add_opset_import();
    opset->set_domain("");
    opset->set_version(options.opset);
    for (const auto &[key, value] : options.metadata) {
        onnx::StringStringEntryProto *entry = model.add_metadata_props();
        entry->set_key(key);
        entry->set_value(value);
    }

    onnx::GraphProto *g = model.mutable_graph();
    g->set_name(graph.model.empty() ? std::string("PPLCNet") : graph.model);
    setTensorType(g->add_input(), options.inputName, {graph.channels, graph.height, graph.width});

    GraphBuilder b(g, options.opset);
    std::string x = options.inputName;
    for (const InferenceLayer &layer : graph.layers) {
        switch (layer.kind) {
        case InferenceLayer::Kind::Conv:
            x = b.conv(layer.name, layer.conv, x);
            break;
        case InferenceLayer::Kind::SqueezeExcite: {
            const std::string pooled = layer.name + ".avg_pool";
            b.node("GlobalAveragePool", pooled, {x}, pooled);
            const std::string reduced = b.conv(layer.name + ".conv1", layer.seReduce, pooled);
            const std::string gate = b.conv(layer.name + ".conv2", layer.seExpand, reduced);
            // The gate goes first: OpenCV 4.6 reads Mul(x [N, C, H, W], gate [N, C, 1, 1]) with
            // an output of the gate's shape (wrong results, no error); Mul(gate, x) it turns into
            // a correct channel-wise scale. ONNX broadcasting gives the same either way.
            b.node("Mul", layer.name + ".mul", {gate, x}, layer.name + ".out");
            x = layer.name + ".out";
            break;
        }
        case InferenceLayer::Kind::GlobalAvgPool:
            b.node("GlobalAveragePool", layer.name, {x}, layer.name + ".out");
            x = layer.name + ".out";
            break;
        case InferenceLayer::Kind::FullyConnected: {
            const ConvLayer &c = layer.conv;
            const std::string flat = layer.name + ".flatten";
            GraphBuilder::attrInt(b.node("Flatten", flat, {x}, flat), "axis", 1);
            b.initializer(layer.name + ".weight", {c.out, c.in}, c.weight);
            std::vector<float> bias = c.bias;
            if (bias.empty())
                bias.assign(static_cast<size_t>(c.out), 0.0f);
            b.initializer(layer.name + ".bias", {c.out}, bias);
            onnx::NodeProto *gemm =
                b.node("Gemm", layer.name, {flat, layer.name + ".weight", layer.name + ".bias"},
                       layer.name + ".out");
            GraphBuilder::attrInt(gemm, "transB", 1);
            x = b.activation(layer.name, c.activation, layer.name + ".out");
            break;
        }
        }
    }
    if (graph.output == OutputActivation::Sigmoid) {
        b.node("Sigmoid", "sigmoid", {x}, options.outputName);
    } else {
        onnx::NodeProto *softmax = b.node("Softmax", "softmax", {x}, options.outputName);
        GraphBuilder::attrInt(softmax, "axis", 1);
    }
    setTensorType(g->add_output(), options.outputName, {graph.classes});

    const std::string checkerMessage = runChecker(model);
    if (!checkerMessage.empty()) {
        setError(error,
                 "cannot export " + path + ": the model fails the ONNX checker: " + checkerMessage);
        return false;
    }
    std::string shape;
    try {
        shape = inferredOutputShape(model);
    } catch (const std::exception &e) {
        shape = e.what();
    }
    const std::string expectedShape = "batch," + std::to_string(graph.classes);
    if (shape != expectedShape) {
        setError(error, "cannot export " + path + ": shape inference gives the output shape [" +
                            shape + "], expected [" + expectedShape + "]");
        return false;
    }

    std::string bytes;
    if (!model.SerializeToString(&bytes)) {
        setError(error, "cannot export " + path + ": the model does not serialise (over 2 GB?)");
        return false;
    }
    return writeFileAtomically(path, bytes, error);
}

bool readModelFile(const std::string &path, std::string *bytes, std::string *error)
{
    namespace fs = std::filesystem;
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        setError(error, path + ": " + (fs::exists(path, ec) ? "not a file" : "no such file"));
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        setError(error, path + ": cannot read: " + std::strerror(errno));
        return false;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    *bytes = buffer.str();
    return true;
}

bool checkOnnxModel(const std::string &path, std::string *error)
{
    std::string bytes;
    if (!readModelFile(path, &bytes, error))
        return false;
    if (bytes.empty()) {
        setError(error, path + ": the file is empty, not an ONNX model");
        return false;
    }

    onnx::ModelProto model;
    // Protobuf accepts many byte strings as some message; a model needs a graph with nodes,
    // inputs and outputs and an opset before the checker's message means anything.
    if (!model.ParseFromString(bytes)) {
        setError(error, path + ": not an ONNX model (not a valid ONNX protobuf, or truncated)");
        return false;
    }
    if (!model.has_graph() || model.graph().node_size() == 0 || model.graph().input_size() == 0 ||
        model.graph().output_size() == 0 || model.opset_import_size() == 0) {
        setError(error, path + ": not an ONNX model (no graph with nodes, inputs, outputs and an "
                               "opset)");
        return false;
    }
    const std::string checkerMessage = runChecker(model);
    if (!checkerMessage.empty()) {
        setError(error, path + ": fails the ONNX checker: " + checkerMessage);
        return false;
    }
    return true;
}

} // namespace pulc::engine
