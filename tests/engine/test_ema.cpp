// The model EMA (docs/paddleclas-compat.md, 'Model EMA'): the update's numbers on a tiny module,
// a run with EMA that reports the average's metrics and keeps the better weights in best.ckpt,
// a model trained the same with EMA on or off, and resume to bit-identical EMA weights, also
// from a checkpoint written without one.
#include "trainingfixture.h"

#include "engine/configfile.h"
#include "engine/nets/network.h"
#include "engine/train/checkpoint.h"
#include "engine/train/ema.h"
#include "engine/train/optimizer.h"
#include "engine/training.h"

#include "tempdirtest.h"

#include <gtest/gtest.h>

#include <torch/torch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

/// A Linear and a BatchNorm1d: parameters, float buffers and an integer buffer.
struct Tiny : torch::nn::Module
{
    Tiny()
    {
        fc = register_module("fc", torch::nn::Linear(2, 1));
        bn = register_module("bn", torch::nn::BatchNorm1d(1));
    }
    torch::nn::Linear fc{nullptr};
    torch::nn::BatchNorm1d bn{nullptr};
};

void setModel(Tiny &m, std::vector<float> weight, float bias, float mean, float var,
              int64_t batches)
{
    torch::NoGradGuard noGrad;
    m.fc->weight.copy_(torch::tensor(weight).view({1, 2}));
    m.fc->bias.fill_(bias);
    m.bn->running_mean.fill_(mean);
    m.bn->running_var.fill_(var);
    m.bn->num_batches_tracked.fill_(batches);
}

TEST(ModelEma, AveragesParametersAndBatchNormStatisticsAndCopiesCounters)
{
    Tiny model, average;
    setModel(model, {1, 2}, 0.5f, 0, 1, 0);
    ModelEma ema(model, average, 0.75);
    ema.reset();
    EXPECT_TRUE(torch::equal(average.fc->weight, model.fc->weight));
    const void *storage = average.fc->weight.data_ptr();

    // decay 0.75: ema = 0.75 ema + 0.25 model (all values exact in float).
    setModel(model, {3, 4}, 1.5f, 2, 3, 5);
    ema.update();
    EXPECT_TRUE(torch::equal(average.fc->weight, torch::tensor({{1.5f, 2.5f}})))
        << average.fc->weight;
    EXPECT_EQ(average.fc->bias.item<float>(), 0.75f);
    EXPECT_EQ(average.bn->running_mean.item<float>(), 0.5f);
    EXPECT_EQ(average.bn->running_var.item<float>(), 1.5f);
    EXPECT_EQ(average.bn->num_batches_tracked.item<int64_t>(), 5);

    setModel(model, {5, 0}, 1.5f, 2, 3, 7);
    ema.update();
    EXPECT_TRUE(torch::equal(average.fc->weight, torch::tensor({{2.375f, 1.875f}})))
        << average.fc->weight;
    EXPECT_EQ(average.fc->bias.item<float>(), 0.9375f);
    EXPECT_EQ(average.bn->running_mean.item<float>(), 0.875f);
    EXPECT_EQ(average.bn->running_var.item<float>(), 1.875f);
    EXPECT_EQ(average.bn->num_batches_tracked.item<int64_t>(), 7); // copied, not averaged

    // In place: the average keeps its storage, and the model is not touched.
    EXPECT_EQ(average.fc->weight.data_ptr(), storage);
    EXPECT_TRUE(torch::equal(model.fc->weight, torch::tensor({{5.0f, 0.0f}})));
    EXPECT_EQ(model.bn->num_batches_tracked.item<int64_t>(), 7);
}

TEST(ModelEma, RefusesNetworksOfAnotherShape)
{
    struct Wider : torch::nn::Module
    {
        Wider()
        {
            register_module("fc", torch::nn::Linear(3, 1));
            register_module("bn", torch::nn::BatchNorm1d(1));
        }
    };
    Tiny model;
    Wider other;
    try {
        ModelEma ema(model, other, 0.9);
        FAIL() << "a network of another shape was accepted";
    } catch (const std::invalid_argument &e) {
        EXPECT_NE(std::string(e.what()).find("fc.weight"), std::string::npos) << e.what();
    }
}

class EmaTrainingTest : public pulc::test::TempDirTest
{
protected:
    EmaTrainingTest()
        : TempDirTest("ema")
    {}

    /// 2 epochs of 3 steps with EMA at `decay`.
    TrainJob shortRun(const std::string &runDir, double decay) const
    {
        TrainJob job;
        job.data = pulc::test::makeShapesDataset(path("images"), 8, 32);
        job.config = pulc::test::tinyConfig();
        job.config.maxStepsPerEpoch = 3;
        job.config.emaDecay = decay;
        job.runDir = path(runDir);
        return job;
    }
};

