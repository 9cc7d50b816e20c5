// Training throughput (images/s) and peak memory, side by side with the PyTorch eager peer.
//
//   train_bench [--scales 0.25,1.0] [--size 224] [--batch 32] [--threads 2] [--steps 12]
//               [--loader-threads N] [--rounds 3] [--images DIR] [--no-peer]
//
// For each scale and round, alternating so the machine's noise hits all alike, it runs in a
// child process each: our model step on in-memory tensors ("step"), our end-to-end training
// from image files with the PULC augmentation ("e2e": the project's decoded-image cache, built
// before the timed steps as a run builds it before its first epoch, then RandCrop, flip,
// normalise in the loader threads, and the step; "e2e-nc": the same without the cache, each
// image decoded every time at the smallest DCT scale the crop allows; both the mean over
// epoch 2 of a two-epoch run, after its first step), and PyTorch 1.13 eager
// with the reference script ("peer", ../shared/bench/torch_train_throughput.py). Prints medians
// of images/s, ratios to the peer, and each child's peak RSS (wait4). "step-nf" is the step
// without the fused BatchNorm + hardswish (PULC_FUSED_BN=0).
//
//   --loader-threads N   loader threads of the e2e children (default: --threads)
#include "engine/benchmark.h"
#include "engine/scenes.h"
#include "engine/training.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <map>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;
using namespace pulc::engine;

