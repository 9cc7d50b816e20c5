#pragma once

#include <dataset/importer.h>

#include <QList>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <array>
#include <memory>
#include <optional>

class QTimer;
template<typename T> class QFutureWatcher;

namespace pulc::ui {

/// What a dry run of one source says an import would do, before any image file is read.
/// Counts cover the images that would be checked and added: those already in the project (same
/// stored path) and those listed twice are left out. A plain value, safe across threads.
struct ImportPreview
{
    /// Images of one class, by split (index = int(pulc::dataset::Split)).
    struct ClassCount
    {
        QString name;
        bool isNew = false; ///< the import would create this class
        int total = 0;
        std::array<int, 4> splits{};
    };

    QString source;
    pulc::dataset::ImportFormat requested = pulc::dataset::ImportFormat::Auto;
    pulc::dataset::ImportFormat format = pulc::dataset::ImportFormat::Auto; ///< as scanned
    QString detectionProblem; ///< why Auto found no format (English); empty otherwise
    QString error;            ///< the source as a whole is unusable (English); empty otherwise
    bool cancelled = false;
    int found = 0;          ///< items the source lists
    int alreadyPresent = 0; ///< of those, already in the project
    int toAdd = 0;          ///< of those, to be checked and added
    int unlabeled = 0;      ///< of toAdd, without a label
    std::array<int, 4> splits{};
    QList<ClassCount> classes; ///< in the source's class order
    QStringList newClasses;
    int projectClassCount = 0;                  ///< classes the project has now
    QList<pulc::dataset::SkippedFile> rejected; ///< lines or entries refused by the scan
    QSet<QString> paths; ///< stored paths of the toAdd images, to spot sources that overlap
    pulc::dataset::TaskType task = pulc::dataset::TaskType::SingleLabel;
};

/// The result of importing one source.
struct ImportOutcome
{
    QString source;
    QString error;          ///< English text from the dataset library; empty on success
    bool cancelled = false; ///< stopped by the user, or not started because of a cancel
    pulc::dataset::ImportReport report;
};

/// Runs a dry-run scan (preview) or an import of one or more sources in a worker thread that
/// opens its own pulc::dataset::Project, so its database connection stays in that thread.
/// The worker shares only a small locked state with this object, polled by a timer: progress
/// arrives at most ten times a second, and the worker never touches a QObject. GUI thread API.
///
/// A preview requested while another runs cancels that one and starts when it has stopped:
/// only the latest request reports. The caller flushes queued edits before import().
class ImportJob : public QObject
{
    Q_OBJECT

public:
    explicit ImportJob(QObject *parent = nullptr);
    /// Cancels a running job and waits for its worker (it stops between files).
    ~ImportJob() override;

    /// Scans `request.source` the way the project in `projectDir` would import it.
    void preview(const QString &projectDir, const pulc::dataset::ImportRequest &request);
    /// Imports the requests one after the other, each all or nothing. After a cancel the
    /// remaining sources are not started.
    void import(const QString &projectDir, const QList<pulc::dataset::ImportRequest> &requests);
    void cancel();
    bool isRunning() const { return m_watcher != nullptr; }

    struct State;
    struct Result;

Q_SIGNALS:
    /// `source` indexes the import's requests; `phase` is "scan", "check" or "write".
    void progressChanged(int source, const QString &phase, qint64 done, qint64 total);
    void previewFinished(const pulc::ui::ImportPreview &preview);
    void importFinished(const QList<pulc::ui::ImportOutcome> &outcomes);

private:
    void startPending();
    void finish();
    void poll();

    struct Pending
    {
        QString dir;
        QList<pulc::dataset::ImportRequest> requests;
        bool isPreview = true;
    };
    std::optional<Pending> m_pending;
    std::shared_ptr<State> m_state;
    QFutureWatcher<Result> *m_watcher = nullptr;
    QTimer *m_timer;
};

} // namespace pulc::ui
