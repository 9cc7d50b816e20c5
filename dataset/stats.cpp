#include "stats.h"

#include "duplicates.h"
#include "project.h"

#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

namespace pulc::dataset {
namespace {

// Below this many training images a class is unlikely to be learned well.
constexpr int kFewImages = 20;
// A largest/smallest class ratio above this skews training toward the large class.
constexpr double kImbalanceRatio = 10.0;

void addToSplit(const QString &split, int n, int &train, int &val, int &test, int &unassigned)
{
    if (split == QLatin1String("train"))
        train += n;
    else if (split == QLatin1String("val"))
        val += n;
    else if (split == QLatin1String("test"))
        test += n;
    else
        unassigned += n;
}

} // namespace

Result<DatasetStats> computeStats(Project &project)
{
    QSqlDatabase &db = project.database().db();
    DatasetStats st;
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral(
            "SELECT s.split, s.status, s.removed,"
            " EXISTS(SELECT 1 FROM labels l WHERE l.sample_id = s.id) AS labeled, count(*)"
            " FROM samples s GROUP BY 1, 2, 3, 4")))
        return Result<DatasetStats>::failure(q.lastError().text());
    while (q.next()) {
        const int n = q.value(4).toInt();
        if (q.value(2).toInt() != 0) {
            st.removed += n;
            continue;
        }
        st.samples += n;
        (q.value(3).toBool() ? st.labeled : st.unlabeled) += n;
        addToSplit(q.value(0).toString(), n, st.train, st.val, st.test, st.unassigned);
        const QString status = q.value(1).toString();
        if (status == QLatin1String("missing"))
            st.missing += n;
        else if (status == QLatin1String("corrupt"))
            st.corrupt += n;
    }

    QHash<qint64, qsizetype> index;
    for (const ClassInfo &c : project.classes()) {
        index.insert(c.id, st.classes.size());
        st.classes.append(ClassStats{c.id, c.name, c.color});
    }
    if (!q.exec(QStringLiteral("SELECT l.class_id, s.split, count(*) FROM labels l"
                               " JOIN samples s ON s.id = l.sample_id WHERE s.removed = 0"
                               " GROUP BY 1, 2")))
        return Result<DatasetStats>::failure(q.lastError().text());
    while (q.next()) {
        auto it = index.find(q.value(0).toLongLong());
        if (it == index.end())
            continue;
        ClassStats &c = st.classes[*it];
        const int n = q.value(2).toInt();
        c.count += n;
        addToSplit(q.value(1).toString(), n, c.train, c.val, c.test, c.unassigned);
    }

    const QList<DuplicateGroup> groups = findDuplicateGroups(project);
    st.duplicateGroups = int(groups.size());
    st.conflictGroups = int(std::count_if(groups.begin(), groups.end(),
                                          [](const DuplicateGroup &g) { return g.conflict; }));
    st.leakageGroups = int(std::count_if(groups.begin(), groups.end(),
                                         [](const DuplicateGroup &g) { return g.leakage; }));

    // Warnings a user should read before training.
    int smallest = -1, largest = 0;
    for (const ClassStats &c : st.classes) {
        const int trainLike = c.train + c.unassigned;
        if (c.count == 0)
            st.warnings << QStringLiteral("class '%1' has no images").arg(c.name);
        else if (trainLike < kFewImages)
            st.warnings << QStringLiteral("class '%1' has only %2 training images")
                               .arg(c.name)
                               .arg(trainLike);
        if (c.count > 0) {
            smallest = smallest < 0 ? c.count : std::min(smallest, c.count);
            largest = std::max(largest, c.count);
        }
    }
    if (smallest > 0 && double(largest) / smallest > kImbalanceRatio)
        st.warnings << QStringLiteral("classes are imbalanced: the largest has %1 images, the "
                                      "smallest %2")
                           .arg(largest)
                           .arg(smallest);
    if (st.leakageGroups > 0)
        st.warnings << QStringLiteral("%1 images appear in more than one split (leakage)")
                           .arg(st.leakageGroups);
    if (st.conflictGroups > 0)
        st.warnings << QStringLiteral("%1 images carry different labels in different copies "
                                      "(conflict)")
                           .arg(st.conflictGroups);
    if (st.duplicateGroups > st.conflictGroups + st.leakageGroups)
        st.warnings << QStringLiteral("%1 groups of identical images").arg(st.duplicateGroups);
    if (st.labeled > 0 && st.val == 0)
        st.warnings << QStringLiteral("no validation images: run a split");
    if (st.missing + st.corrupt > 0)
        st.warnings
            << QStringLiteral("%1 images are missing or corrupt").arg(st.missing + st.corrupt);
    return st;
}

} // namespace pulc::dataset
