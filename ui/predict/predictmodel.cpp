#include "ui/predict/predictmodel.h"

#include <QBrush>
#include <QFileInfo>
#include <QGuiApplication>
#include <QIcon>
#include <QPalette>
#include <QSaveFile>

#include <algorithm>

namespace pulc::ui {

using pulc::engine::Task;

namespace {

/// A CSV field, quoted when it holds a separator, a quote, a line break or edge spaces.
QString csvField(const QString &text)
{
    const bool quote = text.contains(QLatin1Char(',')) || text.contains(QLatin1Char('"')) ||
                       text.contains(QLatin1Char('\n')) || text.contains(QLatin1Char('\r')) ||
                       text.startsWith(QLatin1Char(' ')) || text.endsWith(QLatin1Char(' '));
    if (!quote)
        return text;
    QString escaped = text;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

/// The error without its leading "path: ", since the row already names the file.
QString shortError(const PredictionResult &result)
{
    const QString prefix = result.path + QStringLiteral(": ");
    return result.error.startsWith(prefix) ? result.error.mid(prefix.size()) : result.error;
}

/// What the CSV's decision column holds: the class chosen, or the attributes set.
QString csvDecision(const PredictionResult &r)
{
    if (!r.ok)
        return {};
    if (r.task == Task::MultiLabel) {
        QStringList on;
        for (int i = 0; i < r.attributes.size() && i < r.classNames.size(); ++i)
            if (r.attributes[i])
                on << r.classNames[i];
        return on.join(QLatin1Char(';'));
    }
    return r.bestName();
}

} // namespace

PredictModel::PredictModel(QObject *parent)
    : QAbstractTableModel(parent)
{}

void PredictModel::addPending(int first, const QStringList &paths)
{
    if (paths.isEmpty())
        return;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row + int(paths.size()) - 1);
    for (int i = 0; i < paths.size(); ++i) {
        Row r;
        r.index = first + i;
        r.result.path = paths[i];
        m_rowOfIndex.insert(r.index, int(m_rows.size()));
        m_rows.push_back(std::move(r));
    }
    endInsertRows();
}

void PredictModel::setResult(int index, const PredictionResult &result)
{
    const int row = rowOf(index);
    if (row < 0)
        return;
    Row &r = m_rows[size_t(row)];
    r.result = result;
    r.state = result.ok ? State::Done : State::Failed;
    r.thumbnail = QIcon();
    Q_EMIT dataChanged(this->index(row, 0), this->index(row, ColumnCount - 1));
}

void PredictModel::markWaitingStopped()
{
    for (size_t row = 0; row < m_rows.size(); ++row) {
        if (m_rows[row].state == State::Waiting) {
            m_rows[row].state = State::Stopped;
            Q_EMIT dataChanged(index(int(row), 0), index(int(row), ColumnCount - 1));
        }
    }
}

void PredictModel::clear()
{
    beginResetModel();
    m_rows.clear();
    m_rowOfIndex.clear();
    endResetModel();
}

void PredictModel::setTask(Task task)
{
    if (task == m_task)
        return;
    m_task = task;
    Q_EMIT headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

int PredictModel::rowOfPath(const QString &path) const
{
    for (size_t row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].result.path == path)
            return int(row);
    return -1;
}

int PredictModel::doneCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [](const Row &r) { return r.state == State::Done; }));
}

int PredictModel::failedCount() const
{
    return int(std::count_if(m_rows.begin(), m_rows.end(),
                             [](const Row &r) { return r.state == State::Failed; }));
}

int PredictModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PredictModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PredictModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case ImageColumn:
        return tr("Image");
    case FileColumn:
        return tr("File");
    case ClassColumn:
        return m_task == Task::MultiLabel ? tr("Best attribute") : tr("Prediction");
    case ScoreColumn:
        return tr("Score");
    case SecondColumn:
        return tr("Runner-up");
    case DecisionColumn:
        return tr("Decision");
    case TimeColumn:
        return tr("Time");
    case StatusColumn:
        return tr("Status");
    }
    return {};
}

