#include "ui/data/samplebrowser.h"

#include "ui/common/thumbnailloader.h"
#include "ui/common/viewsettings.h"
#include "ui/data/labeling.h"
#include "ui/data/sampledelegate.h"
#include "ui/data/samplefilterbar.h"
#include "ui/data/samplegridmodel.h"
#include "ui/data/samplegridview.h"
#include "ui/data/sampleviewer.h"
#include "ui/project/editcommands.h"
#include "ui/project/projectsession.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QStyle>
#include <QTimer>
#include <QUndoStack>
#include <QUrl>
#include <QVBoxLayout>

namespace pulc::ui {

SampleBrowser::SampleBrowser(ProjectSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_loader(new ThumbnailLoader(this))
    , m_model(new SampleGridModel(session, m_loader, this))
    , m_delegate(new SampleDelegate(this))
    , m_filterBar(new SampleFilterBar(this))
    , m_view(new SampleGridView(this))
    , m_count(new QLabel(this))
    , m_autoAdvance(new QCheckBox(tr("Auto-advance"), this))
    , m_selectionTimer(new QTimer(this))
{
    m_view->setObjectName(QStringLiteral("sampleGrid"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_count->setObjectName(QStringLiteral("sampleCount"));
    m_autoAdvance->setObjectName(QStringLiteral("autoAdvance"));
    applyViewSettings();
    m_autoAdvance->setToolTip(tr("After a labeling key, select the next unlabeled image "
                                 "(single-label and binary projects)"));
    auto *hint =
        new QLabel(tr("Keys 1-9, 0 label the selection · Enter opens · Del removes"), this);
    hint->setEnabled(false);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count);
    bottom->addStretch(1);
    bottom->addWidget(hint);
    bottom->addSpacing(12);
    bottom->addWidget(m_autoAdvance);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    m_selectionTimer->setSingleShot(true);
    m_selectionTimer->setInterval(30);
    connect(m_selectionTimer, &QTimer::timeout, this, [this] {
        updateCount();
        Q_EMIT selectionChanged();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, m_selectionTimer,
            qOverload<>(&QTimer::start));
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                if (current.isValid())
                    m_lastRow = current.row();
            });
    connect(m_filterBar, &SampleFilterBar::filterChanged, this, &SampleBrowser::applyFilter);
    connect(m_filterBar, &SampleFilterBar::sortChanged, this,
            [this] { m_model->setSort(m_filterBar->sort()); });
    connect(m_model, &SampleGridModel::countChanged, this, &SampleBrowser::updateCount);
    connect(m_model, &QAbstractItemModel::layoutChanged, this, &SampleBrowser::layoutChanged);
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        // A current image from the start: the labeling keys work before any click.
        m_lastRow = 0;
        if (m_model->rowCount() > 0)
            selectRow(0);
        m_selectionTimer->start();
    });
    connect(m_view, &SampleGridView::labelKeyPressed, this, &SampleBrowser::labelSelection);
    connect(m_view, &SampleGridView::openRequested, this,
            [this](const QModelIndex &index) { openViewer(index.row()); });
    connect(m_view, &SampleGridView::removeRequested, this, &SampleBrowser::removeSelection);
    connect(m_view, &QWidget::customContextMenuRequested, this, &SampleBrowser::showContextMenu);
    connect(m_autoAdvance, &QCheckBox::toggled, this, [this](bool on) {
        kAutoAdvance.setValue(on);
        if (m_viewer)
            m_viewer->setAutoAdvance(on);
    });
    connect(m_session, &ProjectSession::projectOpened, this, &SampleBrowser::projectOpened);
    connect(m_session, &ProjectSession::classesChanged, this,
            [this] { m_filterBar->setClasses(m_session->classes()); });
    connect(m_session, &ProjectSession::projectClosed, this, [this] {
        m_loader->reset({});
        if (m_viewer)
            m_viewer->close();
    });
    updateCount();
}

