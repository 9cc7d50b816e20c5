// The Train page's settings form: every scene template survives setConfig() / config(), each
// field edits exactly its setting, scenes load their template, the teacher list shows finished
// runs, a locked form cannot be edited; and the label-change warnings.
#include "datafixtures.h"

#include <ui/project/projectruns.h>
#include <ui/project/projectsession.h>
#include <ui/train/augmentwarnings.h>
#include <ui/train/trainconfigform.h>

#include <engine/configfile.h>
#include <engine/scenes.h>

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <set>

using pulc::engine::TrainConfig;
using namespace pulc::ui;

namespace {

std::string joined(const std::vector<std::string> &keys)
{
    std::string text;
    for (const std::string &k : keys)
        text += k + " ";
    return text;
}

/// A config far from every default, so a field the form drops or rounds shows.
TrainConfig unusualConfig()
{
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.learningRate = 0.0123456;
    c.weightDecay = 0.00003;
    c.epochs = 77;
    c.batchSize = 24;
    c.augment.flipProb = 0.0;
    c.augment.erasingProb = 0.25;
    c.seed = 4000000000u;   // above a QSpinBox's int
    c.maxStepsPerEpoch = 9; // not shown: carried through
    c.pretrained = "/somewhere/w.pdparams";
    c.dropout = 0.33;
    c.distill.mode = pulc::engine::DistillMode::Udml;
    c.distill.teacherRun = 42; // not a finished run here
    c.lrMult = {0.5, 0.5, 1, 1, 1, 2};
    c.emaDecay = 0.99995;
    return c;
}

} // namespace

TEST(TrainConfigForm, EveryScenesTemplateRoundTrips)
{
    TrainConfigForm form(nullptr);
    for (const pulc::engine::SceneInfo &scene : pulc::engine::scenes()) {
        const TrainConfig c = pulc::engine::sceneConfig(scene.name);
        form.setConfig(c);
        EXPECT_EQ(pulc::engine::configDifferences(c, form.config()), std::vector<std::string>{})
            << scene.name << ": " << joined(pulc::engine::configDifferences(c, form.config()));
        auto *combo = form.findChild<QComboBox *>("scene");
        ASSERT_TRUE(combo);
        EXPECT_EQ(combo->currentData().toString().toStdString(), scene.name);
    }
    const TrainConfig odd = unusualConfig();
    form.setConfig(odd);
    EXPECT_EQ(joined(pulc::engine::configDifferences(odd, form.config())), "");
}

TEST(TrainConfigForm, SetConfigDoesNotEmit)
{
    TrainConfigForm form(nullptr);
    QSignalSpy changed(&form, &TrainConfigForm::configChanged);
    form.setConfig(pulc::engine::sceneConfig("person_exists"));
    form.setConfig(unusualConfig());
    EXPECT_EQ(changed.count(), 0);
}

