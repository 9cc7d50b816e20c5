#include "ui/train/configfields.h"

#include <engine/configfile.h>
#include <engine/models.h>

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDoubleSpinBox>
#include <QFutureWatcher>
#include <QHash>
#include <QLocale>
#include <QSpinBox>
#include <QtConcurrent>

namespace pulc::ui {

QSpinBox *makeIntField(const char *key, int min, int max, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setObjectName(QString::fromLatin1(key));
    spin->setRange(min, max);
    spin->setKeyboardTracking(false);
    spin->setFocusPolicy(Qt::StrongFocus); // no value change from scrolling past it
    return spin;
}

QDoubleSpinBox *makeDoubleField(const char *key, double min, double max, int decimals, double step,
                                QWidget *parent)
{
    auto *spin = new QDoubleSpinBox(parent);
    spin->setObjectName(QString::fromLatin1(key));
    spin->setDecimals(decimals);
    spin->setRange(min, max);
    spin->setSingleStep(step);
    spin->setKeyboardTracking(false);
    spin->setFocusPolicy(Qt::StrongFocus);
    return spin;
}

std::string fieldText(const QWidget *widget)
{
    if (auto *spin = qobject_cast<const QSpinBox *>(widget))
        return std::to_string(spin->value());
    if (auto *spin = qobject_cast<const QDoubleSpinBox *>(widget))
        return pulc::engine::configNumberText(spin->value());
    if (auto *check = qobject_cast<const QCheckBox *>(widget))
        return check->isChecked() ? "true" : "false";
    if (auto *combo = qobject_cast<const QComboBox *>(widget))
        return combo->currentData().toString().toStdString();
    return {};
}

bool showFieldText(QWidget *widget, const std::string &text)
{
    const QString value = QString::fromStdString(text);
    bool ok = true;
    if (auto *spin = qobject_cast<QSpinBox *>(widget))
        spin->setValue(value.toInt(&ok));
    else if (auto *spin = qobject_cast<QDoubleSpinBox *>(widget))
        spin->setValue(value.toDouble(&ok));
    else if (auto *check = qobject_cast<QCheckBox *>(widget))
        check->setChecked(text == "true");
    else if (auto *combo = qobject_cast<QComboBox *>(widget)) {
        int index = combo->findData(value);
        if (index < 0) { // a value the list does not offer (a model from a YAML file)
            combo->addItem(value, value);
            index = combo->count() - 1;
        }
        combo->setCurrentIndex(index);
    } else
        ok = false;
    return ok;
}

namespace {

using CostTable = QHash<QString, QString>;

CostTable computeCosts()
{
    CostTable table;
    for (const pulc::engine::ModelSpec &spec : pulc::engine::knownModels()) {
        const pulc::engine::ModelStats stats =
            pulc::engine::describeModel(spec.name, 1000, 224, 224);
        if (!stats.ok())
            continue;
        const QLocale locale;
        table.insert(QString::fromStdString(spec.name),
                     QCoreApplication::translate("pulc::ui::TrainConfigForm",
                                                 "%1 M parameters · %2 M MACs per 224x224 image "
                                                 "(1000 classes)")
                         .arg(locale.toString(stats.parameters / 1e6, 'f', 2),
                              locale.toString(stats.macs / 1e6, 'f', 0)));
    }
    return table;
}

CostTable &costs()
{
    static CostTable table;
    return table;
}

QFuture<CostTable> &costFuture()
{
    static QFuture<CostTable> future;
    return future;
}

} // namespace

QString modelCostText(const std::string &model)
{
    return costs().value(QString::fromStdString(model));
}

void requestModelCosts(QObject *context, const std::function<void()> &ready)
{
    if (!costs().isEmpty()) {
        ready();
        return;
    }
    if (!costFuture().isValid())
        costFuture() = QtConcurrent::run(&computeCosts);
    auto *watcher = new QFutureWatcher<CostTable>(context);
    QObject::connect(watcher, &QFutureWatcher<CostTable>::finished, context, [watcher, ready] {
        if (costs().isEmpty())
            costs() = watcher->result();
        watcher->deleteLater();
        ready();
    });
    watcher->setFuture(costFuture());
}

} // namespace pulc::ui
