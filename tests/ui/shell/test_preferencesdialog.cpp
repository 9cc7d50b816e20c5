#include <ui/common/viewsettings.h>
#include <ui/shell/preferencesdialog.h>
#include <ui/shell/translation.h>

#include <gtest/gtest.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>

using namespace pulc::ui;

TEST(PreferencesDialog, ShowsAndWritesTheTypedSettings)
{
    kLanguage.remove();
    kThumbnailSize.remove();
    kAutoAdvance.remove();
    EXPECT_TRUE(kAutoAdvance.value()); // auto-advance is on until the user turns it off
    EXPECT_EQ(kThumbnailSize.value(), kThumbnailMedium);

    PreferencesDialog dialog;
    auto *language = dialog.findChild<QComboBox *>(QStringLiteral("languageCombo"));
    auto *size = dialog.findChild<QComboBox *>(QStringLiteral("thumbnailSizeCombo"));
    auto *advance = dialog.findChild<QCheckBox *>(QStringLiteral("autoAdvanceCheck"));
    auto *note = dialog.findChild<QLabel *>(QStringLiteral("restartNote"));
    ASSERT_TRUE(language && size && advance && note);
    EXPECT_EQ(language->currentData().toString(), QString()); // follows the system
    EXPECT_EQ(size->currentData().toInt(), kThumbnailMedium);
    EXPECT_TRUE(advance->isChecked());
    EXPECT_TRUE(note->isHidden());

    language->setCurrentIndex(language->findData(QStringLiteral("zh_CN")));
    EXPECT_FALSE(note->isHidden()); // says the language changes on the next start
    size->setCurrentIndex(size->findData(kThumbnailLarge));
    advance->setChecked(false);
    EXPECT_TRUE(dialog.apply());
    EXPECT_EQ(kLanguage.value(), QStringLiteral("zh_CN"));
    EXPECT_EQ(kThumbnailSize.value(), kThumbnailLarge);
    EXPECT_FALSE(kAutoAdvance.value());

    // Back to the system language removes the key rather than storing an empty one.
    PreferencesDialog again;
    auto *language2 = again.findChild<QComboBox *>(QStringLiteral("languageCombo"));
    EXPECT_EQ(language2->currentData().toString(), QStringLiteral("zh_CN"));
    language2->setCurrentIndex(0);
    EXPECT_TRUE(again.apply());
    EXPECT_FALSE(kLanguage.isSet());
    EXPECT_FALSE(again.apply()); // nothing changed this time

    kThumbnailSize.remove();
    kAutoAdvance.remove();
}

TEST(PreferencesDialog, AThumbnailSizeSetByHandPicksTheNearestChoice)
{
    kThumbnailSize.setValue(70);
    PreferencesDialog dialog;
    auto *size = dialog.findChild<QComboBox *>(QStringLiteral("thumbnailSizeCombo"));
    ASSERT_NE(size, nullptr);
    EXPECT_EQ(size->currentData().toInt(), kThumbnailSmall);
    kThumbnailSize.remove();
}
