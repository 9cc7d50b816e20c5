#include "trainconfigform.h"

// Stub until the form is written.
namespace pulc::ui {
TrainConfigForm::TrainConfigForm(ProjectRuns *, QWidget *parent)
    : QWidget(parent)
{}
TrainConfigForm::~TrainConfigForm() = default;
void TrainConfigForm::setConfig(const pulc::engine::TrainConfig &) {}
pulc::engine::TrainConfig TrainConfigForm::config() const
{
    return {};
}
void TrainConfigForm::setProjectTask(pulc::engine::Task, const QStringList &) {}
void TrainConfigForm::setLocked(bool) {}
} // namespace pulc::ui
