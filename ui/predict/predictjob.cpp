#include "ui/predict/predictjob.h"

#include <dataset/importsource.h>
#include <engine/computethreads.h>
#include <engine/predictor.h>
#include <engine/projectjobs.h>

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QImageReader>
#include <QThread>

#include <algorithm>
#include <exception>

namespace pulc::ui {

using pulc::engine::Task;

QString PredictionResult::bestName() const
{
    if (!ok)
        return {};
    if (task == Task::Binary && decision >= 0 && decision < classNames.size())
        return classNames[decision];
    if (task == Task::MultiLabel) {
        int best = -1;
        for (int i = 0; i < scores.size(); ++i)
            if (best < 0 || scores[i] > scores[best])
                best = i;
        return best >= 0 && best < classNames.size() ? classNames[best] : QString();
    }
    return topNames.value(0);
}

float PredictionResult::bestScore() const
{
    if (!ok)
        return -1.0f;
    if (task == Task::Binary && decision >= 0 && decision < scores.size())
        return scores[decision];
    if (task == Task::MultiLabel) {
        float best = -1.0f;
        for (float s : scores)
            best = std::max(best, s);
        return best;
    }
    return topScores.value(0, -1.0f);
}

QString PredictionResult::secondName() const
{
    if (!ok || task == Task::MultiLabel)
        return {};
    if (task == Task::Binary && decision >= 0)
        return classNames.value(1 - decision);
    return topNames.value(1);
}

float PredictionResult::secondScore() const
{
    if (!ok || task == Task::MultiLabel)
        return -1.0f;
    if (task == Task::Binary && decision >= 0)
        return scores.value(1 - decision, -1.0f);
    return topScores.value(1, -1.0f);
}

QString PredictionResult::decisionText() const
{
    if (!ok)
        return {};
    if (task == Task::Binary && scores.size() == 2 && classNames.size() == 2) {
        const bool yes = decision == 1;
        return QObject::tr("%1: %2 (%3 %4 %5)")
            .arg(classNames[1], yes ? QObject::tr("yes") : QObject::tr("no"))
            .arg(scores[1], 0, 'f', 2)
            .arg(yes ? QStringLiteral("≥") : QStringLiteral("<"))
            .arg(threshold, 0, 'f', 2);
    }
    if (task == Task::MultiLabel) {
        QStringList on;
        for (int i = 0; i < attributes.size() && i < classNames.size(); ++i)
            if (attributes[i])
                on << classNames[i];
        return on.isEmpty() ? QObject::tr("(no attribute)") : on.join(QStringLiteral(", "));
    }
    return topNames.value(0);
}

namespace {

/// The image files of `paths`: files as given (a bad one is reported by the Predictor),
/// folders searched recursively for image names, sorted, like `pulc predict`.
QStringList expandPaths(const QStringList &paths)
{
    QStringList images;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            images << info.absoluteFilePath();
            continue;
        }
        QStringList found;
        QDirIterator it(info.absoluteFilePath(), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString file = it.next();
            if (pulc::dataset::hasImageExtension(file))
                found << file;
        }
        found.sort();
        images << found;
    }
    return images;
}

/// A small copy of the image for the table, and its size; null when Qt cannot read it.
void makeThumbnail(const QString &path, PredictionResult *result)
{
    QImageReader reader(path);
    reader.setAutoTransform(true);
    QSize size = reader.size();
    if (size.isValid() && reader.transformation().testFlag(QImageIOHandler::TransformationRotate90))
        size.transpose();
    const int box = PredictJob::kThumbnailSize;
    if (size.isValid() && (size.width() > box || size.height() > box))
        reader.setScaledSize(size.scaled(box, box, Qt::KeepAspectRatio));
    QImage image = reader.read();
    if (image.isNull())
        return;
    result->imageSize = size.isValid() ? size : image.size();
    // Tiny images (28 px Fashion-MNIST) are enlarged with visible pixels rather than blurred.
    if (image.width() < box && image.height() < box)
        image = image.scaled(box, box, Qt::KeepAspectRatio, Qt::FastTransformation);
    result->thumbnail = image;
}

