#pragma once

#include <QString>

#include <functional>

#include <string>

class QObject;
class QWidget;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace pulc::ui {

// Small builders shared by the Train page's settings form: spin boxes whose ranges are the
// engine's settings table's (pulc train --help), so the form cannot produce a config
// applySetting() rejects. Every widget's objectName is its setting key.

QSpinBox *makeIntField(const char *key, int min, int max, QWidget *parent);
QDoubleSpinBox *makeDoubleField(const char *key, double min, double max, int decimals, double step,
                                QWidget *parent);

/// The widget's value in the text pulc::engine::applySetting() accepts.
std::string fieldText(const QWidget *widget);
/// Shows `text` (from pulc::engine::settingValue()) in the widget; false when it cannot.
bool showFieldText(QWidget *widget, const std::string &text);

/// "1.5 M parameters · 160 M MACs at 224x224" for the model tooltips; computed once per process
/// in a worker (describeModel builds each network). Empty until ready.
QString modelCostText(const std::string &model);
/// Starts computing modelCostText() for every known model; `ready` runs on the GUI thread when
/// done (at once when already computed).
void requestModelCosts(QObject *context, const std::function<void()> &ready);

} // namespace pulc::ui
