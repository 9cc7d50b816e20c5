#include "augmentpreview.h"

// Stub until the preview is written.
namespace pulc::ui {
AugmentPreview::AugmentPreview(ProjectSession *, QWidget *parent)
    : QWidget(parent)
{}
AugmentPreview::~AugmentPreview() = default;
void AugmentPreview::setConfig(const pulc::engine::TrainConfig &) {}
void AugmentPreview::resample() {}
void AugmentPreview::waitForDone() {}
int AugmentPreview::renderedCount() const
{
    return 0;
}
} // namespace pulc::ui
