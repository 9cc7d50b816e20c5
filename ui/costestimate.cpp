#include "costestimate.h"

// Stub until the estimate is written.
namespace pulc::ui {
CostEstimate::CostEstimate(QWidget *parent)
    : QWidget(parent)
{}
CostEstimate::~CostEstimate() = default;
void CostEstimate::setConfig(const pulc::engine::TrainConfig &, int, int) {}
void CostEstimate::setPaused(bool) {}
double CostEstimate::secondsPerEpoch() const
{
    return 0.0;
}
} // namespace pulc::ui
