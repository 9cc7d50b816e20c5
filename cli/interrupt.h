#pragma once
// Ctrl+C for long CLI commands (import, train): the first SIGINT asks the job to stop at its
// next safe point; a second one ends the process at once.

namespace pulc::cli {

/// Clears the flag and installs the SIGINT handler.
void watchInterrupt();
/// True once Ctrl+C was pressed after watchInterrupt(). Async-signal-safe to set, any thread
/// may read.
bool interrupted();
/// Restores the default SIGINT behaviour.
void stopWatchingInterrupt();

} // namespace pulc::cli
