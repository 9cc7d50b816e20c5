#include "ui/data/classpanel.h"

#include "ui/data/classtablemodel.h"
#include "ui/data/labeling.h"
#include "ui/data/samplegridmodel.h"
#include "ui/project/editcommands.h"
#include "ui/project/projectsession.h"

#include <QAction>
#include <QColorDialog>
#include <QDragMoveEvent>
#include <QDropEvent>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QUndoStack>
#include <QVBoxLayout>

namespace pulc::ui {

ClassPanel::ClassPanel(ProjectSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new ClassTableModel(this))
    , m_table(new QTableView(this))
{
    m_table->setObjectName(QStringLiteral("classTable"));
    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setHighlightSections(false);
    m_table->horizontalHeader()->setMinimumSectionSize(24);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClassTableModel::NameColumn,
                                                      QHeaderView::Stretch);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setAcceptDrops(true);
    m_table->viewport()->setAcceptDrops(true);
    m_table->setDropIndicatorShown(true);
    m_table->viewport()->installEventFilter(this);
    m_table->setToolTip(tr("Click a class to show its images. Drag images here to label them."));

    auto makeAction = [this](QStyle::StandardPixmap icon, const QString &text, const QString &tip,
                             auto slot) {
        auto *action = new QAction(style()->standardIcon(icon), text, this);
        action->setToolTip(tip);
        connect(action, &QAction::triggered, this, slot);
        m_table->addAction(action);
        return action;
    };
    m_add = makeAction(QStyle::SP_FileDialogNewFolder, tr("Add…"), tr("Add a class"),
                       &ClassPanel::addClass);
    m_rename = makeAction(QStyle::SP_FileDialogDetailedView, tr("Rename…"),
                          tr("Rename the selected class"), &ClassPanel::renameClass);
    m_color = makeAction(QStyle::SP_DesktopIcon, tr("Color…"),
                         tr("Change the color of the selected class"), &ClassPanel::recolorClass);
    m_up = makeAction(QStyle::SP_ArrowUp, tr("Move Up"), tr("Move the selected class up"),
                      [this] { moveClass(-1); });
    m_down = makeAction(QStyle::SP_ArrowDown, tr("Move Down"), tr("Move the selected class down"),
                        [this] { moveClass(1); });
    m_merge = makeAction(QStyle::SP_ArrowRight, tr("Merge Into…"),
                         tr("Move every image of the selected class to another class"),
                         &ClassPanel::mergeClass);
    m_delete = makeAction(QStyle::SP_TrashIcon, tr("Delete…"),
                          tr("Delete the selected class and its labels"), &ClassPanel::deleteClass);
    m_add->setObjectName(QStringLiteral("addClassAction"));

    auto *toolbar = new QToolBar(this);
    toolbar->setIconSize(QSize(16, 16));
    toolbar->setToolButtonStyle(Qt::ToolButtonIconOnly);
    toolbar->addAction(m_add);
    toolbar->addAction(m_rename);
    toolbar->addAction(m_color);
    toolbar->addAction(m_up);
    toolbar->addAction(m_down);
    toolbar->addAction(m_merge);
    toolbar->addAction(m_delete);

    auto *title = new QLabel(tr("Classes"), this);
    QFont f = title->font();
    f.setBold(true);
    title->setFont(f);
    auto *header = new QHBoxLayout;
    header->addWidget(title);
    header->addStretch(1);
    header->addWidget(toolbar);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(header);
    layout->addWidget(m_table, 1);

    connect(m_table, &QTableView::clicked, this, [this](const QModelIndex &index) {
        Q_EMIT classClicked(index.data(ClassTableModel::ClassIdRole).toLongLong());
    });
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() == ClassTableModel::NameColumn)
            renameClass();
        else if (index.column() == ClassTableModel::KeyColumn)
            recolorClass();
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ClassPanel::updateActions);
    connect(m_session, &ProjectSession::classesChanged, this, &ClassPanel::refresh);
    connect(m_session, &ProjectSession::statsChanged, this, &ClassPanel::refresh);
    connect(m_session, &ProjectSession::rowsReset, this, &ClassPanel::refresh);
    connect(m_session, &ProjectSession::projectClosed, this, &ClassPanel::refresh);
    refresh();
}

std::optional<qint64> ClassPanel::currentClassId() const
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty())
        return std::nullopt;
    return rows.first().data(ClassTableModel::ClassIdRole).toLongLong();
}

void ClassPanel::refresh()
{
    const std::optional<qint64> selected = currentClassId();
    if (m_session->hasProject())
        m_model->setClasses(m_session->classes(), m_session->stats());
    else
        m_model->clear();
    // Split columns nobody uses only take room from the names.
    const auto &st = m_session->stats();
    const bool hasProject = m_session->hasProject();
    m_table->setColumnHidden(ClassTableModel::TrainColumn, hasProject && st.train == 0);
    m_table->setColumnHidden(ClassTableModel::ValColumn, hasProject && st.val == 0);
    m_table->setColumnHidden(ClassTableModel::TestColumn, hasProject && st.test == 0);
    m_table->setColumnHidden(ClassTableModel::UnassignedColumn, hasProject && st.unassigned == 0);
    if (selected)
        selectClass(*selected);
    updateActions();
}

void ClassPanel::selectClass(qint64 classId)
{
    const int row = m_model->rowOf(classId);
    if (row >= 0)
        m_table->selectRow(row);
}

void ClassPanel::updateActions()
{
    const std::optional<qint64> id = currentClassId();
    const int row = id ? m_model->rowOf(*id) : -1;
    m_add->setEnabled(m_session->hasProject());
    for (QAction *a : {m_rename, m_color, m_delete})
        a->setEnabled(id.has_value());
    m_merge->setEnabled(id.has_value() && m_model->rowCount() > 1);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row + 1 < m_model->rowCount());
}

