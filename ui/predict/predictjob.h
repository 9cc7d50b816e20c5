#pragma once

#include "ui/common/setting.h"

#include <engine/trainconfig.h>

#include <QImage>
#include <QList>
#include <QMetaType>
#include <QMutex>
#include <QObject>
#include <QSize>
#include <QString>
#include <QStringList>
#include <QWaitCondition>

#include <deque>
#include <functional>

class QThread;

namespace pulc::ui {

/// Threads the Predict page's model uses (one worker thread runs it).
inline const Setting<int> kPredictThreads("predict/threads", 2);

/// The model a PredictJob has loaded: a plain value.
struct PredictionModelInfo
{
    QString checkpoint;
    QString model; ///< network name, e.g. "PPLCNet_x0_25"
    pulc::engine::Task task = pulc::engine::Task::SingleLabel;
    QStringList classNames; ///< by class id (attributes for multi-label)
    double threshold = 0.5;
    QString backend; ///< "native" (BN folded, oneDNN) or "libtorch"
    int threads = 1;
};

/// What the model says about one image (engine::Prediction as Qt values, plus what the page
/// shows). Copyable; made in the worker.
struct PredictionResult
{
    QString path;
    bool ok = false;
    QString error; ///< names the file and the problem when !ok
    pulc::engine::Task task = pulc::engine::Task::SingleLabel;
    /// Best first (single-label, binary); every attribute by id (multi-label), as the engine
    /// gives them.
    QStringList topNames;
    QList<int> topIds;
    QList<float> topScores;
    QList<float> scores;    ///< every class / attribute, by id
    QStringList classNames; ///< of the model, by id
    int decision = -1;      ///< binary: 1 when score(class 1) >= threshold; single: top id
    double threshold = 0.5;
    QList<int> attributes; ///< multi-label: 1 when score >= threshold, per attribute
    double milliseconds = 0.0;
    QSize imageSize;  ///< as decoded (after EXIF orientation); invalid when unreadable
    QImage thumbnail; ///< at most kThumbnailSize on its long side; null when unreadable

    /// The class the model settles on: top class, the binary decision, or the best attribute.
    QString bestName() const;
    float bestScore() const;
    /// Runner-up class and score (single-label and binary); empty / -1 otherwise.
    QString secondName() const;
    float secondScore() const;
    /// One line a person reads: "person: yes (0.93 ≥ 0.50)", "red, round", or the top class.
    QString decisionText() const;
};

/// Classifies image files with pulc::engine::Predictor (the same call as `pulc predict`) in
/// one worker thread that owns the Predictor. Folders are expanded there, recursively, keeping
/// image files (dataset::hasImageExtension). Each image is reported as soon as it is done.
/// Public functions: GUI thread; signals arrive in the GUI thread. Results of work started
/// before cancel() or a new model are dropped.
class PredictJob : public QObject
{
    Q_OBJECT

public:
    /// Long side of PredictionResult::thumbnail.
    static constexpr int kThumbnailSize = 96;

    explicit PredictJob(QObject *parent = nullptr);
    /// Cancels and waits for the image being classified.
    ~PredictJob() override;

    /// Loads the checkpoint of run `run` (id or name) of the project in `projectDir`, resolved
    /// with engine::runCheckpoint like `pulc predict --run`. Cancels queued images.
    void setRun(const QString &projectDir, const QString &run);
    /// Loads a checkpoint file. Cancels queued images.
    void setCheckpoint(const QString &path);
    /// Classes shown per image (single-label, binary); applies to images queued from now on.
    void setTopK(int k);
    int topK() const;
    /// Queues image files and folders, after the model set last. added() names the images.
    void enqueue(const QStringList &paths);
    /// Drops queued images (the current one finishes, unreported).
    void cancel();
    /// True while images are queued or being classified.
    bool isBusy() const { return m_total > m_done; }
    /// True once a model loaded (and until a new one is asked for).
    bool isLoaded() const { return m_loaded; }

Q_SIGNALS:
    /// The model is ready.
    void loaded(const pulc::ui::PredictionModelInfo &info);
    /// The model could not be loaded: English text naming the file and the problem.
    void loadFailed(const QString &error);
    /// Images `first`, `first + 1`, ... were found (a folder expanded) and queued.
    void added(int first, const QStringList &paths);
    /// Image `index` (numbered by added()) is done.
    void predicted(int index, const pulc::ui::PredictionResult &result);
    void progress(int done, int total);
    /// Every queued image is done.
    void finished();

private:
    struct Command
    {
        enum class Kind { Load, Images } kind;
        quint64 generation;
        QString projectDir, run, checkpoint; ///< Load
        QStringList paths;                   ///< Images
        int topk = 5;
    };
    struct Image
    {
        quint64 generation;
        int index;
        QString path;
        int topk;
    };
    void work();
    /// Delivers in the GUI thread unless `*counter` moved on from `generation` meanwhile.
    void post(const quint64 *counter, quint64 generation, std::function<void()> deliver);

    // Shared with the worker, under m_mutex.
    mutable QMutex m_mutex;
    QWaitCondition m_wake;
    std::deque<Command> m_commands;
    std::deque<Image> m_images;
    quint64 m_generation = 0;     ///< images: bumped by cancel()
    quint64 m_loadGeneration = 0; ///< models: bumped by each setRun() / setCheckpoint()
    bool m_stop = false;
    int m_topk = 5;

    // GUI thread.
    QThread *m_thread = nullptr;
    int m_done = 0;
    int m_total = 0;
    bool m_loaded = false;
};

} // namespace pulc::ui

Q_DECLARE_METATYPE(pulc::ui::PredictionResult)
Q_DECLARE_METATYPE(pulc::ui::PredictionModelInfo)
