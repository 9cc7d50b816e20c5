#include "interrupt.h"

#include <atomic>
#include <csignal>

namespace pulc::cli {
namespace {

std::atomic<bool> g_interrupted{false};

extern "C" void onInterrupt(int)
{
    g_interrupted = true;
    std::signal(SIGINT, SIG_DFL); // a second Ctrl+C ends the process at once
}

} // namespace

void watchInterrupt()
{
    g_interrupted = false;
    std::signal(SIGINT, onInterrupt);
}

bool interrupted()
{
    return g_interrupted.load();
}

void stopWatchingInterrupt()
{
    std::signal(SIGINT, SIG_DFL);
}

} // namespace pulc::cli
