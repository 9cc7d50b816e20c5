#pragma once

#include "ui/import/importjob.h"

#include <QGroupBox>

class QLabel;
class QTableWidget;

namespace pulc::ui {

/// The "what the import will do" box of the import dialog: a summary of one source's dry run,
/// its images per class and split (new classes marked), and the entries the scan refused.
/// GUI thread.
class ImportPreviewView : public QGroupBox
{
    Q_OBJECT

public:
    explicit ImportPreviewView(QWidget *parent = nullptr);

    /// Shows only a message (rich text): no source, or a scan still running.
    void showMessage(const QString &html);
    /// Shows a finished preview; `overlap` images are added by an earlier source too.
    void showPreview(const ImportPreview &p, int overlap);

private:
    void clearTables();

    QLabel *m_previewSummary;
    QTableWidget *m_classTable;
    QLabel *m_rejectedLabel;
    QTableWidget *m_rejectedTable;
};

} // namespace pulc::ui
