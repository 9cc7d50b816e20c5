#include "ui/evaluate/confusionmatrixtab.h"

#include "ui/evaluate/confusionmatrixmodel.h"
#include "ui/evaluate/evaluatesamplegrid.h"
#include "ui/evaluate/evaluatesamplemodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace pulc::ui {

ConfusionMatrixTab::ConfusionMatrixTab(ProjectSession *session, ThumbnailLoader *loader,
                                       QWidget *parent)
    : QSplitter(Qt::Vertical, parent)
    , m_confusionModel(new ConfusionMatrixModel(this))
{
    // Images below the matrix: the matrix keeps the full width for ten or more classes. (A
    // splitter takes each child widget as a pane: the rest goes into these two.)
    auto *matrixBox = new QWidget(this);
    auto *cellPanel = new QWidget(this);
    addWidget(matrixBox);
    addWidget(cellPanel);
    setStretchFactor(0, 3);
    setStretchFactor(1, 2);
    setChildrenCollapsible(false);

    m_matrixView = new QTableView(matrixBox);
    m_matrixView->setObjectName(QStringLiteral("confusionView"));
    m_matrixView->setModel(m_confusionModel);
    m_matrixView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_matrixView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_matrixView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_matrixView->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_matrixView->horizontalHeader()->setDefaultAlignment(Qt::AlignCenter);
    m_matrixView->setToolTip(tr("Rows: true class. Columns: predicted class. Click a cell to "
                                "see its images."));
    auto *axes = new QLabel(tr("Rows: true class · Columns: predicted class"), matrixBox);
    axes->setEnabled(false);
    auto *matrixLayout = new QVBoxLayout(matrixBox);
    matrixLayout->setContentsMargins(0, 0, 0, 0);
    matrixLayout->addWidget(axes);
    matrixLayout->addWidget(m_matrixView, 1);

    m_cellTitle = new QLabel(tr("Click a cell of the matrix to see its images."), cellPanel);
    m_cellTitle->setWordWrap(true);
    m_cellView = new EvaluateSampleGrid(session, loader, QStringLiteral("cellView"), cellPanel);
    m_cellHint = new QLabel(cellPanel);
    m_cellHint->setWordWrap(true);
    m_cellHint->setEnabled(false);
    auto *cellLayout = new QVBoxLayout(cellPanel);
    cellLayout->setContentsMargins(0, 0, 0, 0);
    cellLayout->addWidget(m_cellTitle);
    cellLayout->addWidget(m_cellView, 1);
    cellLayout->addWidget(m_cellHint);

    connect(m_matrixView, &QTableView::clicked, this,
            [this](const QModelIndex &index) { showCell(index.row(), index.column()); });
    connect(m_matrixView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &index) {
                if (index.isValid())
                    showCell(index.row(), index.column());
            });
}

EvaluateSampleModel *ConfusionMatrixTab::cellModel() const
{
    return m_cellView->sampleModel();
}

void ConfusionMatrixTab::setResult(std::shared_ptr<const pulc::engine::EvalResult> result)
{
    m_result = std::move(result);
    const bool multiLabel = m_result && m_result->confusion.empty();
    m_confusionModel->setResult(multiLabel ? nullptr : m_result);
    m_cellView->clear();
    m_cellTitle->setText(tr("Click a cell of the matrix to see its images."));
    fitMatrix();
}

void ConfusionMatrixTab::clear()
{
    m_result.reset();
    m_confusionModel->setResult(nullptr);
    m_cellView->clear();
}

void ConfusionMatrixTab::setHint(const QString &hint)
{
    m_cellHint->setText(hint);
}

void ConfusionMatrixTab::fitMatrix()
{
    // Columns of one width, enough for the longest class name (so the matrix reads as a grid).
    const QFontMetrics metrics = fontMetrics();
    int side = metrics.horizontalAdvance(QStringLiteral("00000")) + 16;
    if (m_result) {
        for (const std::string &name : m_result->classNames)
            side = std::max(side, metrics.horizontalAdvance(QString::fromStdString(name)) + 16);
    }
    side = std::min(side, 140);
    m_matrixView->horizontalHeader()->setDefaultSectionSize(side);
    m_matrixView->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 14);
    m_matrixView->horizontalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    for (int c = 0; c < m_confusionModel->columnCount(); ++c)
        m_matrixView->setColumnWidth(c, side);
    // The whole matrix visible when it fits in two thirds of the tab; the images get the rest.
    const int matrixHeight =
        m_matrixView->horizontalHeader()->sizeHint().height() +
        m_confusionModel->rowCount() * m_matrixView->verticalHeader()->defaultSectionSize() +
        2 * m_matrixView->frameWidth() + fontMetrics().height() + 24;
    const int total = std::max(height(), 600);
    const int top = std::min(matrixHeight, total * 2 / 3);
    setSizes({top, total - top});
}

void ConfusionMatrixTab::showCell(int trueClass, int predicted)
{
    if (!m_result || m_result->confusion.empty())
        return;
    const auto &names = m_result->classNames;
    if (trueClass < 0 || predicted < 0 || size_t(trueClass) >= names.size() ||
        size_t(predicted) >= names.size())
        return;
    std::vector<int> samples = m_confusionModel->samplesAt(trueClass, predicted);
    m_cellTitle->setText(tr("“%1” predicted as “%2” (images: %3, highest loss first)")
                             .arg(QString::fromStdString(names[size_t(trueClass)]),
                                  QString::fromStdString(names[size_t(predicted)]),
                                  QLocale().toString(qlonglong(samples.size()))));
    m_cellView->setSamples(m_result, std::move(samples));
}

} // namespace pulc::ui
