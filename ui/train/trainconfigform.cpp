#include "ui/train/trainconfigform_p.h"

#include "ui/common/scenetext.h"
#include "ui/project/projectruns.h"
#include "ui/train/augmentwarnings.h"
#include "ui/train/configfields.h"

#include <engine/configfile.h>
#include <engine/models.h>
#include <engine/scenes.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QVBoxLayout>

#include <limits>

namespace pulc::ui {

using pulc::engine::TrainConfig;

namespace {

QString taskSuffix(pulc::engine::Task task)
{
    switch (task) {
    case pulc::engine::Task::SingleLabel:
        return TrainConfigForm::tr("single-label");
    case pulc::engine::Task::Binary:
        return TrainConfigForm::tr("binary");
    case pulc::engine::Task::MultiLabel:
        return TrainConfigForm::tr("multi-label");
    }
    return {};
}

QLabel *warningLabel(QWidget *parent, const char *name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QString::fromLatin1(name));
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setStyleSheet(QStringLiteral("color: #b35c00;"));
    label->hide();
    return label;
}

/// "H x W" as two spin boxes in one row named `key` ("input"): key_height, key_width.
QWidget *sizeRow(const char *key, QSpinBox **height, QSpinBox **width, QWidget *parent)
{
    auto *row = new QWidget(parent);
    row->setObjectName(QString::fromLatin1(key));
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    *height = makeIntField((std::string(key) + "_height").c_str(), 16, 4096, row);
    *width = makeIntField((std::string(key) + "_width").c_str(), 16, 4096, row);
    (*height)->setToolTip(TrainConfigForm::tr("Height in pixels"));
    (*width)->setToolTip(TrainConfigForm::tr("Width in pixels"));
    layout->addWidget(*height, 1);
    layout->addWidget(new QLabel(QStringLiteral("×"), row));
    layout->addWidget(*width, 1);
    return row;
}

} // namespace

TrainConfigForm::TrainConfigForm(ProjectRuns *runs, QWidget *parent)
    : QWidget(parent)
    , m_runs(runs)
    , m_f(std::make_unique<Fields>())
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    outer->addWidget(scroll);
    m_f->content = new QWidget(scroll);
    auto *column = new QVBoxLayout(m_f->content);
    buildSceneSection(column);
    buildOptimisationSection(column);
    buildAugmentSection(column);
    buildDistillSection(column);
    buildMachineSection(column);
    column->addStretch(1);
    scroll->setWidget(m_f->content);
    // Never narrower than the widest row plus the vertical scroll bar: the horizontal bar is
    // off, so a narrower form would clip its fields (combo boxes, spin boxes) on the right.
    scroll->setMinimumWidth(m_f->content->minimumSizeHint().width() +
                            scroll->verticalScrollBar()->sizeHint().width() +
                            2 * scroll->frameWidth());

    for (const Binding &b : m_f->bindings) {
        const std::string key = b.key;
        QWidget *w = b.widget;
        QSpinBox *h = b.heightOf;
        auto apply = [this, key, w, h] {
            const std::string text = h ? fieldText(h) + "x" + fieldText(w) : fieldText(w);
            edit([&](TrainConfig &c) { pulc::engine::applySetting(c, key, text); });
        };
        if (auto *spin = qobject_cast<QSpinBox *>(w))
            connect(spin, &QSpinBox::valueChanged, this, apply);
        else if (auto *spin = qobject_cast<QDoubleSpinBox *>(w))
            connect(spin, &QDoubleSpinBox::valueChanged, this, apply);
        else if (auto *check = qobject_cast<QCheckBox *>(w))
            connect(check, &QCheckBox::toggled, this, apply);
        else if (auto *combo = qobject_cast<QComboBox *>(w))
            connect(combo, &QComboBox::currentIndexChanged, this, apply);
        if (h)
            connect(h, &QSpinBox::valueChanged, this, apply);
    }
    for (ProbOp &op : m_f->ops) {
        ProbOp *p = &op;
        connect(op.on, &QCheckBox::toggled, this, [this, p](bool on) {
            if (m_updating)
                return;
            const double value = on ? p->prob->value() : 0.0;
            p->prob->setEnabled(on);
            edit([&](TrainConfig &c) {
                pulc::engine::applySetting(c, p->key, pulc::engine::configNumberText(value));
            });
        });
        connect(op.prob, &QDoubleSpinBox::valueChanged, this, [this, p](double value) {
            if (m_updating || !p->on->isChecked())
                return;
            if (value > 0.0)
                p->remembered = value;
            edit([&](TrainConfig &c) {
                pulc::engine::applySetting(c, p->key, pulc::engine::configNumberText(value));
            });
        });
    }
    connect(m_f->scene, &QComboBox::activated, this, &TrainConfigForm::chooseScene);
    connect(m_f->teacher, &QComboBox::activated, this, &TrainConfigForm::chooseTeacher);
    connect(m_f->pretrained, &QComboBox::activated, this, &TrainConfigForm::choosePretrained);
    if (m_runs) {
        connect(m_runs, &ProjectRuns::changed, this, &TrainConfigForm::refreshTeachers);
        connect(m_runs, &ProjectRuns::changed, this, &TrainConfigForm::refreshPretrained);
    }
    requestModelCosts(this, [this] {
        for (int i = 0; i < m_f->model->count(); ++i) {
            const std::string name = m_f->model->itemData(i).toString().toStdString();
            const QString cost = modelCostText(name);
            if (!cost.isEmpty())
                m_f->model->setItemData(i, cost, Qt::ToolTipRole);
        }
    });
    refreshTeachers();
    refreshPretrained();
    setConfig(pulc::engine::sceneConfig("custom"));
}

