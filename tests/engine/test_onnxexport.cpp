// The ONNX export of a folded PP-LCNet: the file passes ONNX's checker, OpenCV DNN's output
// matches LibTorch's probabilities and the native (oneDNN) predictor's, the dynamic batch axis
// works, the metadata is there, and damaged files fail with messages that name them.
#include "engine/deploy/foldnet.h"
#include "engine/deploy/nativenet.h"
#include "engine/deploy/onnxexport.h"
#include "engine/nets/network.h"
#include "engine/trainconfig.h"

#include "netfixture.h"

#include <onnx/onnx_pb.h>
#include <opencv2/imgcodecs.hpp>
#include <torch/torch.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <random>
#include <sstream>

#include <unistd.h>

namespace {

using namespace pulc::engine;
using pulc::test::maxAbsDiff;
namespace fs = std::filesystem;

constexpr float kTolerance = 1e-4f;

struct Case
{
    const char *model;
    int height;
    int width;
    bool textLine; ///< text-line strides, no last conv
    int classes;
};

/// How ctest and gtest name a case (instead of a byte dump).
void PrintTo(const Case &c, std::ostream *os)
{
    *os << c.model << ' ' << c.height << 'x' << c.width << (c.textLine ? " text-line" : "") << ", "
        << c.classes << " classes";
}

/// A PP-LCNet with random weights and random BN statistics (so folding has real work to do), in
/// eval mode, plus the TrainConfig that describes it.
struct TestNet
{
    std::shared_ptr<ClassifierNet> net;
    TrainConfig config;
};

TestNet makeNet(const Case &c, Task task, uint64_t seed)
{
    TestNet t;
    t.config.model = c.model;
    t.config.task = task;
    t.config.inputHeight = c.height;
    t.config.inputWidth = c.width;
    t.config.strides = c.textLine ? kTextLineStrides : kDefaultStrides;
    t.config.useLastConv = !c.textLine;
    t.net = pulc::test::randomNet(t.config, c.classes, seed, /*biasRange=*/0.5);
    return t;
}

std::vector<float> toVector(const torch::Tensor &t)
{
    const torch::Tensor c = t.contiguous();
    return std::vector<float>(c.data_ptr<float>(), c.data_ptr<float>() + c.numel());
}

onnx::ModelProto readModel(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    onnx::ModelProto model;
    EXPECT_TRUE(model.ParseFromString(bytes.str())) << path;
    return model;
}

void writeBytes(const fs::path &path, const std::string &bytes)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

class OnnxExport : public ::testing::Test
{
protected:
    void SetUp() override
    {
        const auto *info = ::testing::UnitTest::GetInstance()->current_test_info();
        std::string name = std::string(info->test_suite_name()) + "_" + info->name();
        std::replace(name.begin(), name.end(), '/', '_');
        m_dir =
            fs::temp_directory_path() / ("pulc_onnx_" + name + "_" + std::to_string(::getpid()));
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    /// Folds and exports `t`; returns the graph through `graph`.
    fs::path exportNet(TestNet &t, int classes, InferenceGraph *graph,
                       const OnnxExportOptions &options = {})
    {
        std::string error;
        EXPECT_TRUE(foldNetwork(*t.net, t.config, classes, graph, &error)) << error;
        const fs::path path = m_dir / "model.onnx";
        EXPECT_TRUE(writeOnnxModel(*graph, path.string(), options, &error)) << error;
        return path;
    }

    fs::path m_dir;
};

/// LibTorch's probabilities for `x`: softmax or sigmoid of the eval-mode logits.
std::vector<float> torchProbabilities(ClassifierNet &net, const torch::Tensor &x, bool sigmoid)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor logits = net.run(x).logits;
    return toVector(sigmoid ? torch::sigmoid(logits) : torch::softmax(logits, 1));
}

class OnnxExportParity : public OnnxExport, public ::testing::WithParamInterface<Case>
{
};

TEST_P(OnnxExportParity, OpenCvMatchesLibTorchAndNativeNet)
{
    const Case c = GetParam();
    TestNet t = makeNet(c, Task::SingleLabel, 7);
    InferenceGraph graph;
    const fs::path path = exportNet(t, c.classes, &graph);

    std::string error;
    EXPECT_TRUE(checkOnnxModel(path.string(), &error)) << error;

    constexpr int kBatch = 3;
    torch::manual_seed(11);
    const torch::Tensor x = torch::randn({kBatch, 3, c.height, c.width});
    const std::vector<float> input = toVector(x);
    const std::vector<float> expected = torchProbabilities(*t.net, x, false);
    // Random BN statistics must not saturate the softmax, or the comparison says little.
    EXPECT_LT(*std::max_element(expected.begin(), expected.end()), 0.999f);

    OnnxDnnModel dnn;
    ASSERT_TRUE(dnn.load(path.string(), &error)) << error;
    std::vector<float> fromDnn;
    // Batch 3 through the dynamic batch axis, then batch 1 on the same loaded net.
    ASSERT_TRUE(dnn.run(input.data(), kBatch, 3, c.height, c.width, &fromDnn, &error)) << error;
    ASSERT_EQ(fromDnn.size(), size_t(kBatch * c.classes));
    EXPECT_LT(maxAbsDiff(fromDnn, expected), kTolerance);
    std::vector<float> single;
    ASSERT_TRUE(dnn.run(input.data(), 1, 3, c.height, c.width, &single, &error)) << error;
    EXPECT_LT(
        maxAbsDiff(single, std::vector<float>(expected.begin(), expected.begin() + c.classes)),
        kTolerance);

    NativeNet native;
    ASSERT_TRUE(native.build(graph, 2, &error)) << error;
    std::vector<float> fromNative(size_t(kBatch * c.classes));
    ASSERT_TRUE(
        native.run(input.data(), kBatch, InputLayout::Nchw, fromNative.data(), false, &error))
        << error;
    EXPECT_LT(maxAbsDiff(fromNative, fromDnn), kTolerance);
}

INSTANTIATE_TEST_SUITE_P(OnnxExport, OnnxExportParity,
                         ::testing::Values(Case{"PPLCNet_x0_25", 64, 64, false, 10},
                                           Case{"PPLCNet_x0_5", 64, 64, false, 4},
                                           Case{"PPLCNet_x1_0", 64, 64, false, 1000},
                                           Case{"PPLCNet_x0_25", 48, 192, true, 2},
                                           Case{"PPLCNet_x1_0", 48, 192, true, 5}),
                         [](const ::testing::TestParamInfo<Case> &info) {
                             return std::string(info.param.model).substr(8) + "_" +
                                    std::to_string(info.param.height) + "x" +
                                    std::to_string(info.param.width) +
                                    (info.param.textLine ? "_textline" : "");
                         });

TEST_F(OnnxExport, MultiLabelEndsInSigmoid)
{
    const Case c{"PPLCNet_x0_25", 64, 64, false, 6};
    TestNet t = makeNet(c, Task::MultiLabel, 3);
    InferenceGraph graph;
    const fs::path path = exportNet(t, c.classes, &graph);
    const onnx::ModelProto model = readModel(path);
    ASSERT_GT(model.graph().node_size(), 0);
    EXPECT_EQ(model.graph().node(model.graph().node_size() - 1).op_type(), "Sigmoid");

    torch::manual_seed(5);
    const torch::Tensor x = torch::randn({2, 3, c.height, c.width});
    const std::vector<float> input = toVector(x);
    OnnxDnnModel dnn;
    std::string error;
    ASSERT_TRUE(dnn.load(path.string(), &error)) << error;
    std::vector<float> out;
    ASSERT_TRUE(dnn.run(input.data(), 2, 3, c.height, c.width, &out, &error)) << error;
    EXPECT_LT(maxAbsDiff(out, torchProbabilities(*t.net, x, true)), kTolerance);
    // Sigmoid outputs are independent: they do not sum to 1 per image.
    EXPECT_GT(std::abs(std::accumulate(out.begin(), out.begin() + c.classes, 0.0f) - 1.0f), 0.01f);
}

TEST_F(OnnxExport, ModelProtoHasBatchAxisFixedSizeAndMetadata)
{
    const Case c{"PPLCNet_x0_25", 48, 192, true, 3};
    TestNet t = makeNet(c, Task::SingleLabel, 1);
    OnnxExportOptions options;
    options.producerVersion = "9.8.7";
    options.metadata = {{"scene", "textline_orientation"}, {"classes", "0_degree,180_degree,x"}};
    InferenceGraph graph;
    const fs::path path = exportNet(t, c.classes, &graph, options);
    const onnx::ModelProto model = readModel(path);

    EXPECT_EQ(model.ir_version(), 8);
    ASSERT_EQ(model.opset_import_size(), 1);
    EXPECT_EQ(model.opset_import(0).domain(), "");
    EXPECT_GE(model.opset_import(0).version(), 13);
    EXPECT_EQ(model.producer_name(), "PULC Studio");
    EXPECT_EQ(model.producer_version(), "9.8.7");
    EXPECT_NE(model.doc_string().find("PPLCNet_x0_25"), std::string::npos);

    ASSERT_EQ(model.graph().input_size(), 1);
    const onnx::ValueInfoProto &input = model.graph().input(0);
    EXPECT_EQ(input.name(), "x");
    const auto &inDims = input.type().tensor_type().shape().dim();
    ASSERT_EQ(inDims.size(), 4);
    EXPECT_EQ(inDims[0].dim_param(), "batch");
    EXPECT_FALSE(inDims[0].has_dim_value());
    EXPECT_EQ(inDims[1].dim_value(), 3);
    EXPECT_EQ(inDims[2].dim_value(), 48);
    EXPECT_EQ(inDims[3].dim_value(), 192);

    ASSERT_EQ(model.graph().output_size(), 1);
    const onnx::ValueInfoProto &output = model.graph().output(0);
    EXPECT_EQ(output.name(), "save_infer_model/scale_0.tmp_1");
    const auto &outDims = output.type().tensor_type().shape().dim();
    ASSERT_EQ(outDims.size(), 2);
    EXPECT_EQ(outDims[0].dim_param(), "batch");
    EXPECT_EQ(outDims[1].dim_value(), 3);
    EXPECT_EQ(model.graph().node(model.graph().node_size() - 1).op_type(), "Softmax");

    std::map<std::string, std::string> metadata;
    for (const auto &entry : model.metadata_props())
        metadata[entry.key()] = entry.value();
    EXPECT_EQ(metadata, options.metadata);

    // Names come from the layers; weights are raw little-endian floats, as folded.
    std::map<std::string, const onnx::TensorProto *> initializers;
    for (const auto &init : model.graph().initializer())
        initializers[init.name()] = &init;
    ASSERT_TRUE(initializers.count("conv1.weight"));
    ASSERT_TRUE(initializers.count("blocks6.0.se.conv1.bias"));
    ASSERT_TRUE(initializers.count("fc.weight"));
    EXPECT_FALSE(initializers.count("last_conv.weight"));
    const onnx::TensorProto &fcWeight = *initializers["fc.weight"];
    ASSERT_EQ(fcWeight.raw_data().size(), graph.layers.back().conv.weight.size() * sizeof(float));
    EXPECT_EQ(std::memcmp(fcWeight.raw_data().data(), graph.layers.back().conv.weight.data(),
                          fcWeight.raw_data().size()),
              0);
    // The stem's stride is (2, 2); the text-line strides (2, 1) reach the file.
    bool sawStride21 = false;
    for (const auto &node : model.graph().node())
        for (const auto &attr : node.attribute())
            if (attr.name() == "strides" && attr.ints_size() == 2 && attr.ints(0) == 2 &&
                attr.ints(1) == 1)
                sawStride21 = true;
    EXPECT_TRUE(sawStride21);
    // No temporary file is left next to the model.
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()), 1);
}