QStringList toStrings(const std::vector<std::string> &names)
{
    QStringList list;
    for (const std::string &name : names)
        list << QString::fromStdString(name);
    return list;
}

PredictionResult classify(pulc::engine::Predictor &predictor, const QString &loadError,
                          const QString &path, int topk)
{
    PredictionResult result;
    result.path = path;
    if (!predictor.isLoaded()) {
        result.error = loadError.isEmpty() ? QObject::tr("no model is loaded")
                                           : QObject::tr("no model is loaded: %1").arg(loadError);
        return result;
    }
    const pulc::engine::Prediction p = predictor.predictFile(path.toStdString(), topk);
    const pulc::engine::TrainConfig &config = predictor.config();
    result.ok = p.ok;
    result.error = QString::fromStdString(p.error);
    result.task = config.task;
    result.threshold = config.threshold;
    result.classNames = toStrings(predictor.classNames());
    for (const pulc::engine::ClassScore &s : p.top) {
        result.topIds << s.id;
        result.topNames << QString::fromStdString(s.name);
        result.topScores << s.score;
    }
    result.scores = QList<float>(p.scores.begin(), p.scores.end());
    result.decision = p.decision;
    result.attributes = QList<int>(p.attributes.begin(), p.attributes.end());
    result.milliseconds = p.milliseconds;
    makeThumbnail(path, &result);
    return result;
}

} // namespace

PredictJob::PredictJob(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<pulc::ui::PredictionResult>();
    qRegisterMetaType<pulc::ui::PredictionModelInfo>();
    m_thread = QThread::create([this] { work(); });
    m_thread->setObjectName(QStringLiteral("PredictJob"));
    m_thread->start();
}

PredictJob::~PredictJob()
{
    {
        QMutexLocker lock(&m_mutex);
        m_stop = true;
        m_commands.clear();
        m_images.clear();
        m_wake.wakeAll();
    }
    m_thread->wait();
    delete m_thread;
}

void PredictJob::setRun(const QString &projectDir, const QString &run)
{
    cancel();
    m_loaded = false;
    QMutexLocker lock(&m_mutex);
    m_commands.push_back(
        {Command::Kind::Load, ++m_loadGeneration, projectDir, run, {}, {}, m_topk});
    m_wake.wakeAll();
}

void PredictJob::setCheckpoint(const QString &path)
{
    cancel();
    m_loaded = false;
    QMutexLocker lock(&m_mutex);
    m_commands.push_back({Command::Kind::Load, ++m_loadGeneration, {}, {}, path, {}, m_topk});
    m_wake.wakeAll();
}

void PredictJob::setTopK(int k)
{
    QMutexLocker lock(&m_mutex);
    m_topk = std::max(1, k);
}

int PredictJob::topK() const
{
    QMutexLocker lock(&m_mutex);
    return m_topk;
}

void PredictJob::enqueue(const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    QMutexLocker lock(&m_mutex);
    m_commands.push_back({Command::Kind::Images, m_generation, {}, {}, {}, paths, m_topk});
    ++m_total; // the batch counts as one image until it is expanded, so isBusy() holds
    m_wake.wakeAll();
}

void PredictJob::cancel()
{
    QMutexLocker lock(&m_mutex);
    ++m_generation;
    // A pending model load stays: only images are dropped.
    std::erase_if(m_commands, [](const Command &c) { return c.kind == Command::Kind::Images; });
    m_images.clear();
    m_done = 0;
    m_total = 0;
}

void PredictJob::post(const quint64 *counter, quint64 generation, std::function<void()> deliver)
{
    QMetaObject::invokeMethod(
        this,
        [counter, generation, deliver = std::move(deliver)] {
            // The counters are written only by this (the GUI) thread.
            if (generation == *counter)
                deliver();
        },
        Qt::QueuedConnection);
}

