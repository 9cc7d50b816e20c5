#include "ui/shell/preferencesdialog.h"

#include "ui/common/viewsettings.h"
#include "ui/shell/translation.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace pulc::ui {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Preferences"));

    m_language = new QComboBox(this);
    m_language->setObjectName(QStringLiteral("languageCombo"));
    m_language->addItem(tr("System default"), QString());
    // Each language is named in itself, so a user who cannot read the current one finds theirs.
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));
    const QString language = kLanguage.value();
    int index = m_language->findData(language);
    if (index < 0) { // set by hand to a language we do not list: keep it choosable
        m_language->addItem(language, language);
        index = m_language->count() - 1;
    }
    m_language->setCurrentIndex(index);

    m_thumbnailSize = new QComboBox(this);
    m_thumbnailSize->setObjectName(QStringLiteral("thumbnailSizeCombo"));
    m_thumbnailSize->addItem(tr("Small"), kThumbnailSmall);
    m_thumbnailSize->addItem(tr("Medium"), kThumbnailMedium);
    m_thumbnailSize->addItem(tr("Large"), kThumbnailLarge);
    // The nearest of the three, for a value written by an older version or by hand.
    const int size = kThumbnailSize.value();
    int best = 0;
    for (int i = 1; i < m_thumbnailSize->count(); ++i)
        if (qAbs(m_thumbnailSize->itemData(i).toInt() - size) <
            qAbs(m_thumbnailSize->itemData(best).toInt() - size))
            best = i;
    m_thumbnailSize->setCurrentIndex(best);

    m_autoAdvance = new QCheckBox(tr("&Move to the next unlabeled image after labeling"), this);
    m_autoAdvance->setObjectName(QStringLiteral("autoAdvanceCheck"));
    m_autoAdvance->setChecked(kAutoAdvance.value());

    m_restartNote = new QLabel(tr("The new language is used when PULC Studio starts again."), this);
    m_restartNote->setObjectName(QStringLiteral("restartNote"));
    m_restartNote->setWordWrap(true);

    auto *form = new QFormLayout;
    form->addRow(tr("&Language:"), m_language);
    form->addRow(QString(), m_restartNote);
    form->addRow(tr("&Thumbnail size:"), m_thumbnailSize);
    form->addRow(tr("Labeling:"), m_autoAdvance);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("OK"));
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Cancel"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addWidget(buttons);

    connect(m_language, &QComboBox::currentIndexChanged, this,
            &PreferencesDialog::updateRestartNote);
    updateRestartNote();
}

void PreferencesDialog::updateRestartNote()
{
    m_restartNote->setVisible(m_language->currentData().toString() != kLanguage.value());
}

bool PreferencesDialog::apply()
{
    const QString language = m_language->currentData().toString();
    const bool languageChanged = language != kLanguage.value();
    if (language.isEmpty())
        kLanguage.remove(); // follow the system again, also after it changes
    else
        kLanguage.setValue(language);
    kThumbnailSize.setValue(m_thumbnailSize->currentData().toInt());
    kAutoAdvance.setValue(m_autoAdvance->isChecked());
    Q_EMIT applied();
    return languageChanged;
}

void PreferencesDialog::accept()
{
    apply();
    QDialog::accept();
}

} // namespace pulc::ui
