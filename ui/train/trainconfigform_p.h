#pragma once
// Private to TrainConfigForm (trainconfigform.cpp, trainconfigdistill.cpp): the widgets of the
// form and how each is bound to a setting.

#include "ui/train/trainconfigform.h"

#include <engine/pretrained.h>

#include <string>
#include <vector>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace pulc::ui {

/// One probability-driven operator: its checkbox, its probability, and the value "on" restores.
struct ProbOp
{
    QCheckBox *on = nullptr;
    QDoubleSpinBox *prob = nullptr;
    const char *key = nullptr; ///< the probability's setting key
    double remembered = 0.5;
};

/// A widget whose value is one setting (its objectName); size rows bind two widgets to one key.
struct Binding
{
    QWidget *widget = nullptr;
    std::string key;
    QSpinBox *heightOf = nullptr; ///< for "HxW" keys: the height spin box (widget is the width)
};

struct TrainConfigForm::Fields
{
    QWidget *content = nullptr;
    std::vector<Binding> bindings;
    std::vector<ProbOp> ops;
    QComboBox *scene = nullptr, *model = nullptr, *distill = nullptr, *teacher = nullptr,
              *teacherModel = nullptr, *featureStage = nullptr, *geometry = nullptr,
              *pretrained = nullptr;
    QLabel *sceneInfo = nullptr, *sceneWarning = nullptr, *strides = nullptr,
           *augmentWarnings = nullptr, *teacherFile = nullptr, *pretrainedInfo = nullptr;
    /// What the chosen pretrained file holds (inspected in a worker), for the info line.
    std::string inspectedPath;
    pulc::engine::WeightsInfo inspected;
    bool inspectedOk = false;
    QString inspectError;
    quint64 inspectGeneration = 0;
    QDoubleSpinBox *cropScale = nullptr, *maxFpr = nullptr, *blurRatio = nullptr;
    QCheckBox *blur = nullptr;
    QSpinBox *seed = nullptr;
    QWidget *distillFields = nullptr, *featureWeight = nullptr;
    std::string stagesOf; ///< the model whose stages featureStage lists
};

} // namespace pulc::ui
