#include "ui/evaluate/evaluatesamplemodel.h"

#include "ui/common/thumbnailloader.h"
#include "ui/project/projectsession.h"

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace pulc::ui {

using pulc::engine::EvalResult;
using pulc::engine::EvalSample;
using pulc::engine::Task;

EvaluateSampleModel::EvaluateSampleModel(ProjectSession *session, ThumbnailLoader *loader,
                                         QObject *parent)
    : QAbstractListModel(parent)
    , m_session(session)
    , m_loader(loader)
{
    connect(session, &ProjectSession::samplesChanged, this, &EvaluateSampleModel::samplesChanged);
    connect(session, &ProjectSession::rowsReset, this, [this] {
        if (!m_indexes.empty())
            Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    });
    connect(session, &ProjectSession::classesChanged, this, [this] {
        if (!m_indexes.empty())
            Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    });
    if (loader)
        connect(loader, &ThumbnailLoader::ready, this, &EvaluateSampleModel::thumbnailReady);
}

void EvaluateSampleModel::setSamples(std::shared_ptr<const EvalResult> result,
                                     std::vector<int> sampleIndexes)
{
    beginResetModel();
    m_result = std::move(result);
    m_indexes = std::move(sampleIndexes);
    m_rowOf.clear();
    m_before.clear();
    if (m_result) {
        for (size_t r = 0; r < m_indexes.size(); ++r) {
            const qint64 id = sampleId(int(r));
            m_rowOf.insert(id, int(r));
            const int row = m_session->rowIndex(id);
            if (row >= 0)
                m_before.insert(id, m_session->rows()[size_t(row)].classIds);
        }
    }
    endResetModel();
}

void EvaluateSampleModel::clear()
{
    setSamples(nullptr, {});
}

qint64 EvaluateSampleModel::sampleId(int row) const
{
    if (!m_result || row < 0 || size_t(row) >= m_indexes.size())
        return 0;
    const EvalSample &s = m_result->samples[size_t(m_indexes[size_t(row)])];
    return m_result->items[size_t(s.index)].sampleId;
}

std::vector<qint64> EvaluateSampleModel::sampleIds(const QModelIndexList &indexes) const
{
    std::vector<qint64> ids;
    for (const QModelIndex &index : indexes)
        ids.push_back(sampleId(index.row()));
    return ids;
}

std::vector<int> EvaluateSampleModel::misclassified(const EvalResult &result)
{
    std::vector<int> out;
    const bool multi = !result.samples.empty() && result.confusion.empty() &&
                       std::any_of(result.items.begin(), result.items.end(),
                                   [](const auto &item) { return !item.targets.empty(); });
    for (size_t i = 0; i < result.samples.size(); ++i) {
        const EvalSample &s = result.samples[i];
        if (s.failed || s.index < 0 || size_t(s.index) >= result.items.size())
            continue;
        const auto &item = result.items[size_t(s.index)];
        bool wrong = false;
        if (multi) {
            for (size_t a = 0; a < item.targets.size() && a < s.scores.size(); ++a) {
                const bool predicted = s.scores[a] > result.threshold;
                if ((item.targets[a] == 1.0f && !predicted) ||
                    (item.targets[a] == 0.0f && predicted))
                    wrong = true;
            }
        } else {
            wrong = s.predicted != item.label;
        }
        if (wrong)
            out.push_back(int(i));
    }
    std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
        return result.samples[size_t(a)].loss > result.samples[size_t(b)].loss;
    });
    return out;
}

int EvaluateSampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_indexes.size());
}

QString EvaluateSampleModel::predictedText(const EvalSample &s, double *score) const
{
    const auto &names = m_result->classNames;
    if (s.predicted >= 0 && size_t(s.predicted) < names.size()) {
        *score = size_t(s.predicted) < s.scores.size() ? s.scores[size_t(s.predicted)] : 0.0;
        return QString::fromStdString(names[size_t(s.predicted)]);
    }
    QStringList on;
    double best = 0.0;
    for (size_t a = 0; a < s.scores.size() && a < names.size(); ++a) {
        if (s.scores[a] > m_result->threshold)
            on << QString::fromStdString(names[a]);
        best = std::max<double>(best, s.scores[a]);
    }
    *score = best;
    return on.isEmpty() ? tr("(none)") : on.join(QStringLiteral(", "));
}