SampleBrowser::~SampleBrowser() = default;

SampleViewer *SampleBrowser::viewer() const
{
    return m_viewer.data();
}

void SampleBrowser::applyViewSettings()
{
    m_autoAdvance->setChecked(kAutoAdvance.value());
    const int side = std::clamp(kThumbnailSize.value(), kThumbnailSmall, kThumbnailLarge);
    if (side != m_delegate->thumbnailSide()) {
        m_delegate->setThumbnailSide(side);
        m_loader->setDisplaySize(int(side * devicePixelRatioF()));
        QStyleOptionViewItem option;
        option.initFrom(m_view);
        m_view->setCellSize(m_delegate->sizeHint(option, {}));
    }
}

void SampleBrowser::projectOpened()
{
    m_loader->reset(m_session->dir() + QStringLiteral("/cache/thumbnails"));
    m_filterBar->setClasses(m_session->classes());
    m_filterBar->clearFilters();
}

void SampleBrowser::applyFilter()
{
    m_model->setFilter(m_filterBar->filter());
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0));
    m_view->scrollTo(m_view->currentIndex());
}

void SampleBrowser::layoutChanged()
{
    // The current image can leave the filter (labeled while showing "Unlabeled", removed):
    // the one that took its place becomes current, so the keyboard keeps working.
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        selectRow(std::min(m_lastRow, m_model->rowCount() - 1));
}

void SampleBrowser::selectRow(int row)
{
    const QModelIndex index = m_model->index(row);
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
    m_view->scrollTo(index);
}

void SampleBrowser::updateCount()
{
    const QLocale locale;
    QString text =
        tr("%1 of %2 images")
            .arg(locale.toString(m_model->rowCount()), locale.toString(m_model->totalCount()));
    const qsizetype selected = m_view->selectionModel()->selectedIndexes().size();
    if (selected > 1)
        text += tr(" · %1 selected").arg(locale.toString(selected));
    m_count->setText(text);
}

std::vector<qint64> SampleBrowser::selectedIds() const
{
    std::vector<qint64> ids = m_model->sampleIds(m_view->selectionModel()->selectedIndexes());
    if (ids.empty() && m_view->currentIndex().isValid())
        ids.push_back(m_model->sampleId(m_view->currentIndex().row()));
    return ids;
}

bool SampleBrowser::autoAdvance() const
{
    return m_autoAdvance->isChecked();
}

void SampleBrowser::setAutoAdvance(bool on)
{
    m_autoAdvance->setChecked(on);
}

void SampleBrowser::showClass(std::optional<qint64> classId,
                              std::optional<pulc::dataset::Split> split)
{
    m_filterBar->showClass(classId, split);
}

void SampleBrowser::labelSelection(int position)
{
    const std::vector<qint64> ids = selectedIds();
    if (ids.empty())
        return;
    const QModelIndex current = m_view->currentIndex();
    const int row = current.isValid() ? current.row() : m_model->rowOf(ids.back());
    const qint64 currentId = row >= 0 ? m_model->sampleId(row) : ids.back();
    labelSamplesByPosition(m_session, ids, position);
    if (!autoAdvance() || m_session->info().task == pulc::dataset::TaskType::MultiLabel)
        return;
    // Continue after the labeled image, or from its place when the filter now hides it.
    const int now = m_model->rowOf(currentId);
    const int next = m_model->nextUnlabeled(now >= 0 ? now : row - 1);
    if (next >= 0)
        selectRow(next);
}

void SampleBrowser::openViewer(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    if (!m_viewer) {
        m_viewer = new SampleViewer(m_session, m_model, this);
        m_viewer->setAttribute(Qt::WA_DeleteOnClose);
        connect(m_viewer, &SampleViewer::currentSampleChanged, this, [this](qint64 id) {
            const int r = m_model->rowOf(id);
            if (r >= 0)
                selectRow(r);
        });
    }
    m_viewer->setAutoAdvance(autoAdvance());
    m_viewer->showRow(row);
    m_viewer->show();
    m_viewer->raise();
    m_viewer->activateWindow();
}

