#pragma once

namespace pulc::cli {

/// Runs the `pulc` command line: parses argv, runs one command, prints human text or one JSON
/// object (`--json`) on stdout and errors on stderr. Returns the process exit code: 0 success,
/// 1 failure, 2 bad usage. Needs a QCoreApplication to exist.
int run(int argc, char **argv);

} // namespace pulc::cli