QVariant PredictModel::displayData(const Row &row, int column) const
{
    const PredictionResult &r = row.result;
    const bool done = row.state == State::Done;
    switch (column) {
    case FileColumn:
        return QFileInfo(r.path).fileName();
    case ClassColumn:
        // A failed image says why where its class would be (the full text is the tooltip).
        return done ? r.bestName() : row.state == State::Failed ? shortError(r) : QString();
    case ScoreColumn:
        return done ? QString::number(r.bestScore(), 'f', 3) : QString();
    case SecondColumn:
        return done && !r.secondName().isEmpty()
                   ? tr("%1 (%2)").arg(r.secondName()).arg(r.secondScore(), 0, 'f', 3)
                   : QString();
    case DecisionColumn:
        return done ? r.decisionText() : QString();
    case TimeColumn:
        return done ? tr("%1 ms").arg(r.milliseconds, 0, 'f', 1) : QString();
    case StatusColumn:
        switch (row.state) {
        case State::Waiting:
            return tr("Waiting…");
        case State::Done:
            return r.imageSize.isValid()
                       ? tr("%1 × %2").arg(r.imageSize.width()).arg(r.imageSize.height())
                       : tr("Done");
        case State::Failed:
            return tr("Failed");
        case State::Stopped:
            return tr("Stopped");
        }
    }
    return {};
}

QVariant PredictModel::sortData(const Row &row, int column) const
{
    const PredictionResult &r = row.result;
    switch (column) {
    case ImageColumn:
        return row.index;
    case ScoreColumn:
        return double(r.bestScore());
    case SecondColumn:
        return double(r.secondScore());
    case TimeColumn:
        return row.state == State::Done ? r.milliseconds : -1.0;
    case StatusColumn:
        return int(row.state);
    default:
        return displayData(row, column).toString().toLower();
    }
}

QVariant PredictModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    const int column = index.column();
    switch (role) {
    case Qt::DisplayRole:
        return column == ImageColumn ? QVariant() : displayData(row, column);
    case Qt::DecorationRole:
        if (column == ImageColumn && !row.result.thumbnail.isNull()) {
            // Pixmaps belong to the GUI thread: made here, once, from the worker's QImage.
            auto &cached = const_cast<Row &>(row).thumbnail;
            if (cached.isNull()) {
                const QPixmap pixmap = QPixmap::fromImage(row.result.thumbnail);
                cached.addPixmap(pixmap, QIcon::Normal);
                cached.addPixmap(pixmap, QIcon::Selected); // not tinted when selected
            }
            return cached;
        }
        return {};
    case Qt::ToolTipRole:
        if (row.state == State::Failed)
            return row.result.error;
        return row.result.path;
    case Qt::ForegroundRole:
        if (row.state == State::Failed)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (row.state == State::Waiting || row.state == State::Stopped)
            return QGuiApplication::palette().brush(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::TextAlignmentRole:
        if (column == ScoreColumn || column == TimeColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return row.result.path;
    case StateRole:
        return int(row.state);
    case ResultRole:
        return row.state == State::Done || row.state == State::Failed
                   ? QVariant::fromValue(row.result)
                   : QVariant();
    case ScoreRole:
        return column == ScoreColumn && row.state == State::Done ? double(row.result.bestScore())
                                                                 : -1.0;
    case SortRole:
        return sortData(row, column);
    case ErrorRole:
        return row.state == State::Failed ? row.result.error : QString();
    }
    return {};
}

QString PredictModel::csv() const
{
    qsizetype k = 0;
    for (const Row &row : m_rows)
        k = std::max(k, row.result.topNames.size());
    QStringList header{QStringLiteral("path")};
    for (qsizetype i = 1; i <= k; ++i)
        header << QStringLiteral("class_%1").arg(i) << QStringLiteral("score_%1").arg(i);
    header << QStringLiteral("decision") << QStringLiteral("milliseconds")
           << QStringLiteral("error");
    QString text = header.join(QLatin1Char(',')) + QLatin1Char('\n');
    for (const Row &row : m_rows) {
        const PredictionResult &r = row.result;
        QStringList fields{csvField(r.path)};
        for (qsizetype i = 0; i < k; ++i) {
            const bool has = row.state == State::Done && i < r.topNames.size();
            fields << (has ? csvField(r.topNames[i]) : QString())
                   << (has ? QString::number(r.topScores[i], 'f', 6) : QString());
        }
        QString error;
        if (row.state == State::Failed)
            error = r.error;
        else if (row.state != State::Done)
            error = tr("not classified");
        fields << csvField(row.state == State::Done ? csvDecision(r) : QString())
               << (row.state == State::Done ? QString::number(r.milliseconds, 'f', 2) : QString())
               << csvField(error);
        text += fields.join(QLatin1Char(',')) + QLatin1Char('\n');
    }
    return text;
}

bool PredictModel::exportCsv(const QString &fileName, QString *error) const
{
    const QByteArray bytes = csv().toUtf8();
    QSaveFile file(fileName);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error)
            *error = tr("Cannot save %1: %2").arg(fileName, file.errorString());
        return false;
    }
    return true;
}

} // namespace pulc::ui