TrainConfigForm::~TrainConfigForm() = default;

void TrainConfigForm::buildSceneSection(QVBoxLayout *column)
{
    auto *box = new QGroupBox(tr("Scene and model"), m_f->content);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_f->scene = new QComboBox(box);
    m_f->scene->setObjectName(QStringLiteral("scene"));
    for (const pulc::engine::SceneInfo &s : pulc::engine::scenes()) {
        m_f->scene->addItem(sceneTitle(s), QString::fromStdString(s.name));
        m_f->scene->setItemData(m_f->scene->count() - 1, sceneDescription(s), Qt::ToolTipRole);
    }
    form->addRow(tr("Scene template"), m_f->scene);
    m_f->sceneInfo = new QLabel(box);
    m_f->sceneInfo->setWordWrap(true);
    m_f->sceneInfo->setStyleSheet(QStringLiteral("color: palette(placeholder-text);"));
    form->addRow(m_f->sceneInfo);
    m_f->sceneWarning = warningLabel(box, "sceneWarning");
    form->addRow(m_f->sceneWarning);

    m_f->model = new QComboBox(box);
    m_f->model->setObjectName(QStringLiteral("model"));
    for (const pulc::engine::ModelSpec &m : pulc::engine::knownModels())
        m_f->model->addItem(QString::fromStdString(m.name), QString::fromStdString(m.name));
    form->addRow(tr("Model"), m_f->model);
    m_f->bindings.push_back({m_f->model, "model"});
    buildPretrainedRow(box, form);

    QSpinBox *inputH = nullptr, *inputW = nullptr;
    form->addRow(tr("Input size (H × W)"), sizeRow("input", &inputH, &inputW, box));
    m_f->bindings.push_back({inputW, "input", inputH});
    auto *resize = makeIntField("resize_short", 0, 4096, box);
    resize->setSpecialValueText(tr("off (direct resize)"));
    resize->setToolTip(tr("Evaluation: resize the short side to this, then centre-crop to the "
                          "input size"));
    form->addRow(tr("Resize short side"), resize);
    m_f->bindings.push_back({resize, "resize_short"});
    QSpinBox *trainH = nullptr, *trainW = nullptr;
    form->addRow(tr("Train size (H × W)"), sizeRow("train_size", &trainH, &trainW, box));
    m_f->bindings.push_back({trainW, "train_size", trainH});
    auto *lastConv = new QCheckBox(tr("1×1 conv before the classifier (use_last_conv)"), box);
    lastConv->setObjectName(QStringLiteral("use_last_conv"));
    form->addRow(lastConv);
    m_f->bindings.push_back({lastConv, "use_last_conv"});
    m_f->strides = new QLabel(box);
    m_f->strides->setObjectName(QStringLiteral("strides"));
    m_f->strides->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Strides"), m_f->strides);
    column->addWidget(box);
}

