// PaddleClas weights on our networks (docs/paddleclas-compat.md, 'Weight files'): a .pdparams
// written the way paddle.save writes it gives the logits of the PyTorch reference model with
// Paddle's inference semantics; wrong files are refused naming the key, both shapes and the model
// the file looks like; a new class count keeps a fresh fc; every family round-trips through
// paddleStateDict and the pickle writer; and training starts from such a file.
#include "netfixture.h"
#include "trainingfixture.h"

#include "../shareddata.h"

#include "engine/nets/network.h"
#include "engine/readers/weightsfile.h"
#include "engine/train/checkpoint.h"
#include "engine/training.h"
#include "engine/weights/weightmap.h"

#include "tempdirtest.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <unistd.h>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

/// The PyTorch reference model of PP-LCNet, in the shared folder.
const char *const kReferenceModel = "bench/pplcnet_ref.py";

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

/// The raw float32 file `path` as a tensor of `shape`.
torch::Tensor readFloats(const fs::path &path, const std::vector<int64_t> &shape)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    int64_t count = 1;
    for (int64_t d : shape)
        count *= d;
    EXPECT_EQ(static_cast<int64_t>(bytes.size()), count * 4) << path;
    torch::Tensor t = torch::zeros(shape);
    std::memcpy(t.data_ptr<float>(), bytes.data(),
                std::min<size_t>(bytes.size(), static_cast<size_t>(count * 4)));
    return t;
}

/// The line "`key` d0 d1 ..." of make_reference.py's shapes.txt.
std::vector<int64_t> shapeOf(const fs::path &shapesFile, const std::string &key)
{
    std::ifstream in(shapesFile);
    for (std::string line; std::getline(in, line);) {
        std::istringstream words(line);
        std::string first;
        words >> first;
        if (first != key)
            continue;
        std::vector<int64_t> shape;
        for (int64_t d; words >> d;)
            shape.push_back(d);
        return shape;
    }
    ADD_FAILURE() << "no '" << key << "' in " << shapesFile;
    return {};
}

const NamedArray *findArray(const WeightsFile &file, const std::string &name)
{
    for (const NamedArray &a : file.arrays) {
        if (a.name == name)
            return &a;
    }
    return nullptr;
}

torch::Tensor tensorOf(const NamedArray &a)
{
    return torch::from_blob(const_cast<float *>(a.data.data()), a.shape, torch::kFloat).clone();
}

std::map<std::string, torch::Tensor> stateOf(torch::nn::Module &net)
{
    std::map<std::string, torch::Tensor> out;
    for (const auto &p : net.named_parameters())
        out[p.key()] = p.value().detach().clone();
    for (const auto &b : net.named_buffers())
        out[b.key()] = b.value().detach().clone();
    return out;
}

std::shared_ptr<ClassifierNet> freshNet(const std::string &model, int64_t classes,
                                        uint64_t seed = 0)
{
    NetworkOptions options;
    options.name = model;
    options.classes = classes;
    torch::manual_seed(seed);
    return buildNetwork(options);
}

/// A temporary folder per test.
class WeightMapTest : public pulc::test::TempDirTest
{
protected:
    WeightMapTest()
        : TempDirTest("weightmap")
    {}
};

