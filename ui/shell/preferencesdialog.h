#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;

namespace pulc::ui {

/// Edit > Preferences: interface language, thumbnail size and labeling behaviour. Shows the
/// stored typed settings (translation.h, viewsettings.h) and writes them when accepted. GUI
/// thread.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    /// Writes the choices to the settings; accept() calls it. Returns true when the language
    /// changed, which takes effect on the next start (the widgets already hold their text).
    bool apply();

    void accept() override;

Q_SIGNALS:
    /// The settings were written; views that read viewsettings.h may read them again.
    void applied();

private:
    void updateRestartNote();

    QComboBox *m_language;
    QComboBox *m_thumbnailSize;
    QCheckBox *m_autoAdvance;
    QLabel *m_restartNote;
};

} // namespace pulc::ui
