#include "ui/project/projectsession.h"

#include "ui/common/latestjob.h"
#include "ui/project/datasetwriter.h"

#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QUndoStack>

#include <algorithm>
#include <climits>
#include <memory>
#include <utility>

namespace pulc::ui {

ProjectSnapshot loadProjectSnapshot(const QString &dir)
{
    ProjectSnapshot snap;
    try {
        auto project = pulc::dataset::Project::open(dir);
        if (!project) {
            snap.error = project.error();
            return snap;
        }
        auto rows = pulc::dataset::loadSamples(*project);
        if (!rows) {
            snap.error = rows.error();
            return snap;
        }
        snap.dir = project->dir();
        snap.info = project->info();
        snap.classes = project->classes();
        snap.rows = std::move(rows.value());
        snap.stats = pulc::dataset::computeStats(snap.rows, snap.classes);
    } catch (const std::exception &e) {
        // No exception may escape into QtConcurrent: it would end up in the GUI thread.
        snap.error = QString::fromLocal8Bit(e.what());
    }
    return snap;
}

namespace {

/// Duplicate flags and counts computed by a worker from a copy of the fields they read.
struct StatsResult
{
    bool ok = false;
    std::vector<pulc::dataset::SampleRow> rows; ///< same order as the session's rows
    pulc::dataset::DatasetStats stats;
};

StatsResult computeStatsOf(std::vector<pulc::dataset::SampleRow> rows,
                           const QList<pulc::dataset::ClassInfo> &classes)
{
    StatsResult r;
    try {
        pulc::dataset::updateDuplicateFlags(rows);
        r.stats = pulc::dataset::computeStats(rows, classes);
        r.rows = std::move(rows);
        r.ok = true;
    } catch (const std::exception &) {
        // Out of memory at worst; the statistics stay as they were until the next edit.
    }
    return r;
}

} // namespace

ProjectSession::ProjectSession(QObject *parent)
    : QObject(parent)
    , m_writer(new DatasetWriter(this))
    , m_undoStack(new QUndoStack(this))
    , m_statsTimer(new QTimer(this))
    , m_load(new LatestJob(this))
    , m_stats(new LatestJob(this))
{
    connect(m_writer, &DatasetWriter::failed, this, &ProjectSession::writeFailed);
    // Statistics follow edits, coalesced: a burst of key presses recomputes them once.
    m_statsTimer->setSingleShot(true);
    m_statsTimer->setInterval(150);
    connect(m_statsTimer, &QTimer::timeout, this, &ProjectSession::startStats);
}

void ProjectSession::startStats()
{
    // Grouping 100,000 hashes takes over 100 ms: a worker does it on a copy of the fields the
    // flags and counts read (cheap: the strings are shared), so labeling never stutters.
    std::vector<pulc::dataset::SampleRow> input(m_snapshot.rows.size());
    for (size_t i = 0; i < input.size(); ++i) {
        const auto &r = m_snapshot.rows[i];
        input[i].id = r.id;
        input[i].hash = r.hash;
        input[i].split = r.split;
        input[i].status = r.status;
        input[i].removed = r.removed;
        input[i].classIds = r.classIds;
    }
    // Rows changed meanwhile drop this run (scheduleStats()): the run their change scheduled
    // reports instead.
    m_stats->start(
        [input = std::move(input), classes = m_snapshot.classes](LatestJob::Token &) mutable {
            return computeStatsOf(std::move(input), classes);
        },
        [this](StatsResult result) {
            if (!result.ok || result.rows.size() != m_snapshot.rows.size())
                return;
            for (size_t i = 0; i < result.rows.size(); ++i) {
                auto &row = m_snapshot.rows[i];
                row.duplicate = result.rows[i].duplicate;
                row.conflict = result.rows[i].conflict;
                row.leakage = result.rows[i].leakage;
            }
            m_snapshot.stats = std::move(result.stats);
            Q_EMIT statsChanged();
        });
}

// Workers hold no pointer to us; the jobs are our children and drop what is still running when
// they are destroyed with us. A still-running worker finishes on its own.
ProjectSession::~ProjectSession() = default;

void ProjectSession::open(const QString &dirOrFile)
{
    start(dirOrFile, true);
}

void ProjectSession::refresh()
{
    if (hasProject())
        start(m_snapshot.dir, false);
}

void ProjectSession::close()
{
    m_load->drop();
    m_writer->flush();
    m_undoStack->clear();
    m_snapshot = {};
    m_stats->drop();
    m_rowIndex.clear();
    if (m_loading) {
        m_loading = false;
        Q_EMIT loadingChanged(false);
    }
    Q_EMIT projectClosed();
}

void ProjectSession::start(const QString &dirOrFile, bool opening)
{
    // The worker reads with its own connection: let queued edits reach the database first.
    m_writer->flush();
    const quint64 writes = m_writes;
    // An older open or refresh still reading is dropped: a newer request is on its way.
    m_load->start([dirOrFile](LatestJob::Token &) { return loadProjectSnapshot(dirOrFile); },
                  [this, writes, opening, dirOrFile](ProjectSnapshot snap) {
                      finish(std::move(snap), writes, opening, dirOrFile);
                  });
    if (!m_loading) {
        m_loading = true;
        Q_EMIT loadingChanged(true);
    }
}

void ProjectSession::finish(ProjectSnapshot snap, quint64 writes, bool opening,
                            const QString &requested)
{
    if (!opening && writes != m_writes) {
        // Edits made while the worker read are in memory but not in what it read: taking its
        // rows would hide them. Read again (the edits are in the database by then).
        start(requested, false);
        return;
    }
    m_loading = false;
    Q_EMIT loadingChanged(false);
    if (!snap.error.isEmpty()) {
        Q_EMIT openFailed(requested, snap.error);
        return;
    }
    const bool replaced = opening || snap.dir != m_snapshot.dir;
    // Taken, not copied (a copy of 100,000 rows would stall this thread for tens of ms), and
    // freeing the rows being replaced takes as long as copying them: a pool thread does it.
    auto old = std::make_shared<ProjectSnapshot>(std::exchange(m_snapshot, std::move(snap)));
    QThreadPool::globalInstance()->start([old]() mutable { old.reset(); });
    m_stats->drop(); // statistics still computing belong to the rows just replaced
    rebuildRowIndex();
    if (replaced) {
        m_undoStack->clear();
        m_writer->setProject(m_snapshot.dir);
        Q_EMIT projectOpened(m_snapshot.dir);
    }
    // Each signal repaints a different part of the page; in separate event-loop turns no single
    // turn stalls long (one turn for all took ~80 ms at 100,000 samples). A newer open or
    // refresh, or close(), cancels what is left.
    const quint64 generation = m_load->generation();
    QMetaObject::invokeMethod(
        this,
        [this, generation] {
            if (generation != m_load->generation())
                return;
            Q_EMIT rowsReset();
            QMetaObject::invokeMethod(
                this,
                [this, generation] {
                    if (generation != m_load->generation())
                        return;
                    Q_EMIT classesChanged();
                    Q_EMIT statsChanged();
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void ProjectSession::rebuildRowIndex()
{
    m_rowIndex.clear();
    m_rowIndex.reserve(qsizetype(m_snapshot.rows.size()));
    for (size_t i = 0; i < m_snapshot.rows.size(); ++i)
        m_rowIndex.insert(m_snapshot.rows[i].id, int(i));
}

const pulc::dataset::ClassInfo *ProjectSession::classById(qint64 classId) const
{
    for (const auto &c : m_snapshot.classes)
        if (c.id == classId)
            return &c;
    return nullptr;
}

int ProjectSession::classPosition(qint64 classId) const
{
    const auto *c = classById(classId);
    return c ? c->position : INT_MAX;
}

QString ProjectSession::classNameProblem(const QString &name, qint64 exceptClassId) const
{
    const QString trimmed = name.trimmed();
    if (trimmed.isEmpty())
        return tr("A class name cannot be empty.");
    for (const auto &c : m_snapshot.classes)
        if (c.name == trimmed && c.id != exceptClassId)
            return tr("A class named “%1” already exists.").arg(trimmed);
    return {};
}

qint64 ProjectSession::nextClassId() const
{
    qint64 id = 0;
    for (const auto &c : m_snapshot.classes)
        id = std::max(id, c.id);
    return id + 1;
}

void ProjectSession::sortClassIds(std::vector<qint64> &ids) const
{
    std::sort(ids.begin(), ids.end(), [this](qint64 a, qint64 b) {
        const int pa = classPosition(a), pb = classPosition(b);
        return pa != pb ? pa < pb : a < b;
    });
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

void ProjectSession::submit(std::function<pulc::dataset::Status(pulc::dataset::Project &)> write)
{
    ++m_writes;
    m_writer->submit(std::move(write));
}

void ProjectSession::writeFailed(const QString &error)
{
    // The memory is ahead of a database that refused: the database is the truth.
    m_undoStack->clear();
    Q_EMIT editFailed(error);
    refresh();
}

void ProjectSession::changedSamples(const std::vector<qint64> &sampleIds)
{
    Q_EMIT samplesChanged(QList<qint64>(sampleIds.begin(), sampleIds.end()));
    scheduleStats();
}

void ProjectSession::changedClasses()
{
    std::sort(m_snapshot.classes.begin(), m_snapshot.classes.end(),
              [](const auto &a, const auto &b) {
                  return a.position != b.position ? a.position < b.position : a.id < b.id;
              });
    Q_EMIT classesChanged();
    scheduleStats();
}

void ProjectSession::scheduleStats()
{
    m_stats->drop(); // a run still computing read the rows before this change
    m_statsTimer->start();
}

pulc::dataset::LabelSnapshot ProjectSession::labelsOf(const std::vector<qint64> &ids) const
{
    pulc::dataset::LabelSnapshot snap;
    for (qint64 id : ids) {
        const int i = rowIndex(id);
        if (i >= 0)
            snap.labels.push_back({id, m_snapshot.rows[size_t(i)].classIds});
    }
    return snap;
}

void ProjectSession::applyLabel(const std::vector<qint64> &ids, pulc::dataset::LabelMode mode,
                                qint64 classId)
{
    using pulc::dataset::LabelMode;
    for (qint64 id : ids) {
        const int i = rowIndex(id);
        if (i < 0)
            continue;
        std::vector<qint64> &labels = m_snapshot.rows[size_t(i)].classIds;
        switch (mode) {
        case LabelMode::Replace:
            labels = {classId};
            break;
        case LabelMode::Add:
            labels.push_back(classId);
            sortClassIds(labels);
            break;
        case LabelMode::Remove:
            labels.erase(std::remove(labels.begin(), labels.end(), classId), labels.end());
            break;
        case LabelMode::Clear:
            labels.clear();
            break;
        }
    }
    submit([ids, mode, classId](pulc::dataset::Project &p) {
        return pulc::dataset::applyLabel(p, ids, mode, classId);
    });
    changedSamples(ids);
}

void ProjectSession::restoreLabels(const pulc::dataset::LabelSnapshot &snapshot)
{
    std::vector<qint64> ids;
    for (const auto &[id, classes] : snapshot.labels) {
        const int i = rowIndex(id);
        if (i >= 0)
            m_snapshot.rows[size_t(i)].classIds = classes;
        ids.push_back(id);
    }
    submit([snapshot](pulc::dataset::Project &p) {
        return pulc::dataset::restoreLabels(p, snapshot);
    });
    changedSamples(ids);
}

pulc::dataset::SplitSnapshot ProjectSession::splitsOf(const std::vector<qint64> &ids) const
{
    pulc::dataset::SplitSnapshot snap;
    for (qint64 id : ids) {
        const int i = rowIndex(id);
        if (i >= 0)
            snap.splits.push_back({id, m_snapshot.rows[size_t(i)].split});
    }
    return snap;
}

void ProjectSession::setSplit(const std::vector<qint64> &ids, pulc::dataset::Split split)
{
    for (qint64 id : ids) {
        const int i = rowIndex(id);
        if (i >= 0)
            m_snapshot.rows[size_t(i)].split = split;
    }
    submit(
        [ids, split](pulc::dataset::Project &p) { return pulc::dataset::setSplit(p, ids, split); });
    changedSamples(ids);
}

void ProjectSession::restoreSplits(const pulc::dataset::SplitSnapshot &snapshot)
{
    std::vector<qint64> ids;
    for (const auto &[id, split] : snapshot.splits) {
        const int i = rowIndex(id);
        if (i >= 0)
            m_snapshot.rows[size_t(i)].split = split;
        ids.push_back(id);
    }
    submit([snapshot](pulc::dataset::Project &p) {
        return pulc::dataset::restoreSplits(p, snapshot);
    });
    changedSamples(ids);
}

void ProjectSession::setRemoved(const std::vector<qint64> &ids, bool removed)
{
    for (qint64 id : ids) {
        const int i = rowIndex(id);
        if (i >= 0)
            m_snapshot.rows[size_t(i)].removed = removed;
    }
    submit([ids, removed](pulc::dataset::Project &p) {
        return pulc::dataset::setRemoved(p, ids, removed);
    });
    changedSamples(ids);
}

void ProjectSession::dropClass(qint64 classId)
{
    // Positions close up behind it, as dataset::deleteClass does in the database.
    const int position = classPosition(classId);
    m_snapshot.classes.removeIf([classId](const auto &c) { return c.id == classId; });
    for (auto &c : m_snapshot.classes)
        if (c.position > position)
            --c.position;
}

pulc::dataset::ClassSnapshot ProjectSession::classSnapshot(qint64 classId) const
{
    pulc::dataset::ClassSnapshot snap;
    if (const auto *c = classById(classId))
        snap.info = *c;
    for (const auto &r : m_snapshot.rows)
        if (std::find(r.classIds.begin(), r.classIds.end(), classId) != r.classIds.end())
            snap.sampleIds.push_back(r.id);
    return snap;
}

void ProjectSession::insertClass(const pulc::dataset::ClassSnapshot &snapshot)
{
    for (auto &c : m_snapshot.classes)
        if (c.position >= snapshot.info.position)
            ++c.position;
    m_snapshot.classes.append(snapshot.info);
    changedClasses();
    for (qint64 id : snapshot.sampleIds) {
        const int i = rowIndex(id);
        if (i >= 0) {
            auto &labels = m_snapshot.rows[size_t(i)].classIds;
            labels.push_back(snapshot.info.id);
            sortClassIds(labels);
        }
    }
    submit(
        [snapshot](pulc::dataset::Project &p) { return pulc::dataset::restoreClass(p, snapshot); });
    changedSamples(snapshot.sampleIds);
}

void ProjectSession::deleteClass(qint64 classId)
{
    const pulc::dataset::ClassSnapshot snap = classSnapshot(classId);
    for (qint64 id : snap.sampleIds) {
        auto &labels = m_snapshot.rows[size_t(rowIndex(id))].classIds;
        labels.erase(std::remove(labels.begin(), labels.end(), classId), labels.end());
    }
    dropClass(classId);
    submit([classId](pulc::dataset::Project &p) { return pulc::dataset::deleteClass(p, classId); });
    changedClasses();
    changedSamples(snap.sampleIds);
}

void ProjectSession::renameClass(qint64 classId, const QString &name)
{
    for (auto &c : m_snapshot.classes)
        if (c.id == classId)
            c.name = name.trimmed();
    submit([classId, name](pulc::dataset::Project &p) {
        return pulc::dataset::renameClass(p, classId, name);
    });
    changedClasses();
}

void ProjectSession::setClassColor(qint64 classId, const QString &color)
{
    for (auto &c : m_snapshot.classes)
        if (c.id == classId)
            c.color = color;
    submit([classId, color](pulc::dataset::Project &p) {
        return pulc::dataset::setClassColor(p, classId, color);
    });
    changedClasses();
}

void ProjectSession::setClassOrder(const std::vector<qint64> &orderedIds)
{
    for (size_t i = 0; i < orderedIds.size(); ++i)
        for (auto &c : m_snapshot.classes)
            if (c.id == orderedIds[i])
                c.position = int(i);
    changedClasses();
    for (auto &r : m_snapshot.rows)
        sortClassIds(r.classIds);
    submit([orderedIds](pulc::dataset::Project &p) {
        return pulc::dataset::reorderClasses(p, orderedIds);
    });
    Q_EMIT rowsReset(); // every sample's first class may have changed
}

void ProjectSession::mergeClasses(qint64 fromId, qint64 intoId)
{
    const pulc::dataset::ClassSnapshot from = classSnapshot(fromId);
    for (qint64 id : from.sampleIds) {
        auto &labels = m_snapshot.rows[size_t(rowIndex(id))].classIds;
        std::replace(labels.begin(), labels.end(), fromId, intoId);
        sortClassIds(labels);
    }
    dropClass(fromId);
    submit([fromId, intoId](pulc::dataset::Project &p) {
        return pulc::dataset::mergeClasses(p, fromId, intoId);
    });
    changedClasses();
    changedSamples(from.sampleIds);
}

void ProjectSession::unmergeClasses(const pulc::dataset::ClassSnapshot &from,
                                    const pulc::dataset::LabelSnapshot &labels)
{
    for (auto &c : m_snapshot.classes)
        if (c.position >= from.info.position)
            ++c.position;
    m_snapshot.classes.append(from.info);
    changedClasses();
    std::vector<qint64> ids;
    for (const auto &[id, classes] : labels.labels) {
        const int i = rowIndex(id);
        if (i >= 0)
            m_snapshot.rows[size_t(i)].classIds = classes;
        ids.push_back(id);
    }
    submit([from, labels](pulc::dataset::Project &p) {
        return pulc::dataset::unmergeClasses(p, from, labels);
    });
    changedSamples(ids);
}

} // namespace pulc::ui
