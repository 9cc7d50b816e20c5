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
                               " split, status, removed FROM samples ORDER BY path")))
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

std::vector<int> sortedOrder(const std::vector<SampleRow> &rows, SampleSort sort,
                             const std::function<int(qint64)> &classPosition)
{
    std::vector<int> order(rows.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::function<bool(int, int)> less;
    switch (sort) {
    case SampleSort::Path:
        less = [&](int a, int b) { return rows[size_t(a)].path < rows[size_t(b)].path; };
        break;
    case SampleSort::Added:
        less = [&](int a, int b) {
            const SampleRow &x = rows[size_t(a)], &y = rows[size_t(b)];
            return x.addedAt != y.addedAt ? x.addedAt < y.addedAt : x.id < y.id;
        };
        break;
    case SampleSort::Class: {
        // Unlabeled last; then by first class position, then path. Keys computed once.
        std::vector<int> key(rows.size());
        for (size_t i = 0; i < rows.size(); ++i)
            key[i] = rows[i].classIds.empty() ? INT_MAX : classPosition(rows[i].classIds.front());
        std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
            const int ka = key[size_t(a)], kb = key[size_t(b)];
            return ka != kb ? ka < kb : rows[size_t(a)].path < rows[size_t(b)].path;
        });
        return order;
    }
    }
    // Rows usually arrive in path order (loadSamples): then this is one linear check.
    if (!std::is_sorted(order.begin(), order.end(), less))
        std::stable_sort(order.begin(), order.end(), less);
    return order;
}

void sortSamples(std::vector<SampleRow> &rows, SampleSort sort,
                 const std::function<int(qint64)> &classPosition)
{
    const std::vector<int> order = sortedOrder(rows, sort, classPosition);
    std::vector<SampleRow> sorted;
    sorted.reserve(rows.size());
    for (int i : order)
        sorted.push_back(std::move(rows[size_t(i)]));
    rows = std::move(sorted);
}

} // namespace pulc::dataset
