#include "placeholderpage.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace pulc::ui {

PlaceholderPage::PlaceholderPage(const QString &title, const QString &description, QWidget *parent)
    : QWidget(parent)
{
    // A fixed-width column between stretches, so the wrapped description gets its full height.
    auto *column = new QWidget(this);
    column->setFixedWidth(520);
    auto *outer = new QHBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column);
    outer->addStretch(1);

    auto *layout = new QVBoxLayout(column);
    layout->addStretch(1);
    auto *titleLabel = new QLabel(title, column);
    QFont f = titleLabel->font();
    f.setPointSizeF(f.pointSizeF() * 1.6);
    f.setBold(true);
    titleLabel->setFont(f);
    titleLabel->setAlignment(Qt::AlignCenter);
    layout->addWidget(titleLabel);
    auto *text = new QLabel(description, column);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignCenter);
    layout->addWidget(text);
    auto *coming = new QLabel(tr("Coming in a later version."), column);
    coming->setAlignment(Qt::AlignCenter);
    coming->setEnabled(false); // drawn in the palette's muted text colour
    layout->addWidget(coming);
    layout->addStretch(2);
}

} // namespace pulc::ui
