// The deployment bundle's text side: inference.yml written from every scene template reads back
// field by field, PaddleClas's own inference_*.yaml files read as docs/paddleclas-compat.md
// ('Inference pre-processing', 'Post-processing') describes them, the pre-processing it describes
// equals the evaluation's, damaged files are named, and model paths resolve (checkpoint, run
// folder, bundle) or fail with the path in the message.
#include "engine/bundle.h"
#include "engine/deploy/bundlefiles.h"
#include "engine/pipeline.h"
#include "engine/projectjobs.h"
#include "engine/scenes.h"

#include "../shareddata.h"

#include <opencv2/core.hpp>

#include "tempdirtest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include <unistd.h>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

// The Result-returning API in the bool-and-message shape the checks below compare with.
std::string resolved(const std::string &path, std::string *error)
{
    const Result<std::string> r = resolveModelPath(path);
    *error = r.ok() ? std::string() : r.error();
    return r.ok() ? *r : std::string();
}

bool writeYaml(const DeployConfig &deploy, const std::string &path, std::string *error)
{
    const Status written = writeInferenceYaml(deploy, path);
    *error = written.error;
    return written.ok;
}

bool readYaml(const std::string &path, DeployConfig *deploy, std::string *error)
{
    Result<DeployConfig> read = readInferenceYaml(path);
    if (!read) {
        *error = read.error();
        return false;
    }
    *deploy = std::move(*read);
    return true;
}

/// PaddleClas's PULC deploy configs, in the shared folder.
const char *const kPaddleConfigsDir = "data/paddleclas/deploy/configs/PULC";

class BundleTest : public pulc::test::TempDirTest
{
protected:
    BundleTest()
        : TempDirTest("bundle_test")
    {}

    std::string write(const std::string &name, const std::string &text) const
    {
        const fs::path path = m_dir / name;
        fs::create_directories(path.parent_path());
        std::ofstream(path, std::ios::binary) << text;
        return path.string();
    }
};

std::vector<std::string> namesFor(const SceneInfo &scene, const TrainConfig &config)
{
    if (!scene.classNames.empty())
        return scene.classNames;
    const int count = config.task == Task::Binary ? 2 : 7;
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i)
        names.push_back("class " + std::to_string(i));
    return names;
}

void expectSameDeploy(const DeployConfig &a, const DeployConfig &b, const std::string &what)
{
    SCOPED_TRACE(what);
    EXPECT_EQ(a.resizeShort, b.resizeShort);
    EXPECT_EQ(a.resizeWidth, b.resizeWidth);
    EXPECT_EQ(a.resizeHeight, b.resizeHeight);
    EXPECT_EQ(a.cropWidth, b.cropWidth);
    EXPECT_EQ(a.cropHeight, b.cropHeight);
    EXPECT_NEAR(a.scale, b.scale, 1e-8);
    EXPECT_EQ(a.mean, b.mean);
    EXPECT_EQ(a.std, b.std);
    EXPECT_EQ(a.task, b.task);
    if (a.task == Task::SingleLabel) { // Topk only; ThreshOutput has no top-k
        EXPECT_EQ(a.topk, b.topk);
    }
    EXPECT_DOUBLE_EQ(a.threshold, b.threshold);
    EXPECT_EQ(a.classNames, b.classNames);
    EXPECT_EQ(a.cpuThreads, b.cpuThreads);
}

TEST_F(BundleTest, EverySceneTemplateRoundTripsThroughInferenceYaml)
{
    ASSERT_GE(scenes().size(), 10u);
    for (const SceneInfo &scene : scenes()) {
        SCOPED_TRACE(scene.name);
        const TrainConfig config = sceneConfig(scene.name);
        const std::vector<std::string> names = namesFor(scene, config);
        const DeployConfig deploy = deployConfigOf(config, names);
        // What evalTransform does (docs/paddleclas-compat.md, 'Inference pre-processing').
        if (config.resizeShort > 0) {
            EXPECT_EQ(deploy.resizeShort, config.resizeShort);
            EXPECT_EQ(deploy.cropWidth, config.inputWidth);
            EXPECT_EQ(deploy.cropHeight, config.inputHeight);
        } else {
            EXPECT_EQ(deploy.resizeShort, 0);
            EXPECT_EQ(deploy.resizeWidth, config.inputWidth);
            EXPECT_EQ(deploy.resizeHeight, config.inputHeight);
            EXPECT_EQ(deploy.cropWidth, 0);
        }
        EXPECT_EQ(deploy.task, config.task);
        EXPECT_EQ(deploy.topk, std::min(config.topk, int(names.size())));
        EXPECT_DOUBLE_EQ(deploy.threshold, config.threshold);
        EXPECT_EQ(deploy.classNames, names);

        const std::string path = (m_dir / (scene.name + ".yml")).string();
        std::string error;
        ASSERT_TRUE(writeYaml(deploy, path, &error)) << error;
        std::ofstream(m_dir / "labels.txt") << labelsText(names);
        DeployConfig back;
        ASSERT_TRUE(readYaml(path, &back, &error)) << error;
        expectSameDeploy(deploy, back, scene.name);
        EXPECT_EQ(back.classIdMapFile, deploy.classIdMapFile);
    }
}