void TrainConfigForm::buildOptimisationSection(QVBoxLayout *column)
{
    auto *box = new QGroupBox(tr("Optimisation"), m_f->content);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto add = [&](const QString &label, QWidget *w) {
        form->addRow(label, w);
        m_f->bindings.push_back({w, w->objectName().toStdString()});
    };
    add(tr("Epochs"), makeIntField("epochs", 1, 100000, box));
    add(tr("Batch size"), makeIntField("batch_size", 1, 4096, box));
    add(tr("Learning rate"), makeDoubleField("lr", 0.000001, 100, 6, 0.001, box));
    add(tr("Warm-up epochs"), makeDoubleField("warmup_epochs", 0, 100000, 2, 1, box));
    add(tr("Weight decay"), makeDoubleField("weight_decay", 0, 1, 7, 0.00001, box));
    add(tr("Momentum"), makeDoubleField("momentum", 0, 0.999, 3, 0.01, box));
    add(tr("Label smoothing"), makeDoubleField("label_smoothing", 0, 0.5, 3, 0.05, box));
    // 0 is off; seven decimals hold the decays PaddleClas configs use (0.9999, 0.99998).
    auto *ema = makeDoubleField("ema_decay", 0, 0.9999999, 7, 0.0001, box);
    ema->setSpecialValueText(tr("Off"));
    ema->setToolTip(tr("Model EMA (PaddleClas EMA.decay): keeps a moving average of the weights, "
                       "updated after every step with this decay, and validates it beside the "
                       "model each epoch; the run keeps whichever scores better. 0.9999 suits "
                       "long runs, 0.999 short ones. 0 turns it off."));
    add(tr("Model EMA decay"), ema);
    auto *metric = new QComboBox(box);
    metric->setObjectName(QStringLiteral("metric"));
    metric->addItem(tr("Top-1 accuracy"), QStringLiteral("top1"));
    metric->addItem(tr("TPR at an FPR bound (binary)"), QStringLiteral("tpr_at_fpr"));
    metric->addItem(tr("Mean accuracy mA (multi-label)"), QStringLiteral("mA"));
    add(tr("Best epoch by"), metric);
    m_f->maxFpr = makeDoubleField("max_fpr", 0.0001, 1, 4, 0.001, box);
    add(tr("Max FPR"), m_f->maxFpr);
    add(tr("Decision threshold"), makeDoubleField("threshold", 0, 1, 3, 0.05, box));
    add(tr("Top-k"), makeIntField("topk", 1, 100, box));
    column->addWidget(box);
}

void TrainConfigForm::buildAugmentSection(QVBoxLayout *column)
{
    auto *box = new QGroupBox(tr("Augmentation"), m_f->content);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto probOp = [&](const QString &label, const char *checkName, const char *key) {
        ProbOp op;
        op.on = new QCheckBox(label, box);
        op.on->setObjectName(QString::fromLatin1(checkName));
        op.prob = makeDoubleField(key, 0, 1, 2, 0.05, box);
        op.prob->setPrefix(tr("p = "));
        op.key = key;
        form->addRow(op.on, op.prob);
        m_f->ops.push_back(op);
    };
    auto param = [&](const QString &label, QWidget *w) {
        form->addRow(label, w);
        m_f->bindings.push_back({w, w->objectName().toStdString()});
    };
    m_f->geometry = new QComboBox(box);
    m_f->geometry->setObjectName(QStringLiteral("geometry"));
    m_f->geometry->addItem(tr("Random crop (RandCropImage)"), QStringLiteral("rand_crop"));
    m_f->geometry->addItem(tr("Resize to train size"), QStringLiteral("resize"));
    m_f->geometry->addItem(tr("Resize, pad, random crop"), QStringLiteral("resize_pad_crop"));
    param(tr("Geometry"), m_f->geometry);
    m_f->cropScale = makeDoubleField("rand_crop_scale_min", 0.01, 1, 2, 0.05, box);
    m_f->cropScale->setToolTip(tr("Smallest share of the image area a random crop keeps"));
    param(tr("    crop min. area"), m_f->cropScale);
    probOp(tr("Horizontal flip"), "flip", "flip_prob");
    auto *flipFirst = new QCheckBox(tr("Flip before AutoAugment"), box);
    flipFirst->setObjectName(QStringLiteral("flip_before_autoaugment"));
    form->addRow(flipFirst);
    m_f->bindings.push_back({flipFirst, "flip_before_autoaugment"});
    probOp(tr("TimmAutoAugment"), "autoaugment", "autoaugment_prob");
    param(tr("    magnitude"), makeDoubleField("autoaugment_magnitude", 0, 10, 1, 1, box));
    probOp(tr("RandomErasing"), "erasing", "erasing_prob");
    probOp(tr("CutMix"), "cutmix", "cutmix_prob");
    param(tr("    CutMix alpha"), makeDoubleField("cutmix_alpha", 0.01, 100, 2, 0.1, box));
    probOp(tr("Mixup"), "mixup", "mixup_prob");
    param(tr("    Mixup alpha"), makeDoubleField("mixup_alpha", 0.01, 100, 2, 0.1, box));
    m_f->blur = new QCheckBox(tr("Blur labels (clarity)"), box);
    m_f->blur->setObjectName(QStringLiteral("blur"));
    m_f->blur->setToolTip(tr("BlurImage: blurs a share of the images and labels them 1, the rest "
                             "0; the dataset's labels are replaced"));
    m_f->blurRatio = makeDoubleField("blur_ratio", 0, 1, 2, 0.05, box);
    m_f->blurRatio->setPrefix(tr("ratio "));
    form->addRow(m_f->blur, m_f->blurRatio);
    m_f->bindings.push_back({m_f->blur, "blur"});
    m_f->bindings.push_back({m_f->blurRatio, "blur_ratio"});
    auto *rot = new QCheckBox(tr("Rotation labels (RandomRot90)"), box);
    rot->setObjectName(QStringLiteral("rot90"));
    rot->setToolTip(tr("Rotates each image by k × 90° and labels it k; the dataset's labels are "
                       "replaced"));
    form->addRow(rot);
    m_f->bindings.push_back({rot, "rot90"});
    m_f->augmentWarnings = warningLabel(box, "augmentWarnings");
    form->addRow(m_f->augmentWarnings);
    column->addWidget(box);
}

