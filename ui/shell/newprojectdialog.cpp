#include "ui/shell/newprojectdialog.h"

#include "ui/common/tasktypetext.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace pulc::ui {

using pulc::dataset::TaskType;

NewProjectDialog::NewProjectDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("New Project"));
    m_folder = new QLineEdit(this);
    m_folder->setPlaceholderText(tr("An empty or new folder"));
    auto *browseButton = new QPushButton(tr("Browse…"), this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browseButton);

    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("Defaults to the folder name"));
    m_task = new QComboBox(this);
    for (TaskType t : {TaskType::SingleLabel, TaskType::MultiLabel, TaskType::Binary})
        m_task->addItem(TaskTypeText::name(t), QVariant::fromValue(int(t)));
    m_positive = new QLineEdit(this);
    m_positive->setPlaceholderText(tr("e.g. defect"));
    m_positiveLabel = new QLabel(tr("&Positive class:"), this);
    m_positiveLabel->setBuddy(m_positive);
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);

    auto *form = new QFormLayout;
    auto *folderLabel = new QLabel(tr("&Folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Task:"), m_task);
    form->addRow(m_positiveLabel, m_positive);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    m_buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_problem);
    layout->addWidget(m_buttons);
    setMinimumWidth(520);

    connect(browseButton, &QPushButton::clicked, this, &NewProjectDialog::browse);
    connect(m_folder, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    connect(m_name, &QLineEdit::textEdited, this, [this] { m_nameEdited = true; });
    connect(m_task, &QComboBox::currentIndexChanged, this, &NewProjectDialog::updateState);
    connect(m_positive, &QLineEdit::textChanged, this, &NewProjectDialog::updateState);
    updateState();
}

QString NewProjectDialog::folder() const
{
    return QDir::cleanPath(m_folder->text().trimmed());
}

pulc::dataset::ProjectInfo NewProjectDialog::projectInfo() const
{
    pulc::dataset::ProjectInfo info;
    info.name = m_name->text().trimmed();
    if (info.name.isEmpty())
        info.name = QFileInfo(folder()).fileName();
    info.task = TaskType(m_task->currentData().toInt());
    if (info.task == TaskType::Binary)
        info.positiveClass = m_positive->text().trimmed();
    return info;
}

void NewProjectDialog::browse()
{
    const QString dir =
        QFileDialog::getExistingDirectory(this, tr("Folder for the New Project"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(QDir::toNativeSeparators(dir));
}

void NewProjectDialog::updateState()
{
    const bool binary = TaskType(m_task->currentData().toInt()) == TaskType::Binary;
    m_positiveLabel->setVisible(binary);
    m_positive->setVisible(binary);
    if (!m_nameEdited)
        m_name->setText(m_folder->text().trimmed().isEmpty() ? QString()
                                                             : QFileInfo(folder()).fileName());

    // Say what is missing instead of leaving the user to guess why Create is disabled.
    QString problem;
    const QString dir = folder();
    if (m_folder->text().trimmed().isEmpty())
        problem = tr("Choose a folder for the project.");
    else if (QFileInfo::exists(dir + QLatin1Char('/') +
                               QLatin1String(pulc::dataset::Project::kDatabaseFile)))
        problem = tr("This folder already holds a project; use File > Open Project instead.");
    else if (binary && m_positive->text().trimmed().isEmpty())
        problem = tr("Name the positive class of the binary task.");
    m_problem->setText(problem);
    m_problem->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace pulc::ui