TEST_F(BundleTest, CustomConfigWithOddNamesAndDirectResizeRoundTrips)
{
    TrainConfig config = sceneConfig("custom");
    config.resizeShort = 0;
    config.inputWidth = 96;
    config.inputHeight = 48;
    config.topk = 9; // more than the classes: capped
    config.threads = 3;
    const std::vector<std::string> names = {"0",          "yes",       "a: b",
                                            "say \"hi\"", "two words", "back\\slash"};
    const DeployConfig deploy = deployConfigOf(config, names);
    EXPECT_EQ(deploy.topk, 6);
    EXPECT_EQ(deploy.resizeWidth, 96);
    EXPECT_EQ(deploy.resizeHeight, 48);
    EXPECT_EQ(deploy.cpuThreads, 3);
    const std::string path = (m_dir / "inference.yml").string();
    std::string error;
    ASSERT_TRUE(writeYaml(deploy, path, &error)) << error;
    // Names come from labels.txt first; without it, from label_list.
    DeployConfig back;
    ASSERT_TRUE(readYaml(path, &back, &error)) << error;
    expectSameDeploy(deploy, back, "label_list");
    write("labels.txt", labelsText(names));
    ASSERT_TRUE(readYaml(path, &back, &error)) << error;
    expectSameDeploy(deploy, back, "labels.txt");

    // A non-square crop is written as [w, h] and read back so.
    config.resizeShort = 80;
    config.inputWidth = 64;
    config.inputHeight = 32;
    config.task = Task::MultiLabel;
    config.threshold = 0.35;
    const DeployConfig multi = deployConfigOf(config, names);
    ASSERT_TRUE(writeYaml(multi, path, &error)) << error;
    ASSERT_TRUE(readYaml(path, &back, &error)) << error;
    expectSameDeploy(multi, back, "multi");
    EXPECT_EQ(back.cropWidth, 64);
    EXPECT_EQ(back.cropHeight, 32);
}

struct PaddleCase
{
    std::string scene;
    int resizeShort, resizeWidth, resizeHeight, crop;
    Task task;
    int topk;
    double threshold;
    std::vector<std::string> firstNames; ///< empty: no names in the file
};

