#include "ui/train/runspanel.h"

#include "ui/common/scenetext.h"
#include "ui/project/projectruns.h"
#include "ui/project/runsmodel.h"

#include <engine/scenes.h>

#include <QAction>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace pulc::ui {

RunsPanel::RunsPanel(ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_model(new RunsModel(runs, this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTableView(this))
{
    setObjectName(QStringLiteral("runsPanel"));
    m_proxy->setSourceModel(m_model);
    m_proxy->setSortRole(RunsModel::SortRole);
    m_view->setObjectName(QStringLiteral("runsView"));
    m_view->setModel(m_proxy);
    m_view->setSortingEnabled(true);
    m_view->sortByColumn(RunsModel::DateColumn, Qt::DescendingOrder);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_view->setAlternatingRowColors(true);

    // No Return shortcut: it would take Return from the inline name editor. Double-click.
    m_showCurves = addAction(tr("Show curves"), QKeySequence(),
                             tr("Show the run's training curves (double-click)"));
    m_compare = addAction(tr("Compare"), QKeySequence(Qt::CTRL | Qt::Key_K),
                          tr("Draw the run's curves dashed next to the ones shown"));
    m_resume = addAction(tr("Resume"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Return),
                         tr("Continue a stopped or interrupted run from its last checkpoint"));
    m_duplicate = addAction(tr("Duplicate settings"), QKeySequence(Qt::CTRL | Qt::Key_D),
                            tr("Load the run's settings into the form for a new run"));
    m_evaluate = addAction(tr("Evaluate"), QKeySequence(Qt::CTRL | Qt::Key_E),
                           tr("Open the run on the Evaluate page"));
    m_predict = addAction(tr("Predict"), QKeySequence(Qt::CTRL | Qt::Key_P),
                          tr("Try the run's model on the Predict page"));
    m_export = addAction(tr("Export"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                         tr("Export the run's model for deployment on the Export page"));
    m_importModel =
        addAction(tr("Import Model…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
                  tr("Add a PaddleClas weights file (.pdparams), such as a PULC scene's "
                     "<scene>_pretrained.pdparams, as a ready run"));
    m_rename = addAction(tr("Rename"), QKeySequence(Qt::Key_F2), tr("Rename the run"));
    m_delete = addAction(tr("Delete"), QKeySequence::Delete,
                         tr("Delete the run with its checkpoints and logs"));

    connect(m_showCurves, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT curvesRequested(id, false);
    });
    connect(m_compare, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT curvesRequested(id, true);
    });
    connect(m_resume, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT resumeRequested(id);
    });
    connect(m_duplicate, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT duplicateRequested(id);
    });
    connect(m_evaluate, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT evaluateRequested(id);
    });
    connect(m_predict, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT predictRequested(id);
    });
    connect(m_export, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            Q_EMIT exportRequested(id);
    });
    connect(m_importModel, &QAction::triggered, this, &RunsPanel::chooseModelToImport);
    connect(m_runs, &ProjectRuns::modelImported, this,
            [this](qint64 runId, const QString &summary, const QStringList &notes) {
                // The runs are read again in a worker: select the new one once it is listed.
                m_selectWhenListed = runId;
                if (m_model->rowOf(runId) >= 0) {
                    selectRun(runId);
                    m_selectWhenListed = 0;
                }
                QString text = tr("Imported. %1").arg(summary);
                if (!notes.isEmpty())
                    text += QStringLiteral(" (") + notes.join(QStringLiteral("; ")) +
                            QStringLiteral(")");
                Q_EMIT modelImported(runId, text);
            });
    connect(m_rename, &QAction::triggered, this, [this] {
        const QModelIndex current = m_view->currentIndex();
        if (current.isValid())
            m_view->edit(current.siblingAtColumn(RunsModel::NameColumn));
    });
    connect(m_delete, &QAction::triggered, this, [this] {
        if (const qint64 id = currentRun())
            deleteRun(id);
    });
    connect(m_view, &QTableView::doubleClicked, m_showCurves, &QAction::trigger);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        QMenu menu(this);
        for (QAction *action :
             {m_showCurves, m_compare, m_resume, m_duplicate, m_evaluate, m_predict, m_export})
            menu.addAction(action);
        menu.addSeparator();
        menu.addAction(m_rename);
        menu.addAction(m_delete);
        menu.addSeparator();
        menu.addAction(m_importModel);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });

    // Keep the selected run selected across the model's resets (every refresh).
    connect(m_model, &QAbstractItemModel::modelAboutToBeReset, this,
            [this] { m_keepSelection = currentRun(); });
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_selectWhenListed && m_model->rowOf(m_selectWhenListed) >= 0) {
            m_keepSelection = m_selectWhenListed;
            m_selectWhenListed = 0;
        }
        if (m_keepSelection)
            selectRun(m_keepSelection);
        updateActions();
    });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &RunsPanel::updateActions);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &RunsPanel::updateActions);

    auto *buttons = new QHBoxLayout;
    for (QAction *action : {m_showCurves, m_compare, m_resume, m_duplicate, m_evaluate, m_predict,
                            m_export, m_rename, m_delete, m_importModel}) {
        auto *button = new QToolButton(this);
        button->setDefaultAction(action);
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);
    updateActions();
}

