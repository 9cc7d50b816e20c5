#pragma once

#include <QWidget>

namespace pulc::ui {

/// Stands in for a page whose feature lands in a later version, so the navigation already
/// shows the whole workflow. GUI thread.
class PlaceholderPage : public QWidget
{
    Q_OBJECT

public:
    PlaceholderPage(const QString &title, const QString &description, QWidget *parent = nullptr);
};

} // namespace pulc::ui
