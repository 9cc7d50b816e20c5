#pragma once
// A page of the main window (Export, Predict, ...) on a project opened with its runs, for the page
// tests that need a trained run (TrainedProject in datafixtures.h).

#include "datafixtures.h"

#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>

#include <QString>

#include <memory>

/// The session, its runs and a `Page` built on them. Page takes (ProjectSession *, ProjectRuns *).
template<typename Page> struct PageOnProjectBase
{
    pulc::ui::ProjectSession session;
    pulc::ui::ProjectRuns runs{&session};
    std::unique_ptr<Page> page;

    /// Opens `dir` with its runs (openWithRuns), then makes the page; false on a timeout.
    bool openPage(const QString &dir, int timeoutMs)
    {
        if (!openWithRuns(session, runs, dir, timeoutMs))
            return false;
        page = std::make_unique<Page>(&session, &runs);
        return true;
    }
};