TEST_F(BundleTest, ReadsEveryPaddleClasPulcDeployConfig)
{
    PULC_NEED_SHARED(kPaddleConfigsDir);
    const fs::path paddleConfigs = pulc::test::sharedPath(kPaddleConfigsDir);
    const std::vector<PaddleCase> cases = {
        {"person_exists", 256, 0, 0, 224, Task::Binary, 5, 0.5, {"nobody", "someone"}},
        {"car_exists", 256, 0, 0, 224, Task::Binary, 5, 0.5, {"no_car", "contains_car"}},
        {"safety_helmet",
         256,
         0,
         0,
         224,
         Task::Binary,
         5,
         0.5,
         {"wearing_helmet", "unwearing_helmet"}},
        {"code_exists", 256, 0, 0, 224, Task::Binary, 5, 0.5, {"no_code", "contains_code"}},
        {"clarity_assessment", 256, 0, 0, 224, Task::Binary, 5, 0.5, {"clear", "blur"}},
        {"textline_orientation",
         0,
         160,
         80,
         0,
         Task::SingleLabel,
         1,
         0.5,
         {"0_degree", "180_degree"}},
        {"language_classification", 0, 160, 80, 0, Task::SingleLabel, 2, 0.5, {}},
        {"text_image_orientation",
         256,
         0,
         0,
         224,
         Task::SingleLabel,
         2,
         0.5,
         {"0", "90", "180", "270"}},
        {"traffic_sign", 256, 0, 0, 224, Task::SingleLabel, 5, 0.5, {"pl80", "w9", "p6"}},
        {"person_attribute", 0, 192, 256, 0, Task::MultiLabel, 5, 0.5, {}},
        {"vehicle_attribute", 0, 256, 192, 0, Task::MultiLabel, 5, 0.5, {}},
        {"table_attribute", 0, 224, 224, 0, Task::MultiLabel, 5, 0.5, {}},
    };
    int read = 0;
    for (const PaddleCase &c : cases) {
        SCOPED_TRACE(c.scene);
        const fs::path path = paddleConfigs / c.scene / ("inference_" + c.scene + ".yaml");
        ASSERT_TRUE(fs::exists(path)) << path;
        DeployConfig d;
        std::string error;
        ASSERT_TRUE(readYaml(path.string(), &d, &error)) << error;
        ++read;
        EXPECT_EQ(d.resizeShort, c.resizeShort);
        EXPECT_EQ(d.resizeWidth, c.resizeWidth);
        EXPECT_EQ(d.resizeHeight, c.resizeHeight);
        EXPECT_EQ(d.cropWidth, c.crop);
        EXPECT_EQ(d.cropHeight, c.crop);
        EXPECT_NEAR(d.scale, 1.0 / 255.0, 1e-8); // "0.00392157" and "1.0/255.0" alike
        EXPECT_EQ(d.mean, (std::vector<double>{0.485, 0.456, 0.406}));
        EXPECT_EQ(d.std, (std::vector<double>{0.229, 0.224, 0.225}));
        EXPECT_EQ(d.task, c.task);
        if (c.task == Task::SingleLabel) {
            EXPECT_EQ(d.topk, c.topk);
        }
        EXPECT_DOUBLE_EQ(d.threshold, c.threshold);
        EXPECT_EQ(d.cpuThreads, 10);
        ASSERT_GE(d.classNames.size(), c.firstNames.size());
        for (size_t i = 0; i < c.firstNames.size(); ++i)
            EXPECT_EQ(d.classNames[i], c.firstNames[i]);
    }
    EXPECT_EQ(read, 12);
    // Every deploy config PaddleClas ships is in the table above.
    int files = 0;
    for (const auto &entry : fs::directory_iterator(paddleConfigs))
        files += entry.is_directory() ? 1 : 0;
    EXPECT_EQ(files, 12);
}

TEST_F(BundleTest, AMissingLabelFileLeavesNamesEmptyADamagedOneIsAnError)
{
    const std::string yaml = "PreProcess:\n  transform_ops:\n    - ResizeImage:\n"
                             "        size: [32, 32]\n    - NormalizeImage:\n"
                             "        scale: 0.00392157\n"
                             "PostProcess:\n  main_indicator: Topk\n  Topk:\n    topk: 3\n"
                             "    class_id_map_file: names.txt\n";
    const std::string path = write("sub/inference.yml", yaml);
    DeployConfig d;
    std::string error;
    ASSERT_TRUE(readYaml(path, &d, &error)) << error;
    EXPECT_TRUE(d.classNames.empty());
    EXPECT_EQ(d.classIdMapFile, "names.txt");
    EXPECT_EQ(d.topk, 3);
    EXPECT_EQ(d.cropWidth, 0);

    // Found one folder up, as PaddleClas's files name theirs relative to deploy/.
    write("names.txt", "1 dog\n0 cat\n2 two words\n");
    ASSERT_TRUE(readYaml(path, &d, &error)) << error;
    EXPECT_EQ(d.classNames, (std::vector<std::string>{"cat", "dog", "two words"}));

    const std::string labels = write("sub/names.txt", "0 cat\n0 dog\n");
    EXPECT_FALSE(readYaml(path, &d, &error));
    EXPECT_NE(error.find(labels), std::string::npos) << error;
    write("sub/names.txt", "zero cat\n");
    EXPECT_FALSE(readYaml(path, &d, &error));
    EXPECT_NE(error.find(labels + ":1"), std::string::npos) << error;
}