void PredictJob::work()
{
    pulc::engine::Predictor predictor;
    QString loadError;
    int nextIndex = 0;
    for (;;) {
        Command command;
        Image image;
        bool isCommand = false;
        {
            QMutexLocker lock(&m_mutex);
            if (!m_stop && m_commands.empty() && m_images.empty()) {
                // Idle: this thread lives as long as the page, and its OpenMP workers would
                // slow a training run down until it exits (engine/computethreads.h).
                lock.unlock();
                pulc::engine::releaseComputeThreads();
                lock.relock();
            }
            while (!m_stop && m_commands.empty() && m_images.empty())
                m_wake.wait(&m_mutex);
            if (m_stop)
                return;
            // Commands first: a new model or a new drop is seen before the queued images.
            if (!m_commands.empty()) {
                command = std::move(m_commands.front());
                m_commands.pop_front();
                isCommand = true;
            } else {
                image = std::move(m_images.front());
                m_images.pop_front();
            }
        }
        try {
            if (isCommand && command.kind == Command::Kind::Load) {
                pulc::engine::Result<std::string> file = command.checkpoint.toStdString();
                if (command.checkpoint.isEmpty())
                    file = pulc::engine::runCheckpoint(command.projectDir.toStdString(),
                                                       command.run.toStdString());
                std::string error = file.ok() ? std::string() : file.error();
                if (file) {
                    const pulc::engine::Status status =
                        predictor.load(*file, std::max(1, kPredictThreads.value()));
                    error = status.error;
                }
                const bool ok = file.ok() && error.empty();
                if (!ok) {
                    predictor = pulc::engine::Predictor();
                    loadError = QString::fromStdString(error);
                    post(&m_loadGeneration, command.generation,
                         [this, loadError] { Q_EMIT loadFailed(loadError); });
                    continue;
                }
                loadError.clear();
                PredictionModelInfo info;
                info.checkpoint = QString::fromStdString(*file);
                info.model = QString::fromStdString(predictor.config().model);
                info.task = predictor.config().task;
                info.threshold = predictor.config().threshold;
                info.classNames = toStrings(predictor.classNames());
                info.backend = QString::fromStdString(predictor.backend());
                info.threads = predictor.threads();
                post(&m_loadGeneration, command.generation, [this, info] {
                    m_loaded = true;
                    Q_EMIT loaded(info);
                });
            } else if (isCommand) {
                const QStringList files = expandPaths(command.paths);
                const int first = nextIndex;
                {
                    QMutexLocker lock(&m_mutex);
                    if (command.generation != m_generation)
                        continue; // cancelled while the folders were read
                    for (const QString &file : files)
                        m_images.push_back({command.generation, nextIndex++, file, command.topk});
                }
                post(&m_generation, command.generation, [this, first, files] {
                    m_total += int(files.size()) - 1; // the batch was counted as one
                    if (!files.isEmpty())
                        Q_EMIT added(first, files);
                    Q_EMIT progress(m_done, m_total);
                    if (m_done >= m_total)
                        Q_EMIT finished();
                });
            } else {
                {
                    QMutexLocker lock(&m_mutex);
                    if (image.generation != m_generation)
                        continue;
                }
                const PredictionResult result =
                    classify(predictor, loadError, image.path, image.topk);
                post(&m_generation, image.generation, [this, index = image.index, result] {
                    ++m_done;
                    Q_EMIT predicted(index, result);
                    Q_EMIT progress(m_done, m_total);
                    if (m_done >= m_total)
                        Q_EMIT finished();
                });
            }
        } catch (...) {
            // The engine and Qt do not throw here; should memory run out, the image still gets
            // its row so the job finishes.
            if (!isCommand) {
                PredictionResult failed;
                failed.path = image.path;
                failed.error = QObject::tr("%1: out of memory").arg(image.path);
                post(&m_generation, image.generation, [this, index = image.index, failed] {
                    ++m_done;
                    Q_EMIT predicted(index, failed);
                    Q_EMIT progress(m_done, m_total);
                    if (m_done >= m_total)
                        Q_EMIT finished();
                });
            }
        }
    }
}

} // namespace pulc::ui
