#include "ui/data/samplegridmodel.h"

#include "ui/common/thumbnailloader.h"
#include "ui/project/projectsession.h"

#include <QColor>
#include <QDataStream>
#include <QDir>
#include <QLocale>
#include <QMimeData>
#include <QPixmap>
#include <QSize>

#include <algorithm>
#include <limits>

namespace pulc::ui {

using pulc::dataset::SampleRow;

const QString SampleGridModel::kMimeType = QStringLiteral("application/x-pulc-sample-ids");

SampleGridModel::SampleGridModel(ProjectSession *session, ThumbnailLoader *loader, QObject *parent)
    : QAbstractListModel(parent)
    , m_session(session)
    , m_loader(loader)
{
    connect(m_session, &ProjectSession::rowsReset, this, &SampleGridModel::reset);
    connect(m_session, &ProjectSession::projectClosed, this, &SampleGridModel::reset);
    connect(m_session, &ProjectSession::samplesChanged, this,
            [this] { relayout(m_sort == pulc::dataset::SampleSort::Class); });
    connect(m_session, &ProjectSession::classesChanged, this, [this] {
        indexClasses();
        if (m_sort == pulc::dataset::SampleSort::Class) {
            relayout(true);
        } else if (!m_visible.empty()) {
            Q_EMIT dataChanged(index(0), index(int(m_visible.size()) - 1));
        }
    });
    connect(m_loader, &ThumbnailLoader::ready, this, &SampleGridModel::thumbnailReady);
    reset();
}

void SampleGridModel::setFilter(const pulc::dataset::SampleFilter &filter)
{
    m_filter = filter;
    relayout(false);
}

void SampleGridModel::setSort(pulc::dataset::SampleSort sort)
{
    if (sort == m_sort)
        return;
    m_sort = sort;
    relayout(true);
}

void SampleGridModel::reset()
{
    beginResetModel();
    indexClasses();
    resort();
    refilter();
    endResetModel();
    Q_EMIT countChanged();
}

void SampleGridModel::indexClasses()
{
    m_classIndex.clear();
    const auto &classes = m_session->classes();
    for (int i = 0; i < classes.size(); ++i)
        m_classIndex.insert(classes.at(i).id, i);
}

void SampleGridModel::resort()
{
    // session->classes() is in display order, so its index orders like the position.
    m_order = pulc::dataset::sortedOrder(m_session->rows(), m_sort, [this](qint64 classId) {
        return m_classIndex.value(classId, std::numeric_limits<int>::max());
    });
}

void SampleGridModel::refilter()
{
    const auto &rows = m_session->rows();
    m_visible.clear();
    m_positionOf.assign(rows.size(), -1);
    m_total = 0;
    for (int r : m_order) {
        const SampleRow &row = rows[size_t(r)];
        if (!row.removed)
            ++m_total;
        if (pulc::dataset::matches(row, m_filter)) {
            m_positionOf[size_t(r)] = int(m_visible.size());
            m_visible.push_back(r);
        }
    }
}

void SampleGridModel::relayout(bool resortToo)
{
    if (m_order.size() != m_session->rows().size()) {
        reset(); // rows were added or dropped without a reset: start over
        return;
    }
    Q_EMIT layoutAboutToBeChanged();
    // Persistent indexes (the view's current item and selection) follow their sample.
    const QModelIndexList before = persistentIndexList();
    std::vector<int> sessionRows;
    sessionRows.reserve(size_t(before.size()));
    for (const QModelIndex &i : before)
        sessionRows.push_back(i.row() < int(m_visible.size()) ? m_visible[size_t(i.row())] : -1);
    if (resortToo)
        resort();
    refilter();
    QModelIndexList after;
    after.reserve(before.size());
    for (int r : sessionRows) {
        const int pos = r >= 0 ? m_positionOf[size_t(r)] : -1;
        after.append(pos >= 0 ? index(pos) : QModelIndex());
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged();
    Q_EMIT countChanged();
}

void SampleGridModel::thumbnailReady(qint64 id)
{
    const int row = rowOf(id);
    if (row >= 0) {
        const QModelIndex i = index(row);
        Q_EMIT dataChanged(i, i, {ThumbnailRole, Qt::DecorationRole, FailureRole});
    }
}

qint64 SampleGridModel::sampleId(int row) const
{
    return sampleAt(row).id;
}

int SampleGridModel::rowOf(qint64 id) const
{
    const int r = m_session->rowIndex(id);
    return r >= 0 && size_t(r) < m_positionOf.size() ? m_positionOf[size_t(r)] : -1;
}

const SampleRow &SampleGridModel::sampleAt(int row) const
{
    return m_session->rows()[size_t(m_visible[size_t(row)])];
}

std::vector<qint64> SampleGridModel::sampleIds(const QModelIndexList &indexes) const
{
    std::vector<int> rows;
    rows.reserve(size_t(indexes.size()));
    for (const QModelIndex &i : indexes)
        if (i.isValid() && i.model() == this)
            rows.push_back(i.row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    std::vector<qint64> ids;
    ids.reserve(rows.size());
    for (int r : rows)
        ids.push_back(sampleId(r));
    return ids;
}

int SampleGridModel::nextUnlabeled(int row) const
{
    const int n = int(m_visible.size());
    for (int step = 1; step <= n; ++step) {
        const int r = ((row < 0 ? -1 : row) + step) % n;
        if (r == row)
            break;
        if (sampleAt(r).classIds.empty())
            return r;
    }
    return -1;
}

QString SampleGridModel::absolutePath(const SampleRow &row) const
{
    return QDir::isAbsolutePath(row.path) ? row.path
                                          : m_session->dir() + QLatin1Char('/') + row.path;
}

QString SampleGridModel::failureText(const QString &reason)
{
    if (reason.isEmpty())
        return {};
    if (reason == QLatin1String("file not found"))
        return tr("File not found");
    if (reason == QLatin1String("corrupt image data") || reason == QLatin1String("not an image"))
        return tr("Corrupt or unsupported image data");
    if (reason.startsWith(QLatin1String("image too large: ")))
        return tr("Image too large to show (%1 pixels)").arg(reason.mid(17));
    if (reason == QLatin1String("file too large"))
        return tr("File too large to show");
    return tr("Cannot show this image: %1").arg(reason);
}

int SampleGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

QVariant SampleGridModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_visible.size()))
        return {};
    const SampleRow &row = sampleAt(index.row());
    const auto &classes = m_session->classes();
    auto classAt = [&](qint64 id) -> const pulc::dataset::ClassInfo * {
        const int i = m_classIndex.value(id, -1);
        return i >= 0 && i < classes.size() ? &classes.at(i) : nullptr;
    };
    switch (role) {
    case Qt::DisplayRole:
        return row.path.section(QLatin1Char('/'), -1);
    case SampleIdRole:
        return row.id;
    case PathRole:
        return row.path;
    case AbsolutePathRole:
        return absolutePath(row);
    case ClassIdsRole:
        return QVariant::fromValue(QList<qint64>(row.classIds.begin(), row.classIds.end()));
    case ClassNamesRole: {
        QStringList names;
        for (qint64 id : row.classIds)
            if (const auto *c = classAt(id))
                names << c->name;
        return names;
    }
    case ClassColorRole:
        if (!row.classIds.empty())
            if (const auto *c = classAt(row.classIds.front()))
                return QColor(c->color);
        return QColor();
    case ClassColorsRole: {
        QList<QColor> colors;
        for (qint64 id : row.classIds)
            if (const auto *c = classAt(id))
                colors << QColor(c->color);
        return QVariant::fromValue(colors);
    }
    case SplitRole:
        return int(row.split);
    case StatusRole:
        return int(row.status);
    case RemovedRole:
        return row.removed;
    case DuplicateRole:
        return row.duplicate;
    case ConflictRole:
        return row.conflict;
    case LeakageRole:
        return row.leakage;
    case Qt::DecorationRole:
    case ThumbnailRole:
        return m_loader->thumbnail(row.id, absolutePath(row), row.hash);
    case FailureRole:
        return failureText(m_loader->failure(row.id));
    case ImageSizeRole:
        return QSize(row.width, row.height);
    case Qt::ToolTipRole: {
        QStringList lines{QDir::toNativeSeparators(row.path)};
        const QStringList names = data(index, ClassNamesRole).toStringList();
        lines << (names.isEmpty() ? tr("Unlabeled") : names.join(QStringLiteral(", ")));
        if (row.width > 0)
            lines << tr("%1 × %2 pixels").arg(row.width).arg(row.height);
        const QString failure = failureText(m_loader->failure(row.id));
        if (!failure.isEmpty())
            lines << failure;
        else if (row.status == pulc::dataset::SampleStatus::Missing)
            lines << tr("File not found");
        else if (row.status == pulc::dataset::SampleStatus::Corrupt)
            lines << tr("Corrupt or unsupported image data");
        if (row.conflict)
            lines << tr("Same image as another sample with different labels");
        else if (row.duplicate)
            lines << tr("Same image as another sample");
        if (row.leakage)
            lines << tr("The same image is in another split");
        if (row.removed)
            lines << tr("Removed from the dataset");
        return lines.join(QLatin1Char('\n'));
    }
    default:
        return {};
    }
}

