#include "duplicates.h"

#include "project.h"

#include <QMap>
#include <QSqlQuery>
#include <QVariant>

namespace pulc::dataset {

QList<DuplicateGroup> findDuplicateGroups(Project &project, const QSet<QString> *onlyHashes)
{
    // Label names per sample are concatenated in class order so equal sets compare equal.
    QSqlQuery q(project.database().db());
    q.setForwardOnly(true);
    q.exec(QStringLiteral(
        "SELECT s.hash, s.path, s.split,"
        " (SELECT group_concat(name, ';') FROM (SELECT c.name FROM labels l"
        "   JOIN classes c ON c.id = l.class_id WHERE l.sample_id = s.id"
        "   ORDER BY c.position, c.id))"
        " FROM samples s WHERE s.removed = 0 AND s.hash IN"
        " (SELECT hash FROM samples WHERE removed = 0 GROUP BY hash HAVING count(*) > 1)"
        " ORDER BY s.hash, s.id"));
    QList<DuplicateGroup> groups;
    while (q.next()) {
        const QString hash = q.value(0).toString();
        if (onlyHashes && !onlyHashes->contains(hash))
            continue;
        if (groups.isEmpty() || groups.last().hash != hash)
            groups.append(DuplicateGroup{hash, {}, {}, {}, false, false});
        DuplicateGroup &g = groups.last();
        g.paths.append(q.value(1).toString());
        g.splits.append(q.value(2).toString());
        g.labels.append(q.value(3).toString());
    }
    for (DuplicateGroup &g : groups) {
        for (qsizetype i = 1; i < g.paths.size(); ++i) {
            g.conflict = g.conflict || g.labels[i] != g.labels[0];
            g.leakage = g.leakage || g.splits[i] != g.splits[0];
        }
        // Unassigned plus one split is not leakage yet: only two different real splits are.
        QSet<QString> realSplits(g.splits.begin(), g.splits.end());
        realSplits.remove(QString());
        g.leakage = realSplits.size() > 1;
    }
    return groups;
}

} // namespace pulc::dataset
