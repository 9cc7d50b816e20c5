// Losses, the learning-rate schedule and the optimizer against numbers computed by hand from
// PaddleClas's formulas (docs/paddleclas-compat.md, 'Shared training settings',
// 'Losses and metrics' and 'Distillation').
#include "engine/train/losses.h"
#include "engine/train/optimizer.h"
#include "engine/train/schedule.h"

#include <torch/torch.h>

#include <gtest/gtest.h>

#include <cmath>

namespace {

using namespace pulc::engine;

torch::Tensor rows(std::initializer_list<std::initializer_list<float>> values)
{
    std::vector<float> flat;
    int64_t width = 0;
    for (const auto &row : values) {
        width = static_cast<int64_t>(row.size());
        flat.insert(flat.end(), row.begin(), row.end());
    }
    const auto height = static_cast<int64_t>(values.size());
    return torch::tensor(flat).reshape({height, width});
}

double value(const torch::Tensor &t)
{
    return t.item<double>();
}

// Logits [[1,2,3],[0,0,0]], labels [2,0]: -log_softmax = 0.407606 (= log(1+e^-1+e^-2)) and
// log 3 = 1.098612.
TEST(LossesCrossEntropy, MatchesHandComputedWithoutSmoothing)
{
    const torch::Tensor logits = rows({{1, 2, 3}, {0, 0, 0}});
    const torch::Tensor labels = torch::tensor({2, 0}, torch::kLong);
    EXPECT_NEAR(value(crossEntropy(logits, labels)), 0.7531091, 1e-6);
    const torch::Tensor perSample = crossEntropy(logits, labels, 0.0, false);
    ASSERT_EQ(perSample.numel(), 2);
    EXPECT_NEAR(perSample[0].item<double>(), 0.4076060, 1e-6);
    EXPECT_NEAR(perSample[1].item<double>(), 1.0986123, 1e-6);
}

// eps 0.1, C 3: target row 0 = [1/30, 1/30, 0.9 + 1/30], loss 1/30*(2.407606+1.407606) +
// 0.933333*0.407606 = 0.507606; a uniform row keeps log 3 whatever the smoothing.
TEST(LossesCrossEntropy, LabelSmoothingMatchesHandComputed)
{
    const torch::Tensor logits = rows({{1, 2, 3}, {0, 0, 0}});
    const torch::Tensor labels = torch::tensor({2, 0}, torch::kLong);
    EXPECT_NEAR(value(crossEntropy(logits, labels, 0.1)), 0.8031091, 1e-6);
    const torch::Tensor perSample = crossEntropy(logits, labels, 0.1, false);
    EXPECT_NEAR(perSample[0].item<double>(), 0.5076060, 1e-6);
    // PaddleClas drops an epsilon outside (0, 1): plain CE.
    EXPECT_NEAR(value(crossEntropy(logits, labels, 1.0)), 0.7531091, 1e-6);
}

TEST(LossesCrossEntropy, SoftTargetsMatchHandComputed)
{
    const torch::Tensor logits = rows({{1, 2, 3}, {0, 0, 0}});
    // Row 0: 0.25*2.407606 + 0.75*1.407606 = 1.657606; row 1: log 3.
    const torch::Tensor targets = rows({{0.25f, 0.75f, 0}, {0.5f, 0, 0.5f}});
    EXPECT_NEAR(value(softTargetCrossEntropy(logits, targets)), 1.3781091, 1e-6);
    // One-hot soft targets give the hard-label loss, with and without smoothing.
    const torch::Tensor onehot = rows({{0, 0, 1}, {1, 0, 0}});
    EXPECT_NEAR(value(softTargetCrossEntropy(logits, onehot, 0.1)), 0.8031091, 1e-6);
}

// Logits [[0.5,-1,2],[0,1,-2]], targets [[1,0,-1],[0,1,1]], r [0.2,0.5,0.9]. BCE per element
// is log(1+e^x) - x*t; weights exp(1-r) (positive) / exp(r) (negative) / 0 (-1).
TEST(LossesMultiLabel, WeightedLossMasksUnknownAndMatchesHandComputed)
{
    const torch::Tensor logits = rows({{0.5f, -1.0f, 2.0f}, {0, 1, -2}});
    const torch::Tensor targets = rows({{1, 0, -1}, {0, 1, 1}});
    const torch::Tensor ratio = torch::tensor({0.2f, 0.5f, 0.9f});

    const torch::Tensor perSample = multiLabelLoss(logits, targets, ratio, false);
    EXPECT_NEAR(perSample[0].item<double>(), 1.5715589, 1e-5);
    EXPECT_NEAR(perSample[1].item<double>(), 3.7137121, 1e-5);
    EXPECT_NEAR(value(multiLabelLoss(logits, targets, ratio)), 2.6426355, 1e-5);
    // The masked element does not move the loss whatever its logit.
    const torch::Tensor changed = rows({{0.5f, -1.0f, -30.0f}, {0, 1, -2}});
    EXPECT_NEAR(value(multiLabelLoss(changed, targets, ratio)), 2.6426355, 1e-5);
    // Unweighted: plain BCE sums, -1 still masked.
    EXPECT_NEAR(value(multiLabelLoss(logits, targets, torch::Tensor())), 1.9603378, 1e-5);

    const torch::Tensor w = multiLabelWeights(targets, ratio);
    EXPECT_NEAR(w[0][0].item<double>(), std::exp(0.8), 1e-5);
    EXPECT_NEAR(w[0][1].item<double>(), std::exp(0.5), 1e-5);
    EXPECT_EQ(w[0][2].item<double>(), 0.0);
    EXPECT_NEAR(w[1][2].item<double>(), std::exp(0.1), 1e-5);
}

TEST(LossesMultiLabel, PositiveRatiosIgnoreUnknownLabels)
{
    const std::vector<float> r = positiveRatios({{1, 0, -1}, {1, 1, -1}, {0, -1, -1}, {1, 0}}, 3);
    ASSERT_EQ(r.size(), 3u);
    EXPECT_FLOAT_EQ(r[0], 0.75f);       // 3 of 4
    EXPECT_FLOAT_EQ(r[1], 1.0f / 3.0f); // 1 of 3 known (one -1, one missing)
    EXPECT_FLOAT_EQ(r[2], 0.0f);        // none known
}

// Student [[1,2,0.5],[0,0,1]], teacher [[2,1,0],[0,1,0]]: per sample
// 0.5 * sum_c (t log(t/s) + s log(s/t)) = 0.421464 and 0.364175.
TEST(LossesDml, SymmetricKlMatchesHandComputed)
{
    const torch::Tensor s = rows({{1, 2, 0.5f}, {0, 0, 1}});
    const torch::Tensor t = rows({{2, 1, 0}, {0, 1, 0}});
    EXPECT_NEAR(value(dmlLoss(s, t)), 0.3928195, 1e-6);
    EXPECT_NEAR(value(dmlLoss(t, s)), value(dmlLoss(s, t)), 1e-7);
    EXPECT_EQ(value(dmlLoss(s, s.clone())), 0.0);
    // PaddleClas's reduction: mean over N*C of the elements times C.
    EXPECT_NEAR(value(dmlLoss(s.slice(0, 0, 1), t.slice(0, 0, 1))), 0.4214636, 1e-6);
}

TEST(LossesDml, SigmoidAndElementWeightsMatchHandComputed)
{
    const torch::Tensor s = rows({{1, 2, 0.5f}, {0, 0, 1}});
    const torch::Tensor t = rows({{2, 1, 0}, {0, 1, 0}});
    EXPECT_NEAR(value(dmlLoss(s, t, true)), 0.0645454, 1e-6);
    const torch::Tensor w = rows({{2, 0, 1}, {1, 0.5f, 0}});
    EXPECT_NEAR(value(dmlLoss(s, t, false, w)), 0.2804126, 1e-6);
}

TEST(LossesDml, GradientReachesStudent)
{
    const torch::Tensor s = rows({{1, 2, 0.5f}}).requires_grad_(true);
    const torch::Tensor t = rows({{2, 1, 0}});
    dmlLoss(s, t).backward();
    ASSERT_TRUE(s.grad().defined());
    EXPECT_GT(s.grad().abs().sum().item<double>(), 1e-3);
}

TEST(LossesFeature, L2IsTheMeanSquaredError)
{
    const torch::Tensor a = rows({{1, 2}, {3, 4}});
    EXPECT_DOUBLE_EQ(value(featureL2Loss(a, torch::zeros({2, 2}))), 7.5); // (1+4+9+16)/4
}

TEST(ScheduleCosine, WarmupThenCosine)
{
    const LrSchedule s{0.1, 10, 110};
    EXPECT_DOUBLE_EQ(s.at(0), 0.0);
    EXPECT_DOUBLE_EQ(s.at(5), 0.05);
    EXPECT_DOUBLE_EQ(s.at(10), 0.1);
    EXPECT_NEAR(s.at(35), 0.0853553, 1e-7); // 0.1*(1+cos(pi/4))/2
    EXPECT_NEAR(s.at(60), 0.05, 1e-12);     // middle of the cosine
    EXPECT_NEAR(s.at(110), 0.0, 1e-12);
    EXPECT_NEAR(s.at(500), 0.0, 1e-12); // clamped past the end
}

TEST(ScheduleCosine, StartLrAndEtaMin)
{
    const LrSchedule s{0.1, 10, 110, 0.01, 0.02};
    EXPECT_DOUBLE_EQ(s.at(0), 0.01);
    EXPECT_NEAR(s.at(5), 0.055, 1e-12);
    EXPECT_NEAR(s.at(60), 0.06, 1e-12); // 0.02 + 0.08/2
    EXPECT_NEAR(s.at(110), 0.02, 1e-12);
}

TEST(ScheduleCosine, MakeScheduleFromConfig)
{
    TrainConfig config;
    config.learningRate = 0.2;
    config.epochs = 20;
    config.warmupEpochs = 5;
    LrSchedule s = makeSchedule(config, 7);
    EXPECT_DOUBLE_EQ(s.baseLr, 0.2);
    EXPECT_EQ(s.warmupSteps, 35);
    EXPECT_EQ(s.totalSteps, 140);
    EXPECT_DOUBLE_EQ(s.warmupStartLr, 0.0);
    EXPECT_DOUBLE_EQ(s.etaMin, 0.0);

    config.warmupEpochs = 2.5; // 7.5 steps: Python's round gives 8
    EXPECT_EQ(makeSchedule(config, 3).warmupSteps, 8);
    config.warmupEpochs = 0.5; // 2.5 steps: 2
    EXPECT_EQ(makeSchedule(config, 5).warmupSteps, 2);

    config.epochs = 3; // warm-up longer than the run: clamped, then the base rate
    config.warmupEpochs = 5;
    s = makeSchedule(config, 4);
    EXPECT_EQ(s.warmupSteps, 12);
    EXPECT_DOUBLE_EQ(s.at(6), 0.1);
    EXPECT_DOUBLE_EQ(s.at(12), 0.2);
}

/// conv (stage 0), a BatchNorm deliberately named "norm" (stage 1), fc (base rate) and a frozen
/// layer that must not reach the optimizer.
class TinyNet : public ClassifierNet
{
public:
    TinyNet()
    {
        conv = register_module("conv", torch::nn::Conv2d(torch::nn::Conv2dOptions(1, 2, 1)));
        norm = register_module("norm", torch::nn::BatchNorm2d(2));
        fc = register_module("fc", torch::nn::Linear(2, 3));
        frozen = register_module("frozen", torch::nn::Linear(3, 3));
        for (auto &p : frozen->parameters())
            p.set_requires_grad(false);
    }

