#pragma once
// Internal to engine/ (LibTorch). The model EMA of PaddleClas's `EMA: {decay}` section
// (docs/paddleclas-compat.md, 'Model EMA'): a second network whose whole state follows the
// trained one as an exponential moving average.

#include <torch/nn/module.h>

#include <vector>

namespace pulc::engine {

/// Ties an `average` network to the `model` it follows. Both must have the same parameters and
/// buffers (names, shapes, dtypes, memory formats: build them alike); the tensors are looked up
/// once, so the update allocates nothing. Floating-point parameters and buffers (BatchNorm's
/// running mean and variance included) are averaged, integer buffers (num_batches_tracked) are
/// copied. Not thread-safe; the networks must outlive it.
class ModelEma
{
public:
    /// Throws std::invalid_argument when the two networks differ in their state.
    ModelEma(torch::nn::Module &model, torch::nn::Module &average, double decay);

    /// average = model: where a run starts, and an old checkpoint without EMA resumes.
    void reset();
    /// average = decay * average + (1 - decay) * model, after each optimiser step.
    void update();

    double decay() const { return m_decay; }

private:
    double m_decay;
    std::vector<at::Tensor> m_averaged; ///< the average's floating-point tensors
    std::vector<at::Tensor> m_source;   ///< the model's, in the same order
    std::vector<at::Tensor> m_copied;   ///< the average's integer buffers
    std::vector<at::Tensor> m_copiedSource;
};

} // namespace pulc::engine
