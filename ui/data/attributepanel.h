#pragma once

#include <QList>
#include <QWidget>

#include <vector>

class QCheckBox;
class QLabel;
class QVBoxLayout;

namespace pulc::ui {

class ProjectSession;

/// For multi-label projects: one checkbox per class (attribute) showing whether the selected
/// images carry it: checked when all do, unchecked when none does, partly checked when they
/// disagree. Clicking adds the attribute to every selected image, or removes it when all had
/// it, as one undoable command. GUI thread.
class AttributePanel : public QWidget
{
    Q_OBJECT

public:
    explicit AttributePanel(ProjectSession *session, QWidget *parent = nullptr);

    /// The images the checkboxes describe and edit.
    void setSamples(std::vector<qint64> sampleIds);
    /// The checkbox of the class at `position`, or nullptr (tests).
    QCheckBox *checkBox(int position) const;

private:
    void rebuild();
    void updateStates();
    void toggle(int position);

    ProjectSession *m_session;
    std::vector<qint64> m_ids;
    QLabel *m_summary;
    QVBoxLayout *m_boxes;
    QList<QCheckBox *> m_checks;
};

} // namespace pulc::ui