/// Part `part` ("model" or "ema") of a checkpoint, by name.
std::map<std::string, torch::Tensor> weightsOf(const std::string &file, const std::string &part)
{
    LoadedCheckpoint checkpoint;
    std::string error;
    EXPECT_TRUE(openCheckpoint(file, &checkpoint, &error)) << error;
    std::vector<std::string> names;
    std::vector<at::Tensor> tensors;
    EXPECT_TRUE(readModuleTensors(checkpoint, part, &names, &tensors, &error)) << error;
    std::map<std::string, torch::Tensor> out;
    for (size_t i = 0; i < names.size(); ++i)
        out[names[i]] = tensors[i];
    return out;
}

/// Same names and bit-identical tensors.
void expectIdentical(const std::map<std::string, torch::Tensor> &a,
                     const std::map<std::string, torch::Tensor> &b)
{
    ASSERT_EQ(a.size(), b.size());
    for (const auto &[name, tensor] : a)
        EXPECT_TRUE(torch::equal(tensor, b.at(name))) << name;
}

std::vector<std::string> epochLinesWithoutTimings(const std::string &file)
{
    static const std::regex timing("\"(img_per_s|seconds)\":[-0-9.e]+");
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        lines.push_back(std::regex_replace(line, timing, "\"$1\":_"));
    return lines;
}

TEST_F(EmaTrainingTest, RunReportsEmaMetricsAndKeepsTheBetterWeights)
{
    TrainJob job = shortRun("run", 0.5);
    job.config.epochs = 1; // best.ckpt is then this epoch's model or EMA
    std::vector<EpochInfo> epochs;
    std::vector<std::string> logs;
    JobCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochInfo &e) { epochs.push_back(e); };
    callbacks.onLog = [&](LogLevel, const std::string &line) { logs.push_back(line); };
    const TrainResult result = train(job, callbacks);
    ASSERT_EQ(result.status, TrainResult::Status::Finished) << result.error;
    ASSERT_EQ(epochs.size(), 1u);
    const EpochInfo &e = epochs[0];
    ASSERT_TRUE(e.metrics.count("top1"));
    ASSERT_TRUE(e.metrics.count("ema_top1"));
    ASSERT_TRUE(e.metrics.count("ema_val_loss"));
    EXPECT_EQ(e.metrics.count("ema_train_loss"), 0u);
    EXPECT_EQ(e.mainMetric, "top1");
    EXPECT_TRUE(e.best);
    EXPECT_EQ(e.bestIsEma, e.metrics.at("ema_top1") > e.metrics.at("top1"));
    EXPECT_EQ(result.bestIsEma, e.bestIsEma);
    EXPECT_EQ(std::count(logs.begin(), logs.end(),
                         "model EMA on (decay 0.5): the average is validated beside the model "
                         "every epoch and the better of the two is kept"),
              1);

    // best.ckpt's model is the winner's weights, and evaluates to the winner's number.
    const auto best = weightsOf(result.checkpoint, "model");
    expectIdentical(best, weightsOf(result.lastCheckpoint, e.bestIsEma ? "ema" : "model"));
    const EvalResult eval =
        evaluate(result.checkpoint, job.data.val, Task::SingleLabel, {}, 1, job.data.classNames);
    ASSERT_TRUE(eval.ok) << eval.error;
    EXPECT_DOUBLE_EQ(eval.metrics.at("top1"), e.metrics.at(e.bestIsEma ? "ema_top1" : "top1"));
    // The EMA after 3 steps at decay 0.5 is not the model.
    const auto model = weightsOf(result.lastCheckpoint, "model");
    const auto average = weightsOf(result.lastCheckpoint, "ema");
    EXPECT_FALSE(torch::equal(model.at("fc.weight"), average.at("fc.weight")));
    // The written config says EMA in PaddleClas's words.
    std::ifstream config(job.runDir + "/config.yml");
    const std::string text((std::istreambuf_iterator<char>(config)), {});
    EXPECT_NE(text.find("\nEMA:\n  decay: 0.5\n"), std::string::npos) << text;
}

TEST_F(EmaTrainingTest, EmaDoesNotChangeHowTheModelTrains)
{
    const TrainResult plain = train(shortRun("plain", 0.0));
    const TrainResult averaged = train(shortRun("ema", 0.9));
    ASSERT_EQ(plain.status, TrainResult::Status::Finished) << plain.error;
    ASSERT_EQ(averaged.status, TrainResult::Status::Finished) << averaged.error;
    expectIdentical(weightsOf(plain.lastCheckpoint, "model"),
                    weightsOf(averaged.lastCheckpoint, "model"));
    LoadedCheckpoint checkpoint;
    std::string error;
    ASSERT_TRUE(openCheckpoint(plain.lastCheckpoint, &checkpoint, &error)) << error;
    EXPECT_FALSE(hasModulePart(checkpoint, "ema"));
}

