#include "trainpage.h"

// Stub until the page is written.
namespace pulc::ui {
TrainPage::TrainPage(ProjectSession *, ProjectRuns *, QWidget *parent)
    : QWidget(parent)
{}
TrainPage::~TrainPage() = default;
bool TrainPage::isTraining() const
{
    return false;
}
void TrainPage::stopAndWait() {}
} // namespace pulc::ui