TEST(TrainConfigForm, EachFieldEditsExactlyItsSetting)
{
    TrainConfigForm form(nullptr);
    const TrainConfig base = pulc::engine::sceneConfig("person_exists");
    struct Edit
    {
        const char *widget;
        const char *key;
        std::function<void(QWidget *)> change;
    };
    auto spin = [](int v) { return [v](QWidget *w) { static_cast<QSpinBox *>(w)->setValue(v); }; };
    auto dspin = [](double v) {
        return [v](QWidget *w) { static_cast<QDoubleSpinBox *>(w)->setValue(v); };
    };
    auto toggle = [](QWidget *w) {
        auto *c = static_cast<QCheckBox *>(w);
        c->setChecked(!c->isChecked());
    };
    auto comboData = [](const char *data) {
        return [data](QWidget *w) {
            auto *c = static_cast<QComboBox *>(w);
            c->setCurrentIndex(c->findData(QString::fromLatin1(data)));
        };
    };
    const std::vector<Edit> edits{
        {"epochs", "epochs", spin(33)},
        {"batch_size", "batch_size", spin(16)},
        {"lr", "lr", dspin(0.0042)},
        {"warmup_epochs", "warmup_epochs", dspin(2)},
        {"weight_decay", "weight_decay", dspin(0.0001)},
        {"momentum", "momentum", dspin(0.8)},
        {"label_smoothing", "label_smoothing", dspin(0.1)},
        {"ema_decay", "ema_decay", dspin(0.999)},
        {"topk", "topk", spin(3)},
        {"threshold", "threshold", dspin(0.7)},
        {"max_fpr", "max_fpr", dspin(0.05)},
        {"metric", "metric", comboData("top1")},
        {"model", "model", comboData("PPLCNet_x0_5")},
        {"input_height", "input", spin(160)},
        {"train_size_width", "train_size", spin(200)},
        {"resize_short", "resize_short", spin(0)},
        {"use_last_conv", "use_last_conv", toggle},
        {"geometry", "geometry", comboData("resize")},
        {"rand_crop_scale_min", "rand_crop_scale_min", dspin(0.5)},
        {"flip_prob", "flip_prob", dspin(0.3)},
        {"flip", "flip_prob", toggle},
        {"flip_before_autoaugment", "flip_before_autoaugment", toggle},
        {"autoaugment", "autoaugment_prob", toggle},
        {"autoaugment_magnitude", "autoaugment_magnitude", dspin(5)},
        {"erasing_prob", "erasing_prob", dspin(0.4)},
        {"cutmix", "cutmix_prob", toggle},
        {"cutmix_alpha", "cutmix_alpha", dspin(0.5)},
        {"mixup", "mixup_prob", toggle},
        {"mixup_alpha", "mixup_alpha", dspin(0.4)},
        {"blur", "blur", toggle},
        {"rot90", "rot90", toggle},
        {"distill", "distill", comboData("udml")},
        {"threads", "threads", spin(3)},
        {"loader_threads", "loader_threads", spin(5)},
        {"seed", "seed", spin(7)},
    };
    for (const Edit &e : edits) {
        form.setConfig(base);
        QWidget *w = form.findChild<QWidget *>(QString::fromLatin1(e.widget));
        ASSERT_TRUE(w) << e.widget;
        // Parameters of operators the recipe leaves off are disabled but still bound.
        static const std::set<std::string> offInRecipe{"autoaugment_magnitude", "cutmix_alpha",
                                                       "mixup_alpha"};
        EXPECT_EQ(w->isEnabled(), !offInRecipe.count(e.widget)) << e.widget;
        QSignalSpy changed(&form, &TrainConfigForm::configChanged);
        e.change(w);
        EXPECT_GE(changed.count(), 1) << e.widget;
        EXPECT_EQ(joined(pulc::engine::configDifferences(base, form.config())),
                  std::string(e.key) + " ")
            << e.widget;
    }
}

TEST(TrainConfigForm, ModelEmaDecayShowsOffAtZeroAndRoundTrips)
{
    TrainConfigForm form(nullptr);
    auto *ema = form.findChild<QDoubleSpinBox *>(QStringLiteral("ema_decay"));
    ASSERT_TRUE(ema);
    EXPECT_FALSE(ema->toolTip().isEmpty());
    TrainConfig c = pulc::engine::sceneConfig("person_exists");
    form.setConfig(c);
    EXPECT_EQ(ema->text(), QStringLiteral("Off"));
    EXPECT_EQ(form.config().emaDecay, 0.0);
    c.emaDecay = 0.9999;
    form.setConfig(c);
    EXPECT_EQ(form.config().emaDecay, 0.9999);
    ema->setValue(0.0);
    EXPECT_EQ(form.config().emaDecay, 0.0);
}

TEST(TrainConfigForm, FlipCheckboxRestoresTheLastProbability)
{
    TrainConfigForm form(nullptr);
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.augment.flipProb = 0.3;
    form.setConfig(c);
    auto *flip = form.findChild<QCheckBox *>("flip");
    ASSERT_TRUE(flip);
    EXPECT_TRUE(flip->isChecked());
    flip->setChecked(false);
    EXPECT_EQ(form.config().augment.flipProb, 0.0);
    EXPECT_FALSE(form.findChild<QDoubleSpinBox *>("flip_prob")->isEnabled());
    flip->setChecked(true);
    EXPECT_DOUBLE_EQ(form.config().augment.flipProb, 0.3);
    // A config with the flip off: turning it on gives a non-zero probability.
    c.augment.flipProb = 0.0;
    form.setConfig(c);
    EXPECT_FALSE(flip->isChecked());
    flip->setChecked(true);
    EXPECT_GT(form.config().augment.flipProb, 0.0);
}

