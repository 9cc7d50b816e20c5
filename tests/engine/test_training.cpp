// The training loop's contracts on a tiny generated dataset: checkpoints round-trip and refuse
// damaged or foreign files, a stopped run resumes to exactly the weights of an uninterrupted
// one, metrics.jsonl records every step once, and evaluate() (through the Predictor) reproduces
// the validation numbers the trainer reported.
#include "trainingfixture.h"

#include "engine/models.h"
#include "engine/nets/network.h"
#include "engine/predictor.h"
#include "engine/train/checkpoint.h"
#include "engine/training.h"

#include "tempdirtest.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace {

using namespace pulc::engine;
namespace fs = std::filesystem;

class TrainingTest : public pulc::test::TempDirTest
{
protected:
    TrainingTest()
        : TempDirTest("training")
    {}
};

std::vector<std::string> readLines(const std::string &file)
{
    std::vector<std::string> lines;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);)
        lines.push_back(line);
    return lines;
}

/// The lines with the values of "img_per_s" and "seconds" blanked (they measure the machine).
std::vector<std::string> withoutTimings(std::vector<std::string> lines)
{
    static const std::regex timing("\"(img_per_s|seconds)\":[-0-9.e]+");
    for (std::string &line : lines)
        line = std::regex_replace(line, timing, "\"$1\":_");
    return lines;
}

/// The student's weights and buffers of a checkpoint, by name.
std::map<std::string, torch::Tensor> weightsOf(const std::string &checkpointPath)
{
    LoadedCheckpoint checkpoint;
    std::string error;
    EXPECT_TRUE(openCheckpoint(checkpointPath, &checkpoint, &error)) << error;
    NetworkOptions options;
    options.name = checkpoint.meta.config.model;
    options.classes = static_cast<int64_t>(checkpoint.meta.classNames.size());
    auto net = buildNetwork(options);
    EXPECT_TRUE(restoreModule(checkpoint, "model", *net, &error)) << error;
    std::map<std::string, torch::Tensor> out;
    for (const auto &p : net->named_parameters())
        out[p.key()] = p.value().detach().clone();
    for (const auto &b : net->named_buffers())
        out[b.key()] = b.value().detach().clone();
    return out;
}

/// The small run (2 epochs of 3 steps) that the resume tests stop or kill and compare with.
TrainJob shortRun(const std::string &images, const std::string &runDir)
{
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(images, 8, 32);
    job.config = pulc::test::tinyConfig();
    job.config.maxStepsPerEpoch = 3;
    job.runDir = runDir;
    return job;
}

/// A resumed run `resumed` ended with the weights of the uninterrupted run `straight`.
void expectSameWeights(const TrainResult &straight, const TrainResult &resumed)
{
    const auto wa = weightsOf(straight.lastCheckpoint);
    const auto wc = weightsOf(resumed.lastCheckpoint);
    ASSERT_EQ(wa.size(), wc.size());
    for (const auto &[name, tensor] : wa)
        EXPECT_TRUE(torch::allclose(tensor, wc.at(name), 1e-6, 1e-7)) << name;
}

// Training runs NHWC (oneDNN's channels-last kernels); it must compute what NCHW computes, also
// at the scales whose channel counts are not multiples of 16 (where Debian's LibTorch has a
// known fused-kernel bug in its inference path).
TEST(ChannelsLast, SameLogitsAndGradientsAtEveryScale)
{
    for (const ModelSpec &spec : knownModels()) {
        if (spec.family != "PPLCNet")
            continue;
        NetworkOptions options;
        options.name = spec.name;
        options.classes = 5;
        options.dropout = 0.0;
        torch::manual_seed(3);
        auto plain = buildNetwork(options);
        torch::manual_seed(3);
        auto nhwc = buildNetwork(options);
        useChannelsLast(*nhwc);
        plain->train();
        nhwc->train();
        const torch::Tensor x = torch::randn({2, 3, 48, 48});
        const torch::Tensor a = plain->run(x).logits;
        const torch::Tensor b = nhwc->run(toChannelsLast(x)).logits;
        EXPECT_LE((a - b).abs().max().item<double>(), 1e-3 * a.abs().max().item<double>() + 1e-5)
            << spec.name;
        a.pow(2).sum().backward();
        b.pow(2).sum().backward();
        const auto pa = plain->named_parameters();
        const auto pb = nhwc->named_parameters();
        for (const auto &item : pa) {
            const torch::Tensor ga = item.value().grad();
            const torch::Tensor gb = pb[item.key()].grad();
            // Relative to the tensor's own magnitude: both layouts sum thousands of float32
            // products in different orders, so they differ by up to ~1e-4 of the largest
            // gradient (8.4e-5 worst on an AMD EPYC, up to 1.1e-4 seen on another machine and BLAS
            // build); a layout bug gives errors of the order of the values themselves.
            const double magnitude = ga.abs().max().item<double>();
            EXPECT_LE((ga - gb).abs().max().item<double>(), 2e-3 * magnitude + 1e-6)
                << spec.name << " " << item.key();
        }
    }
}

