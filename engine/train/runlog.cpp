#include "engine/train/runlog.h"

#include "engine/deploy/textescape.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <sstream>
#include <vector>

namespace pulc::engine {
namespace {

/// Reads a number after `"key":` in a line written by RunLog; false when absent or null.
bool numberAfter(const std::string &line, const std::string &key, double *value)
{
    const std::string needle = "\"" + key + "\":";
    const size_t at = line.find(needle);
    if (at == std::string::npos)
        return false;
    const char *start = line.c_str() + at + needle.size();
    char *end = nullptr;
    *value = std::strtod(start, &end);
    return end != start;
}

std::string timestamp()
{
    const std::time_t now = std::time(nullptr);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
    return buffer;
}

} // namespace

std::string jsonNumber(double value)
{
    if (!std::isfinite(value))
        return "null";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.8g", value);
    return buffer;
}

std::string jsonString(const std::string &text)
{
    return quoted(text, QuoteRules::Json);
}

std::string RunLog::open(const std::string &runDir)
{
    namespace fs = std::filesystem;
    m_metricsPath = (fs::path(runDir) / "metrics.jsonl").string();
    m_metrics.open(m_metricsPath, std::ios::app);
    if (!m_metrics)
        return m_metricsPath + ": cannot open for writing";
    const std::string logPath = (fs::path(runDir) / "train.log").string();
    m_log.open(logPath, std::ios::app);
    if (!m_log)
        return logPath + ": cannot open for writing";
    return {};
}

void RunLog::truncateAfter(int64_t globalStep)
{
    m_metrics.close();
    std::vector<std::string> kept;
    {
        std::ifstream in(m_metricsPath);
        for (std::string line; std::getline(in, line);) {
            double step = 0;
            if (line.empty() || line.back() != '}')
                continue; // a line cut by a kill
            if (numberAfter(line, "global_step", &step) && step > double(globalStep))
                continue;
            kept.push_back(line);
        }
    }
    const std::string temporary = m_metricsPath + ".partial";
    {
        std::ofstream out(temporary, std::ios::trunc);
        for (const std::string &line : kept)
            out << line << '\n';
    }
    std::rename(temporary.c_str(), m_metricsPath.c_str());
    m_metrics.open(m_metricsPath, std::ios::app);
}

void RunLog::step(const StepInfo &s)
{
    m_metrics << "{\"event\":\"step\",\"epoch\":" << s.epoch << ",\"step\":" << s.step
              << ",\"global_step\":" << s.globalStep << ",\"loss\":" << jsonNumber(s.loss)
              << ",\"lr\":" << jsonNumber(s.learningRate)
              << ",\"img_per_s\":" << jsonNumber(s.imagesPerSecond) << "}\n";
    m_metrics.flush();
    m_lastGlobalStep = s.globalStep;
}

void RunLog::epoch(const EpochInfo &e)
{
    m_metrics << "{\"event\":\"epoch\",\"epoch\":" << e.epoch
              << ",\"global_step\":" << m_lastGlobalStep << ",\"seconds\":" << jsonNumber(e.seconds)
              << ",\"skipped\":" << e.skippedImages << ",\"best\":" << (e.best ? "true" : "false")
              << (e.bestIsEma ? ",\"best_is_ema\":true" : "")
              << ",\"main\":" << jsonString(e.mainMetric) << ",\"metrics\":{";
    bool first = true;
    for (const auto &[key, value] : e.metrics) {
        m_metrics << (first ? "" : ",") << jsonString(key) << ":" << jsonNumber(value);
        first = false;
    }
    m_metrics << "}}\n";
    m_metrics.flush();
}

void RunLog::log(LogLevel level, const std::string &message)
{
    if (!m_log.is_open())
        return;
    const char *name = level == LogLevel::Error     ? "error"
                       : level == LogLevel::Warning ? "warning"
                                                    : "info";
    m_log << timestamp() << ' ' << name << ": " << message << '\n';
    m_log.flush();
}

std::map<std::string, double> RunLog::epochMetrics(int epoch) const
{
    std::map<std::string, double> metrics;
    std::ifstream in(m_metricsPath);
    const std::string head = "{\"event\":\"epoch\",\"epoch\":" + std::to_string(epoch) + ",";
    for (std::string line; std::getline(in, line);) {
        if (line.rfind(head, 0) != 0)
            continue;
        const size_t at = line.find("\"metrics\":{");
        if (at == std::string::npos)
            continue;
        metrics.clear();
        std::string body = line.substr(at + 11);
        std::istringstream fields(body.substr(0, body.find('}')));
        for (std::string field; std::getline(fields, field, ',');) {
            const size_t colon = field.find("\":");
            if (colon == std::string::npos || field.size() < 2)
                continue;
            const std::string key = field.substr(1, colon - 1);
            const std::string value = field.substr(colon + 2);
            if (value != "null")
                metrics[key] = std::strtod(value.c_str(), nullptr);
        }
    }
    return metrics;
}

} // namespace pulc::engine
