#include "demo.h"

#include "project.h"
#include "splitter.h"

#include <QDir>
#include <QFileInfo>

namespace pulc::dataset {

QStringList fashionMnistClassNames()
{
    return {QStringLiteral("T-shirt-top"), QStringLiteral("Trouser"), QStringLiteral("Pullover"),
            QStringLiteral("Dress"),       QStringLiteral("Coat"),    QStringLiteral("Sandal"),
            QStringLiteral("Shirt"),       QStringLiteral("Sneaker"), QStringLiteral("Bag"),
            QStringLiteral("Ankle boot")};
}

namespace {
Result<QString> fillDemoProject(const DemoRequest &req, const ImportCallbacks &callbacks);
} // namespace

Result<QString> createDemoProject(const DemoRequest &req, const ImportCallbacks &callbacks)
{
    const QString trainFile = req.sourceDir + QStringLiteral("/train-images-idx3-ubyte.gz");
    const QString testFile = req.sourceDir + QStringLiteral("/t10k-images-idx3-ubyte.gz");
    for (const QString &f : {trainFile, testFile}) {
        if (!QFileInfo::exists(f))
            return Result<QString>::failure(
                QStringLiteral("%1: not found; install Debian's dataset-fashion-mnist package "
                               "(scripts/setup does)")
                    .arg(f));
    }
    // A new or empty folder is ours to remove again when the demo fails or is cancelled: a
    // half-made demo is of no use and would block a second try in the same folder.
    const bool existedBefore = QFileInfo::exists(req.dir);
    const bool ours = !existedBefore || QDir(req.dir).isEmpty();
    auto result = fillDemoProject(req, callbacks);
    if (!result && ours) {
        QDir(req.dir).removeRecursively();
        if (existedBefore)
            QDir().mkpath(req.dir); // the user's empty folder stays
    }
    return result;
}

namespace {

Result<QString> fillDemoProject(const DemoRequest &req, const ImportCallbacks &callbacks)
{
    const QString trainFile = req.sourceDir + QStringLiteral("/train-images-idx3-ubyte.gz");
    const QString testFile = req.sourceDir + QStringLiteral("/t10k-images-idx3-ubyte.gz");
    ProjectInfo info;
    info.name = QStringLiteral("Fashion-MNIST demo");
    info.task = TaskType::SingleLabel;
    auto project = Project::create(req.dir, info);
    if (!project)
        return Result<QString>::failure(project.error());

    struct Part
    {
        QString file;
        int limit;
        std::optional<Split> split;
    };
    for (const Part &part : {Part{trainFile, req.trainImages, Split::Unassigned},
                             Part{testFile, req.testImages, Split::Test}}) {
        ImportRequest r = defaultImportRequest(part.file);
        r.format = ImportFormat::Idx;
        r.classNames = fashionMnistClassNames();
        r.limit = part.limit;
        r.split = part.split;
        auto report = importData(*project, r, callbacks);
        if (!report)
            return Result<QString>::failure(report.error());
        if (report->cancelled)
            return Result<QString>::failure(QString::fromLatin1(kDemoCancelled));
    }
    SplitRequest split;
    split.val = req.valFraction;
    split.test = 0;
    auto s = splitDataset(*project, split);
    if (!s)
        return Result<QString>::failure(s.error());
    return project->dir();
}

} // namespace

} // namespace pulc::dataset