TEST_F(OnnxExport, Opset14UsesHardSwish)
{
    const Case c{"PPLCNet_x0_25", 64, 64, false, 4};
    TestNet t = makeNet(c, Task::SingleLabel, 2);
    OnnxExportOptions options;
    options.opset = 14;
    InferenceGraph graph;
    const fs::path path = exportNet(t, c.classes, &graph, options);
    std::string error;
    EXPECT_TRUE(checkOnnxModel(path.string(), &error)) << error;
    const onnx::ModelProto model = readModel(path);
    EXPECT_EQ(model.opset_import(0).version(), 14);
    int hardSwish = 0;
    for (const auto &node : model.graph().node())
        hardSwish += node.op_type() == "HardSwish";
    EXPECT_GT(hardSwish, 10);

    torch::manual_seed(4);
    const torch::Tensor x = torch::randn({1, 3, c.height, c.width});
    const std::vector<float> input = toVector(x);
    OnnxDnnModel dnn;
    ASSERT_TRUE(dnn.load(path.string(), &error)) << error;
    std::vector<float> out;
    ASSERT_TRUE(dnn.run(input.data(), 1, 3, c.height, c.width, &out, &error)) << error;
    EXPECT_LT(maxAbsDiff(out, torchProbabilities(*t.net, x, false)), kTolerance);
}