TEST(TrainConfigForm, ChoosingASceneLoadsItsTemplate)
{
    TrainConfigForm form(nullptr);
    TrainConfig mine = pulc::engine::sceneConfig("custom");
    mine.threads = 3;
    form.setConfig(mine);
    auto *combo = form.findChild<QComboBox *>("scene");
    ASSERT_TRUE(combo);
    QSignalSpy changed(&form, &TrainConfigForm::configChanged);
    const int index = combo->findData(QStringLiteral("textline_orientation"));
    ASSERT_GE(index, 0);
    combo->setCurrentIndex(index);
    Q_EMIT combo->activated(index); // what a user's choice emits
    EXPECT_EQ(changed.count(), 1);
    TrainConfig expected = pulc::engine::sceneConfig("textline_orientation");
    expected.threads = 3; // this machine's setting stays
    EXPECT_EQ(joined(pulc::engine::configDifferences(expected, form.config())), "");
    EXPECT_EQ(form.findChild<QSpinBox *>("train_size_height")->value(), expected.trainHeight);
}

TEST(TrainConfigForm, MarksScenesOfAnotherTask)
{
    TrainConfigForm form(nullptr);
    form.setProjectTask(pulc::engine::Task::SingleLabel, {"a", "b"});
    auto *combo = form.findChild<QComboBox *>("scene");
    const int binary = combo->findData(QStringLiteral("person_exists"));
    const int single = combo->findData(QStringLiteral("traffic_sign"));
    EXPECT_TRUE(combo->itemText(binary).contains("(binary)"));
    EXPECT_FALSE(combo->itemText(single).contains("("));
    form.setConfig(pulc::engine::sceneConfig("person_exists"));
    auto *warning = form.findChild<QLabel *>("sceneWarning");
    ASSERT_TRUE(warning);
    EXPECT_FALSE(warning->isHidden());
    form.setConfig(pulc::engine::sceneConfig("traffic_sign"));
    EXPECT_TRUE(warning->isHidden());
}

TEST(TrainConfigForm, ShowsLabelChangeWarningsUnderAugmentation)
{
    TrainConfigForm form(nullptr);
    form.setProjectTask(pulc::engine::Task::SingleLabel, {"turn_left", "turn_right"});
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.augment.flipProb = 0.5;
    form.setConfig(c);
    auto *label = form.findChild<QLabel *>("augmentWarnings");
    ASSERT_TRUE(label);
    EXPECT_FALSE(label->isHidden());
    EXPECT_TRUE(label->text().contains("turn_left"));
    form.findChild<QCheckBox *>("flip")->setChecked(false);
    EXPECT_TRUE(label->isHidden());
}

TEST(TrainConfigForm, TeacherComboListsFinishedRuns)
{
    QTemporaryDir tmp;
    const QString dir = makeFruitProject(tmp);
    const TinyRun run = trainTinyRun(dir, 1, "teacher-run");
    ASSERT_TRUE(run.error.isEmpty()) << run.error.toStdString();
    ProjectSession session;
    ASSERT_TRUE(openAndWait(session, dir));
    ProjectRuns runs(&session);
    TrainConfigForm form(&runs);
    if (runs.finishedRuns().empty()) {
        QSignalSpy changed(&runs, &ProjectRuns::changed);
        runs.refresh();
        ASSERT_TRUE(changed.wait(10000));
    }
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.distill.mode = pulc::engine::DistillMode::SklUgi;
    form.setConfig(c);
    auto *teacher = form.findChild<QComboBox *>("teacher_run");
    ASSERT_TRUE(teacher);
    EXPECT_TRUE(teacher->isEnabled());
    const int index = teacher->findData(QVariant::fromValue<qlonglong>(run.id));
    ASSERT_GE(index, 0);
    EXPECT_TRUE(teacher->itemText(index).contains("teacher-run"));
    EXPECT_TRUE(teacher->itemText(index).contains("PPLCNet_x0_25"));
    teacher->setCurrentIndex(index);
    Q_EMIT teacher->activated(index);
    EXPECT_EQ(form.config().distill.teacherRun, run.id);
    EXPECT_EQ(form.config().distill.teacherModel, "PPLCNet_x0_25");

    // Off: the teacher fields are disabled.
    c.distill.mode = pulc::engine::DistillMode::None;
    form.setConfig(c);
    EXPECT_FALSE(teacher->isEnabled());
}