TEST_F(TrainingTest, CheckpointRoundTripAndDamage)
{
    NetworkOptions options;
    options.name = "PPLCNet_x0_25";
    options.classes = 3;
    torch::manual_seed(1);
    auto net = buildNetwork(options);
    CheckpointMeta meta;
    meta.config = pulc::test::tinyConfig();
    meta.classNames = {"a", "b", "c"};
    meta.epochsDone = 3;
    meta.nextBatch = 2;
    meta.globalStep = 17;
    meta.bestEpoch = 2;
    meta.bestValue = 0.75;
    std::string error;
    const std::string file = path("net.ckpt");
    ASSERT_TRUE(saveCheckpoint(file, meta, *net, nullptr, nullptr, nullptr, nullptr, &error))
        << error;
    EXPECT_FALSE(fs::exists(file + ".partial"));

    LoadedCheckpoint loaded;
    ASSERT_TRUE(openCheckpoint(file, &loaded, &error)) << error;
    EXPECT_EQ(loaded.meta.classNames, meta.classNames);
    EXPECT_EQ(loaded.meta.epochsDone, 3);
    EXPECT_EQ(loaded.meta.nextBatch, 2);
    EXPECT_EQ(loaded.meta.globalStep, 17);
    EXPECT_EQ(loaded.meta.bestEpoch, 2);
    EXPECT_DOUBLE_EQ(loaded.meta.bestValue, 0.75);
    EXPECT_EQ(loaded.meta.config.model, "PPLCNet_x0_25");
    EXPECT_EQ(loaded.meta.config.inputWidth, 32);
    torch::manual_seed(2);
    auto other = buildNetwork(options);
    ASSERT_TRUE(restoreModule(loaded, "model", *other, &error)) << error;
    const auto a = net->named_parameters();
    const auto b = other->named_parameters();
    for (const auto &item : a)
        EXPECT_TRUE(torch::equal(item.value(), b[item.key()])) << item.key();

    // A model of another width does not fit: the first mismatching weight is named.
    options.name = "PPLCNet_x0_5";
    auto wider = buildNetwork(options);
    EXPECT_FALSE(restoreModule(loaded, "model", *wider, &error));
    EXPECT_NE(error.find("has shape"), std::string::npos) << error;

    // Truncated: damaged, and the file is named.
    const auto size = fs::file_size(file);
    const std::string cut = path("cut.ckpt");
    fs::copy_file(file, cut);
    fs::resize_file(cut, size / 2);
    LoadedCheckpoint bad;
    EXPECT_FALSE(openCheckpoint(cut, &bad, &error));
    EXPECT_NE(error.find(cut), std::string::npos) << error;
    EXPECT_NE(error.find("damaged"), std::string::npos) << error;

    // A LibTorch archive that is not ours.
    const std::string foreign = path("foreign.pt");
    torch::serialize::OutputArchive archive;
    archive.write("weight", torch::ones({2, 2}));
    archive.save_to(foreign);
    EXPECT_FALSE(openCheckpoint(foreign, &bad, &error));
    EXPECT_NE(error.find("not a PULC Studio checkpoint"), std::string::npos) << error;

    // Not there at all.
    EXPECT_FALSE(openCheckpoint(path("missing.ckpt"), &bad, &error));
    EXPECT_NE(error.find("no such checkpoint"), std::string::npos) << error;
}