TEST_F(BundleTest, DamagedInferenceYamlNamesTheFileAndTheKey)
{
    const std::string pre = "PreProcess:\n  transform_ops:\n    - ResizeImage:\n"
                            "        resize_short: 256\n";
    const std::string post = "PostProcess:\n  main_indicator: ThreshOutput\n  ThreshOutput:\n"
                             "    threshold: 0.5\n";
    struct Bad
    {
        std::string text;
        std::string key;
    };
    const std::vector<Bad> bad = {
        {"PreProcess: [\n", "not valid YAML"},
        {"- just\n- a list\n", "top level"},
        {post, "PreProcess.transform_ops"},
        {pre + post, "no NormalizeImage"},
        {pre + "    - NormalizeImage:\n        mean: [0.5, 0.5]\n" + post, "NormalizeImage.mean"},
        {pre + "    - NormalizeImage:\n        scale: lots\n" + post, "NormalizeImage.scale"},
        {pre + "    - NormalizeImage:\n        std: [0, 1, 1]\n" + post, "NormalizeImage.std"},
        {pre + "    - RandFlipImage:\n        flip_code: 1\n    - NormalizeImage: {}\n" + post,
         "RandFlipImage"},
        {"PreProcess:\n  transform_ops:\n    - ResizeImage:\n        resize_short: -3\n"
         "    - NormalizeImage: {}\n" +
             post,
         "ResizeImage.resize_short"},
        {pre + "    - NormalizeImage: {}\n", "PostProcess"},
        {pre + "    - NormalizeImage: {}\nPostProcess:\n  main_indicator: SavePreLabel\n"
               "  SavePreLabel:\n    save_dir: x\n",
         "SavePreLabel"},
        {pre + "    - NormalizeImage: {}\nPostProcess:\n  main_indicator: ThreshOutput\n"
               "  ThreshOutput:\n    threshold: 1.5\n",
         "threshold"},
    };
    for (size_t i = 0; i < bad.size(); ++i) {
        SCOPED_TRACE(bad[i].text);
        const std::string path = write("bad" + std::to_string(i) + ".yml", bad[i].text);
        DeployConfig d;
        d.topk = 77;
        std::string error;
        EXPECT_FALSE(readYaml(path, &d, &error));
        EXPECT_NE(error.find(path), std::string::npos) << error;
        EXPECT_NE(error.find(bad[i].key), std::string::npos) << error;
        EXPECT_EQ(d.topk, 77) << "a failed read must leave the output alone";
    }
    std::string error;
    DeployConfig d;
    const std::string missing = (m_dir / "missing.yml").string();
    EXPECT_FALSE(readYaml(missing, &d, &error));
    EXPECT_NE(error.find(missing), std::string::npos) << error;
}

// A label_list of 100 aliases of one 100 kB name is a 10 MB list from a 100 kB file: the
// expanded tree is bounded as for training configs (engine/config/yamllimits.h).
TEST_F(BundleTest, InferenceYamlAliasExpansionIsBounded)
{
    std::string text = "name: &n " + std::string(100000, 'x') +
                       "\nPreProcess:\n  transform_ops:\n    - ResizeImage:\n"
                       "        resize_short: 256\n    - NormalizeImage: {}\n"
                       "PostProcess:\n  main_indicator: Topk\n  Topk:\n    topk: 1\n"
                       "label_list: [";
    for (int i = 0; i < 100; ++i)
        text += i ? ", *n" : "*n";
    const std::string path = write("aliases.yml", text + "]\n");
    DeployConfig d;
    std::string error;
    EXPECT_FALSE(readYaml(path, &d, &error));
    EXPECT_EQ(error, path + ": the YAML expands to more than 8 MB of text through its aliases "
                            "(*name), far more than any config holds");
    EXPECT_TRUE(d.classNames.empty());
}

