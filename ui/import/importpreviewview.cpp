#include "ui/import/importpreviewview.h"

#include "ui/import/importtext.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pulc::ui {

using namespace pulc::dataset;

namespace {

QTableWidgetItem *cell(const QString &text, Qt::Alignment align = Qt::AlignLeft)
{
    auto *item = new QTableWidgetItem(text);
    item->setTextAlignment(align | Qt::AlignVCenter);
    return item;
}

QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    return table;
}

QString red(const QString &html)
{
    return QStringLiteral("<span style='color:#c62828'>%1</span>").arg(html);
}

} // namespace

ImportPreviewView::ImportPreviewView(QWidget *parent)
    : QGroupBox(tr("What the import will do"), parent)
{
    m_previewSummary = new QLabel(this);
    m_previewSummary->setObjectName(QStringLiteral("previewSummary"));
    m_previewSummary->setWordWrap(true);
    m_previewSummary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_classTable =
        makeTable({tr("Class"), tr("Images"), tr("Train"), tr("Val"), tr("Test"), tr("Unassigned")},
                  QStringLiteral("previewClassTable"), this);
    m_classTable->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    for (int c = 1; c < 6; ++c)
        m_classTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
    m_rejectedLabel = new QLabel(this);
    m_rejectedLabel->setObjectName(QStringLiteral("rejectedLabel"));
    m_rejectedTable =
        makeTable({tr("Line or file"), tr("Reason")}, QStringLiteral("rejectedTable"), this);
    m_rejectedTable->horizontalHeader()->setStretchLastSection(true);
    m_rejectedTable->setMaximumHeight(m_rejectedTable->fontMetrics().height() * 8);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_previewSummary);
    layout->addWidget(m_classTable, 1);
    layout->addWidget(m_rejectedLabel);
    layout->addWidget(m_rejectedTable);
}

void ImportPreviewView::clearTables()
{
    m_classTable->setRowCount(0);
    m_rejectedTable->setRowCount(0);
    m_rejectedLabel->hide();
    m_rejectedTable->hide();
}

void ImportPreviewView::showMessage(const QString &html)
{
    clearTables();
    m_previewSummary->setText(html);
}

void ImportPreviewView::showPreview(const ImportPreview &p, int overlap)
{
    const QLocale locale;
    clearTables();
    if (!p.error.isEmpty()) {
        m_previewSummary->setText(red(tr("This source cannot be imported with these options: %1")
                                          .arg(p.error.toHtmlEscaped())));
    } else {
        QStringList lines;
        lines << tr("<b>%1 images found</b>, read as: %2.")
                     .arg(locale.toString(p.found), ImportText::formatName(p.format));
        if (p.alreadyPresent > 0)
            lines << tr("%1 are already in the project and will be left as they are.")
                         .arg(locale.toString(p.alreadyPresent));
        QStringList splits;
        for (Split sp : kSplits)
            if (p.splits[size_t(sp)] > 0)
                splits << QStringLiteral("%1 %2").arg(ImportText::splitName(sp),
                                                      locale.toString(p.splits[size_t(sp)]));
        if (p.splits[size_t(Split::Unassigned)] > 0)
            splits << QStringLiteral("%1 %2").arg(
                ImportText::splitName(Split::Unassigned),
                locale.toString(p.splits[size_t(Split::Unassigned)]));
        lines << tr("%1 will be checked and added: %2 labeled, %3 unlabeled; %4.")
                     .arg(locale.toString(p.toAdd), locale.toString(p.toAdd - p.unlabeled),
                          locale.toString(p.unlabeled), splits.join(QStringLiteral(", ")));
        if (overlap > 0)
            lines << red(tr("%1 of them are also in a source above, which imports them first "
                            "with its labels: here they will count as already in the project.")
                             .arg(locale.toString(overlap)));
        if (!p.newClasses.isEmpty())
            lines << tr("New classes: %1.")
                         .arg(p.newClasses.join(QStringLiteral(", ")).toHtmlEscaped());
        lines << tr("Image files are read when you click Import; unreadable ones are skipped "
                    "and listed in the report.");
        m_previewSummary->setText(lines.join(QStringLiteral("<br>")));
    }
    m_classTable->setRowCount(int(p.classes.size()));
    for (int i = 0; i < p.classes.size(); ++i) {
        const ImportPreview::ClassCount &c = p.classes[i];
        QTableWidgetItem *name = cell(c.isNew ? tr("%1 (new)").arg(c.name) : c.name, Qt::AlignLeft);
        if (c.isNew) {
            QFont bold = name->font();
            bold.setBold(true);
            name->setFont(bold);
        }
        m_classTable->setItem(i, 0, name);
        m_classTable->setItem(i, 1, cell(locale.toString(c.total), Qt::AlignRight));
        const Split order[] = {Split::Train, Split::Val, Split::Test, Split::Unassigned};
        for (int k = 0; k < 4; ++k)
            m_classTable->setItem(
                i, 2 + k, cell(locale.toString(c.splits[size_t(order[k])]), Qt::AlignRight));
    }
    if (!p.rejected.isEmpty()) {
        m_rejectedLabel->setText(red(tr("%1 entries of the source are refused and will be "
                                        "skipped:")
                                         .arg(locale.toString(p.rejected.size()))));
        m_rejectedTable->setRowCount(int(p.rejected.size()));
        for (int i = 0; i < p.rejected.size(); ++i) {
            m_rejectedTable->setItem(i, 0, cell(p.rejected[i].path));
            m_rejectedTable->setItem(i, 1, cell(p.rejected[i].reason));
        }
        m_rejectedTable->resizeColumnToContents(0);
        m_rejectedLabel->show();
        m_rejectedTable->show();
    }
}

} // namespace pulc::ui