TEST_F(TrainingTest, StoppedRunResumesToTheSameWeights)
{
    const TrainJob straight = shortRun(path("images"), path("straight"));
    const TrainResult a = train(straight);
    ASSERT_EQ(a.status, TrainResult::Status::Finished) << a.error;
    EXPECT_EQ(a.epochsDone, 2);

    // The same run stopped after its 4th step (inside epoch 2), then resumed.
    TrainJob stopped = straight;
    stopped.runDir = path("stopped");
    int steps = 0;
    JobCallbacks callbacks;
    callbacks.onStep = [&](const StepInfo &) { ++steps; };
    callbacks.shouldAbort = [&] { return steps >= 4; };
    const TrainResult b = train(stopped, callbacks);
    ASSERT_EQ(b.status, TrainResult::Status::Stopped) << b.error;
    EXPECT_EQ(b.epochsDone, 1);
    EXPECT_TRUE(fs::exists(b.lastCheckpoint));

    stopped.resume = true;
    stopped.config.epochs = 99; // ignored on resume: the checkpoint's config wins
    int resumedSteps = 0;
    JobCallbacks counting;
    counting.onStep = [&](const StepInfo &s) {
        ++resumedSteps;
        EXPECT_EQ(s.epoch, 2);
    };
    const TrainResult c = train(stopped, counting);
    ASSERT_EQ(c.status, TrainResult::Status::Finished) << c.error;
    EXPECT_EQ(resumedSteps, 2); // steps 2 and 3 of epoch 2
    EXPECT_EQ(c.epochsDone, 2);

    expectSameWeights(a, c);

    // metrics.jsonl: 6 steps and 2 epochs, each once, also in the resumed run.
    for (const std::string &dir : {straight.runDir, stopped.runDir}) {
        int stepLines = 0;
        int epochLines = 0;
        for (const std::string &line : readLines(dir + "/metrics.jsonl")) {
            stepLines += line.rfind("{\"event\":\"step\"", 0) == 0 ? 1 : 0;
            epochLines += line.rfind("{\"event\":\"epoch\"", 0) == 0 ? 1 : 0;
        }
        EXPECT_EQ(stepLines, 6) << dir;
        EXPECT_EQ(epochLines, 2) << dir;
    }
    // Losses, learning rates and metrics agree to the last digit; only timings differ.
    EXPECT_EQ(withoutTimings(readLines(straight.runDir + "/metrics.jsonl")),
              withoutTimings(readLines(stopped.runDir + "/metrics.jsonl")));
}

// A killed process writes no checkpoint of its own: before checkpoints within an epoch, a run
// killed in its first epoch had no last.ckpt and could not be resumed at all. Here the "kill"
// is an exception from the step callback, which ends train() without the stop's checkpoint;
// the run keeps the one written every 2 steps, and resuming from it (in the middle of epoch 1)
// ends with the weights and metrics of an uninterrupted run.
TEST_F(TrainingTest, RunKilledInItsFirstEpochResumesFromTheMidEpochCheckpoint)
{
    const TrainJob straight = shortRun(path("images"), path("straight"));
    const TrainResult a = train(straight);
    ASSERT_EQ(a.status, TrainResult::Status::Finished) << a.error;

    TrainJob killed = straight;
    killed.runDir = path("killed");
    killed.config.saveIntervalSteps = 2;
    JobCallbacks killing;
    killing.onStep = [](const StepInfo &s) {
        if (s.globalStep == 3)
            throw std::runtime_error("killed");
    };
    const TrainResult b = train(killed, killing);
    ASSERT_EQ(b.status, TrainResult::Status::Failed);
    LoadedCheckpoint left;
    std::string error;
    ASSERT_TRUE(openCheckpoint(killed.runDir + "/last.ckpt", &left, &error)) << error;
    EXPECT_EQ(left.meta.epochsDone, 0);
    EXPECT_EQ(left.meta.nextBatch, 2);
    EXPECT_EQ(left.meta.globalStep, 2);

    killed.resume = true;
    std::vector<std::pair<int, int>> resumedSteps; // (epoch, step)
    JobCallbacks counting;
    counting.onStep = [&](const StepInfo &s) { resumedSteps.emplace_back(s.epoch, s.step); };
    const TrainResult c = train(killed, counting);
    ASSERT_EQ(c.status, TrainResult::Status::Finished) << c.error;
    EXPECT_EQ(c.epochsDone, 2);
    const std::vector<std::pair<int, int>> expected = {{1, 3}, {2, 1}, {2, 2}, {2, 3}};
    EXPECT_EQ(resumedSteps, expected);

    expectSameWeights(a, c);
    EXPECT_EQ(withoutTimings(readLines(straight.runDir + "/metrics.jsonl")),
              withoutTimings(readLines(killed.runDir + "/metrics.jsonl")));
}

