#include "engine/train/losses.h"

#include <torch/nn/functional/loss.h>

#include <algorithm>

namespace pulc::engine {

namespace {

constexpr double kDmlEps = 1e-12;

bool smoothingOn(double epsilon)
{
    return epsilon > 0.0 && epsilon < 1.0;
}

torch::Tensor smooth(const torch::Tensor &targets, double epsilon)
{
    const double classes = static_cast<double>(targets.size(-1));
    return targets * (1.0 - epsilon) + epsilon / classes;
}

/// One direction of DMLLoss's KL without the *C factor (the caller sums over classes).
torch::Tensor klTerms(const torch::Tensor &x, const torch::Tensor &target)
{
    return target * torch::log((target + kDmlEps) / (x + kDmlEps));
}

} // namespace

torch::Tensor crossEntropy(const torch::Tensor &logits, const torch::Tensor &labels, double epsilon,
                           bool reduceMean)
{
    const torch::Tensor logProbs = torch::log_softmax(logits, -1);
    torch::Tensor perSample;
    if (smoothingOn(epsilon)) {
        const torch::Tensor onehot =
            torch::one_hot(labels.to(torch::kLong), logits.size(-1)).to(logProbs.dtype());
        perSample = -(logProbs * smooth(onehot, epsilon)).sum(-1);
    } else {
        perSample = -logProbs.gather(-1, labels.to(torch::kLong).unsqueeze(-1)).squeeze(-1);
    }
    return reduceMean ? perSample.mean() : perSample;
}

torch::Tensor softTargetCrossEntropy(const torch::Tensor &logits, const torch::Tensor &targets,
                                     double epsilon)
{
    const torch::Tensor soft = smoothingOn(epsilon) ? smooth(targets, epsilon) : targets;
    return -(soft * torch::log_softmax(logits, -1)).sum(-1).mean();
}

torch::Tensor multiLabelWeights(const torch::Tensor &targets, const torch::Tensor &positiveRatio)
{
    const torch::Tensor known = (targets > -1).to(torch::kFloat);
    if (!positiveRatio.defined())
        return known;
    const torch::Tensor positive = (targets > 0.5).to(torch::kFloat);
    const torch::Tensor ratio = positiveRatio.to(torch::kFloat).unsqueeze(0);
    return torch::exp(positive * (1.0 - ratio) + (1.0 - positive) * ratio) * known;
}

torch::Tensor multiLabelLoss(const torch::Tensor &logits, const torch::Tensor &targets,
                             const torch::Tensor &positiveRatio, bool reduceMean)
{
    namespace F = torch::nn::functional;
    const torch::Tensor target = targets.to(logits.dtype());
    // -1 entries are masked by a zero weight; clamping keeps their (discarded) BCE finite.
    const torch::Tensor cost = F::binary_cross_entropy_with_logits(
        logits, target.clamp(0.0, 1.0),
        F::BinaryCrossEntropyWithLogitsFuncOptions().reduction(torch::kNone));
    const torch::Tensor perSample =
        (cost * multiLabelWeights(target, positiveRatio).to(cost.dtype())).sum(1);
    return reduceMean ? perSample.mean() : perSample;
}

std::vector<float> positiveRatios(const std::vector<std::vector<float>> &targets, int classes)
{
    const size_t width = static_cast<size_t>(std::max(0, classes));
    std::vector<double> positives(width, 0.0);
    std::vector<double> known(width, 0.0);
    for (const std::vector<float> &row : targets) {
        const size_t n = std::min(width, row.size());
        for (size_t j = 0; j < n; ++j) {
            if (row[j] <= -1.0f)
                continue;
            known[j] += 1.0;
            if (row[j] > 0.5f)
                positives[j] += 1.0;
        }
    }
    std::vector<float> ratios(width, 0.0f);
    for (size_t j = 0; j < width; ++j) {
        if (known[j] > 0.0)
            ratios[j] = static_cast<float>(positives[j] / known[j]);
    }
    return ratios;
}

torch::Tensor dmlLoss(const torch::Tensor &studentLogits, const torch::Tensor &teacherLogits,
                      bool sigmoid, const torch::Tensor &elementWeights)
{
    const auto activate = [sigmoid](const torch::Tensor &z) {
        return sigmoid ? torch::sigmoid(z) : torch::softmax(z, -1);
    };
    const torch::Tensor s = activate(studentLogits);
    const torch::Tensor t = activate(teacherLogits);
    torch::Tensor elements = (klTerms(s, t) + klTerms(t, s)) / 2.0;
    if (elementWeights.defined())
        elements = elements * elementWeights.to(elements.dtype());
    return elements.sum(-1).mean();
}

torch::Tensor featureL2Loss(const torch::Tensor &a, const torch::Tensor &b)
{
    return torch::mse_loss(a, b); // reduction mean, like paddle.nn.MSELoss()
}

} // namespace pulc::engine