std::string fileText(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

/// Tests on the files make_reference.py writes (PyTorch reference model, Paddle's layout):
/// PPLCNet x0.25 and x1.0, 10 classes, three 64x64 images.
///
/// Importing torch costs Python 1.5 s, and CTest runs each test in its own process, so the
/// files are kept in the temporary folder under a name made of the scripts' text and
/// arguments: the first process writes them (into a private folder, renamed into place when
/// complete), the others reuse them. Changing a script changes the name.
class WeightMapReference : public WeightMapTest
{
protected:
    static void SetUpTestSuite()
    {
        const std::string script = PULC_SOURCE_DIR "/tests/engine/fixtures/make_reference.py";
        const std::string arguments = "--scale 0.25,1.0 --classes 10 --size 64 --batch 3 "
                                      "--student 0.25";
        // The reference model lives in the shared folder; without it SetUp() skips each test.
        if (!fs::exists(pulc::test::sharedPath(kReferenceModel)))
            return;
        const size_t key = std::hash<std::string>{}(
            fileText(script) + fileText(pulc::test::sharedPath(kReferenceModel)) + arguments);
        s_refDir = fs::temp_directory_path() / ("pulc_weightmap_ref_" + std::to_string(key));
        std::error_code ec;
        if (fs::exists(s_refDir / "complete", ec)) {
            s_status = 0;
            return;
        }
        const fs::path partial = s_refDir.string() + ".partial." + std::to_string(::getpid());
        fs::remove_all(partial, ec);
        fs::create_directories(partial, ec);
        s_command = "PULC_SHARED_DIR='" + pulc::test::sharedDir() + "' /usr/bin/python3 '" +
                    script + "' '" + partial.string() + "' " + arguments;
        s_status = std::system(s_command.c_str());
        if (s_status == 0) {
            std::ofstream(partial / "complete") << "make_reference.py " << arguments << "\n";
            fs::rename(partial, s_refDir, ec);
        }
        // Another process may have finished first; its files are the same.
        fs::remove_all(partial, ec);
        if (!fs::exists(s_refDir / "complete", ec))
            s_status = s_status == 0 ? -1 : s_status;
    }
    void SetUp() override
    {
        WeightMapTest::SetUp();
        PULC_NEED_SHARED(kReferenceModel);
        ASSERT_EQ(s_status, 0) << "the fixture script failed (needs python3-torch and "
                                  "python3-numpy): "
                               << s_command;
    }
    static std::string ref(const std::string &tag, const std::string &name)
    {
        return (s_refDir / tag / name).string();
    }

    static inline fs::path s_refDir;
    static inline std::string s_command;
    static inline int s_status = -1;
};

TEST_F(WeightMapReference, LogitsMatchThePyTorchReference)
{
    struct Case
    {
        std::string tag, file, model;
        bool student, channelsLast;
    };
    const Case cases[] = {
        {"x0_25", "model.pdparams", "PPLCNet_x0_25", false, false},
        {"x1_0", "model.pdparams", "PPLCNet_x1_0", false, true},
        {"x0_25", "student.pdparams", "PPLCNet_x0_25", true, false},
    };
    for (const Case &c : cases) {
        SCOPED_TRACE(c.tag + "/" + c.file);
        const std::string file = ref(c.tag, c.file);
        WeightsFile weights;
        std::string error;
        ASSERT_TRUE(readWeightsFile(file, &weights, &error)) << error;

        const PaddleNetGuess guess = guessPaddleNet(weights);
        EXPECT_EQ(guess.model, c.model) << guess.why;
        EXPECT_EQ(guess.classes, 10);
        EXPECT_TRUE(guess.useLastConv);
        EXPECT_EQ(guess.classExpand, 1280);
        EXPECT_EQ(guess.studentPrefix, c.student);

        auto net = freshNet(c.model, 10);
        if (c.channelsLast) // as the trainer loads: into NHWC parameters
            useChannelsLast(*net);
        LoadWeightsReport report;
        ASSERT_TRUE(loadPaddleWeights(*net, c.model, weights, file, {}, &report, &error)) << error;
        // 146 tensors for PP-LCNet with the default head, at every scale
        // (docs/paddleclas-compat.md, 'Weight files').
        EXPECT_EQ(report.tensorsLoaded, 146);
        EXPECT_FALSE(report.headReinitialised);
        EXPECT_EQ(report.messages.empty(), !c.student);

        const fs::path m_dir = fs::path(file).parent_path();
        const torch::Tensor input =
            readFloats(m_dir / "input.bin", shapeOf(m_dir / "shapes.txt", "input"));
        const torch::Tensor expected =
            readFloats(m_dir / "logits.bin", shapeOf(m_dir / "shapes.txt", "logits"));
        net->eval();
        torch::NoGradGuard noGrad;
        const torch::Tensor x = c.channelsLast ? toChannelsLast(input) : input;
        const torch::Tensor logits = net->run(x).logits;
        ASSERT_EQ(logits.sizes(), expected.sizes());
        const double diff = (logits - expected).abs().max().item<double>();
        std::printf("[ parity ] %s %s: max |logits - reference| = %.3g (logits up to %.3g)\n",
                    c.model.c_str(), c.file.c_str(), diff, expected.abs().max().item<double>());
        EXPECT_LT(diff, 1e-4);

        // The test sees the head's 0.8: without it (PyTorch's eval dropout) it would fail.
        NetworkOptions noDownscale;
        noDownscale.name = c.model;
        noDownscale.classes = 10;
        noDownscale.dropout = 0.0;
        auto plain = buildNetwork(noDownscale);
        ASSERT_TRUE(loadPaddleWeights(*plain, c.model, weights, file, {}, nullptr, &error));
        plain->eval();
        EXPECT_GT((plain->run(input).logits - expected).abs().max().item<double>(), 1e-2);
    }
}

TEST_F(WeightMapReference, WrongScaleIsNamed)
{
    const std::string file = ref("x0_25", "model.pdparams");
    WeightsFile weights;
    std::string error;
    ASSERT_TRUE(readWeightsFile(file, &weights, &error)) << error;
    auto net = freshNet("PPLCNet_x1_0", 10);
    const auto before = stateOf(*net);
    EXPECT_FALSE(loadPaddleWeights(*net, "PPLCNet_x1_0", weights, file, {}, nullptr, &error));
    EXPECT_TRUE(contains(error, file)) << error;
    EXPECT_TRUE(contains(error, "'conv1.conv.weight'")) << error;
    EXPECT_TRUE(contains(error, "[8, 3, 3, 3]")) << error;
    EXPECT_TRUE(contains(error, "[16, 3, 3, 3]")) << error;
    EXPECT_TRUE(contains(error, "the file looks like PPLCNet_x0_25")) << error;
    // Nothing was copied: the checks come first.
    for (const auto &[name, value] : stateOf(*net))
        EXPECT_TRUE(torch::equal(value, before.at(name))) << name;
}

TEST_F(WeightMapReference, OtherClassCountKeepsAFreshHeadWhenAllowed)
{
    const std::string file = ref("x0_25", "model.pdparams");
    WeightsFile weights;
    std::string error;
    ASSERT_TRUE(readWeightsFile(file, &weights, &error)) << error;

    auto strict = freshNet("PPLCNet_x0_25", 4);
    EXPECT_FALSE(loadPaddleWeights(*strict, "PPLCNet_x0_25", weights, file, {}, nullptr, &error));
    EXPECT_TRUE(contains(error, "'fc.weight' has shape [1280, 10] in the file but [1280, 4]"))
        << error;

    auto net = freshNet("PPLCNet_x0_25", 4, 3);
    const auto before = stateOf(*net);
    LoadWeightsOptions options;
    options.allowHeadMismatch = true;
    LoadWeightsReport report;
    ASSERT_TRUE(loadPaddleWeights(*net, "PPLCNet_x0_25", weights, file, options, &report, &error))
        << error;
    EXPECT_TRUE(report.headReinitialised);
    EXPECT_EQ(report.tensorsLoaded, 144);
    ASSERT_EQ(report.messages.size(), 1u);
    EXPECT_EQ(report.messages[0], "fc re-initialised: the file has 10 classes, this project 4 "
                                  "(backbone loaded from " +
                                      file + ")");
    const auto after = stateOf(*net);
    for (const char *name : {"conv1.conv.weight", "blocks6.1.se.conv1.bias"}) {
        EXPECT_TRUE(torch::equal(after.at(name), tensorOf(*findArray(weights, name)))) << name;
        EXPECT_FALSE(torch::equal(after.at(name), before.at(name))) << name;
    }
    EXPECT_TRUE(torch::equal(after.at("blocks4.1.pw_conv.bn.running_var"),
                             tensorOf(*findArray(weights, "blocks4.1.pw_conv.bn._variance"))));
    EXPECT_TRUE(torch::equal(after.at("fc.weight"), before.at("fc.weight")));
    EXPECT_TRUE(torch::equal(after.at("fc.bias"), before.at("fc.bias")));
}

TEST_F(WeightMapReference, PretrainedFileIsRecognisedByItsContent)
{
    // Not named .pdparams: the pickle header decides.
    const std::string renamed = path("weights.bin");
    fs::copy_file(ref("x0_25", "student.pdparams"), renamed);
    auto net = freshNet("PPLCNet_x0_25", 3);
    LoadWeightsOptions options;
    options.allowHeadMismatch = true;
    LoadWeightsReport report;
    std::string error;
    ASSERT_TRUE(loadPretrainedInto(*net, "PPLCNet_x0_25", renamed, options, &report, &error))
        << error;
    EXPECT_TRUE(report.headReinitialised);
    EXPECT_EQ(report.tensorsLoaded, 144);
    WeightsFile weights;
    ASSERT_TRUE(readWeightsFile(ref("x0_25", "model.pdparams"), &weights, &error)) << error;
    EXPECT_TRUE(torch::equal(stateOf(*net).at("blocks5.3.dw_conv.conv.weight"),
                             tensorOf(*findArray(weights, "blocks5.3.dw_conv.conv.weight"))));

    // A truncated file: the reader's error, naming it.
    const std::string cut = path("cut.pdparams");
    fs::copy_file(ref("x0_25", "model.pdparams"), cut);
    fs::resize_file(cut, fs::file_size(cut) / 2);
    EXPECT_FALSE(loadPretrainedInto(*net, "PPLCNet_x0_25", cut, options, &report, &error));
    EXPECT_TRUE(contains(error, cut)) << error;
}

TEST_F(WeightMapTest, EveryFamilyRoundTripsThroughPaddleLayout)
{
    struct Case
    {
        std::string model;
        bool useLastConv;
    };
    const Case cases[] = {{"PPLCNet_x0_5", true},
                          {"PPLCNet_x0_35", false},
                          {"ResNet50_vd", true},
                          {"MobileNetV3_small_x0_35", true},
                          {"MobileNetV3_large_x0_5", true}};
    for (const Case &c : cases) {
        SCOPED_TRACE(c.model);
        TrainConfig config;
        config.model = c.model;
        config.useLastConv = c.useLastConv;
        auto net = pulc::test::randomNet(config, 7, 21, 0.3);
        // Scoped so ResNet50_vd's 100 MB copies do not pile up: arrays, then the pickle.
        WeightsFile parsed;
        size_t arrayCount = 0;
        {
            std::vector<NamedArray> arrays = paddleStateDict(*net);
            arrayCount = arrays.size();
            int batchNorms = 0;
            for (const auto &m : net->modules(false))
                batchNorms += m->as<torch::nn::BatchNorm2dImpl>() ? 1 : 0;
            // Every parameter and buffer but num_batches_tracked.
            EXPECT_EQ(arrays.size(),
                      net->named_parameters().size() + net->named_buffers().size() - batchNorms);
            int means = 0;
            int variances = 0;
            for (const NamedArray &a : arrays) {
                EXPECT_FALSE(contains(a.name, "running_") || contains(a.name, "num_batches"))
                    << a.name;
                means += a.name.ends_with(".bn._mean");
                variances += a.name.ends_with(".bn._variance");
            }
            EXPECT_EQ(means, batchNorms);
            EXPECT_EQ(variances, batchNorms);
            // A copy: named_parameters() returns a temporary dict, so a reference into it dangles.
            const torch::Tensor fcWeight = net->named_parameters()["fc.weight"];
            const NamedArray *fc = nullptr;
            for (const NamedArray &a : arrays)
                fc = a.name == "fc.weight" ? &a : fc;
            ASSERT_NE(fc, nullptr);
            EXPECT_EQ(fc->shape, (std::vector<int64_t>{fcWeight.size(1), 7}));
            EXPECT_TRUE(torch::equal(tensorOf(*fc), fcWeight.detach().t()));

            std::vector<uint8_t> bytes = encodeWeights(arrays);
            arrays = {};
            std::string error;
            ASSERT_TRUE(parseWeights(bytes.data(), bytes.size(), "roundtrip", &parsed, &error))
                << error;
        }
        const PaddleNetGuess guess = guessPaddleNet(parsed);
        EXPECT_EQ(guess.model, c.model) << guess.why;
        EXPECT_EQ(guess.classes, 7);
        EXPECT_EQ(guess.useLastConv, c.model.starts_with("ResNet") ? false : c.useLastConv);

        auto fresh = buildNetwork(networkOptions(config, c.model, 7));
        for (const auto &b : fresh->named_buffers()) {
            if (b.key().ends_with("num_batches_tracked"))
                b.value().fill_(5);
        }
        LoadWeightsReport report;
        std::string error;
        ASSERT_TRUE(loadPaddleWeights(*fresh, c.model, parsed, "roundtrip", {}, &report, &error))
            << error;
        parsed = {};
        EXPECT_EQ(report.tensorsLoaded, static_cast<int>(arrayCount));
        fresh->eval();
        const auto wantParameters = net->named_parameters();
        for (const auto &p : fresh->named_parameters())
            EXPECT_TRUE(torch::equal(p.value(), wantParameters[p.key()])) << p.key();
        const auto wantBuffers = net->named_buffers();
        for (const auto &b : fresh->named_buffers()) {
            if (b.key().ends_with("num_batches_tracked"))
                EXPECT_EQ(b.value().item<int64_t>(), 0) << b.key();
            else
                EXPECT_TRUE(torch::equal(b.value(), wantBuffers[b.key()])) << b.key();
        }
        torch::NoGradGuard noGrad;
        const torch::Tensor x = torch::randn({2, 3, 32, 32});
        EXPECT_TRUE(torch::equal(net->run(x).logits, fresh->run(x).logits));
    }
}

TEST_F(WeightMapTest, ForeignAndIncompleteFilesAreNamed)
{
    TrainConfig config;
    config.model = "PPLCNet_x0_25";
    auto net = pulc::test::randomNet(config, 5, 1, 0.3);
    WeightsFile file;
    file.arrays = paddleStateDict(*net);
    std::string error;
    auto target = freshNet("PPLCNet_x0_25", 5);

    WeightsFile extra = file;
    extra.arrays.push_back({"blocks6.1.extra.weight", {2}, {1.0f, 2.0f}, "float32"});
    EXPECT_FALSE(
        loadPaddleWeights(*target, "PPLCNet_x0_25", extra, "extra.pdparams", {}, nullptr, &error));
    EXPECT_TRUE(contains(error, "extra.pdparams: 'blocks6.1.extra.weight' in the file matches "
                                "nothing in PPLCNet_x0_25"))
        << error;

    WeightsFile missing = file;
    std::erase_if(missing.arrays,
                  [](const NamedArray &a) { return a.name == "blocks3.1.pw_conv.bn._variance"; });
    EXPECT_FALSE(loadPaddleWeights(*target, "PPLCNet_x0_25", missing, "missing.pdparams", {},
                                   nullptr, &error));
    EXPECT_TRUE(contains(error, "missing.pdparams: the file has no "
                                "'blocks3.1.pw_conv.bn._variance', which PPLCNet_x0_25 needs "
                                "(shape [16])"))
        << error;

    // Another family: the first key PP-LCNet needs is missing, and the file is recognised.
    TrainConfig mobile;
    mobile.model = "MobileNetV3_small_x0_35";
    WeightsFile other;
    other.arrays = paddleStateDict(*pulc::test::randomNet(mobile, 5, 1, 0.3));
    EXPECT_FALSE(
        loadPaddleWeights(*target, "PPLCNet_x0_25", other, "mobile.pdparams", {}, nullptr, &error));
    EXPECT_TRUE(contains(error, "'conv1.conv.weight'")) << error;
    EXPECT_TRUE(contains(error, "the file looks like MobileNetV3_small_x0_35")) << error;

    // The same scale without last_conv (clarity, image_orientation): said so.
    TrainConfig noLastConv = config;
    noLastConv.useLastConv = false;
    WeightsFile headless;
    headless.arrays = paddleStateDict(*pulc::test::randomNet(noLastConv, 5, 1, 0.3));
    EXPECT_FALSE(loadPaddleWeights(*target, "PPLCNet_x0_25", headless, "headless.pdparams", {},
                                   nullptr, &error));
    EXPECT_TRUE(contains(error, "the file has no 'last_conv.weight'")) << error;
    EXPECT_TRUE(contains(error, "built with use_last_conv: false")) << error;

    const PaddleNetGuess unknown = guessPaddleNet(WeightsFile{});
    EXPECT_EQ(unknown.model, "");
    EXPECT_FALSE(unknown.why.empty());
}

TEST_F(WeightMapTest, CheckpointOfAnotherClassCountStartsABackbone)
{
    auto source = freshNet("PPLCNet_x0_25", 3, 4);
    pulc::test::randomiseParameters(*source, 0.3);
    CheckpointMeta meta;
    meta.config = pulc::test::tinyConfig();
    meta.classNames = {"a", "b", "c"};
    fs::create_directories(path("run"));
    std::string error;
    ASSERT_TRUE(saveCheckpoint(path("run/best.ckpt"), meta, *source, nullptr, nullptr, nullptr,
                               nullptr, &error))
        << error;

    LoadWeightsOptions options;
    options.allowHeadMismatch = true;
    auto net = freshNet("PPLCNet_x0_25", 5);
    useChannelsLast(*net);
    const auto before = stateOf(*net);
    LoadWeightsReport report;
    // A run folder resolves to its best.ckpt.
    ASSERT_TRUE(loadPretrainedInto(*net, "PPLCNet_x0_25", path("run"), options, &report, &error))
        << error;
    EXPECT_TRUE(report.headReinitialised);
    EXPECT_EQ(report.tensorsLoaded, 144);
    ASSERT_EQ(report.messages.size(), 1u);
    EXPECT_TRUE(contains(report.messages[0], "the file has 3 classes, this project 5")) << error;
    EXPECT_TRUE(contains(report.messages[0], path("run/best.ckpt"))) << error;
    const auto want = stateOf(*source);
    const auto got = stateOf(*net);
    for (const char *name : {"conv1.conv.weight", "blocks5.2.pw_conv.bn.running_mean",
                             "blocks6.0.se.conv2.bias", "last_conv.weight"})
        EXPECT_TRUE(torch::equal(got.at(name), want.at(name))) << name;
    EXPECT_TRUE(torch::equal(got.at("fc.weight"), before.at("fc.weight")));

    auto strict = freshNet("PPLCNet_x0_25", 5);
    EXPECT_FALSE(
        loadPretrainedInto(*strict, "PPLCNet_x0_25", path("run/best.ckpt"), {}, nullptr, &error));
    EXPECT_TRUE(contains(error, path("run/best.ckpt"))) << error;
    EXPECT_TRUE(contains(error, "'fc.weight'")) << error;

    auto wider = freshNet("PPLCNet_x0_5", 5);
    EXPECT_FALSE(loadPretrainedInto(*wider, "PPLCNet_x0_5", path("run/best.ckpt"), options, nullptr,
                                    &error));
    EXPECT_TRUE(contains(error, "the file looks like PPLCNet_x0_25")) << error;

    std::ofstream(path("notes.txt")) << "not weights\n";
    EXPECT_FALSE(
        loadPretrainedInto(*net, "PPLCNet_x0_25", path("notes.txt"), options, nullptr, &error));
    EXPECT_TRUE(contains(error, path("notes.txt"))) << error;
    EXPECT_FALSE(loadPretrainedInto(*net, "PPLCNet_x0_25", path("absent.pdparams"), options,
                                    nullptr, &error));
    EXPECT_TRUE(contains(error, path("absent.pdparams"))) << error;
}

TEST_F(WeightMapReference, TrainingStartsFromAPdparamsFile)
{
    const std::string file = ref("x0_25", "model.pdparams");
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(path("images"), 2, 32);
    job.config = pulc::test::tinyConfig();
    job.config.epochs = 1;
    job.config.maxStepsPerEpoch = 1;
    // A learning rate far below float32's resolution at these weights' magnitudes: the step
    // leaves them as the file had them (BN statistics do move). 0 is refused by the config.
    job.config.learningRate = 1e-20;
    job.config.pretrained = file;
    job.runDir = path("run");
    std::vector<std::pair<LogLevel, std::string>> logs;
    JobCallbacks callbacks;
    callbacks.onLog = [&](LogLevel level, const std::string &m) { logs.emplace_back(level, m); };
    const TrainResult result = train(job, callbacks);
    ASSERT_EQ(result.status, TrainResult::Status::Finished) << result.error;
    bool warned = false;
    bool started = false;
    for (const auto &[level, message] : logs) {
        warned = warned || (level == LogLevel::Warning &&
                            message == "fc re-initialised: the file has 10 classes, this project "
                                       "3 (backbone loaded from " +
                                           file + ")");
        started = started ||
                  message == "starting from pretrained weights " + file + ": 144 tensors loaded";
    }
    EXPECT_TRUE(warned);
    EXPECT_TRUE(started);

    WeightsFile weights;
    std::string error;
    ASSERT_TRUE(readWeightsFile(file, &weights, &error)) << error;
    LoadedCheckpoint checkpoint;
    ASSERT_TRUE(openCheckpoint(result.lastCheckpoint, &checkpoint, &error)) << error;
    std::vector<std::string> names;
    std::vector<torch::Tensor> tensors;
    ASSERT_TRUE(readModuleTensors(checkpoint, "model", &names, &tensors, &error)) << error;
    std::map<std::string, torch::Tensor> saved;
    for (size_t i = 0; i < names.size(); ++i)
        saved[names[i]] = tensors[i];
    // Random SE biases and a 5x5 depthwise conv: a fresh network has zeros / other values.
    for (const char *name :
         {"blocks6.1.se.conv2.bias", "blocks5.3.dw_conv.conv.weight", "last_conv.weight"})
        EXPECT_TRUE(torch::allclose(saved.at(name), tensorOf(*findArray(weights, name)), 0.0, 1e-9))
            << name;
    EXPECT_EQ(saved.at("fc.weight").sizes(), (std::vector<int64_t>{3, 1280}));

    // A damaged file and a foreign one fail the job, naming the file.
    for (const std::string &bad : {path("cut.pdparams"), path("foreign.pdparams")}) {
        if (bad.ends_with("cut.pdparams")) {
            fs::copy_file(file, bad);
            fs::resize_file(bad, 100);
        } else {
            std::ofstream(bad) << "{\"weights\": []}\n";
        }
        TrainJob broken = job;
        broken.config.pretrained = bad;
        broken.runDir = path("broken");
        const TrainResult r = train(broken);
        EXPECT_EQ(r.status, TrainResult::Status::Failed) << bad;
        EXPECT_TRUE(contains(r.error, bad)) << r.error;
    }
}

TEST_F(WeightMapReference, PdparamsTeacherIsLoadedStrictly)
{
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(path("images"), 2, 32);
    job.config = pulc::test::tinyConfig();
    job.config.epochs = 1;
    job.config.maxStepsPerEpoch = 1;
    job.config.distill.mode = DistillMode::SklUgi;
    job.config.distill.teacherModel = "PPLCNet_x0_25";
    job.runDir = path("run");

    // A 10-class teacher cannot teach 3 classes: no head tolerance here.
    job.teacherCheckpoint = ref("x0_25", "model.pdparams");
    TrainResult r = train(job);
    EXPECT_EQ(r.status, TrainResult::Status::Failed);
    EXPECT_TRUE(contains(r.error, job.teacherCheckpoint)) << r.error;
    EXPECT_TRUE(contains(r.error, "'fc.weight'")) << r.error;
    EXPECT_TRUE(contains(r.error, "a teacher must be a PPLCNet_x0_25 that predicts this "
                                  "project's 3 classes"))
        << r.error;

    TrainConfig teacherConfig;
    teacherConfig.model = "PPLCNet_x0_25";
    std::string error;
    const std::string teacherFile = path("teacher.pdparams");
    ASSERT_TRUE(writeWeightsFile(
        teacherFile, paddleStateDict(*pulc::test::randomNet(teacherConfig, 3, 9, 0.3)), &error))
        << error;
    job.teacherCheckpoint = teacherFile;
    job.runDir = path("run2");
    std::vector<std::string> logs;
    JobCallbacks callbacks;
    callbacks.onLog = [&](LogLevel, const std::string &m) { logs.push_back(m); };
    r = train(job, callbacks);
    ASSERT_EQ(r.status, TrainResult::Status::Finished) << r.error;
    EXPECT_NE(std::find(logs.begin(), logs.end(),
                        "teacher PPLCNet_x0_25 loaded from " + teacherFile + " (146 tensors)"),
              logs.end());
}

} // namespace