TEST_F(TrainingTest, EvaluateMatchesTheTrainersValidation)
{
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(path("images"), 8, 32);
    job.config = pulc::test::tinyConfig();
    job.config.epochs = 1;
    job.runDir = path("run");
    EpochInfo last;
    JobCallbacks callbacks;
    callbacks.onEpoch = [&](const EpochInfo &e) { last = e; };
    const TrainResult result = train(job, callbacks);
    ASSERT_EQ(result.status, TrainResult::Status::Finished) << result.error;
    EXPECT_EQ(last.mainMetric, "top1");
    ASSERT_TRUE(last.metrics.count("val_loss"));

    const EvalResult eval =
        evaluate(result.checkpoint, job.data.val, Task::SingleLabel, {}, 1, job.data.classNames);
    ASSERT_TRUE(eval.ok) << eval.error;
    EXPECT_DOUBLE_EQ(eval.metrics.at("top1"), last.metrics.at("top1"));
    EXPECT_NEAR(eval.metrics.at("val_loss"), last.metrics.at("val_loss"), 1e-5);
    ASSERT_EQ(eval.confusion.size(), 3u);
    int64_t total = 0;
    for (const auto &row : eval.confusion)
        for (int64_t v : row)
            total += v;
    EXPECT_EQ(total, static_cast<int64_t>(job.data.val.size()));

    // Classes that no longer match the model are refused.
    const EvalResult renamed =
        evaluate(result.checkpoint, job.data.val, Task::SingleLabel, {}, 1, {"x", "y", "z"});
    EXPECT_FALSE(renamed.ok);

    Predictor predictor;
    const Status loaded = predictor.load(result.checkpoint, 1);
    ASSERT_TRUE(loaded) << loaded.error;
    const Prediction p = predictor.predictFile(job.data.val.front().path, 2);
    ASSERT_TRUE(p.ok) << p.error;
    ASSERT_EQ(p.top.size(), 2u);
    EXPECT_GE(p.top[0].score, p.top[1].score);
    float sum = 0;
    for (float s : p.scores)
        sum += s;
    EXPECT_NEAR(sum, 1.0f, 1e-5);
    EXPECT_EQ(p.scores, eval.samples.front().scores);

    std::ofstream(path("broken.png")) << "not an image";
    const Prediction broken = predictor.predictFile(path("broken.png"));
    EXPECT_FALSE(broken.ok);
    EXPECT_NE(broken.error.find(path("broken.png")), std::string::npos) << broken.error;
}

TEST_F(TrainingTest, CorruptTrainingImageIsSkippedAndLogged)
{
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(path("images"), 4, 32);
    std::ofstream(job.data.train[1].path, std::ios::trunc) << "garbage";
    job.config = pulc::test::tinyConfig();
    job.config.epochs = 1;
    job.runDir = path("run");
    std::vector<std::string> warnings;
    JobCallbacks callbacks;
    callbacks.onLog = [&](LogLevel level, const std::string &message) {
        if (level == LogLevel::Warning)
            warnings.push_back(message);
    };
    EpochInfo last;
    callbacks.onEpoch = [&](const EpochInfo &e) { last = e; };
    const TrainResult result = train(job, callbacks);
    ASSERT_EQ(result.status, TrainResult::Status::Finished) << result.error;
    EXPECT_EQ(last.skippedImages, 1);
    ASSERT_FALSE(warnings.empty());
    EXPECT_NE(warnings.front().find(job.data.train[1].path), std::string::npos) << warnings.front();
}