TEST_F(EmaTrainingTest, StoppedRunResumesToBitIdenticalEmaWeights)
{
    const TrainJob straight = shortRun("straight", 0.9);
    const TrainResult a = train(straight);
    ASSERT_EQ(a.status, TrainResult::Status::Finished) << a.error;

    // Stopped after its 4th step (inside epoch 2), then resumed.
    TrainJob stopped = shortRun("stopped", 0.9);
    int steps = 0;
    JobCallbacks callbacks;
    callbacks.onStep = [&](const StepInfo &) { ++steps; };
    callbacks.shouldAbort = [&] { return steps >= 4; };
    const TrainResult b = train(stopped, callbacks);
    ASSERT_EQ(b.status, TrainResult::Status::Stopped) << b.error;
    stopped.resume = true;
    stopped.config.emaDecay = 0.0; // ignored on resume: the checkpoint's config wins
    const TrainResult c = train(stopped);
    ASSERT_EQ(c.status, TrainResult::Status::Finished) << c.error;

    expectIdentical(weightsOf(a.lastCheckpoint, "ema"), weightsOf(c.lastCheckpoint, "ema"));
    expectIdentical(weightsOf(a.lastCheckpoint, "model"), weightsOf(c.lastCheckpoint, "model"));
    expectIdentical(weightsOf(a.checkpoint, "model"), weightsOf(c.checkpoint, "model"));
    EXPECT_EQ(a.bestIsEma, c.bestIsEma);
    EXPECT_EQ(epochLinesWithoutTimings(straight.runDir + "/metrics.jsonl"),
              epochLinesWithoutTimings(stopped.runDir + "/metrics.jsonl"));
}

TEST_F(EmaTrainingTest, CheckpointWithoutEmaResumesWithTheEmaFromTheCurrentWeights)
{
    // A run stopped without EMA, its last.ckpt rewritten with EMA in the config but no EMA
    // weights: what a checkpoint from before EMA looks like to a run that has it on.
    TrainJob job = shortRun("run", 0.0);
    int steps = 0;
    JobCallbacks stopping;
    stopping.onStep = [&](const StepInfo &) { ++steps; };
    stopping.shouldAbort = [&] { return steps >= 4; };
    ASSERT_EQ(train(job, stopping).status, TrainResult::Status::Stopped);
    const std::string last = job.runDir + "/last.ckpt";
    {
        LoadedCheckpoint checkpoint;
        std::string error;
        ASSERT_TRUE(openCheckpoint(last, &checkpoint, &error)) << error;
        const TrainConfig &config = checkpoint.meta.config;
        auto net = buildNetwork(networkOptions(config, config.model, 3));
        useChannelsLast(*net);
        ASSERT_TRUE(restoreModule(checkpoint, "model", *net, &error)) << error;
        SgdSetup sgd = makeSgd(*net, config);
        ASSERT_TRUE(restoreOptimizer(checkpoint, "optimizer", *sgd.optimizer, &error)) << error;
        ASSERT_TRUE(restoreRng(checkpoint, &error)) << error;
        CheckpointMeta meta = checkpoint.meta;
        meta.config.emaDecay = 0.9;
        ASSERT_TRUE(saveCheckpoint(last, meta, *net, sgd.optimizer.get(), nullptr, nullptr, nullptr,
                                   &error))
            << error;
    }
    job.resume = true;
    std::vector<std::string> warnings;
    std::vector<EpochInfo> epochs;
    JobCallbacks callbacks;
    callbacks.onLog = [&](LogLevel level, const std::string &line) {
        if (level == LogLevel::Warning)
            warnings.push_back(line);
    };
    callbacks.onEpoch = [&](const EpochInfo &e) { epochs.push_back(e); };
    const TrainResult resumed = train(job, callbacks);
    ASSERT_EQ(resumed.status, TrainResult::Status::Finished) << resumed.error;
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0], last + " holds no model EMA (written before EMA was on or by an older "
                                  "PULC Studio): the EMA starts from the current weights");
    ASSERT_EQ(epochs.size(), 1u);
    EXPECT_TRUE(epochs[0].metrics.count("ema_top1"));
    LoadedCheckpoint after;
    std::string error;
    ASSERT_TRUE(openCheckpoint(last, &after, &error)) << error;
    EXPECT_TRUE(hasModulePart(after, "ema"));
}

} // namespace