void TrainConfigForm::buildMachineSection(QVBoxLayout *column)
{
    auto *box = new QGroupBox(tr("Machine"), m_f->content);
    auto *form = new QFormLayout(box);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto add = [&](const QString &label, QWidget *w) {
        form->addRow(label, w);
        m_f->bindings.push_back({w, w->objectName().toStdString()});
    };
    add(tr("Compute threads"), makeIntField("threads", 1, 1024, box));
    add(tr("Loader threads"), makeIntField("loader_threads", 1, 1024, box));
    // QSpinBox holds an int; seeds above 2^31-1 are shown clamped but kept (m_config).
    m_f->seed = makeIntField("seed", 0, std::numeric_limits<int>::max(), box);
    add(tr("Random seed"), m_f->seed);
    column->addWidget(box);
}

void TrainConfigForm::setConfig(const TrainConfig &config)
{
    m_config = config;
    showConfig();
}

TrainConfig TrainConfigForm::config() const
{
    return m_config;
}

void TrainConfigForm::setProjectTask(pulc::engine::Task task, const QStringList &classNames)
{
    m_projectTask = task;
    m_hasProjectTask = true;
    m_classNames = classNames;
    updateSceneItems();
    updateWarnings();
    updatePretrainedInfo();
}

void TrainConfigForm::setLocked(bool locked)
{
    m_locked = locked;
    m_f->content->setEnabled(!locked);
}

void TrainConfigForm::edit(const std::function<void(TrainConfig &)> &change)
{
    if (m_updating)
        return;
    change(m_config);
    showConfig(); // dependent fields (enabled states, feature stages, warnings)
    Q_EMIT configChanged();
}

void TrainConfigForm::showConfig()
{
    const bool wasUpdating = m_updating;
    m_updating = true;
    const TrainConfig &c = m_config;
    m_f->scene->setCurrentIndex(std::max(0, m_f->scene->findData(QString::fromStdString(c.scene))));
    if (const pulc::engine::SceneInfo *s = pulc::engine::findScene(c.scene))
        m_f->sceneInfo->setText(sceneDescription(*s));

    // UDML's stages are the student's: offer those of the chosen model.
    if (m_f->stagesOf != c.model) {
        m_f->stagesOf = c.model;
        m_f->featureStage->clear();
        if (const pulc::engine::ModelSpec *spec = pulc::engine::findModel(c.model))
            for (const std::string &stage : spec->featureStages)
                m_f->featureStage->addItem(QString::fromStdString(stage),
                                           QString::fromStdString(stage));
    }

    for (const Binding &b : m_f->bindings) {
        const std::string text = pulc::engine::settingValue(c, b.key);
        if (b.heightOf) {
            const auto x = text.find('x');
            showFieldText(b.heightOf, text.substr(0, x));
            showFieldText(b.widget, x == std::string::npos ? text : text.substr(x + 1));
        } else if (b.widget == m_f->seed) {
            m_f->seed->setValue(
                static_cast<int>(std::min<uint32_t>(c.seed, std::numeric_limits<int>::max())));
        } else
            showFieldText(b.widget, text);
    }
    const TrainConfig defaults = pulc::engine::sceneConfig(c.scene);
    for (ProbOp &op : m_f->ops) {
        const double value =
            QString::fromStdString(pulc::engine::settingValue(c, op.key)).toDouble();
        if (value > 0.0)
            op.remembered = value;
        else if (op.remembered <= 0.0) {
            const double fallback =
                QString::fromStdString(pulc::engine::settingValue(defaults, op.key)).toDouble();
            op.remembered = fallback > 0.0 ? fallback : 0.5;
        }
        op.on->setChecked(value > 0.0);
        op.prob->setValue(value > 0.0 ? value : op.remembered);
    }
    m_f->strides->setText(QString::fromStdString(pulc::engine::settingValue(c, "strides")));
    selectTeacher();
    selectPretrained();
    m_updating = wasUpdating;
    updateEnabled();
    updateWarnings();
}

