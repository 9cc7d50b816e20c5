#include "ui/evaluate/confusionmatrixmodel.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

#include <algorithm>
#include <cmath>

namespace pulc::ui {

namespace {
// Diagonal cells (right) in blue, confusions in orange: the eye finds the mistakes first.
const QColor kRight(37, 99, 171);
const QColor kWrong(214, 96, 30);
} // namespace

ConfusionMatrixModel::ConfusionMatrixModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void ConfusionMatrixModel::setResult(std::shared_ptr<const pulc::engine::EvalResult> result)
{
    beginResetModel();
    m_result = std::move(result);
    m_rowTotals.clear();
    m_maxOffDiagonal = 0;
    if (m_result) {
        for (size_t t = 0; t < m_result->confusion.size(); ++t) {
            qint64 total = 0;
            for (size_t p = 0; p < m_result->confusion[t].size(); ++p) {
                total += m_result->confusion[t][p];
                if (p != t)
                    m_maxOffDiagonal =
                        std::max<qint64>(m_maxOffDiagonal, m_result->confusion[t][p]);
            }
            m_rowTotals.push_back(total);
        }
    }
    endResetModel();
}

std::vector<int> ConfusionMatrixModel::samplesAt(int trueClass, int predicted) const
{
    std::vector<int> out;
    if (!m_result)
        return out;
    const auto &samples = m_result->samples;
    for (size_t i = 0; i < samples.size(); ++i) {
        const auto &s = samples[i];
        if (s.failed || s.index < 0 || size_t(s.index) >= m_result->items.size())
            continue;
        if (m_result->items[size_t(s.index)].label == trueClass && s.predicted == predicted)
            out.push_back(int(i));
    }
    std::stable_sort(out.begin(), out.end(), [&](int a, int b) {
        return samples[size_t(a)].loss > samples[size_t(b)].loss;
    });
    return out;
}

int ConfusionMatrixModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result ? 0 : int(m_result->confusion.size());
}

int ConfusionMatrixModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() || !m_result || m_result->confusion.empty()
               ? 0
               : int(m_result->confusion.front().size());
}

QVariant ConfusionMatrixModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || !m_result || index.row() >= rowCount() ||
        index.column() >= columnCount())
        return {};
    const qint64 count = m_result->confusion[size_t(index.row())][size_t(index.column())];
    const qint64 total = m_rowTotals[size_t(index.row())];
    const double fraction = total > 0 ? double(count) / double(total) : 0.0;
    const bool diagonal = index.row() == index.column();
    // Off-diagonal shades are relative to the largest confusion, so a 2% mistake in a
    // 99%-accurate model still shows.
    const double shade =
        count == 0 ? 0.0
        : diagonal ? fraction
                   : 0.15 + 0.85 * double(count) / double(std::max<qint64>(1, m_maxOffDiagonal));
    switch (role) {
    case Qt::DisplayRole:
        return count == 0 ? QString() : QLocale().toString(count);
    case CountRole:
        return qlonglong(count);
    case FractionRole:
        return fraction;
    case Qt::TextAlignmentRole:
        return Qt::AlignCenter;
    case Qt::BackgroundRole: {
        if (count == 0)
            return {};
        QColor c = diagonal ? kRight : kWrong;
        c.setAlphaF(float(0.12 + 0.88 * shade));
        return QBrush(c);
    }
    case Qt::ForegroundRole:
        return count > 0 && shade > 0.55 ? QBrush(Qt::white) : QVariant();
    case Qt::ToolTipRole: {
        const QString truth = QString::fromStdString(m_result->classNames[size_t(index.row())]);
        const QString predicted =
            QString::fromStdString(m_result->classNames[size_t(index.column())]);
        return tr("%1 of %2 images of “%3” (%4%) predicted as “%5”. Click to see them.")
            .arg(count)
            .arg(total)
            .arg(truth, QLocale().toString(100.0 * fraction, 'f', 1), predicted);
    }
    }
    return {};
}

QVariant ConfusionMatrixModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (!m_result || section < 0 || size_t(section) >= m_result->classNames.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    const QString name = QString::fromStdString(m_result->classNames[size_t(section)]);
    if (role == Qt::DisplayRole)
        return name;
    if (role == Qt::ToolTipRole)
        return orientation == Qt::Vertical ? tr("True class: %1").arg(name)
                                           : tr("Predicted class: %1").arg(name);
    return QAbstractTableModel::headerData(section, orientation, role);
}

} // namespace pulc::ui
