#include "stats.h"

#include "project.h"

#include <QHash>
#include <QSet>

#include <algorithm>

namespace pulc::dataset {
namespace {

// Below this many training images a class is unlikely to be learned well.
constexpr int kFewImages = 20;
// A largest/smallest class ratio above this skews training toward the large class.
constexpr double kImbalanceRatio = 10.0;

void addToSplit(Split split, int &train, int &val, int &test, int &unassigned)
{
    switch (split) {
    case Split::Train:
        ++train;
        break;
    case Split::Val:
        ++val;
        break;
    case Split::Test:
        ++test;
        break;
    case Split::Unassigned:
        ++unassigned;
        break;
    }
}

/// "1 image", "3 images": the CLI's English reads right for a count of one.
QString images(int n, const char *what = "image")
{
    return QStringLiteral("%1 %2%3").arg(n).arg(QLatin1String(what)).arg(n == 1 ? "" : "s");
}

} // namespace

QString describe(const StatsWarning &w)
{
    using Kind = StatsWarning::Kind;
    switch (w.kind) {
    case Kind::EmptyClass:
        return QStringLiteral("class '%1' has no images").arg(w.className);
    case Kind::FewImages:
        return QStringLiteral("class '%1' has only %2")
            .arg(w.className, images(w.count, "training image"));
    case Kind::Imbalance:
        return QStringLiteral("classes are imbalanced: the largest has %1 images, the smallest %2")
            .arg(w.count)
            .arg(w.other);
    case Kind::Leakage:
        return QStringLiteral("%1 in more than one split (leakage)").arg(images(w.count));
    case Kind::Conflicts:
        return QStringLiteral("%1 with different labels in different copies (conflict)")
            .arg(images(w.count));
    case Kind::Duplicates:
        return QStringLiteral("%1 of identical images").arg(images(w.count, "group"));
    case Kind::NoValidation:
        return QStringLiteral("no validation images: run a split");
    case Kind::MissingOrCorrupt:
        return QStringLiteral("%1 missing or corrupt").arg(images(w.count));
    }
    return {};
}

DatasetStats computeStats(const std::vector<SampleRow> &rows, const QList<ClassInfo> &classes)
{
    DatasetStats st;
    QHash<qint64, qsizetype> index;
    for (const ClassInfo &c : classes) {
        index.insert(c.id, st.classes.size());
        st.classes.append(ClassStats{c.id, c.name, c.color});
    }
    QSet<QString> dupHashes, conflictHashes, leakageHashes;
    for (const SampleRow &r : rows) {
        if (r.removed) {
            ++st.removed;
            continue;
        }
        ++st.samples;
        (r.classIds.empty() ? st.unlabeled : st.labeled)++;
        addToSplit(r.split, st.train, st.val, st.test, st.unassigned);
        if (r.status == SampleStatus::Missing)
            ++st.missing;
        else if (r.status == SampleStatus::Corrupt)
            ++st.corrupt;
        for (qint64 c : r.classIds) {
            auto it = index.constFind(c);
            if (it == index.constEnd())
                continue;
            ClassStats &cs = st.classes[*it];
            ++cs.count;
            addToSplit(r.split, cs.train, cs.val, cs.test, cs.unassigned);
        }
        if (r.duplicate)
            dupHashes.insert(r.hash);
        if (r.conflict)
            conflictHashes.insert(r.hash);
        if (r.leakage)
            leakageHashes.insert(r.hash);
    }
    st.duplicateGroups = int(dupHashes.size());
    st.conflictGroups = int(conflictHashes.size());
    st.leakageGroups = int(leakageHashes.size());

    using Kind = StatsWarning::Kind;
    int smallest = -1, largest = 0;
    for (const ClassStats &c : st.classes) {
        const int trainLike = c.train + c.unassigned;
        if (c.count == 0)
            st.warnings.append({Kind::EmptyClass, c.name});
        else if (trainLike < kFewImages)
            st.warnings.append({Kind::FewImages, c.name, trainLike});
        if (c.count > 0) {
            smallest = smallest < 0 ? c.count : std::min(smallest, c.count);
            largest = std::max(largest, c.count);
        }
    }
    if (smallest > 0 && double(largest) / smallest > kImbalanceRatio)
        st.warnings.append({Kind::Imbalance, {}, largest, smallest});
    if (st.leakageGroups > 0)
        st.warnings.append({Kind::Leakage, {}, st.leakageGroups});
    if (st.conflictGroups > 0)
        st.warnings.append({Kind::Conflicts, {}, st.conflictGroups});
    if (st.duplicateGroups > st.conflictGroups + st.leakageGroups)
        st.warnings.append({Kind::Duplicates, {}, st.duplicateGroups});
    if (st.labeled > 0 && st.val == 0)
        st.warnings.append({Kind::NoValidation, {}});
    if (st.missing + st.corrupt > 0)
        st.warnings.append({Kind::MissingOrCorrupt, {}, st.missing + st.corrupt});
    return st;
}

Result<DatasetStats> computeStats(Project &project)
{
    auto rows = loadSamples(project);
    if (!rows)
        return Result<DatasetStats>::failure(rows.error());
    return computeStats(rows.value(), project.classes());
}

} // namespace pulc::dataset
