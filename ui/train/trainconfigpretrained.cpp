#include "ui/train/trainconfigform_p.h"

#include "ui/project/projectruns.h"

#include <engine/models.h>
#include <engine/projectjobs.h>

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QtConcurrent/QtConcurrentRun>

// The "Start from" row of TrainConfigForm: train from scratch, from a finished run of the
// project, from a weights file the project used before, or from a file the user picks (a
// PaddleClas .pdparams such as PPLCNet_x1_0_ssld_pretrained.pdparams, or a checkpoint). The
// choice is TrainConfig::pretrained (a path; "" is scratch). The file is inspected in a worker so
// the form can say which model it holds and whether the classifier is re-initialised.

namespace pulc::ui {

using pulc::engine::TrainConfig;

namespace {

/// Item data of the entry that opens the file dialog (no path starts with U+0001).
const QString kChooseFile = QStringLiteral("\u0001choose");

struct Inspection
{
    pulc::engine::WeightsInfo info;
    QString error;
    bool ok = false;
};

Inspection inspect(const QString &path)
{
    Inspection result;
    auto inspected = pulc::engine::inspectWeights(path.toStdString());
    result.ok = inspected.ok();
    if (inspected)
        result.info = std::move(*inspected);
    else
        result.error = QString::fromStdString(inspected.error());
    return result;
}

QString roleText(const std::string &role)
{
    if (role == "imported")
        return TrainConfigForm::tr("imported");
    if (role == "exported")
        return TrainConfigForm::tr("exported");
    return TrainConfigForm::tr("used before");
}

} // namespace

void TrainConfigForm::buildPretrainedRow(QWidget *box, QFormLayout *form)
{
    m_f->pretrained = new QComboBox(box);
    m_f->pretrained->setObjectName(QStringLiteral("pretrained"));
    m_f->pretrained->setToolTip(
        tr("Weights to start training from. A PaddleClas .pdparams file (for example "
           "PPLCNet_x1_0_ssld_pretrained.pdparams) or a finished run; when the class count "
           "differs, the backbone is loaded and the classifier starts afresh."));
    form->addRow(tr("Start from"), m_f->pretrained);
    m_f->pretrainedInfo = new QLabel(box);
    m_f->pretrainedInfo->setObjectName(QStringLiteral("pretrainedInfo"));
    m_f->pretrainedInfo->setWordWrap(true);
    m_f->pretrainedInfo->setTextFormat(Qt::PlainText);
    m_f->pretrainedInfo->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_f->pretrainedInfo->hide();
    form->addRow(m_f->pretrainedInfo);
}

void TrainConfigForm::refreshPretrained()
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    QComboBox *combo = m_f->pretrained;
    combo->clear();
    combo->addItem(tr("Scratch (random weights)"), QString());
    QStringList seen;
    if (m_runs) {
        for (const pulc::engine::RunSummary &run : m_runs->finishedRuns()) {
            const QString dir = QString::fromStdString(run.dir);
            combo->addItem(
                tr("Run %1 · %2")
                    .arg(QString::fromStdString(run.name), QString::fromStdString(run.model)),
                dir);
            combo->setItemData(combo->count() - 1, dir, Qt::ToolTipRole);
            seen << dir;
        }
        for (const pulc::engine::ProjectWeightsFile &file : m_runs->weightsFiles()) {
            const QString path = QString::fromStdString(file.path);
            if (seen.contains(path))
                continue;
            seen << path;
            combo->addItem(
                QStringLiteral("%1 (%2)").arg(QFileInfo(path).fileName(), roleText(file.role)),
                path);
            combo->setItemData(combo->count() - 1, path, Qt::ToolTipRole);
        }
    }
    combo->addItem(tr("Weights file…"), kChooseFile);
    m_updating = wasUpdating;
    selectPretrained();
}