TEST_F(OnnxExport, FixedBatchModelRunsImageByImage)
{
    const Case c{"PPLCNet_x0_25", 64, 64, false, 3};
    TestNet t = makeNet(c, Task::SingleLabel, 9);
    InferenceGraph graph;
    const fs::path path = exportNet(t, c.classes, &graph);
    // What other exporters often produce: the batch axis fixed at 1.
    onnx::ModelProto model = readModel(path);
    model.mutable_graph()
        ->mutable_input(0)
        ->mutable_type()
        ->mutable_tensor_type()
        ->mutable_shape()
        ->mutable_dim(0)
        ->set_dim_value(1);
    model.mutable_graph()
        ->mutable_output(0)
        ->mutable_type()
        ->mutable_tensor_type()
        ->mutable_shape()
        ->mutable_dim(0)
        ->set_dim_value(1);
    const fs::path fixed = m_dir / "fixed.onnx";
    writeBytes(fixed, model.SerializeAsString());
    std::string error;
    EXPECT_TRUE(checkOnnxModel(fixed.string(), &error)) << error;

    torch::manual_seed(8);
    const torch::Tensor x = torch::randn({3, 3, c.height, c.width});
    const std::vector<float> input = toVector(x);
    OnnxDnnModel dnn;
    ASSERT_TRUE(dnn.load(fixed.string(), &error)) << error;
    std::vector<float> out;
    ASSERT_TRUE(dnn.run(input.data(), 3, 3, c.height, c.width, &out, &error)) << error;
    EXPECT_LT(maxAbsDiff(out, torchProbabilities(*t.net, x, false)), kTolerance);

    // The wrong image size is refused with the model's size in the message.
    EXPECT_FALSE(dnn.run(input.data(), 1, 3, 32, 128, &out, &error));
    EXPECT_NE(error.find("3x64x64"), std::string::npos) << error;
    EXPECT_NE(error.find("fixed.onnx"), std::string::npos) << error;
}