TEST(TrainConfigForm, LockedFormCannotBeEdited)
{
    TrainConfigForm form(nullptr);
    form.setConfig(pulc::engine::sceneConfig("custom"));
    form.setLocked(true);
    auto *epochs = form.findChild<QSpinBox *>("epochs");
    ASSERT_TRUE(epochs);
    EXPECT_FALSE(epochs->isEnabled());
    QTest::keyClick(epochs, Qt::Key_Up);
    EXPECT_EQ(form.config().epochs, pulc::engine::sceneConfig("custom").epochs);
    form.setLocked(false);
    EXPECT_TRUE(epochs->isEnabled());
}

TEST(LabelChangeWarnings, FlipOnTextlineOrientationWarns)
{
    TrainConfig c = pulc::engine::sceneConfig("textline_orientation");
    c.augment.flipProb = 0.5;
    const QStringList warnings = labelChangeWarnings(c, {"0_degree", "180_degree"});
    ASSERT_FALSE(warnings.isEmpty());
    EXPECT_TRUE(warnings.join(" ").contains("flip")) << warnings.join(" ").toStdString();
    EXPECT_TRUE(warnings.join(" ").contains("180_degree"));
    // The scene's own recipe (no flip) only warns about its AutoAugment rotation.
    const QStringList recipe = labelChangeWarnings(
        pulc::engine::sceneConfig("textline_orientation"), {"0_degree", "180_degree"});
    EXPECT_FALSE(recipe.join(" ").contains("flip"));
}

TEST(LabelChangeWarnings, FashionMnistClassesDoNotWarn)
{
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.augment.flipProb = 0.5;
    c.augment.autoAugmentProb = 0.5;
    EXPECT_EQ(labelChangeWarnings(c, {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                      "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"}),
              QStringList{});
    EXPECT_EQ(labelChangeWarnings(c, {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"}),
              QStringList{});
}

TEST(LabelChangeWarnings, LeftRightClassesWithFlipWarn)
{
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.augment.flipProb = 0.5;
    const QStringList warnings = labelChangeWarnings(c, {"left", "right", "stop"});
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_TRUE(warnings[0].contains("“left”"));
    EXPECT_TRUE(warnings[0].contains("“right”"));
    EXPECT_FALSE(warnings[0].contains("stop"));
    c.augment.flipProb = 0.0;
    EXPECT_EQ(labelChangeWarnings(c, {"left", "right", "stop"}), QStringList{});
}

TEST(LabelChangeWarnings, RotationOnOrientationClassesWarns)
{
    TrainConfig c = pulc::engine::sceneConfig("custom");
    c.augment.flipProb = 0.0;
    c.augment.autoAugmentProb = 0.5;
    const QStringList warnings = labelChangeWarnings(c, {"0", "90", "180", "270"});
    ASSERT_EQ(warnings.size(), 1);
    EXPECT_TRUE(warnings[0].contains("TimmAutoAugment"));
    // RandomRot90 with classes that are not the four rotations.
    c.augment.autoAugmentProb = 0.0;
    c.augment.rot90Labels = true;
    EXPECT_EQ(labelChangeWarnings(c, {"0°", "90°", "180°", "270°"}), QStringList{});
    EXPECT_EQ(labelChangeWarnings(c, {"cat", "dog"}).size(), 1);
}
