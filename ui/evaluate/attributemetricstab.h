#pragma once

#include "ui/evaluate/metricstable.h"

#include <engine/training.h>

#include <memory>

namespace pulc::ui {

class AttributeMetricsModel;

/// The Evaluate page's "Attributes" tab (multi-label): each attribute's figures at its own
/// threshold, which the user edits in place (the model then signals thresholdsChanged()).
/// GUI thread.
class AttributeMetricsTab : public MetricsTable
{
    Q_OBJECT

public:
    explicit AttributeMetricsTab(QWidget *parent = nullptr);

    AttributeMetricsModel *metricsModel() const { return m_model; }
    /// Shows `result`'s attributes at the model's threshold; nullptr empties the table.
    void setResult(std::shared_ptr<const pulc::engine::EvalResult> result);

private:
    AttributeMetricsModel *m_model;
};

} // namespace pulc::ui
