#include "evaluatepage.h"

// Stub until the page is written.
namespace pulc::ui {
EvaluatePage::EvaluatePage(ProjectSession *, ProjectRuns *, QWidget *parent)
    : QWidget(parent)
{}
EvaluatePage::~EvaluatePage() = default;
void EvaluatePage::showRun(qint64) {}
} // namespace pulc::ui
