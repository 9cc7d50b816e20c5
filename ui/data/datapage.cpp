#include "ui/data/datapage.h"

#include "ui/common/tasktypetext.h"
#include "ui/common/warningtext.h"
#include "ui/data/attributepanel.h"
#include "ui/data/classbalancechart.h"
#include "ui/data/classpanel.h"
#include "ui/data/classtablemodel.h"
#include "ui/data/samplebrowser.h"
#include "ui/data/samplegridview.h"
#include "ui/project/projectsession.h"

#include <QAction>
#include <QDir>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>

namespace pulc::ui {

DataPage::DataPage(ProjectSession *session, const QList<QAction *> &startActions, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
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
    connect(m_session, &ProjectSession::projectClosed, this,
            [this] { m_stack->setCurrentWidget(m_startScreen); });
}

ClassTableModel *DataPage::classModel() const
{
    return m_classPanel->model();
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
    auto *hint = new QLabel(tr("A project is a folder that holds your labeled images and the "
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

    auto *header = new QHBoxLayout;
    m_nameLabel = new QLabel(view);
    QFont f = m_nameLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.4);
    f.setBold(true);
    m_nameLabel->setFont(f);
    m_nameLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    header->addWidget(m_nameLabel);
    header->addSpacing(12);
    m_detailLabel = new QLabel(view);
    m_detailLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_detailLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    header->addWidget(m_detailLabel, 1);
    m_loadingLabel = new QLabel(tr("Computing statistics…"), view);
    m_loadingLabel->setVisible(false);
    header->addWidget(m_loadingLabel);
    layout->addLayout(header);

    // Left: classes over the statistics. The grid gets the rest of the width.
    m_classPanel = new ClassPanel(m_session, view);
    m_totalsLabel = new QLabel(view);
    m_totalsLabel->setObjectName(QStringLiteral("totalsLabel"));
    m_totalsLabel->setWordWrap(true);
    m_totalsLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *classes = new QWidget(view);
    auto *classesLayout = new QVBoxLayout(classes);
    classesLayout->setContentsMargins(0, 0, 0, 0);
    classesLayout->addWidget(m_classPanel, 1);
    classesLayout->addWidget(m_totalsLabel);

    m_chart = new ClassBalanceChart(view);
    m_warnings = new QListWidget(view);
    m_warnings->setObjectName(QStringLiteral("warningsList"));
    m_warnings->setSelectionMode(QAbstractItemView::NoSelection);
    m_warnings->setFocusPolicy(Qt::NoFocus);
    m_warnings->setWordWrap(true);
    m_statsTabs = new QTabWidget(view);
    m_statsTabs->setObjectName(QStringLiteral("statsTabs"));
    m_statsTabs->addTab(m_chart, tr("Class Balance"));
    m_statsTabs->addTab(m_warnings, tr("Warnings"));

    auto *left = new QSplitter(Qt::Vertical, view);
    left->setObjectName(QStringLiteral("classSplitter"));
    left->addWidget(classes);
    left->addWidget(m_statsTabs);
    left->setStretchFactor(0, 1);
    left->setStretchFactor(1, 0);
    left->setSizes({520, 280});
    left->setChildrenCollapsible(true);

    m_browser = new SampleBrowser(m_session, view);
    m_attributes = new AttributePanel(m_session, view);
    m_attributes->setObjectName(QStringLiteral("attributePanel"));
    m_attributes->setVisible(false);

    auto *main = new QSplitter(Qt::Horizontal, view);
    main->setObjectName(QStringLiteral("dataSplitter"));
    main->addWidget(left);
    main->addWidget(m_browser);
    main->addWidget(m_attributes);
    main->setStretchFactor(0, 0);
    main->setStretchFactor(1, 1);
    main->setStretchFactor(2, 0);
    main->setSizes({400, 900, 200});
    main->setCollapsible(1, false);
    layout->addWidget(main, 1);

    connect(m_classPanel, &ClassPanel::classClicked, this,
            [this](qint64 classId) { m_browser->showClass(classId); });
    connect(m_chart, &ClassBalanceChart::segmentClicked, this,
            [this](qint64 classId, pulc::dataset::Split split) {
                m_browser->showClass(classId, split);
            });
    connect(m_browser, &SampleBrowser::selectionChanged, this, [this] {
        if (m_attributes->isVisible())
            m_attributes->setSamples(m_browser->selectedIds());
    });
    return view;
}

void DataPage::applyViewSettings()
{
    m_browser->applyViewSettings();
}

void DataPage::showProject()
{
    const auto &info = m_session->info();
    m_nameLabel->setText(info.name);
    m_detailLabel->setText(
        tr("%1 — %2").arg(TaskTypeText::description(info.task, info.positiveClass),
                          QDir::toNativeSeparators(m_session->dir())));
    m_detailLabel->setToolTip(m_detailLabel->text());
    const bool multi = info.task == pulc::dataset::TaskType::MultiLabel;
    m_attributes->setVisible(multi);
    m_attributes->setSamples(multi ? m_browser->selectedIds() : std::vector<qint64>{});
    m_stack->setCurrentWidget(m_projectView);
    m_browser->view()->setFocus();
}

void DataPage::showStats()
{
    const pulc::dataset::DatasetStats &st = m_session->stats();
    m_chart->setStats(st);

    const QLocale locale;
    QStringList totals;
    totals << tr("Classes: %1").arg(locale.toString(int(st.classes.size())))
           << tr("Images: %1 (%2 labeled, %3 unlabeled)")
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
    m_statsTabs->setTabText(1, st.warnings.isEmpty()
                                   ? tr("Warnings")
                                   : tr("Warnings (%1)").arg(locale.toString(st.warnings.size())));
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
