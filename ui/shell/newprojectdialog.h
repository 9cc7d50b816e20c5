#pragma once

#include <dataset/project.h>

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace pulc::ui {

/// Asks where a new project goes, its name and its task. Validates only the form; the
/// caller creates the project and reports the library's errors. GUI thread.
class NewProjectDialog : public QDialog
{
    Q_OBJECT

public:
    explicit NewProjectDialog(QWidget *parent = nullptr);

    QString folder() const;
    /// Name, task and (for binary projects) the positive class as entered.
    pulc::dataset::ProjectInfo projectInfo() const;

private:
    void browse();
    void updateState();

    QLineEdit *m_folder;
    QLineEdit *m_name;
    QComboBox *m_task;
    QLabel *m_positiveLabel;
    QLineEdit *m_positive;
    QLabel *m_problem;
    QDialogButtonBox *m_buttons;
    bool m_nameEdited = false;
};

} // namespace pulc::ui