    NetOutput run(const torch::Tensor &x, const std::string & = {}) override
    {
        return {frozen(fc(norm(conv(x)).mean({2, 3}))), {}};
    }

    int lrGroupOf(const std::string &name) const override
    {
        if (name.starts_with("conv."))
            return 0;
        if (name.starts_with("norm."))
            return 1;
        return -1;
    }

    torch::nn::Conv2d conv{nullptr};
    torch::nn::BatchNorm2d norm{nullptr};
    torch::nn::Linear fc{nullptr};
    torch::nn::Linear frozen{nullptr};
};

TrainConfig tinyConfig()
{
    TrainConfig config;
    config.learningRate = 0.1;
    config.momentum = 0.9;
    config.weightDecay = 0.1;
    config.lrMult = {0.5, 0.25, 1, 1, 1, 1};
    return config;
}

double groupLr(const torch::optim::SGD &sgd, size_t group)
{
    return static_cast<const torch::optim::SGDOptions &>(sgd.param_groups()[group].options()).lr();
}

TEST(OptimizerSgd, GroupsByMultiplierAndBatchNormDecay)
{
    TinyNet net;
    const SgdSetup setup = makeSgd(net, tinyConfig());
    const auto &groups = setup.optimizer->param_groups();
    ASSERT_EQ(groups.size(), 3u);
    ASSERT_EQ(setup.groupMultipliers, (std::vector<double>{0.5, 0.25, 1.0}));
    ASSERT_EQ(setup.description.size(), 3u);

    const auto options = [&](size_t g) {
        return static_cast<const torch::optim::SGDOptions &>(groups[g].options());
    };
    const auto holds = [&](size_t g, const torch::Tensor &p) {
        for (const auto &q : groups[g].params())
            if (q.is_same(p))
                return true;
        return false;
    };
    EXPECT_TRUE(holds(0, net.conv->weight) && holds(0, net.conv->bias));
    EXPECT_TRUE(holds(1, net.norm->weight) && holds(1, net.norm->bias));
    EXPECT_TRUE(holds(2, net.fc->weight) && holds(2, net.fc->bias));
    for (size_t g = 0; g < 3; ++g)
        EXPECT_EQ(groups[g].params().size(), 2u) << "the frozen layer must be left out";

    EXPECT_DOUBLE_EQ(options(0).weight_decay(), 0.1);
    EXPECT_DOUBLE_EQ(options(1).weight_decay(), 0.0); // BatchNorm, found by type
    EXPECT_DOUBLE_EQ(options(2).weight_decay(), 0.1);
    EXPECT_DOUBLE_EQ(groupLr(*setup.optimizer, 0), 0.05);
    EXPECT_DOUBLE_EQ(groupLr(*setup.optimizer, 1), 0.025);
    EXPECT_DOUBLE_EQ(groupLr(*setup.optimizer, 2), 0.1);
    EXPECT_DOUBLE_EQ(options(0).momentum(), 0.9);

    setLearningRate(*setup.optimizer, setup.groupMultipliers, 0.2);
    EXPECT_DOUBLE_EQ(groupLr(*setup.optimizer, 0), 0.1);
    EXPECT_DOUBLE_EQ(groupLr(*setup.optimizer, 1), 0.05);
    EXPECT_DOUBLE_EQ(groupLr(*setup.optimizer, 2), 0.2);
}

// Every parameter 0.5, every gradient 0.2, lr 0.1, momentum 0.9, wd 0.1 (Paddle Momentum with
// L2Decay: v = 0.9 v + g + wd p, p -= lr*mult*v):
//   fc   (x1,    decayed): 0.5 - 0.1*0.25 = 0.475; v = 0.225 + 0.2475 -> 0.475 - 0.04725
//   conv (x0.5,  decayed): 0.5 - 0.05*0.25 = 0.4875; v = 0.225 + 0.24875 -> 0.4638125
//   norm (x0.25, no decay): 0.5 - 0.025*0.2 = 0.495; v = 0.18 + 0.2 -> 0.495 - 0.0095
TEST(OptimizerSgd, TwoStepsMatchMomentumWithCoupledL2)
{
    TinyNet net;
    SgdSetup setup = makeSgd(net, tinyConfig());
    {
        torch::NoGradGuard noGrad;
        for (auto &p : net.parameters())
            p.fill_(0.5);
    }
    const auto setGrads = [&] {
        for (auto &p : net.parameters())
            if (p.requires_grad())
                p.mutable_grad() = torch::full_like(p, 0.2);
    };
    setGrads();
    setup.optimizer->step();
    EXPECT_NEAR(net.fc->weight[0][0].item<double>(), 0.475, 1e-6);
    EXPECT_NEAR(net.conv->bias[1].item<double>(), 0.4875, 1e-6);
    EXPECT_NEAR(net.norm->weight[0].item<double>(), 0.495, 1e-6);
    setGrads();
    setup.optimizer->step();
    EXPECT_NEAR(net.fc->weight[0][0].item<double>(), 0.42775, 1e-6);
    EXPECT_NEAR(net.conv->bias[1].item<double>(), 0.4638125, 1e-6);
    EXPECT_NEAR(net.norm->bias[0].item<double>(), 0.4855, 1e-6);
    EXPECT_DOUBLE_EQ(net.frozen->weight[0][0].item<double>(), 0.5);
}

} // namespace