double median(std::vector<double> v)
{
    if (v.empty())
        return 0.0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

struct Options
{
    std::vector<double> scales{0.25, 1.0};
    int size = 224;
    int batch = 32;
    int threads = 2;
    int loaderThreads = 0; ///< 0: threads
    int steps = 12;
    int rounds = 3;
    std::string images = PULC_SHARED_DIR "/data/paddleclas/deploy/images";
    std::string peerScript = PULC_SHARED_DIR "/bench/torch_train_throughput.py";
    bool peer = true;
};

std::string modelName(double scale)
{
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.2f", scale);
    std::string s(buffer);
    while (s.back() == '0')
        s.pop_back();
    if (s.back() == '.')
        s += '0';
    std::replace(s.begin(), s.end(), '.', '_');
    return "PPLCNet_x" + s;
}

TrainConfig benchConfig(const Options &o, double scale)
{
    TrainConfig config = sceneConfig("custom");
    config.model = modelName(scale);
    config.trainHeight = config.trainWidth = o.size;
    config.inputHeight = config.inputWidth = o.size;
    config.batchSize = o.batch;
    config.threads = o.threads;
    config.loaderThreads = o.loaderThreads > 0 ? o.loaderThreads : o.threads;
    config.learningRate = 0.01;
    config.warmupEpochs = 0;
    return config;
}

/// Child: our step on in-memory tensors. Prints "img_per_s".
int childStep(const Options &o, double scale)
{
    const StepTiming t = timeTrainingSteps(benchConfig(o, scale), 10, 3, o.steps);
    if (!t.error.empty()) {
        std::fprintf(stderr, "step: %s\n", t.error.c_str());
        return 1;
    }
    std::printf("%.3f\n", o.batch / median(t.stepSeconds));
    return 0;
}

/// Child: our training from image files, with the loader and augmentation. Prints "img_per_s".
int childEndToEnd(const Options &o, double scale, bool cache)
{
    std::vector<std::string> files;
    for (const auto &entry : fs::recursive_directory_iterator(o.images)) {
        const std::string ext = entry.path().extension().string();
        if (entry.is_regular_file() && (ext == ".jpg" || ext == ".jpeg" || ext == ".png"))
            files.push_back(entry.path().string());
    }
    if (files.empty()) {
        std::fprintf(stderr, "e2e: no images in %s\n", o.images.c_str());
        return 1;
    }
    std::sort(files.begin(), files.end());
    TrainJob job;
    job.config = benchConfig(o, scale);
    // Two epochs of steps+1 batches; the figure is epoch 2's: the loader starts that epoch
    // with an empty window as every later epoch of a run does, and the mean over its steps
    // after the first counts every stall (a median of step intervals would hide the batches
    // prefetched before the timing began).
    job.config.epochs = 2;
    job.config.maxStepsPerEpoch = 1 + o.steps;
    job.data.task = Task::SingleLabel;
    for (int c = 0; c < 10; ++c)
        job.data.classNames.push_back("class" + std::to_string(c));
    const size_t needed = size_t(job.config.maxStepsPerEpoch) * size_t(o.batch);
    for (size_t i = 0; i < needed; ++i) {
        DatasetSnapshot::Item item;
        item.path = files[i % files.size()];
        item.label = static_cast<int>(i % 10);
        job.data.train.push_back(item);
    }
    const fs::path runDir =
        fs::temp_directory_path() / ("pulc_train_bench_" + std::to_string(getpid()));
    job.runDir = runDir.string();
    if (cache)
        job.cacheDir = (runDir / "cache").string();
    std::chrono::steady_clock::time_point first, last;
    int timed = 0;
    JobCallbacks callbacks;
    callbacks.onStep = [&](const StepInfo &s) {
        if (s.epoch != 2)
            return;
        last = std::chrono::steady_clock::now();
        if (s.step == 1)
            first = last;
        else
            ++timed;
    };
    const TrainResult result = train(job, callbacks);
    fs::remove_all(runDir);
    if (result.status != TrainResult::Status::Finished) {
        std::fprintf(stderr, "e2e: %s\n", result.error.c_str());
        return 1;
    }
    const double seconds = std::chrono::duration<double>(last - first).count();
    if (timed < 1 || seconds <= 0) {
        std::fprintf(stderr, "e2e: epoch 2 timed no steps\n");
        return 1;
    }
    std::printf("%.3f\n", o.batch * timed / seconds);
    return 0;
}

/// Runs argv in a child; returns its last stdout line and peak RSS in MB.
bool runChild(const std::vector<std::string> &argv, std::string *lastLine, double *peakMb)
{
    int pipeFd[2];
    if (pipe(pipeFd) != 0)
        return false;
    const pid_t pid = fork();
    if (pid == 0) {
        dup2(pipeFd[1], STDOUT_FILENO);
        close(pipeFd[0]);
        close(pipeFd[1]);
        std::vector<char *> args;
        for (const std::string &a : argv)
            args.push_back(const_cast<char *>(a.c_str()));
        args.push_back(nullptr);
        execv(args[0], args.data());
        _exit(127);
    }
    close(pipeFd[1]);
    std::string out;
    char buffer[4096];
    for (ssize_t n; (n = read(pipeFd[0], buffer, sizeof buffer)) > 0;)
        out.append(buffer, size_t(n));
    close(pipeFd[0]);
    int status = 0;
    struct rusage usage
    {
    };
    wait4(pid, &status, 0, &usage);
    *peakMb = usage.ru_maxrss / 1024.0;
    while (!out.empty() && out.back() == '\n')
        out.pop_back();
    *lastLine =
        out.substr(out.find_last_of('\n') == std::string::npos ? 0 : out.find_last_of('\n') + 1);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

double peerImagesPerSecond(const std::string &json)
{
    const char *key = "\"img_per_s\": ";
    const size_t at = json.find(key);
    return at == std::string::npos ? 0.0 : std::atof(json.c_str() + at + std::strlen(key));
}

} // namespace

int main(int argc, char **argv)
{
    Options o;
    std::string child;
    double childScale = 1.0;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
        if (a == "--scales") {
            o.scales.clear();
            std::string list = value();
            for (size_t start = 0; start <= list.size();) {
                const size_t comma = list.find(',', start);
                o.scales.push_back(std::atof(list.substr(start, comma - start).c_str()));
                if (comma == std::string::npos)
                    break;
                start = comma + 1;
            }
        } else if (a == "--size")
            o.size = std::atoi(value().c_str());
        else if (a == "--batch")
            o.batch = std::atoi(value().c_str());
        else if (a == "--threads")
            o.threads = std::atoi(value().c_str());
        else if (a == "--loader-threads")
            o.loaderThreads = std::atoi(value().c_str());
        else if (a == "--steps")
            o.steps = std::atoi(value().c_str());
        else if (a == "--rounds")
            o.rounds = std::atoi(value().c_str());
        else if (a == "--images")
            o.images = value();
        else if (a == "--no-peer")
            o.peer = false;
        else if (a == "--child")
            child = value();
        else if (a == "--scale")
            childScale = std::atof(value().c_str());
        else {
            std::fprintf(
                stderr,
                "usage: train_bench [--scales 0.25,1.0] [--size 224] [--batch 32] "
                "[--threads 2] [--loader-threads N] [--steps 12] [--rounds 3] [--images DIR] "
                "[--no-peer]\n");
            return 2;
        }
    }
    if (child == "step")
        return childStep(o, childScale);
    if (child == "step-nf") {
        // The same step with PyTorch's own BatchNorm and hardswish (docs/training.md, 'The
        // model step'): what the fused op gains, measured in the same run.
        setenv("PULC_FUSED_BN", "0", 1);
        return childStep(o, childScale);
    }
    if (child == "e2e")
        return childEndToEnd(o, childScale, true);
    if (child == "e2e-nc")
        return childEndToEnd(o, childScale, false);

    const std::string self = fs::canonical("/proc/self/exe").string();
    auto ours = [&](const char *what, double scale) {
        return std::vector<std::string>{self,
                                        "--child",
                                        what,
                                        "--scale",
                                        std::to_string(scale),
                                        "--size",
                                        std::to_string(o.size),
                                        "--batch",
                                        std::to_string(o.batch),
                                        "--threads",
                                        std::to_string(o.threads),
                                        "--loader-threads",
                                        std::to_string(o.loaderThreads),
                                        "--steps",
                                        std::to_string(o.steps),
                                        "--images",
                                        o.images};
    };
    std::printf("training throughput, batch %d, %dx%d, %d threads, %d timed steps, %d rounds "
                "(medians; peak RSS per child)\n",
                o.batch, o.size, o.size, o.threads, o.steps, o.rounds);
    for (const double scale : o.scales) {
        std::map<std::string, std::vector<double>> speed;
        std::map<std::string, double> peak;
        for (int round = 0; round < o.rounds; ++round) {
            std::vector<std::pair<std::string, std::vector<std::string>>> jobs = {
                {"step", ours("step", scale)},
                {"step-nf", ours("step-nf", scale)},
                {"e2e", ours("e2e", scale)},
                {"e2e-nc", ours("e2e-nc", scale)}};
            if (o.peer)
                jobs.push_back(
                    {"peer",
                     {"/usr/bin/python3", o.peerScript, "--scale", std::to_string(scale), "--size",
                      std::to_string(o.size), "--batch", std::to_string(o.batch), "--threads",
                      std::to_string(o.threads), "--steps", std::to_string(o.steps)}});
            for (const auto &[name, argvChild] : jobs) {
                std::string line;
                double mb = 0;
                if (!runChild(argvChild, &line, &mb)) {
                    std::fprintf(stderr, "%s failed: %s\n", name.c_str(), line.c_str());
                    continue;
                }
                speed[name].push_back(name == "peer" ? peerImagesPerSecond(line)
                                                     : std::atof(line.c_str()));
                peak[name] = std::max(peak[name], mb);
            }
        }
        const double peer = median(speed["peer"]);
        std::printf("\n%s\n", modelName(scale).c_str());
        for (const char *name : {"peer", "step", "step-nf", "e2e", "e2e-nc"}) {
            if (speed[name].empty())
                continue;
            const double m = median(speed[name]);
            std::printf("  %-7s %8.1f img/s", name, m);
            if (peer > 0 && std::string(name) != "peer")
                std::printf("  (%.2fx peer step)", m / peer);
            std::printf("  peak RSS %.0f MB  runs:", peak[name]);
            for (double v : speed[name])
                std::printf(" %.1f", v);
            std::printf("\n");
        }
    }
    return 0;
}
