// .pdparams read speed and memory: writes a weights file shaped like a big state dict (about
// 10 M float32 values, ~40 MB, over ~150 conv/BN/fc arrays) with writeWeightsFile(), reads it
// N times with readWeightsFile() and parses it N times from memory, and times Python's
// pickle.load of the same file side by side when /usr/bin/python3 has NumPy.
//
//   weights_bench [--repeat N] [--values M]
#include "engine/readers/weightsfile.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace pulc::engine;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point start)
{
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

/// Peak RSS of the process (getrusage), in MB.
double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss / 1024.0;
}

/// VmRSS of this process now, in MB (Linux), or -1.
double currentRssMb()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atof(line.c_str() + 6) / 1024.0;
    return -1;
}

/// `--read-once FILE`: what a fresh process needs to read the file once. Prints the peak RSS
/// and the RSS before reading (shared libraries such as LibTorch's), in MB.
int readOnce(const char *path)
{
    const double baseline = currentRssMb();
    WeightsFile weights;
    std::string error;
    if (!readWeightsFile(path, &weights, &error)) {
        std::fprintf(stderr, "%s\n", error.c_str());
        return 1;
    }
    std::printf("%.1f %.1f\n", peakRssMb(), baseline);
    return 0;
}

/// 29 conv layers (weight + BN weight, bias, mean, variance) and an fc, ResNet-like widths
/// scaled so that the total is about `values`.
std::vector<NamedArray> makeStateDict(int64_t values)
{
    const int64_t base[] = {64,  64,  64,  64,  64,  128, 128, 128, 128, 128,
                            128, 128, 256, 256, 256, 256, 256, 256, 256, 256,
                            512, 512, 512, 512, 512, 512, 512, 512, 512};
    double sum = 0;
    for (int64_t c : base)
        sum += 9.0 * c * c;
    const double scale = std::sqrt(double(values) / sum);
    std::mt19937 rng(7);
    std::normal_distribution<float> normal(0.0f, 0.05f);
    auto filled = [&](std::string name, std::vector<int64_t> shape) {
        int64_t n = 1;
        for (int64_t d : shape)
            n *= d;
        NamedArray a{std::move(name), std::move(shape), std::vector<float>(size_t(n)), "float32"};
        for (float &v : a.data)
            v = normal(rng);
        return a;
    };
    std::vector<NamedArray> arrays;
    int64_t previous = 3;
    for (size_t i = 0; i < std::size(base); ++i) {
        const int64_t c = std::max<int64_t>(8, std::llround(base[i] * scale));
        const std::string layer = "blocks." + std::to_string(i);
        arrays.push_back(filled(layer + ".conv.weight", {c, i ? previous : 3, 3, 3}));
        for (const char *part : {".bn.weight", ".bn.bias", ".bn._mean", ".bn._variance"})
            arrays.push_back(filled(layer + part, {c}));
        previous = c;
    }
    arrays.push_back(filled("fc.weight", {previous, 1000}));
    arrays.push_back(filled("fc.bias", {1000}));
    return arrays;
}

