#pragma once

#include <QWidget>

class QAction;
class QSortFilterProxyModel;
class QTableView;

namespace pulc::ui {

class ProjectRuns;
class RunsModel;

/// The project's runs in a sortable table with what can be done to one: rename (F2), delete
/// (Del, after a confirmation), duplicate its settings, show or compare its curves, resume,
/// evaluate and predict. Actions are in the context menu, on buttons and on shortcuts; the
/// panel does the renames and deletes itself and asks the page for the rest. GUI thread.
class RunsPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RunsPanel(ProjectRuns *runs, QWidget *parent = nullptr);
    ~RunsPanel() override;

    RunsModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    /// The selected run's id, or 0.
    qint64 currentRun() const;
    void selectRun(qint64 id);
    /// The run this window trains (0: none): it cannot be renamed, deleted or resumed, and
    /// nothing else can be resumed meanwhile.
    void setActiveRun(qint64 id, bool training);

    /// Deletes run `id` after asking (the question names the run and its folder).
    void deleteRun(qint64 id);

    QAction *renameAction() const { return m_rename; }
    QAction *deleteAction() const { return m_delete; }
    QAction *duplicateAction() const { return m_duplicate; }
    QAction *showCurvesAction() const { return m_showCurves; }
    QAction *compareAction() const { return m_compare; }
    QAction *resumeAction() const { return m_resume; }
    QAction *evaluateAction() const { return m_evaluate; }
    QAction *predictAction() const { return m_predict; }
    QAction *exportAction() const { return m_export; }
    QAction *importModelAction() const { return m_importModel; }

    /// Imports `file` (a PaddleClas .pdparams, e.g. a PULC scene's `<scene>_pretrained.pdparams`,
    /// or a PULC Studio checkpoint) as a finished run of scene `scene` ("" = inferred from the
    /// file name or the project), without dialogs; the new run is selected when it is ready.
    void importModelFile(const QString &file, const QString &scene);

Q_SIGNALS:
    void duplicateRequested(qint64 runId);
    /// Show the run's curves; `overlay`: next to the current ones, for comparison.
    void curvesRequested(qint64 runId, bool overlay);
    void resumeRequested(qint64 runId);
    void evaluateRequested(qint64 runId);
    void predictRequested(qint64 runId);
    void exportRequested(qint64 runId);
    /// An imported model became run `runId`; `text` says what it is, for the status line.
    void modelImported(qint64 runId, const QString &text);

private:
    QAction *addAction(const QString &text, const QKeySequence &key, const QString &tip);
    void updateActions();
    /// Asks for a weights file and its scene, then imports it (Import Model…).
    void chooseModelToImport();

    ProjectRuns *m_runs;
    RunsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_view;
    QAction *m_rename;
    QAction *m_delete;
    QAction *m_duplicate;
    QAction *m_showCurves;
    QAction *m_compare;
    QAction *m_resume;
    QAction *m_evaluate;
    QAction *m_predict;
    QAction *m_export;
    QAction *m_importModel;
    qint64 m_keepSelection = 0;
    qint64 m_selectWhenListed = 0; ///< an imported run to select when the list shows it
    bool m_training = false;
};

} // namespace pulc::ui
