#include "ui/evaluate/misclassifiedtab.h"

#include "ui/evaluate/evaluatesamplegrid.h"
#include "ui/evaluate/evaluatesamplemodel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace pulc::ui {

MisclassifiedTab::MisclassifiedTab(ProjectSession *session, ThumbnailLoader *loader,
                                   QWidget *parent)
    : QWidget(parent)
    , m_view(new EvaluateSampleGrid(session, loader, QStringLiteral("misclassifiedView"), this))
    , m_hint(new QLabel(this))
{
    m_hint->setObjectName(QStringLiteral("relabelHint"));
    m_hint->setWordWrap(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_hint);
    layout->addWidget(m_view, 1);
}

EvaluateSampleModel *MisclassifiedTab::sampleModel() const
{
    return m_view->sampleModel();
}

void MisclassifiedTab::setResult(std::shared_ptr<const pulc::engine::EvalResult> result)
{
    std::vector<int> missed = EvaluateSampleModel::misclassified(*result);
    m_view->setSamples(std::move(result), std::move(missed));
}

void MisclassifiedTab::clear()
{
    m_view->clear();
}

int MisclassifiedTab::count() const
{
    return m_view->sampleModel()->rowCount();
}

void MisclassifiedTab::setHint(const QString &hint)
{
    m_hint->setText(hint);
}

} // namespace pulc::ui