void SampleBrowser::removeSelection()
{
    const std::vector<qint64> ids = selectedIds();
    if (ids.empty())
        return;
    // In the removed images, the same key brings them back.
    const bool restore = m_model->filter().removed;
    m_session->undoStack()->push(new RemoveCommand(m_session, ids, !restore));
}

void SampleBrowser::moveSelection(pulc::dataset::Split split)
{
    const std::vector<qint64> ids = selectedIds();
    if (!ids.empty())
        m_session->undoStack()->push(new SplitCommand(m_session, ids, split));
}

void SampleBrowser::showContextMenu(const QPoint &pos)
{
    const QModelIndex at = m_view->indexAt(pos);
    if (!at.isValid())
        return;
    if (!m_view->selectionModel()->isSelected(at))
        selectRow(at.row());
    const std::vector<qint64> ids = selectedIds();
    const bool multi = m_session->info().task == pulc::dataset::TaskType::MultiLabel;

    QMenu menu(this);
    QMenu *label = menu.addMenu(multi ? tr("Toggle Attribute") : tr("Label As"));
    const auto &classes = m_session->classes();
    for (int i = 0; i < classes.size(); ++i) {
        const QString key = labelingKey(i);
        QAction *a = label->addAction(classes.at(i).name);
        QPixmap swatch(12, 12);
        swatch.fill(QColor(classes.at(i).color));
        a->setIcon(QIcon(swatch));
        if (!key.isEmpty())
            a->setShortcut(QKeySequence(key)); // shown in the menu; the grid handles the key
        const qint64 classId = classes.at(i).id;
        connect(a, &QAction::triggered, this,
                [this, ids, classId] { labelSamples(m_session, ids, classId); });
    }
    label->setEnabled(!classes.isEmpty());
    menu.addAction(tr("Clear Labels"), this, [this, ids] {
        m_session->undoStack()->push(
            new LabelCommand(m_session, ids, pulc::dataset::LabelMode::Clear, 0));
    });
    QMenu *split = menu.addMenu(tr("Move to Split"));
    const std::pair<pulc::dataset::Split, QString> splits[] = {
        {pulc::dataset::Split::Train, tr("Train")},
        {pulc::dataset::Split::Val, tr("Validation")},
        {pulc::dataset::Split::Test, tr("Test")},
        {pulc::dataset::Split::Unassigned, tr("No Split")},
    };
    for (const auto &[value, text] : splits)
        split->addAction(text, this, [this, value = value] { moveSelection(value); });
    menu.addSeparator();
    if (m_model->filter().removed)
        menu.addAction(tr("Restore to Dataset"), QKeySequence::Delete, this,
                       &SampleBrowser::removeSelection);
    else
        menu.addAction(style()->standardIcon(QStyle::SP_TrashIcon), tr("Remove from Dataset"),
                       QKeySequence::Delete, this, &SampleBrowser::removeSelection);
    menu.addSeparator();
    const QString path = at.data(SampleGridModel::AbsolutePathRole).toString();
    menu.addAction(tr("Open in Viewer"), QKeySequence(Qt::Key_Return), this,
                   [this, row = at.row()] { openViewer(row); });
    menu.addAction(tr("Copy Path"), this, [this] {
        QStringList paths;
        for (const QModelIndex &i : m_view->selectionModel()->selectedIndexes())
            paths << QDir::toNativeSeparators(i.data(SampleGridModel::AbsolutePathRole).toString());
        QApplication::clipboard()->setText(paths.join(QLatin1Char('\n')));
    });
    menu.addAction(tr("Show in File Manager"), this, [path] {
        QDesktopServices::openUrl(QUrl::fromLocalFile(QFileInfo(path).absolutePath()));
    });
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace pulc::ui
