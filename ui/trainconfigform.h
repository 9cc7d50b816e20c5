#pragma once

#include <engine/trainconfig.h>

#include <QStringList>
#include <QWidget>

namespace pulc::ui {

class ProjectRuns;

/// The Train page's settings, grouped: scene template and model, input, optimisation,
/// augmentation (each operator on/off with its probability and main parameters), distillation
/// (mode, teacher picked from the project's finished runs or a checkpoint file, unlabeled pool,
/// loss weights) and machine (threads, seed). Choosing a scene loads its template
/// (pulc::engine::sceneConfig) into every field. Every field maps to one TrainConfig member, so
/// setConfig(c) followed by config() gives c back for every value the form shows. GUI thread.
class TrainConfigForm : public QWidget
{
    Q_OBJECT

public:
    explicit TrainConfigForm(ProjectRuns *runs, QWidget *parent = nullptr);
    ~TrainConfigForm() override;

    /// Shows `config` in every field (the scene selector too), without emitting configChanged().
    void setConfig(const pulc::engine::TrainConfig &config);
    /// The settings the fields show. config().distill.teacherRun is the chosen teacher run's id
    /// (0 when a checkpoint file or no teacher is chosen).
    pulc::engine::TrainConfig config() const;
    /// The open project's task and classes: scenes of another task are marked, and the
    /// label-changing transforms are checked against these class names.
    void setProjectTask(pulc::engine::Task task, const QStringList &classNames);
    /// Disables editing while a run trains (the form then shows that run's settings).
    void setLocked(bool locked);

Q_SIGNALS:
    /// A field changed (not emitted by setConfig()).
    void configChanged();
};

} // namespace pulc::ui
