#include "ui/import/importreportview.h"

#include "ui/import/importtext.h"

#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace pulc::ui {

using namespace pulc::dataset;

namespace {

QTableWidget *makeTable(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setWordWrap(false);
    table->verticalHeader()->hide();
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 6);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setToolTip(text);
    return item;
}

} // namespace

ImportReportView::ImportReportView(QWidget *parent)
    : QWidget(parent)
    , m_headline(new QLabel(this))
    , m_details(new QLabel(this))
    , m_tabs(new QTabWidget(this))
{
    m_headline->setObjectName(QStringLiteral("reportHeadline"));
    QFont big = m_headline->font();
    big.setPointSizeF(big.pointSizeF() * 1.25);
    big.setBold(true);
    m_headline->setFont(big);
    m_headline->setWordWrap(true);
    m_details->setObjectName(QStringLiteral("reportDetails"));
    m_details->setWordWrap(true);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_skipped = makeTable({tr("Path"), tr("Reason")}, QStringLiteral("skippedTable"), this);
    const QStringList groupHeaders = {tr("Group"), tr("Path"), tr("Label"), tr("Split")};
    m_duplicates = makeTable(groupHeaders, QStringLiteral("duplicatesTable"), this);
    m_conflicts = makeTable(groupHeaders, QStringLiteral("conflictsTable"), this);
    m_leakage = makeTable(groupHeaders, QStringLiteral("leakageTable"), this);
    m_tabs->addTab(m_skipped, QString());
    m_tabs->addTab(m_duplicates, QString());
    m_tabs->addTab(m_conflicts, QString());
    m_tabs->addTab(m_leakage, QString());

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_headline);
    layout->addWidget(m_details);
    layout->addWidget(m_tabs, 1);
}

void ImportReportView::setOutcomes(const QList<ImportOutcome> &outcomes)
{
    m_outcomes = outcomes;
    const QLocale locale;
    m_headline->setText(ImportText::headline(outcomes));

    int imported = 0, present = 0;
    QStringList newClasses, lines;
    QList<SkippedFile> skipped;
    QList<DuplicateGroup> duplicates, conflicts, leakage;
    for (const ImportOutcome &o : outcomes) {
        if (!o.error.isEmpty()) {
            lines << QStringLiteral("<span style='color:#c62828'>%1</span>")
                         .arg(tr("%1: %2 Nothing from this source was added.")
                                  .arg(o.source.toHtmlEscaped(), o.error.toHtmlEscaped()));
            continue;
        }
        if (o.cancelled)
            continue;
        imported += o.report.imported;
        present += o.report.alreadyPresent;
        for (const QString &c : o.report.newClasses)
            if (!newClasses.contains(c))
                newClasses << c;
        skipped += o.report.skipped;
        // A later source's group of identical images includes the earlier copies: keep it.
        auto merge = [](QList<DuplicateGroup> &into, const QList<DuplicateGroup> &groups) {
            for (const DuplicateGroup &g : groups) {
                into.removeIf([&g](const DuplicateGroup &old) { return old.hash == g.hash; });
                into.append(g);
            }
        };
        merge(duplicates, o.report.duplicates);
        merge(conflicts, o.report.conflicts);
        merge(leakage, o.report.leakage);
    }
    lines << tr("Imported: %1 · Already in the project: %2 · Skipped: %3")
                 .arg(locale.toString(imported), locale.toString(present),
                      locale.toString(skipped.size()));
    if (outcomes.size() > 1) {
        for (const ImportOutcome &o : outcomes) {
            if (!o.error.isEmpty())
                continue; // said above, in red
            const QString name = QDir::toNativeSeparators(o.source).toHtmlEscaped();
            lines << (o.cancelled ? tr("• %1: cancelled, nothing added").arg(name)
                                  : tr("• %1: %2 imported, %3 already in the project, %4 skipped")
                                        .arg(name, locale.toString(o.report.imported),
                                             locale.toString(o.report.alreadyPresent),
                                             locale.toString(o.report.skipped.size())));
        }
    }
    if (!newClasses.isEmpty())
        lines << tr("New classes: %1").arg(newClasses.join(QStringLiteral(", ")).toHtmlEscaped());
    if (!conflicts.isEmpty() || !leakage.isEmpty())
        lines << QStringLiteral("<span style='color:#b26a00'>%1</span>")
                     .arg(tr("Check the conflicts (the same image with different labels) and "
                             "the leakage (the same image in two splits) before training."));
    m_details->setText(lines.join(QStringLiteral("<br>")));

    m_skipped->setRowCount(int(skipped.size()));
    for (int i = 0; i < skipped.size(); ++i) {
        m_skipped->setItem(i, 0, cell(skipped[i].path));
        m_skipped->setItem(i, 1, cell(skipped[i].reason));
    }
    m_skipped->resizeColumnToContents(0);
    m_skipped->setColumnWidth(0, std::min(m_skipped->columnWidth(0), 420));
    m_tabs->setTabText(0, tr("Skipped (%1)").arg(locale.toString(skipped.size())));
    fillGroups(m_duplicates, 1, tr("Identical images (%1)"), duplicates);
    fillGroups(m_conflicts, 2, tr("Conflicts (%1)"), conflicts);
    fillGroups(m_leakage, 3, tr("Leakage (%1)"), leakage);
    // Open the tab that needs attention first.
    for (int tab : {0, 2, 3, 1}) {
        if (m_tabs->isTabEnabled(tab) &&
            static_cast<QTableWidget *>(m_tabs->widget(tab))->rowCount() > 0) {
            m_tabs->setCurrentIndex(tab);
            break;
        }
    }
}

void ImportReportView::fillGroups(QTableWidget *table, int tab, const QString &title,
                                  const QList<DuplicateGroup> &groups)
{
    const QLocale locale;
    int rows = 0;
    for (const DuplicateGroup &g : groups)
        rows += int(g.paths.size());
    table->setRowCount(rows);
    int row = 0;
    for (int n = 0; n < groups.size(); ++n) {
        const DuplicateGroup &g = groups[n];
        for (qsizetype i = 0; i < g.paths.size(); ++i, ++row) {
            table->setItem(row, 0, cell(locale.toString(n + 1)));
            table->setItem(row, 1, cell(g.paths[i]));
            table->setItem(row, 2,
                           cell(g.labels.value(i).isEmpty() ? tr("unlabeled") : g.labels.value(i)));
            const auto split = splitFromString(g.splits.value(i));
            table->setItem(row, 3, cell(ImportText::splitName(split.value_or(Split::Unassigned))));
        }
    }
    table->resizeColumnToContents(0);
    table->resizeColumnToContents(1);
    table->setColumnWidth(1, std::min(table->columnWidth(1), 420));
    m_tabs->setTabText(tab, title.arg(locale.toString(groups.size())));
}

} // namespace pulc::ui