QString EvaluateSampleModel::currentLabels(qint64 id) const
{
    const int row = m_session->rowIndex(id);
    if (row < 0)
        return {};
    QStringList names;
    for (qint64 classId : m_session->rows()[size_t(row)].classIds) {
        if (const auto *c = m_session->classById(classId))
            names << c->name;
    }
    return names.isEmpty() ? tr("(unlabelled)") : names.join(QStringLiteral(", "));
}

QVariant EvaluateSampleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_result || index.row() >= rowCount())
        return {};
    const int sampleIndex = m_indexes[size_t(index.row())];
    const EvalSample &s = m_result->samples[size_t(sampleIndex)];
    const auto &item = m_result->items[size_t(s.index)];
    const qint64 id = item.sampleId;
    const auto &names = m_result->classNames;
    auto trueText = [&] {
        if (item.label >= 0 && size_t(item.label) < names.size())
            return QString::fromStdString(names[size_t(item.label)]);
        QStringList on;
        for (size_t a = 0; a < item.targets.size() && a < names.size(); ++a) {
            if (item.targets[a] == 1.0f)
                on << QString::fromStdString(names[a]);
        }
        return on.isEmpty() ? tr("(none)") : on.join(QStringLiteral(", "));
    };
    auto relabelled = [&] {
        const int row = m_session->rowIndex(id);
        return row >= 0 && m_before.contains(id) &&
               m_before.value(id) != m_session->rows()[size_t(row)].classIds;
    };
    double score = 0.0;
    switch (role) {
    case Qt::DisplayRole: {
        const QString predicted = predictedText(s, &score);
        const QString first = tr("%1 → %2").arg(trueText(), predicted);
        if (relabelled())
            return QString(first + u'\n' + tr("✓ now %1").arg(currentLabels(id)));
        return QString(first + u'\n' + tr("score %1").arg(QLocale().toString(score, 'f', 2)));
    }
    case Qt::ToolTipRole: {
        const QString predicted = predictedText(s, &score);
        return tr("%1\nTrue: %2\nPredicted: %3 (score %4)\nLoss: %5\nLabel now: %6")
            .arg(QString::fromStdString(item.path), trueText(), predicted,
                 QLocale().toString(score, 'f', 3), QLocale().toString(s.loss, 'f', 3),
                 currentLabels(id));
    }
    case Qt::DecorationRole: {
        if (!m_loader)
            return {};
        const int row = m_session->rowIndex(id);
        const QString hash = row >= 0 ? m_session->rows()[size_t(row)].hash : QString();
        const QPixmap pixmap = m_loader->thumbnail(id, QString::fromStdString(item.path), hash);
        return pixmap.isNull() ? QVariant() : QVariant(pixmap);
    }
    case Qt::BackgroundRole:
        return relabelled() ? QBrush(QColor(46, 160, 67, 60)) : QVariant();
    case SampleIdRole:
        return id;
    case SampleIndexRole:
        return sampleIndex;
    case TrueLabelRole:
        return trueText();
    case PredictedLabelRole:
        return predictedText(s, &score);
    case PredictedIndexRole:
        return s.predicted;
    case ScoreRole:
        predictedText(s, &score);
        return score;
    case LossRole:
        return s.loss;
    case RelabelledRole:
        return relabelled();
    case CurrentLabelRole:
        return currentLabels(id);
    }
    return {};
}

void EvaluateSampleModel::samplesChanged(const QList<qint64> &ids)
{
    for (qint64 id : ids) {
        const int row = m_rowOf.value(id, -1);
        if (row >= 0)
            Q_EMIT dataChanged(index(row), index(row));
    }
}

void EvaluateSampleModel::thumbnailReady(qint64 id)
{
    const int row = m_rowOf.value(id, -1);
    if (row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole});
}

} // namespace pulc::ui