Qt::ItemFlags SampleGridModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid())
        f |= Qt::ItemIsDragEnabled;
    return f;
}

QHash<int, QByteArray> SampleGridModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SampleIdRole, "sampleId");
    names.insert(PathRole, "path");
    names.insert(AbsolutePathRole, "absolutePath");
    names.insert(ClassIdsRole, "classIds");
    names.insert(ClassNamesRole, "classNames");
    names.insert(ClassColorRole, "classColor");
    names.insert(ClassColorsRole, "classColors");
    names.insert(SplitRole, "split");
    names.insert(StatusRole, "status");
    names.insert(RemovedRole, "removed");
    names.insert(DuplicateRole, "duplicate");
    names.insert(ConflictRole, "conflict");
    names.insert(LeakageRole, "leakage");
    names.insert(ThumbnailRole, "thumbnail");
    names.insert(FailureRole, "failure");
    names.insert(ImageSizeRole, "imageSize");
    return names;
}

QStringList SampleGridModel::mimeTypes() const
{
    return {kMimeType};
}

QMimeData *SampleGridModel::mimeData(const QModelIndexList &indexes) const
{
    const std::vector<qint64> ids = sampleIds(indexes);
    if (ids.empty())
        return nullptr;
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << QList<qint64>(ids.begin(), ids.end());
    auto *mime = new QMimeData;
    mime->setData(kMimeType, bytes);
    return mime;
}

Qt::DropActions SampleGridModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

std::vector<qint64> SampleGridModel::idsFromMime(const QMimeData *mime)
{
    if (!mime || !mime->hasFormat(kMimeType))
        return {};
    QDataStream in(mime->data(kMimeType));
    QList<qint64> ids;
    in >> ids;
    if (in.status() != QDataStream::Ok)
        return {};
    return {ids.begin(), ids.end()};
}

} // namespace pulc::ui
