#include "datapage.h"

#include "classtablemodel.h"
#include "projectsession.h"
#include "tasktypetext.h"
#include "warningtext.h"

#include <QAction>
#include <QDir>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QStackedWidget>
#include <QStyle>
#include <QTableView>
#include <QVBoxLayout>

namespace pulc::ui {

namespace {

QLabel *sectionTitle(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

} // namespace

DataPage::DataPage(ProjectSession *session, const QList<QAction *> &startActions, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_classModel(new ClassTableModel(this))
{
    m_stack = new QStackedWidget(this);
    m_startScreen = createStartScreen(startActions);
    m_projectView = createProjectView();
    m_stack->addWidget(m_startScreen);
    m_stack->addWidget(m_projectView);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);

    connect(m_session, &ProjectSession::projectOpened, this, &DataPage::showProject);
    connect(m_session, &ProjectSession::statsChanged, this, &DataPage::showStats);
    connect(m_session, &ProjectSession::loadingChanged, this, &DataPage::showLoading);
    connect(m_session, &ProjectSession::projectClosed, this, [this] {
        m_classModel->clear();
        m_stack->setCurrentWidget(m_startScreen);
    });
}

QWidget *DataPage::createStartScreen(const QList<QAction *> &actions)
{
    // A fixed-width column between stretches: a word-wrapped label only gets its full height
    // when the layout hands it a known width, which a centring alignment flag does not.
    auto *screen = new QWidget(this);
    auto *column = new QWidget(screen);
    column->setFixedWidth(520);
    auto *outer = new QHBoxLayout(screen);
    outer->addStretch(1);
    outer->addWidget(column);
    outer->addStretch(1);

    auto *layout = new QVBoxLayout(column);
    layout->addStretch(1);
    auto *title = new QLabel(tr("No project open"), column);
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    title->setFont(f);
    title->setAlignment(Qt::AlignCenter);
    layout->addWidget(title);
    auto *hint = new QLabel(tr("A project is a folder that holds your labelled images and the "
                               "models trained on them. Start with the demo project to look "
                               "around, or open or create your own."),
                            column);
    hint->setWordWrap(true);
    hint->setAlignment(Qt::AlignCenter);
    layout->addWidget(hint);
    layout->addSpacing(16);
    for (QAction *action : actions) {
        // Menu texts carry mnemonic ampersands that would show literally on a button.
        auto *button =
            new QPushButton(action->icon(), action->text().remove(QLatin1Char('&')), column);
        button->setMinimumWidth(240);
        connect(button, &QPushButton::clicked, action, &QAction::trigger);
        layout->addWidget(button, 0, Qt::AlignHCenter);
    }
    layout->addStretch(2);
    return screen;
}

QWidget *DataPage::createProjectView()
{
    auto *view = new QWidget(this);
    auto *layout = new QVBoxLayout(view);

    m_nameLabel = new QLabel(view);
    QFont f = m_nameLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.5);
    f.setBold(true);
    m_nameLabel->setFont(f);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_nameLabel);
    m_detailLabel = new QLabel(view);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->setWordWrap(true);
    layout->addWidget(m_detailLabel);
    layout->addSpacing(8);

    auto *classesRow = new QHBoxLayout;
    classesRow->addWidget(sectionTitle(tr("Classes"), view));
    classesRow->addStretch(1);
    m_loadingLabel = new QLabel(tr("Computing statistics…"), view);
    m_loadingLabel->setVisible(false);
    classesRow->addWidget(m_loadingLabel);
    layout->addLayout(classesRow);

    m_classTable = new QTableView(view);
    m_classTable->setObjectName(QStringLiteral("classTable"));
    m_classTable->setModel(m_classModel);
    m_classTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_classTable->setAlternatingRowColors(true);
    m_classTable->setShowGrid(false);
    m_classTable->setWordWrap(false);
    m_classTable->verticalHeader()->setVisible(false);
    m_classTable->horizontalHeader()->setHighlightSections(false);
    m_classTable->horizontalHeader()->setSectionResizeMode(ClassTableModel::NameColumn,
                                                           QHeaderView::Stretch);
    // Number columns get one roomy width, so counts line up and do not crowd each other.
    const QFontMetrics fm = m_classTable->horizontalHeader()->fontMetrics();
    int numberWidth = fm.horizontalAdvance(QStringLiteral("0000000"));
    for (int c = ClassTableModel::CountColumn; c < ClassTableModel::kColumnCount; ++c) {
        const QString title = m_classModel->headerData(c, Qt::Horizontal).toString();
        numberWidth = qMax(numberWidth, fm.horizontalAdvance(title));
    }
    for (int c = ClassTableModel::CountColumn; c < ClassTableModel::kColumnCount; ++c) {
        m_classTable->horizontalHeader()->setSectionResizeMode(c, QHeaderView::Fixed);
        m_classTable->horizontalHeader()->resizeSection(c, numberWidth + 32);
    }
    layout->addWidget(m_classTable, 3);

    m_totalsLabel = new QLabel(view);
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    m_totalsLabel->setWordWrap(true);
    m_totalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_totalsLabel);
    layout->addSpacing(8);

    layout->addWidget(sectionTitle(tr("Warnings"), view));
    m_warnings = new QListWidget(view);
    m_warnings->setObjectName(QStringLiteral("warningsList"));
    m_warnings->setSelectionMode(QAbstractItemView::NoSelection);
    m_warnings->setFocusPolicy(Qt::NoFocus);
    // A few lines are the usual case; the class table deserves the rest of the height.
    m_warnings->setMaximumHeight(m_warnings->fontMetrics().height() * 6);
    layout->addWidget(m_warnings, 1);
    return view;
}

void DataPage::showProject()
{
    const auto &info = m_session->info();
    m_nameLabel->setText(info.name);
    m_detailLabel->setText(
        tr("%1 — %2").arg(TaskTypeText::description(info.task, info.positiveClass),
                          QDir::toNativeSeparators(m_session->dir())));
    m_stack->setCurrentWidget(m_projectView);
}

void DataPage::showStats()
{
    const pulc::dataset::DatasetStats &st = m_session->stats();
    m_classModel->setStats(st);

    const QLocale locale;
    QStringList totals;
    totals << tr("Classes: %1").arg(locale.toString(int(st.classes.size())))
           << tr("Images: %1 (%2 labelled, %3 unlabelled)")
                  .arg(locale.toString(st.samples), locale.toString(st.labeled),
                       locale.toString(st.unlabeled))
           << tr("Train %1 · Val %2 · Test %3 · Unassigned %4")
                  .arg(locale.toString(st.train), locale.toString(st.val), locale.toString(st.test),
                       locale.toString(st.unassigned));
    if (st.missing + st.corrupt + st.removed > 0)
        totals << tr("Missing %1 · Corrupt %2 · Removed %3")
                      .arg(locale.toString(st.missing), locale.toString(st.corrupt),
                           locale.toString(st.removed));
    m_totalsLabel->setText(totals.join(QStringLiteral(" · ")));

    m_warnings->clear();
    const QIcon warningIcon = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    for (const auto &warning : st.warnings)
        m_warnings->addItem(new QListWidgetItem(warningIcon, warningText(warning)));
    if (st.warnings.isEmpty()) {
        m_warnings->addItem(new QListWidgetItem(style()->standardIcon(QStyle::SP_DialogApplyButton),
                                                tr("No problems found.")));
    }
}

void DataPage::showLoading(bool loading)
{
    m_loadingLabel->setVisible(loading && m_session->hasProject());
}

} // namespace pulc::ui
