#include "predictpage.h"

// Stub until the page is written.
namespace pulc::ui {
PredictPage::PredictPage(ProjectSession *, ProjectRuns *, QWidget *parent)
    : QWidget(parent)
{}
PredictPage::~PredictPage() = default;
void PredictPage::addPaths(const QStringList &) {}
void PredictPage::showRun(qint64) {}
} // namespace pulc::ui