TEST_F(BundleTest, DeployTransformEqualsEvalTransform)
{
    cv::Mat rgb(150, 211, CV_8UC3);
    cv::randu(rgb, cv::Scalar::all(0), cv::Scalar::all(255));
    for (const char *scene : {"person_exists", "textline_orientation", "vehicle_attribute"}) {
        SCOPED_TRACE(scene);
        const TrainConfig config = sceneConfig(scene);
        const DeployConfig written = deployConfigOf(config, {"a", "b"});
        const std::string path = (m_dir / "inference.yml").string();
        std::string error;
        ASSERT_TRUE(writeYaml(written, path, &error)) << error;
        DeployConfig deploy;
        ASSERT_TRUE(readYaml(path, &deploy, &error)) << error;
        const AugmentResult a = evalTransform(rgb, config);
        const AugmentResult b = deployTransform(rgb, deploy);
        ASSERT_TRUE(a.ok() && b.ok()) << a.error << b.error;
        ASSERT_EQ(a.image.size(), b.image.size());
        ASSERT_EQ(b.image.cols, config.inputWidth);
        ASSERT_EQ(b.image.rows, config.inputHeight);
        // The YAML's 0.00392157 against 1/255: well below one grey level.
        EXPECT_LT(cv::norm(a.image, b.image, cv::NORM_INF), 1e-5);
    }
}

TEST_F(BundleTest, ResolveModelPathFindsTheCheckpoint)
{
    std::string error;
    const std::string file = write("some.ckpt", "x");
    EXPECT_EQ(resolved(file, &error), file);

    write("bundle/model.ckpt", "x");
    write("bundle/model.onnx", "x");
    EXPECT_EQ(resolved((m_dir / "bundle").string(), &error),
              (m_dir / "bundle" / "model.ckpt").string());

    // A bundle's model.onnx stands for its bundle; a lone ONNX file is named as such.
    EXPECT_EQ(resolved((m_dir / "bundle" / "model.onnx").string(), &error),
              (m_dir / "bundle" / "model.ckpt").string());
    const std::string lone = write("elsewhere/model.onnx", "x");
    error.clear();
    EXPECT_EQ(resolved(lone, &error), "");
    EXPECT_NE(error.find(lone), std::string::npos) << error;
    EXPECT_NE(error.find("ONNX"), std::string::npos) << error;

    write("run/last.ckpt", "x");
    EXPECT_EQ(resolved((m_dir / "run").string(), &error), (m_dir / "run" / "last.ckpt").string());
    write("run/best.ckpt", "x");
    EXPECT_EQ(resolved((m_dir / "run").string(), &error), (m_dir / "run" / "best.ckpt").string());

    fs::create_directories(m_dir / "empty");
    const std::string empty = (m_dir / "empty").string();
    EXPECT_EQ(resolved(empty, &error), "");
    EXPECT_NE(error.find(empty), std::string::npos) << error;
    EXPECT_NE(error.find("not a model"), std::string::npos) << error;

    const std::string missing = (m_dir / "nothing-here").string();
    error.clear();
    EXPECT_EQ(resolved(missing, &error), "");
    EXPECT_NE(error.find(missing), std::string::npos) << error;
    error.clear();
    EXPECT_EQ(resolved("", &error), "");
    EXPECT_FALSE(error.empty());
}

TEST_F(BundleTest, ExportRefusesAFolderOfOtherFilesAndLeavesThem)
{
    const std::string mine = write("out/notes.txt", "keep me");
    ExportOptions options;
    options.outDir = (m_dir / "out").string();
    const ExportResult result = exportRun((m_dir / "no-project").string(), "1", options);
    EXPECT_FALSE(result.ok);
    EXPECT_NE(result.error.find(options.outDir), std::string::npos) << result.error;
    EXPECT_NE(result.error.find("not empty"), std::string::npos) << result.error;
    std::ifstream in(mine);
    std::string text;
    std::getline(in, text);
    EXPECT_EQ(text, "keep me");
    EXPECT_EQ(std::distance(fs::directory_iterator(m_dir), fs::directory_iterator()), 1)
        << "no temporary folder left next to it";

    options.format = "tflite";
    options.outDir = (m_dir / "new").string();
    EXPECT_NE(exportRun("x", "1", options).error.find("tflite"), std::string::npos);
}

TEST_F(BundleTest, LabelsFileIsIdSpaceName)
{
    EXPECT_EQ(labelsText({"cat", "hot dog"}), "0 cat\n1 hot dog\n");
    const std::string path = write("labels.txt", labelsText({"cat", "hot dog"}));
    std::vector<std::string> names;
    std::string error;
    ASSERT_TRUE(readLabelsFile(path, &names, &error)) << error;
    EXPECT_EQ(names, (std::vector<std::string>{"cat", "hot dog"}));
}

} // namespace
