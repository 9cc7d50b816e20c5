#pragma once

#include <engine/trainconfig.h>

#include <QStringList>
#include <QWidget>

#include <functional>
#include <memory>

class QFormLayout;
class QVBoxLayout;

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

private:
    struct Fields;
    void buildSceneSection(QVBoxLayout *column);
    void buildOptimisationSection(QVBoxLayout *column);
    void buildAugmentSection(QVBoxLayout *column);
    void buildDistillSection(QVBoxLayout *column);
    /// "Start from": scratch, a finished run, a weights file the project used, or a file.
    void buildPretrainedRow(QWidget *box, QFormLayout *form);
    void refreshPretrained();
    void selectPretrained();
    void choosePretrained(int index);
    /// Reads the chosen file's model and class count in a worker, then updatePretrainedInfo().
    void inspectPretrained();
    void updatePretrainedInfo();
    void buildMachineSection(QVBoxLayout *column);
    /// Applies a user edit to the config, refreshes the dependent fields, emits configChanged().
    void edit(const std::function<void(pulc::engine::TrainConfig &)> &change);
    void showConfig();
    void updateEnabled();
    void updateWarnings();
    void updateSceneItems();
    void refreshTeachers();
    void selectTeacher();
    void chooseScene(int index);
    void chooseTeacher(int index);

    ProjectRuns *m_runs;
    std::unique_ptr<Fields> m_f;
    pulc::engine::TrainConfig m_config; ///< the truth: fields the form does not show ride along
    pulc::engine::Task m_projectTask = pulc::engine::Task::SingleLabel;
    bool m_hasProjectTask = false;
    QStringList m_classNames;
    bool m_updating = false; ///< true while showConfig() fills the fields
    bool m_locked = false;
};

} // namespace pulc::ui
