#include "ui/evaluate/evaluatesamplegrid.h"

#include "ui/data/labeling.h"
#include "ui/evaluate/evaluatesampledelegate.h"
#include "ui/evaluate/evaluatesamplemodel.h"
#include "ui/project/projectsession.h"

#include <QAction>
#include <QKeyEvent>
#include <QMenu>

namespace pulc::ui {

EvaluateSampleGrid::EvaluateSampleGrid(ProjectSession *session, ThumbnailLoader *loader,
                                       const QString &name, QWidget *parent)
    : QListView(parent)
    , m_session(session)
    , m_model(new EvaluateSampleModel(session, loader, this))
{
    setObjectName(name);
    setViewMode(QListView::IconMode);
    setResizeMode(QListView::Adjust);
    setMovement(QListView::Static);
    setUniformItemSizes(true);
    setItemDelegate(new EvaluateSampleDelegate(kThumbnailSize, this));
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setContextMenuPolicy(Qt::CustomContextMenu);
    setSpacing(2);
    setModel(m_model);
    connect(this, &QListView::customContextMenuRequested, this, &EvaluateSampleGrid::contextMenu);
}

void EvaluateSampleGrid::setSamples(std::shared_ptr<const pulc::engine::EvalResult> result,
                                    std::vector<int> sampleIndexes)
{
    m_result = result;
    m_model->setSamples(std::move(result), std::move(sampleIndexes));
}

void EvaluateSampleGrid::clear()
{
    m_result.reset();
    m_model->clear();
}

bool EvaluateSampleGrid::multiLabel() const
{
    // A multi-label evaluation has no confusion matrix.
    return m_result && m_result->confusion.empty();
}

bool EvaluateSampleGrid::relabel(int classPosition)
{
    const std::vector<qint64> ids = m_model->sampleIds(selectionModel()->selectedIndexes());
    if (ids.empty() || !labelSamplesByPosition(m_session, ids, classPosition))
        return false;
    return true;
}

bool EvaluateSampleGrid::acceptPrediction()
{
    if (multiLabel() || !m_result)
        return false;
    bool changed = false;
    const QModelIndexList selected = selectionModel()->selectedIndexes();
    for (const QModelIndex &index : selected) {
        const int predicted = index.data(EvaluateSampleModel::PredictedIndexRole).toInt();
        if (predicted < 0 || size_t(predicted) >= m_result->classNames.size())
            continue;
        const QString name = QString::fromStdString(m_result->classNames[size_t(predicted)]);
        for (const auto &c : m_session->classes()) {
            if (c.name == name)
                changed |= labelSamples(m_session, {m_model->sampleId(index.row())}, c.id);
        }
    }
    return changed;
}

void EvaluateSampleGrid::keyPressEvent(QKeyEvent *event)
{
    const int position = labelingKeyPosition(event);
    if (position >= 0) {
        relabel(position);
        return;
    }
    if (event->key() == Qt::Key_P &&
        !(event->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        acceptPrediction();
        return;
    }
    QListView::keyPressEvent(event);
}

void EvaluateSampleGrid::contextMenu(const QPoint &pos)
{
    const QModelIndex at = indexAt(pos);
    if (!at.isValid())
        return;
    if (!selectionModel()->isSelected(at))
        selectionModel()->select(at, QItemSelectionModel::ClearAndSelect);
    QMenu menu(this);
    if (!multiLabel()) {
        const QString predicted = at.data(EvaluateSampleModel::PredictedLabelRole).toString();
        menu.addAction(tr("Accept the prediction (%1)").arg(predicted), this,
                       [this] { acceptPrediction(); })
            ->setShortcut(QKeySequence(Qt::Key_P));
    }
    QMenu *relabelMenu = menu.addMenu(multiLabel() ? tr("Toggle attribute") : tr("Relabel as"));
    const auto &classes = m_session->classes();
    for (int i = 0; i < classes.size(); ++i) {
        QAction *action =
            relabelMenu->addAction(classes.at(i).name, this, [this, i] { relabel(i); });
        const QString key = labelingKey(i);
        if (!key.isEmpty())
            action->setShortcut(QKeySequence(key));
    }
    menu.exec(viewport()->mapToGlobal(pos));
}

} // namespace pulc::ui
