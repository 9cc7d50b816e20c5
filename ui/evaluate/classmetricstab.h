#pragma once

#include "ui/evaluate/metricstable.h"

#include <engine/training.h>

#include <memory>

namespace pulc::ui {

class ClassMetricsModel;

/// The Evaluate page's "Per class" tab: precision, recall, F1 and support of each class of a
/// single-label or binary evaluation, spread over the page's width. GUI thread.
class ClassMetricsTab : public MetricsTable
{
    Q_OBJECT

public:
    explicit ClassMetricsTab(QWidget *parent = nullptr);

    ClassMetricsModel *metricsModel() const { return m_model; }
    /// Shows `result`'s classes; nullptr empties the table.
    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);

private:
    ClassMetricsModel *m_model;
};

} // namespace pulc::ui