void ClassPanel::addClass()
{
    QString name;
    for (;;) {
        bool ok = false;
        name = QInputDialog::getText(this, tr("Add Class"), tr("Name of the new class:"),
                                     QLineEdit::Normal, name, &ok);
        if (!ok)
            return;
        const QString problem = m_session->classNameProblem(name);
        if (problem.isEmpty())
            break;
        QMessageBox::warning(this, tr("Add Class"), problem);
    }
    auto *command = new AddClassCommand(m_session, name.trimmed());
    const qint64 id = command->classId();
    m_session->undoStack()->push(command);
    selectClass(id);
}

void ClassPanel::renameClass()
{
    const std::optional<qint64> id = currentClassId();
    const auto *c = id ? m_session->classById(*id) : nullptr;
    if (!c)
        return;
    QString name = c->name;
    for (;;) {
        bool ok = false;
        name = QInputDialog::getText(this, tr("Rename Class"), tr("New name of “%1”:").arg(c->name),
                                     QLineEdit::Normal, name, &ok);
        if (!ok || name.trimmed() == c->name)
            return;
        const QString problem = m_session->classNameProblem(name, *id);
        if (problem.isEmpty())
            break;
        QMessageBox::warning(this, tr("Rename Class"), problem);
    }
    m_session->undoStack()->push(new RenameClassCommand(m_session, *id, name.trimmed()));
}

void ClassPanel::recolorClass()
{
    const std::optional<qint64> id = currentClassId();
    const auto *c = id ? m_session->classById(*id) : nullptr;
    if (!c)
        return;
    const QColor color =
        QColorDialog::getColor(QColor(c->color), this, tr("Color of “%1”").arg(c->name));
    if (color.isValid() && color != QColor(c->color))
        m_session->undoStack()->push(new ClassColorCommand(m_session, *id, color.name()));
}

void ClassPanel::deleteClass()
{
    const std::optional<qint64> id = currentClassId();
    const auto *c = id ? m_session->classById(*id) : nullptr;
    if (!c)
        return;
    const int row = m_model->rowOf(*id);
    const int count = m_model->index(row, 0).data(ClassTableModel::CountRole).toInt();
    const auto answer = QMessageBox::question(
        this, tr("Delete Class"),
        tr("Delete the class “%1”? %2 images lose this label; the images stay in the project. "
           "Edit > Undo brings the class back.")
            .arg(c->name, QLocale().toString(count)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer == QMessageBox::Yes)
        m_session->undoStack()->push(new DeleteClassCommand(m_session, *id));
}

void ClassPanel::mergeClass()
{
    const std::optional<qint64> id = currentClassId();
    const auto *c = id ? m_session->classById(*id) : nullptr;
    if (!c)
        return;
    QStringList names;
    QList<qint64> ids;
    for (const auto &other : m_session->classes()) {
        if (other.id != *id) {
            names << other.name;
            ids << other.id;
        }
    }
    bool ok = false;
    const QString fromName = c->name;
    const QString target = QInputDialog::getItem(
        this, tr("Merge Classes"),
        tr("Move every image of “%1” to this class, then delete “%1”:").arg(fromName), names, 0,
        false, &ok);
    const int i = names.indexOf(target);
    if (!ok || i < 0)
        return;
    m_session->undoStack()->push(new MergeClassesCommand(m_session, *id, ids.at(i)));
    selectClass(ids.at(i));
}

void ClassPanel::moveClass(int delta)
{
    const std::optional<qint64> id = currentClassId();
    if (!id)
        return;
    std::vector<qint64> order;
    for (const auto &c : m_session->classes())
        order.push_back(c.id);
    const auto it = std::find(order.begin(), order.end(), *id);
    const auto i = it - order.begin();
    const auto j = i + delta;
    if (it == order.end() || j < 0 || j >= qsizetype(order.size()))
        return;
    std::swap(order[size_t(i)], order[size_t(j)]);
    m_session->undoStack()->push(new ReorderClassesCommand(m_session, order));
    selectClass(*id);
}

bool ClassPanel::dropSamples(const QMimeData *mime, int row)
{
    const std::vector<qint64> ids = SampleGridModel::idsFromMime(mime);
    if (ids.empty() || row < 0 || row >= m_model->rowCount())
        return false;
    const qint64 classId = m_model->index(row, 0).data(ClassTableModel::ClassIdRole).toLongLong();
    labelSamples(m_session, ids, classId);
    return true;
}

bool ClassPanel::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_table->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *e = static_cast<QDragMoveEvent *>(event);
        const QModelIndex index = m_table->indexAt(e->position().toPoint());
        const bool ok = e->mimeData()->hasFormat(SampleGridModel::kMimeType) &&
                        (index.isValid() || event->type() == QEvent::DragEnter);
        if (ok) {
            e->setDropAction(Qt::CopyAction);
            e->accept();
            if (index.isValid())
                m_table->selectRow(index.row()); // shows which class the drop will give
        } else {
            e->ignore();
        }
        return true;
    }
    case QEvent::Drop: {
        auto *e = static_cast<QDropEvent *>(event);
        const QModelIndex index = m_table->indexAt(e->position().toPoint());
        if (index.isValid() && dropSamples(e->mimeData(), index.row())) {
            e->setDropAction(Qt::CopyAction);
            e->accept();
        } else {
            e->ignore();
        }
        return true;
    }
    default:
        return QWidget::eventFilter(watched, event);
    }
}

} // namespace pulc::ui
