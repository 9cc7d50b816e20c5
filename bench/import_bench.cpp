// Import throughput: generates N small images in class folders, imports them into fresh
// projects several times, and prints images/s (median) and where the time went.
//
//   import_bench [--images N] [--size PX] [--format jpg|png] [--repeat R] [--threads T] [--cold]
//
// --cold drops the page cache before each run (needs root) so reading comes from disk.
#include "dataset/importer.h"
#include "dataset/project.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <random>
#include <vector>

using namespace pulc::dataset;

namespace {

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

bool dropCaches()
{
    ::sync();
    QFile f(QStringLiteral("/proc/sys/vm/drop_caches"));
    return f.open(QIODevice::WriteOnly) && f.write("3\n") == 2;
}

/// Reads every file once: the floor an import cannot go below.
double readAllMs(const QStringList &files)
{
    QElapsedTimer t;
    t.start();
    qint64 total = 0;
    for (const QString &f : files) {
        QFile file(f);
        if (file.open(QIODevice::ReadOnly))
            total += file.readAll().size();
    }
    return double(t.nsecsElapsed()) / 1e6 + (total < 0 ? 1 : 0);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    int images = 10000, size = 64, repeat = 3, threads = 0;
    bool cold = false;
    QString format = QStringLiteral("jpg");
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        auto next = [&] { return i + 1 < args.size() ? args[++i] : QString(); };
        if (args[i] == QLatin1String("--images"))
            images = next().toInt();
        else if (args[i] == QLatin1String("--size"))
            size = next().toInt();
        else if (args[i] == QLatin1String("--format"))
            format = next();
        else if (args[i] == QLatin1String("--repeat"))
            repeat = next().toInt();
        else if (args[i] == QLatin1String("--threads"))
            threads = next().toInt();
        else if (args[i] == QLatin1String("--cold"))
            cold = true;
        else {
            std::fprintf(stderr, "usage: import_bench [--images N] [--size PX] [--format jpg|png] "
                                 "[--repeat R] [--threads T] [--cold]\n");
            return 2;
        }
    }

    QTemporaryDir tmp;
    const QString src = tmp.path() + QStringLiteral("/source");
    std::mt19937 rng(1);
    QStringList files;
    qint64 bytes = 0;
    for (int i = 0; i < images; ++i) {
        const QString dir = QStringLiteral("%1/class%2").arg(src).arg(i % 10);
        QDir().mkpath(dir);
        cv::Mat img(size, size, CV_8UC3);
        cv::randu(img, cv::Scalar::all(0), cv::Scalar::all(255));
        cv::GaussianBlur(img, img, cv::Size(5, 5), 0); // photo-like, compressible content
        std::vector<uchar> buf;
        cv::imencode("." + format.toStdString(), img, buf);
        const QString path =
            QStringLiteral("%1/%2.%3").arg(dir).arg(i, 6, 10, QLatin1Char('0')).arg(format);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(reinterpret_cast<const char *>(buf.data()), qint64(buf.size()));
        files << path;
        bytes += qint64(buf.size());
    }
    std::printf("import_bench: %d %s images of %dx%d (%.1f MB), %s cache, %d runs\n", images,
                qPrintable(format), size, size, double(bytes) / 1e6, cold ? "cold" : "warm",
                repeat);

    std::vector<double> wall, rate, readOnly, scan, read, hash, decode, sql;
    for (int r = 0; r < repeat; ++r) {
        if (cold && !dropCaches())
            std::printf("  (could not drop the page cache; not root?)\n");
        readOnly.push_back(readAllMs(files));
        if (cold)
            dropCaches();
        const QString dir = QStringLiteral("%1/project%2").arg(tmp.path()).arg(r);
        auto project = Project::create(dir, {});
        if (!project) {
            std::fprintf(stderr, "%s\n", qPrintable(project.error()));
            return 1;
        }
        ImportRequest req = defaultImportRequest(src);
        req.threads = threads;
        auto report = importData(*project, req);
        if (!report || report->imported != images) {
            std::fprintf(stderr, "import failed: %s\n",
                         report ? "wrong count" : qPrintable(report.error()));
            return 1;
        }
        const ImportTimings &t = report->timings;
        wall.push_back(t.wall);
        rate.push_back(images / (t.wall / 1000.0));
        scan.push_back(t.scan);
        read.push_back(t.read);
        hash.push_back(t.hash);
        decode.push_back(t.decode);
        sql.push_back(t.sql);
        std::printf("  run %d: %.0f ms, %.0f images/s\n", r + 1, t.wall,
                    images / (t.wall / 1000.0));
    }
    // Shares of all the time spent (worker time summed over threads, plus the single-threaded
    // scan and SQL phases): what part is reading the files, and what part is our own work.
    const double all = median(read) + median(hash) + median(decode) + median(scan) + median(sql);
    std::printf(
        "median: %.0f images/s, wall %.0f ms (plain read of all files, one thread: %.0f ms)\n",
        median(rate), median(wall), median(readOnly));
    std::printf(
        "time shares (of %.0f ms): read files %.0f%%, hash %.0f%%, header+decode check %.0f%%, "
        "scan folders %.0f%%, SQL %.0f%%\n",
        all, 100 * median(read) / all, 100 * median(hash) / all, 100 * median(decode) / all,
        100 * median(scan) / all, 100 * median(sql) / all);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    std::printf("peak RSS: %.0f MB\n", double(ru.ru_maxrss) / 1024.0);
    return 0;
}