TEST_F(TrainingTest, LastBatchOfOneImageIsLeftOut)
{
    // BatchNorm cannot train on a batch of one: 9 images in batches of 8 would end each epoch
    // with one, which LibTorch refuses ("Expected more than 1 value per channel").
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(path("images"), 4, 32);
    job.data.train.resize(9);
    job.config = pulc::test::tinyConfig();
    job.config.epochs = 1;
    job.runDir = path("run");
    int steps = 0;
    std::vector<std::string> notes;
    JobCallbacks callbacks;
    callbacks.onStep = [&](const StepInfo &step) {
        ++steps;
        EXPECT_EQ(step.stepsPerEpoch, 1);
    };
    callbacks.onLog = [&](LogLevel, const std::string &message) { notes.push_back(message); };
    const TrainResult result = train(job, callbacks);
    ASSERT_EQ(result.status, TrainResult::Status::Finished) << result.error;
    EXPECT_EQ(steps, 1);
    EXPECT_TRUE(std::any_of(notes.begin(), notes.end(), [](const std::string &n) {
        return n.find("single image") != std::string::npos;
    }));
}

TEST_F(TrainingTest, BadJobsFailWithAMessage)
{
    TrainJob job;
    job.data = pulc::test::makeShapesDataset(path("images"), 2, 32);
    job.config = pulc::test::tinyConfig();
    job.runDir = path("run");

    TrainJob noTrain = job;
    noTrain.data.train.clear();
    TrainResult r = train(noTrain);
    EXPECT_EQ(r.status, TrainResult::Status::Failed);
    EXPECT_NE(r.error.find("no labelled images"), std::string::npos) << r.error;

    TrainJob oneClass = job;
    oneClass.data.classNames = {"only"};
    r = train(oneClass);
    EXPECT_EQ(r.status, TrainResult::Status::Failed);
    EXPECT_NE(r.error.find("at least 2 classes"), std::string::npos) << r.error;

    TrainJob noTeacher = job;
    noTeacher.config.distill.mode = DistillMode::SklUgi;
    r = train(noTeacher);
    EXPECT_EQ(r.status, TrainResult::Status::Failed);
    EXPECT_NE(r.error.find("teacher"), std::string::npos) << r.error;

    TrainJob resumeNothing = job;
    resumeNothing.runDir = path("empty");
    resumeNothing.resume = true;
    r = train(resumeNothing);
    EXPECT_EQ(r.status, TrainResult::Status::Failed);
    EXPECT_NE(r.error.find("last.ckpt"), std::string::npos) << r.error;
}

TEST_F(TrainingTest, DistillationModesRun)
{
    TrainJob teacherJob;
    teacherJob.data = pulc::test::makeShapesDataset(path("images"), 4, 32);
    teacherJob.config = pulc::test::tinyConfig();
    teacherJob.config.epochs = 1;
    teacherJob.runDir = path("teacher");
    const TrainResult teacher = train(teacherJob);
    ASSERT_EQ(teacher.status, TrainResult::Status::Finished) << teacher.error;

    for (const DistillMode mode : {DistillMode::SklUgi, DistillMode::Dml, DistillMode::Udml}) {
        TrainJob job = teacherJob;
        job.runDir = path("student_" + toString(mode));
        job.config.distill.mode = mode;
        job.teacherCheckpoint = teacher.checkpoint;
        // SKL-UGI also trains on unlabeled images.
        job.data.unlabeled = {job.data.val.front()};
        job.data.unlabeled.front().label = -1;
        std::vector<std::string> logs;
        JobCallbacks callbacks;
        callbacks.onLog = [&](LogLevel, const std::string &m) { logs.push_back(m); };
        const TrainResult r = train(job, callbacks);
        ASSERT_EQ(r.status, TrainResult::Status::Finished) << toString(mode) << ": " << r.error;
        if (mode == DistillMode::SklUgi) {
            bool added = false;
            for (const std::string &m : logs)
                added = added || m.find("1 unlabeled images added") != std::string::npos;
            EXPECT_TRUE(added);
        }
    }
}

} // namespace
