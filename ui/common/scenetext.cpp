#include "ui/common/scenetext.h"

#include "ui/evaluate/evaluatetext.h"

#include <QCoreApplication>
#include <QLocale>

namespace pulc::ui {

namespace {

/// A text of the table below in the user's language.
QString translated(const char *text)
{
    return QCoreApplication::translate("pulc::ui::SceneText", text);
}

struct SceneText
{
    const char *name;
    const char *title;
    const char *purpose;
};

// The source texts are marked for lupdate by QT_TRANSLATE_NOOP; translated() looks them up.
constexpr SceneText kScenes[] = {
    {"person_exists", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Person exists"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Whether the image shows a person (binary).")},
    {"person_attribute", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Person attributes"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "26 attributes of a cropped pedestrian: hat, glasses, clothing, bags, "
                       "age, gender, orientation (multi-label).")},
    {"safety_helmet", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Safety helmet"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Whether a cropped head wears a safety helmet (binary).")},
    {"traffic_sign", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Traffic sign"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Which of 232 traffic signs a cropped sign is.")},
    {"vehicle_attribute", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Vehicle attributes"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Colour and body type of a cropped vehicle (multi-label).")},
    {"car_exists", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Car exists"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Whether the image shows a car (binary).")},
    {"text_image_orientation", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Text image orientation"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Which way a document page is turned: 0, 90, 180 or 270 degrees.")},
    {"textline_orientation", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Text line orientation"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Whether a cropped text line is upright or upside down.")},
    {"language_classification", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Text line language"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Which of 10 languages a cropped text line is written in.")},
    {"table_attribute", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Table attributes"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "How a table was photographed: angle, clarity, lighting, background "
                       "(multi-label).")},
    {"code_exists", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Code exists"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Whether the image contains a barcode or QR code (binary).")},
    {"clarity_assessment", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Clarity"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Whether the image is sharp or blurred; BlurImage makes the labels.")},
    {"image_orientation", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Image orientation"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText",
                       "Which way a photo is turned; RandomRot90 makes the labels.")},
    {"custom", QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Custom"),
     QT_TRANSLATE_NOOP("pulc::ui::SceneText", "Your own classes, from the project's dataset.")},
};

const SceneText *find(const std::string &name)
{
    for (const SceneText &s : kScenes) {
        if (name == s.name)
            return &s;
    }
    return nullptr;
}

} // namespace

QString sceneTitle(const pulc::engine::SceneInfo &scene)
{
    const SceneText *text = find(scene.name);
    return text ? translated(text->title) : QString::fromStdString(scene.title);
}

QString sceneDescription(const pulc::engine::SceneInfo &scene)
{
    const SceneText *text = find(scene.name);
    const pulc::engine::TrainConfig c = pulc::engine::sceneConfig(scene.name);
    const QLocale locale;
    QString out = text ? translated(text->purpose) : QString::fromStdString(scene.description);
    out += QLatin1Char(' ') +
           QCoreApplication::translate("pulc::ui::SceneText",
                                       "Input %1×%2, %3 epochs, batch %4, LR %5; best epoch by %6.")
               .arg(c.inputHeight)
               .arg(c.inputWidth)
               .arg(c.epochs)
               .arg(c.batchSize)
               .arg(locale.toString(c.learningRate, 'g', 3))
               .arg(metricDisplayName(QString::fromStdString(pulc::engine::toString(c.mainMetric)),
                                      c.maxFpr));
    if (scene.paddleBatchPerGpu > 0) {
        const pulc::engine::OneMachineRecipe one =
            pulc::engine::scaleToOneMachine(scene.paddleBatchPerGpu, scene.paddleLearningRate);
        out += QLatin1Char(' ') +
               QCoreApplication::translate(
                   "pulc::ui::SceneText",
                   "PaddleClas trains it with batch %1 per GPU on %2 GPUs and LR %3; here batch "
                   "%4 with LR %5 (linear scaling).")
                   .arg(scene.paddleBatchPerGpu)
                   .arg(pulc::engine::kPaddleGpuCount)
                   .arg(locale.toString(scene.paddleLearningRate, 'g', 3))
                   .arg(one.batchSize)
                   .arg(locale.toString(one.learningRate, 'g', 3));
    }
    return out;
}

} // namespace pulc::ui
