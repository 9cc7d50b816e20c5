#include "ui/train/trainconfigform_p.h"

#include "ui/project/projectruns.h"
#include "ui/train/configfields.h"

#include <engine/models.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

// The distillation section of TrainConfigForm: mode, teacher (a finished run of the project or a
// checkpoint file), teacher model, unlabeled pool, loss weights, UDML's feature stage.

namespace pulc::ui {

using pulc::engine::TrainConfig;

namespace {

constexpr qlonglong kTeacherNone = 0;
constexpr qlonglong kTeacherFile = -1;

} // namespace

void TrainConfigForm::buildDistillSection(QVBoxLayout *column)
{
    auto *box = new QGroupBox(tr("Distillation"), m_f->content);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_f->distill = new QComboBox(box);
    m_f->distill->setObjectName(QStringLiteral("distill"));
    m_f->distill->addItem(tr("Off"), QStringLiteral("none"));
    m_f->distill->addItem(tr("SKL-UGI (frozen teacher)"), QStringLiteral("skl_ugi"));
    m_f->distill->addItem(tr("DML (teacher trained too)"), QStringLiteral("dml"));
    m_f->distill->addItem(tr("UDML (DML + feature loss)"), QStringLiteral("udml"));
    form->addRow(tr("Mode"), m_f->distill);
    m_f->bindings.push_back({m_f->distill, "distill"});

    m_f->distillFields = new QWidget(box);
    auto *sub = new QFormLayout(m_f->distillFields);
    sub->setContentsMargins(0, 0, 0, 0);
    sub->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_f->teacher = new QComboBox(m_f->distillFields);
    m_f->teacher->setObjectName(QStringLiteral("teacher_run"));
    sub->addRow(tr("Teacher"), m_f->teacher);
    m_f->teacherFile = new QLabel(m_f->distillFields);
    m_f->teacherFile->setObjectName(QStringLiteral("teacher_checkpoint"));
    m_f->teacherFile->setWordWrap(true);
    m_f->teacherFile->setTextInteractionFlags(Qt::TextSelectableByMouse);
    sub->addRow(m_f->teacherFile);
    m_f->teacherModel = new QComboBox(m_f->distillFields);
    m_f->teacherModel->setObjectName(QStringLiteral("teacher_model"));
    for (const pulc::engine::ModelSpec &m : pulc::engine::knownModels())
        m_f->teacherModel->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
    sub->addRow(tr("Teacher model"), m_f->teacherModel);
    m_f->bindings.push_back({m_f->teacherModel, "teacher_model"});
    auto *unlabeled = new QCheckBox(tr("Add the unlabeled images (SKL-UGI)"), m_f->distillFields);
    unlabeled->setObjectName(QStringLiteral("use_unlabeled"));
    sub->addRow(unlabeled);
    m_f->bindings.push_back({unlabeled, "use_unlabeled"});
    auto add = [&](const QString &label, QWidget *w) {
        sub->addRow(label, w);
        m_f->bindings.push_back({w, w->objectName().toStdString()});
    };
    add(tr("DML weight"), makeDoubleField("dml_weight", 0, 1000, 3, 0.1, m_f->distillFields));
    add(tr("Ground-truth weight"),
        makeDoubleField("gt_weight", 0, 1000, 3, 0.1, m_f->distillFields));
    m_f->featureWeight = makeDoubleField("feature_weight", 0, 1000, 3, 0.1, m_f->distillFields);
    add(tr("Feature weight (UDML)"), m_f->featureWeight);
    m_f->featureStage = new QComboBox(m_f->distillFields);
    m_f->featureStage->setObjectName(QStringLiteral("feature_stage"));
    add(tr("Feature stage (UDML)"), m_f->featureStage);
    form->addRow(m_f->distillFields);
    column->addWidget(box);
}

void TrainConfigForm::refreshTeachers()
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    QComboBox *combo = m_f->teacher;
    combo->clear();
    combo->addItem(tr("None"), QVariant::fromValue(kTeacherNone));
    if (m_runs) {
        const QLocale locale;
        for (const pulc::engine::RunSummary &run : m_runs->finishedRuns()) {
            QString text = QStringLiteral("%1 · %2").arg(QString::fromStdString(run.name),
                                                         QString::fromStdString(run.model));
            if (run.hasBest)
                text += QStringLiteral(" · %1 %2")
                            .arg(QString::fromStdString(run.mainMetric),
                                 locale.toString(run.bestValue, 'f', 3));
            combo->addItem(text, QVariant::fromValue<qlonglong>(run.id));
        }
    }
    combo->addItem(tr("Checkpoint file…"), QVariant::fromValue(kTeacherFile));
    m_updating = wasUpdating;
    selectTeacher();
}

void TrainConfigForm::selectTeacher()
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    QComboBox *combo = m_f->teacher;
    const auto &d = m_config.distill;
    int index = combo->findData(QVariant::fromValue<qlonglong>(d.teacherRun));
    if (d.teacherRun == 0 && !d.teacherCheckpoint.empty())
        index = combo->findData(QVariant::fromValue(kTeacherFile));
    if (index < 0) { // a run that is not (or not yet) listed as finished
        combo->insertItem(combo->count() - 1,
                          tr("Run #%1 (not finished or not found)").arg(d.teacherRun),
                          QVariant::fromValue<qlonglong>(d.teacherRun));
        index = combo->count() - 2;
    }
    combo->setCurrentIndex(index);
    m_f->teacherFile->setText(QString::fromStdString(d.teacherCheckpoint));
    m_f->teacherFile->setVisible(!d.teacherCheckpoint.empty());
    m_updating = wasUpdating;
}

void TrainConfigForm::chooseTeacher(int index)
{
    const qlonglong id = m_f->teacher->itemData(index).toLongLong();
    if (id == kTeacherFile) {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("Teacher checkpoint"),
            QFileInfo(QString::fromStdString(m_config.distill.teacherCheckpoint)).path(),
            tr("Checkpoints (*.ckpt *.pdparams *.pt);;All files (*)"));
        if (file.isEmpty()) {
            selectTeacher(); // back to what was chosen
            return;
        }
        edit([&](TrainConfig &c) {
            c.distill.teacherRun = 0;
            c.distill.teacherCheckpoint = file.toStdString();
        });
        return;
    }
    edit([&](TrainConfig &c) {
        c.distill.teacherRun = id;
        if (id != 0)
            c.distill.teacherCheckpoint.clear();
        if (const pulc::engine::RunSummary *run = m_runs ? m_runs->find(id) : nullptr)
            c.distill.teacherModel = run->model;
    });
}

} // namespace pulc::ui