void TrainConfigForm::updateEnabled()
{
    const TrainConfig &c = m_config;
    for (ProbOp &op : m_f->ops)
        op.prob->setEnabled(op.on->isChecked());
    m_f->cropScale->setEnabled(c.augment.geometry == pulc::engine::TrainGeometry::RandCrop);
    m_f->maxFpr->setEnabled(c.mainMetric == pulc::engine::MainMetric::TprAtFpr);
    m_f->blurRatio->setEnabled(c.augment.blurLabels);
    m_f->distillFields->setEnabled(c.distill.mode != pulc::engine::DistillMode::None);
    const bool udml = c.distill.mode == pulc::engine::DistillMode::Udml;
    m_f->featureWeight->setEnabled(udml);
    m_f->featureStage->setEnabled(udml);
    const pulc::engine::ModelSpec *spec = pulc::engine::findModel(c.model);
    auto enable = [this](const char *name, bool on) {
        if (QWidget *w = m_f->content->findChild<QWidget *>(QString::fromLatin1(name)))
            w->setEnabled(on);
    };
    enable("use_last_conv", !spec || spec->family == "PPLCNet");
    enable("flip_before_autoaugment", c.augment.flipProb > 0.0);
    enable("autoaugment_magnitude", c.augment.autoAugmentProb > 0.0);
    enable("cutmix_alpha", c.augment.cutmixProb > 0.0);
    enable("mixup_alpha", c.augment.mixupProb > 0.0);
}

void TrainConfigForm::updateWarnings()
{
    const pulc::engine::SceneInfo *scene = pulc::engine::findScene(m_config.scene);
    if (m_hasProjectTask && scene && scene->name != "custom" && scene->task != m_projectTask) {
        m_f->sceneWarning->setText(
            tr("This scene is a %1 task but the project is %2: its metric, loss and "
               "threshold may not fit the project's labels.")
                .arg(taskSuffix(scene->task), taskSuffix(m_projectTask)));
        m_f->sceneWarning->show();
    } else
        m_f->sceneWarning->hide();
    const QStringList warnings = labelChangeWarnings(m_config, m_classNames);
    m_f->augmentWarnings->setText(QStringLiteral("⚠ ") + warnings.join(QStringLiteral("\n⚠ ")));
    m_f->augmentWarnings->setVisible(!warnings.isEmpty());
}

void TrainConfigForm::updateSceneItems()
{
    const auto &all = pulc::engine::scenes();
    for (int i = 0; i < m_f->scene->count() && i < int(all.size()); ++i) {
        QString title = sceneTitle(all[i]);
        if (m_hasProjectTask && all[i].name != "custom" && all[i].task != m_projectTask)
            title += QStringLiteral(" (%1)").arg(taskSuffix(all[i].task));
        m_f->scene->setItemText(i, title);
    }
}

void TrainConfigForm::chooseScene(int index)
{
    const std::string name = m_f->scene->itemData(index).toString().toStdString();
    if (name == m_config.scene)
        return;
    edit([&](TrainConfig &c) {
        // The template replaces the recipe; this machine's settings stay.
        TrainConfig next = pulc::engine::sceneConfig(name);
        next.threads = c.threads;
        next.loaderThreads = c.loaderThreads;
        next.prefetchBatches = c.prefetchBatches;
        next.seed = c.seed;
        next.pretrained = c.pretrained; // the weights to start from are the user's choice
        c = next;
    });
}

} // namespace pulc::ui