void TrainConfigForm::selectPretrained()
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    QComboBox *combo = m_f->pretrained;
    const QString path = QString::fromStdString(m_config.pretrained);
    int index = combo->findData(path);
    if (index < 0) { // a file chosen earlier, or one a config or duplicated run names
        combo->insertItem(combo->count() - 1, QFileInfo(path).fileName(), path);
        combo->setItemData(combo->count() - 2, path, Qt::ToolTipRole);
        index = combo->count() - 2;
    }
    combo->setCurrentIndex(index);
    m_updating = wasUpdating;
    if (m_f->inspectedPath != m_config.pretrained)
        inspectPretrained();
    else
        updatePretrainedInfo();
}

void TrainConfigForm::choosePretrained(int index)
{
    QString path = m_f->pretrained->itemData(index).toString();
    if (path == kChooseFile) {
        path = QFileDialog::getOpenFileName(
            this, tr("Weights to start from"),
            QFileInfo(QString::fromStdString(m_config.pretrained)).path(),
            tr("Weights (*.pdparams *.ckpt);;All files (*)"));
        if (path.isEmpty()) {
            selectPretrained(); // back to what was chosen
            return;
        }
    }
    edit([&](TrainConfig &c) { c.pretrained = path.toStdString(); });
}

void TrainConfigForm::inspectPretrained()
{
    const quint64 generation = ++m_f->inspectGeneration;
    m_f->inspectedPath = m_config.pretrained;
    m_f->inspectedOk = false;
    m_f->inspectError.clear();
    if (m_config.pretrained.empty()) {
        updatePretrainedInfo();
        return;
    }
    m_f->pretrainedInfo->setText(
        tr("Reading %1…").arg(QFileInfo(QString::fromStdString(m_config.pretrained)).fileName()));
    m_f->pretrainedInfo->setStyleSheet(QString());
    m_f->pretrainedInfo->show();
    auto *watcher = new QFutureWatcher<Inspection>(this);
    connect(watcher, &QFutureWatcher<Inspection>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_f->inspectGeneration)
            return; // another file was chosen meanwhile
        const Inspection result = watcher->result();
        m_f->inspected = result.info;
        m_f->inspectedOk = result.ok;
        m_f->inspectError = result.error;
        // A file of another architecture cannot start this model: follow the file.
        const std::string &model = result.info.model;
        if (result.ok && !model.empty() && model != m_config.model && !m_locked &&
            pulc::engine::findModel(model))
            edit([&](TrainConfig &c) { c.model = model; });
        updatePretrainedInfo();
    });
    watcher->setFuture(QtConcurrent::run(inspect, QString::fromStdString(m_config.pretrained)));
}

void TrainConfigForm::updatePretrainedInfo()
{
    QLabel *label = m_f->pretrainedInfo;
    if (m_config.pretrained.empty()) {
        label->hide();
        return;
    }
    if (m_f->inspectedPath != m_config.pretrained)
        return; // still reading
    if (!m_f->inspectedOk) {
        label->setText(tr("Cannot start from this file: %1").arg(m_f->inspectError));
        label->setStyleSheet(QStringLiteral("color: #b42318;"));
        label->show();
        return;
    }
    const pulc::engine::WeightsInfo &info = m_f->inspected;
    QStringList parts;
    parts << tr("%1, %2 classes, %3 tensors")
                 .arg(info.model.empty() ? tr("unknown model") : QString::fromStdString(info.model))
                 .arg(info.classes)
                 .arg(info.tensors);
    bool warn = false;
    if (!info.model.empty() && info.model != m_config.model) {
        parts << tr("the file holds %1 but the model is %2: training will fail")
                     .arg(QString::fromStdString(info.model),
                          QString::fromStdString(m_config.model));
        warn = true;
    } else if (info.model.empty()) {
        parts << QString::fromStdString(info.why);
        warn = true;
    }
    if (!m_classNames.isEmpty() && info.classes > 0 && info.classes != m_classNames.size())
        parts << tr("the classifier is re-initialised (the project has %1 classes)")
                     .arg(m_classNames.size());
    label->setText(parts.join(QStringLiteral("; ")));
    label->setStyleSheet(warn ? QStringLiteral("color: #b35c00;") : QString());
    label->show();
}

} // namespace pulc::ui
