#include "samples.h"

#include "project.h"

#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <climits>
#include <functional>

namespace pulc::dataset {

Result<std::vector<SampleRow>> loadSamples(Project &project)
{
    QSqlDatabase &db = project.database().db();
    std::vector<SampleRow> rows;
    QHash<qint64, size_t> index;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, path, hash, width, height, bytes, format, added_at,"
                               " split, status, removed FROM samples ORDER BY id")))
        return Result<std::vector<SampleRow>>::failure(q.lastError().text());
    while (q.next()) {
        SampleRow r;
        r.id = q.value(0).toLongLong();
        r.path = q.value(1).toString();
        r.hash = q.value(2).toString();
        r.width = q.value(3).toInt();
        r.height = q.value(4).toInt();
        r.bytes = q.value(5).toLongLong();
        r.format = q.value(6).toString();
        r.addedAt = q.value(7).toString();
        r.split = splitFromString(q.value(8).toString()).value_or(Split::Unassigned);
        r.status = sampleStatusFromString(q.value(9).toString()).value_or(SampleStatus::Ok);
        r.removed = q.value(10).toInt() != 0;
        index.insert(r.id, rows.size());
        rows.push_back(std::move(r));
    }
    if (!q.exec(QStringLiteral("SELECT l.sample_id, l.class_id FROM labels l JOIN classes c"
                               " ON c.id = l.class_id ORDER BY l.sample_id, c.position, c.id")))
        return Result<std::vector<SampleRow>>::failure(q.lastError().text());
    while (q.next()) {
        auto it = index.constFind(q.value(0).toLongLong());
        if (it != index.constEnd())
            rows[*it].classIds.push_back(q.value(1).toLongLong());
    }

    updateDuplicateFlags(rows);
    return rows;
}

void updateDuplicateFlags(std::vector<SampleRow> &rows)
{
    QHash<QString, std::vector<size_t>> byHash;
    for (SampleRow &r : rows)
        r.duplicate = r.conflict = r.leakage = false;
    for (size_t i = 0; i < rows.size(); ++i) {
        if (!rows[i].removed)
            byHash[rows[i].hash].push_back(i);
    }
    for (const auto &members : std::as_const(byHash)) {
        if (members.size() < 2)
            continue;
        bool conflict = false;
        QSet<int> splits;
        for (size_t m : members) {
            conflict = conflict || rows[m].classIds != rows[members.front()].classIds;
            if (rows[m].split != Split::Unassigned)
                splits.insert(int(rows[m].split));
        }
        for (size_t m : members) {
            rows[m].duplicate = true;
            rows[m].conflict = conflict;
            rows[m].leakage = splits.size() > 1;
        }
    }
}

bool matches(const SampleRow &row, const SampleFilter &f)
{
    if (row.removed != f.removed)
        return false;
    if (f.classId &&
        std::find(row.classIds.begin(), row.classIds.end(), *f.classId) == row.classIds.end())
        return false;
    if (f.unlabeledOnly && !row.classIds.empty())
        return false;
    if (f.split && row.split != *f.split)
        return false;
    switch (f.status) {
    case SampleFilter::Status::Any:
        break;
    case SampleFilter::Status::Ok:
        if (row.status != SampleStatus::Ok)
            return false;
        break;
    case SampleFilter::Status::Missing:
        if (row.status != SampleStatus::Missing)
            return false;
        break;
    case SampleFilter::Status::Corrupt:
        if (row.status != SampleStatus::Corrupt)
            return false;
        break;
    case SampleFilter::Status::Duplicate:
        if (!row.duplicate)
            return false;
        break;
    case SampleFilter::Status::Conflict:
        if (!row.conflict)
            return false;
        break;
    case SampleFilter::Status::Leakage:
        if (!row.leakage)
            return false;
        break;
    }
    if (!f.pathContains.isEmpty() && !row.path.contains(f.pathContains, Qt::CaseInsensitive))
        return false;
    return true;
}

void sortSamples(std::vector<SampleRow> &rows, SampleSort sort,
                 const std::function<int(qint64)> &classPosition)
{
    switch (sort) {
    case SampleSort::Path:
        std::stable_sort(rows.begin(), rows.end(),
                         [](const SampleRow &a, const SampleRow &b) { return a.path < b.path; });
        break;
    case SampleSort::Added:
        std::stable_sort(rows.begin(), rows.end(), [](const SampleRow &a, const SampleRow &b) {
            return a.addedAt != b.addedAt ? a.addedAt < b.addedAt : a.id < b.id;
        });
        break;
    case SampleSort::Class: {
        // Unlabeled last; then by first class position, then path.
        auto key = [&](const SampleRow &r) {
            return r.classIds.empty() ? INT_MAX : classPosition(r.classIds.front());
        };
        std::stable_sort(rows.begin(), rows.end(), [&](const SampleRow &a, const SampleRow &b) {
            const int ka = key(a), kb = key(b);
            return ka != kb ? ka < kb : a.path < b.path;
        });
        break;
    }
    }
}

} // namespace pulc::dataset