RunsPanel::~RunsPanel() = default;

QAction *RunsPanel::addAction(const QString &text, const QKeySequence &key, const QString &tip)
{
    auto *action = new QAction(text, this);
    action->setShortcut(key);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(
        key.isEmpty() ? tip
                      : QStringLiteral("%1 (%2)").arg(tip, key.toString(QKeySequence::NativeText)));
    m_view->addAction(action);
    return action;
}

qint64 RunsPanel::currentRun() const
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid())
        return 0;
    return current.data(RunsModel::RunIdRole).toLongLong();
}

void RunsPanel::selectRun(qint64 id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_model->index(row, 0));
    m_view->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect |
                                                         QItemSelectionModel::Rows);
    m_view->scrollTo(index);
}

void RunsPanel::setActiveRun(qint64 id, bool training)
{
    m_training = training;
    m_model->setActiveRun(id);
    updateActions();
}

void RunsPanel::deleteRun(qint64 id)
{
    const pulc::engine::RunSummary *run = m_runs->find(id);
    if (!run)
        return;
    const QString name = QString::fromStdString(run->name);
    if (id == m_model->activeRun() || run->status == "running") {
        QMessageBox::information(this, tr("Delete run"),
                                 tr("Run “%1” is training. Stop it before deleting it.").arg(name));
        return;
    }
    QMessageBox box(QMessageBox::Warning, tr("Delete run"), tr("Delete run “%1”?").arg(name),
                    QMessageBox::NoButton, this);
    box.setInformativeText(tr("Its folder goes too, with its checkpoints, metrics and log:\n%1\n"
                              "This cannot be undone.")
                               .arg(QString::fromStdString(run->dir)));
    QPushButton *remove = box.addButton(tr("Delete run"), QMessageBox::DestructiveRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(QMessageBox::Cancel);
    box.setObjectName(QStringLiteral("deleteRunQuestion"));
    box.exec();
    if (box.clickedButton() == remove)
        m_runs->remove(id);
}

void RunsPanel::updateActions()
{
    const qint64 id = currentRun();
    const pulc::engine::RunSummary *run = id ? m_runs->find(id) : nullptr;
    const bool active = run && run->id == m_model->activeRun();
    const bool running = active || (run && run->status == "running");
    const QString dir = run ? QString::fromStdString(run->dir) : QString();
    const bool hasCheckpoint = run && (QFileInfo::exists(dir + QStringLiteral("/best.ckpt")) ||
                                       QFileInfo::exists(dir + QStringLiteral("/last.ckpt")));
    const bool resumable =
        run && !running && (run->status == "stopped" || run->status == "interrupted");
    m_showCurves->setEnabled(run != nullptr);
    m_compare->setEnabled(run != nullptr);
    m_duplicate->setEnabled(run && QFileInfo::exists(dir + QStringLiteral("/config.yml")));
    m_resume->setEnabled(resumable && !m_training &&
                         QFileInfo::exists(dir + QStringLiteral("/last.ckpt")));
    const bool usable = run && !running && hasCheckpoint && run->status != "failed";
    m_evaluate->setEnabled(usable);
    m_predict->setEnabled(usable);
    m_export->setEnabled(usable);
    m_rename->setEnabled(run && !running);
    m_delete->setEnabled(run && !running);
    m_importModel->setEnabled(!m_runs->projectDir().isEmpty());
}

void RunsPanel::chooseModelToImport()
{
    if (m_runs->projectDir().isEmpty())
        return;
    const QString file = QFileDialog::getOpenFileName(
        this, tr("Import a model"), QString(),
        tr("PaddleClas weights (*.pdparams);;PULC Studio checkpoints (*.ckpt);;All files (*)"));
    if (file.isEmpty())
        return;
    QStringList items{tr("Automatic (from the file name, else the project's runs)")};
    QStringList keys{QString()};
    for (const pulc::engine::SceneInfo &scene : pulc::engine::scenes()) {
        items << sceneTitle(scene);
        keys << QString::fromStdString(scene.name);
    }
    bool ok = false;
    const QString item = QInputDialog::getItem(
        this, tr("Import a model"), tr("Scene template (input size, strides, classes, threshold):"),
        items, 0, false, &ok);
    if (!ok)
        return;
    importModelFile(file, keys.value(items.indexOf(item)));
}

void RunsPanel::importModelFile(const QString &file, const QString &scene)
{
    m_runs->importModel(file, scene);
}

} // namespace pulc::ui
