#pragma once
// Internal to engine/ (torch-free): a run folder's text records. metrics.jsonl holds one JSON
// object per line ({"event":"step",...}, {"event":"epoch",...}) for plots and other tools;
// train.log holds the log lines with a timestamp.

#include "engine/training.h"

#include <fstream>
#include <map>
#include <string>

namespace pulc::engine {

/// Appends to runDir/metrics.jsonl and runDir/train.log. Not thread-safe (the training thread
/// owns it). Lines are flushed as written, so a kill loses at most the line in flight.
class RunLog
{
public:
    /// Opens (appending) the two files; returns an error naming the file, or "".
    std::string open(const std::string &runDir);
    /// Drops metrics.jsonl lines past `globalStep` (written after the checkpoint a resumed run
    /// continues from), so a resumed run's record has each step once.
    void truncateAfter(int64_t globalStep);

    void step(const StepInfo &step);
    void epoch(const EpochInfo &epoch);
    void log(LogLevel level, const std::string &message);

    /// The metrics of `epoch` as written to metrics.jsonl, or empty.
    std::map<std::string, double> epochMetrics(int epoch) const;

private:
    std::string m_metricsPath;
    std::ofstream m_metrics;
    std::ofstream m_log;
    int64_t m_lastGlobalStep = 0;
};

/// A JSON number (null for NaN and infinities, which JSON cannot hold).
std::string jsonNumber(double value);
/// A JSON string literal with escapes.
std::string jsonString(const std::string &text);

} // namespace pulc::engine
