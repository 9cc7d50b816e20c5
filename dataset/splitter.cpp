#include "splitter.h"

#include "database.h"
#include "project.h"
#include "types.h"

#include <QHash>
#include <QMap>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <cmath>
#include <random>
#include <vector>

namespace pulc::dataset {
namespace {

/// Samples of equal content: they move together.
struct Unit
{
    std::vector<qint64> ids;
};

// Fisher-Yates with our own index draw, so the order depends only on the seed and not on the
// standard library's distribution implementation.
void shuffle(std::vector<Unit> &units, std::mt19937_64 &rng)
{
    for (size_t i = units.size(); i > 1; --i) {
        const size_t j = size_t(rng() % i);
        std::swap(units[i - 1], units[j]);
    }
}

} // namespace

Result<SplitResult> splitDataset(Project &project, const SplitRequest &req)
{
    if (!(req.val >= 0 && req.test >= 0 && req.val + req.test < 1.0))
        return Result<SplitResult>::failure(
            QStringLiteral("val and test fractions must be >= 0 and add up to less than 1 "
                           "(got %1 and %2)")
                .arg(req.val)
                .arg(req.test));
    QSqlDatabase &db = project.database().db();
    // Stratum = the sample's first class in display order.
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
                    "SELECT s.id, s.hash, (SELECT c.id FROM labels l JOIN classes c ON c.id = "
                    "l.class_id"
                    "  WHERE l.sample_id = s.id ORDER BY c.position, c.id LIMIT 1) AS first_class"
                    " FROM samples s WHERE s.removed = 0 %1 ORDER BY s.id")
                    .arg(req.reassign ? QString() : QStringLiteral("AND s.split = ''"))))
        return Result<SplitResult>::failure(q.lastError().text());
    // Copies of an image that already has a split follow it, so keeping the existing splits
    // cannot create leakage either.
    QHash<QString, Split> fixedSplitOfHash;
    if (!req.reassign) {
        QSqlQuery fixed(db);
        fixed.setForwardOnly(true);
        if (!fixed.exec(QStringLiteral("SELECT hash, split FROM samples WHERE removed = 0"
                                       " AND split != '' ORDER BY id")))
            return Result<SplitResult>::failure(fixed.lastError().text());
        while (fixed.next()) {
            const QString hash = fixed.value(0).toString();
            if (!fixedSplitOfHash.contains(hash))
                fixedSplitOfHash.insert(
                    hash, splitFromString(fixed.value(1).toString()).value_or(Split::Train));
        }
    }
    // A group of identical images joins the stratum of its first sample, even when its copies
    // disagree on the class (a conflict), so the copies never straddle two splits.
    QMap<QString, qint64> stratumOfHash;
    QMap<qint64, QMap<QString, Unit>> strata;        // class -> hash -> unit (ordered: repeatable)
    std::vector<std::pair<qint64, Split>> followers; // sample -> the split of its copies
    while (q.next()) {
        if (q.value(2).isNull())
            continue; // unlabeled: not part of any split
        const QString hash = q.value(1).toString();
        if (auto it = fixedSplitOfHash.constFind(hash); it != fixedSplitOfHash.constEnd()) {
            followers.emplace_back(q.value(0).toLongLong(), *it);
            continue;
        }
        const qint64 stratum = stratumOfHash.value(hash, q.value(2).toLongLong());
        stratumOfHash.insert(hash, stratum);
        strata[stratum][hash].ids.push_back(q.value(0).toLongLong());
    }

    std::mt19937_64 rng(req.seed);
    SplitResult result;
    Transaction tx(db);
    if (!tx.begun())
        return Result<SplitResult>::failure(
            QStringLiteral("%1: the database is locked").arg(project.databaseFile()));
    QSqlQuery upd(db);
    upd.prepare(QStringLiteral("UPDATE samples SET split = ? WHERE id = ?"));
    auto assign = [&](qint64 id, Split split) {
        upd.bindValue(0, toString(split));
        upd.bindValue(1, id);
        if (!upd.exec())
            return false;
        ++result.assigned;
        (split == Split::Val ? result.val : split == Split::Test ? result.test : result.train)++;
        return true;
    };
    for (const auto &[id, split] : followers) {
        if (!assign(id, split))
            return Result<SplitResult>::failure(upd.lastError().text());
    }
    for (auto stratum = strata.begin(); stratum != strata.end(); ++stratum) {
        std::vector<Unit> units;
        for (const Unit &u : stratum.value())
            units.push_back(u);
        shuffle(units, rng);
        const int n = int(units.size());
        int nVal = int(std::lround(n * req.val));
        int nTest = int(std::lround(n * req.test));
        // Small classes still get one validation / test image, but always keep one for train.
        if (req.val > 0 && nVal == 0 && n >= 3)
            nVal = 1;
        if (req.test > 0 && nTest == 0 && n >= 3)
            nTest = 1;
        while (nVal + nTest >= n && n > 0 && (nVal > 0 || nTest > 0))
            (nTest >= nVal ? nTest : nVal) -= 1;
        for (int i = 0; i < n; ++i) {
            const Split split = i < nVal           ? Split::Val
                                : i < nVal + nTest ? Split::Test
                                                   : Split::Train;
            for (qint64 id : units[size_t(i)].ids) {
                if (!assign(id, split))
                    return Result<SplitResult>::failure(upd.lastError().text());
            }
        }
    }
    if (Status s = tx.commit(); !s)
        return Result<SplitResult>::failure(s.error);
    return result;
}

} // namespace pulc::dataset