TEST_F(OnnxExport, DamagedFilesFailWithTheirName)
{
    const Case c{"PPLCNet_x0_25", 64, 64, false, 2};
    TestNet t = makeNet(c, Task::SingleLabel, 6);
    InferenceGraph graph;
    const fs::path good = exportNet(t, c.classes, &graph);
    std::ifstream in(good, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    const std::string model = bytes.str();
    ASSERT_GT(model.size(), 1000u);

    const fs::path truncated = m_dir / "truncated_model.onnx";
    writeBytes(truncated, model.substr(0, model.size() / 2));
    const fs::path random = m_dir / "random_bytes.onnx";
    std::mt19937 rng(1);
    std::string noise(4096, '\0');
    for (char &ch : noise)
        ch = static_cast<char>(rng());
    writeBytes(random, noise);
    const fs::path png = m_dir / "picture.onnx";
    ASSERT_TRUE(cv::imwrite((m_dir / "picture.png").string(),
                            cv::Mat(16, 16, CV_8UC3, cv::Scalar(10, 20, 30))));
    fs::rename(m_dir / "picture.png", png);
    const fs::path empty = m_dir / "empty.onnx";
    writeBytes(empty, {});
    const fs::path missing = m_dir / "missing.onnx";

    for (const fs::path &path : {truncated, random, png, empty, missing}) {
        const std::string name = path.filename().string();
        std::string error;
        EXPECT_FALSE(checkOnnxModel(path.string(), &error)) << name;
        EXPECT_NE(error.find(name), std::string::npos) << error;
        OnnxDnnModel dnn;
        error.clear();
        EXPECT_FALSE(dnn.load(path.string(), &error)) << name;
        EXPECT_NE(error.find(name), std::string::npos) << error;
        std::vector<float> out;
        const std::vector<float> input(3 * 64 * 64, 0.0f);
        EXPECT_FALSE(dnn.run(input.data(), 1, 3, 64, 64, &out, &error)) << name;
    }
}

TEST_F(OnnxExport, CheckerFailureIsReported)
{
    const Case c{"PPLCNet_x0_25", 64, 64, false, 2};
    TestNet t = makeNet(c, Task::SingleLabel, 6);
    InferenceGraph graph;
    const fs::path good = exportNet(t, c.classes, &graph);
    // A well-formed protobuf that breaks ONNX's rules: a node reads a tensor nobody produces.
    onnx::ModelProto model = readModel(good);
    model.mutable_graph()->mutable_node(1)->set_input(0, "nowhere");
    const fs::path broken = m_dir / "broken_graph.onnx";
    writeBytes(broken, model.SerializeAsString());
    std::string error;
    EXPECT_FALSE(checkOnnxModel(broken.string(), &error));
    EXPECT_NE(error.find("broken_graph.onnx"), std::string::npos) << error;
    EXPECT_NE(error.find("checker"), std::string::npos) << error;
    EXPECT_NE(error.find("nowhere"), std::string::npos) << error;
}

TEST_F(OnnxExport, WriteFailuresNameTheFileAndKeepTheOldOne)
{
    const Case c{"PPLCNet_x0_25", 64, 64, false, 2};
    TestNet t = makeNet(c, Task::SingleLabel, 6);
    InferenceGraph graph;
    const fs::path good = exportNet(t, c.classes, &graph);
    const auto sizeBefore = fs::file_size(good);

    std::string error;
    const fs::path nowhere = m_dir / "no_such_folder" / "model.onnx";
    EXPECT_FALSE(writeOnnxModel(graph, nowhere.string(), {}, &error));
    EXPECT_NE(error.find(nowhere.string()), std::string::npos) << error;

    // A graph whose weights do not fit its sizes is refused before anything is written.
    InferenceGraph bad = graph;
    bad.layers[1].conv.weight.pop_back();
    EXPECT_FALSE(writeOnnxModel(bad, good.string(), {}, &error));
    EXPECT_NE(error.find("model.onnx"), std::string::npos) << error;
    EXPECT_NE(error.find(bad.layers[1].name), std::string::npos) << error;
    EXPECT_EQ(fs::file_size(good), sizeBefore);
    EXPECT_TRUE(checkOnnxModel(good.string(), &error)) << error;
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()), 1);
}

} // namespace
