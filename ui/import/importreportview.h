#pragma once

#include "ui/import/importjob.h"

#include <QList>
#include <QWidget>

class QLabel;
class QTabWidget;
class QTableWidget;

namespace pulc::ui {

/// The report page of the import dialog: a headline, counts, errors, and tables of the skipped
/// files (path, reason), identical images, conflicts and leakage over every imported source.
/// GUI thread.
class ImportReportView : public QWidget
{
    Q_OBJECT

public:
    explicit ImportReportView(QWidget *parent = nullptr);

    void setOutcomes(const QList<ImportOutcome> &outcomes);
    const QList<ImportOutcome> &outcomes() const { return m_outcomes; }

private:
    void fillGroups(QTableWidget *table, int tab, const QString &title,
                    const QList<pulc::dataset::DuplicateGroup> &groups);

    QList<ImportOutcome> m_outcomes;
    QLabel *m_headline;
    QLabel *m_details;
    QTabWidget *m_tabs;
    QTableWidget *m_skipped;
    QTableWidget *m_duplicates;
    QTableWidget *m_conflicts;
    QTableWidget *m_leakage;
};

} // namespace pulc::ui