/// Median and min of `repeat` pickle.load calls in Python, timed inside Python; false when
/// python3 or NumPy is missing.
bool pythonLoad(const fs::path &file, const fs::path &dir, int repeat, double *medianMs,
                double *minMs, std::string *why)
{
    if (::access("/usr/bin/python3", X_OK) != 0) {
        *why = "/usr/bin/python3 is missing";
        return false;
    }
    const fs::path script = dir / "load.py";
    std::ofstream(script) << "import pickle, sys, time\n"
                             "import numpy\n"
                             "times = []\n"
                             "for _ in range(int(sys.argv[2])):\n"
                             "    start = time.perf_counter()\n"
                             "    with open(sys.argv[1], 'rb') as f:\n"
                             "        d = pickle.load(f)\n"
                             "    times.append((time.perf_counter() - start) * 1000)\n"
                             "    del d\n"
                             "times.sort()\n"
                             "print(times[len(times) // 2], times[0])\n";
    const std::string command = "/usr/bin/python3 " + script.string() + " " + file.string() + " " +
                                std::to_string(repeat) + " 2>&1";
    FILE *pipe = ::popen(command.c_str(), "r");
    if (!pipe) {
        *why = "cannot run python3";
        return false;
    }
    char line[4096] = {};
    const bool got = std::fgets(line, sizeof line, pipe) != nullptr;
    const int status = ::pclose(pipe);
    if (!got || status != 0 || std::sscanf(line, "%lf %lf", medianMs, minMs) != 2) {
        *why = std::string("python3 failed (no numpy?): ") + line;
        return false;
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc == 3 && !std::strcmp(argv[1], "--read-once"))
        return readOnce(argv[2]);
    int repeat = 10;
    int64_t values = 10'000'000;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--repeat"))
            repeat = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--values"))
            values = std::max<int64_t>(1000, std::atoll(argv[i + 1]));
    }
    const fs::path dir =
        fs::temp_directory_path() / ("pulc_weights_bench_" + std::to_string(getpid()));
    fs::create_directories(dir);
    const fs::path file = dir / "model.pdparams";

    std::string error;
    size_t arrayCount = 0;
    double checksum = 0;
    {
        const std::vector<NamedArray> arrays = makeStateDict(values);
        arrayCount = arrays.size();
        int64_t total = 0;
        for (const NamedArray &a : arrays) {
            total += int64_t(a.data.size());
            for (float v : a.data)
                checksum += v;
        }
        const auto start = Clock::now();
        if (!writeWeightsFile(file.string(), arrays, &error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        std::printf("wrote %zu arrays, %lld float32 values, %.1f MB in %.1f ms (encode + write)\n",
                    arrays.size(), static_cast<long long>(total), fs::file_size(file) / 1e6,
                    msSince(start));
    }
    const double fileMb = fs::file_size(file) / 1e6;
    const double rssBeforeRead = peakRssMb();

    std::vector<double> readMs;
    for (int i = 0; i < repeat; ++i) {
        WeightsFile weights;
        const auto start = Clock::now();
        if (!readWeightsFile(file.string(), &weights, &error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        readMs.push_back(msSince(start));
        if (i == 0) {
            double sum = 0;
            for (const NamedArray &a : weights.arrays)
                for (float v : a.data)
                    sum += v;
            if (weights.arrays.size() != arrayCount || sum != checksum) {
                std::fprintf(stderr, "read back other values than written\n");
                return 1;
            }
        }
    }
    // The peak of this process includes the file's generation; a fresh one shows reading's own.
    double readPeak = -1, readBaseline = -1;
    {
        std::error_code ec;
        const fs::path self = fs::read_symlink("/proc/self/exe", ec);
        const std::string command = self.string() + " --read-once " + file.string();
        if (FILE *pipe = ::popen(command.c_str(), "r")) {
            if (std::fscanf(pipe, "%lf %lf", &readPeak, &readBaseline) != 2)
                readPeak = -1;
            ::pclose(pipe);
        }
    }

    std::vector<uint8_t> bytes(fs::file_size(file));
    std::ifstream(file, std::ios::binary)
        .read(reinterpret_cast<char *>(bytes.data()), std::streamsize(bytes.size()));
    std::vector<double> parseMs;
    for (int i = 0; i < repeat; ++i) {
        WeightsFile weights;
        const auto start = Clock::now();
        if (!parseWeights(bytes.data(), bytes.size(), file.string(), &weights, &error)) {
            std::fprintf(stderr, "%s\n", error.c_str());
            return 1;
        }
        parseMs.push_back(msSince(start));
    }

    auto row = [&](const char *what, double med, double min) {
        std::printf("%-32s median %7.1f ms  min %7.1f ms  %7.0f MB/s (at the median)\n", what, med,
                    min, fileMb / (med / 1000));
    };
    std::printf("%d runs each, file %.1f MB\n", repeat, fileMb);
    row("readWeightsFile (page cache)", median(readMs),
        *std::min_element(readMs.begin(), readMs.end()));
    row("parseWeights (from memory)", median(parseMs),
        *std::min_element(parseMs.begin(), parseMs.end()));
    double pyMedian = 0, pyMin = 0;
    std::string why;
    if (pythonLoad(file, dir, repeat, &pyMedian, &pyMin, &why))
        row("python3 pickle.load (numpy)", pyMedian, pyMin);
    else
        std::printf("python3 pickle.load: skipped (%s)\n", why.c_str());
    std::printf("peak RSS (getrusage): %.1f MB for the whole run, %.1f MB before reading\n",
                peakRssMb(), rssBeforeRead);
    if (readPeak > 0)
        std::printf("a fresh process reading it once: peak RSS %.1f MB, %.1f MB before reading "
                    "(libraries): %.1f MB = %.2f x the file for reading\n",
                    readPeak, readBaseline, readPeak - readBaseline,
                    (readPeak - readBaseline) / fileMb);
    fs::remove_all(dir);
    return 0;
}
