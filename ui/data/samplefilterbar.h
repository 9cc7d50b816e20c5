#pragma once

#include <dataset/project.h>
#include <dataset/samples.h>

#include <QList>
#include <QWidget>

#include <optional>

class QComboBox;
class QLineEdit;
class QTimer;

namespace pulc::ui {

/// The row of filters above the grid: class (or unlabeled), split, status, a text filter on
/// the path (applied after a short pause in typing) and the sort order. GUI thread.
class SampleFilterBar : public QWidget
{
    Q_OBJECT

public:
    explicit SampleFilterBar(QWidget *parent = nullptr);

    /// Fills the class filter with `classes`, keeping the chosen class while it exists.
    void setClasses(const QList<pulc::dataset::ClassInfo> &classes);
    pulc::dataset::SampleFilter filter() const;
    pulc::dataset::SampleSort sort() const;

    /// Shows the images of one class (or every class when empty), and optionally one split.
    void showClass(std::optional<qint64> classId, std::optional<pulc::dataset::Split> split = {});
    void showUnlabeled();
    /// Back to every live sample, keeping the sort.
    void clearFilters();

Q_SIGNALS:
    void filterChanged();
    void sortChanged();

private:
    QComboBox *m_class;
    QComboBox *m_split;
    QComboBox *m_status;
    QLineEdit *m_text;
    QComboBox *m_sort;
    QTimer *m_textTimer;
};

} // namespace pulc::ui
