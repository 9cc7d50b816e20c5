// The catalogues users read: English plurals, and a complete Simplified Chinese translation of
// every string the UI code passes through tr().
#include <ui/common/warningtext.h>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    bool finished = false;
};

/// Messages of a .ts file; `finished` when it has a non-empty, not unfinished translation.
QList<Message> readTs(const QString &path)
{
    QList<Message> out;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        ADD_FAILURE() << "cannot read " << path.toStdString();
        return out;
    }
    QXmlStreamReader xml(&f);
    QString context;
    Message m;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        if (xml.name() == QLatin1String("name"))
            context = xml.readElementText();
        else if (xml.name() == QLatin1String("message"))
            m = Message{context, {}, false};
        else if (xml.name() == QLatin1String("source"))
            m.source = xml.readElementText();
        else if (xml.name() == QLatin1String("translation")) {
            const bool unfinished =
                xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished") ||
                xml.attributes().value(QLatin1String("type")) == QLatin1String("vanished") ||
                xml.attributes().value(QLatin1String("type")) == QLatin1String("obsolete");
            const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
            m.finished = !unfinished && !text.trimmed().isEmpty();
            out.append(m);
        }
    }
    EXPECT_FALSE(xml.hasError()) << path.toStdString() << ": " << xml.errorString().toStdString();
    return out;
}

} // namespace

TEST(Translations, EnglishCatalogueGivesSingularAndPlural)
{
    QTranslator en;
    ASSERT_TRUE(en.load(QStringLiteral(":/i18n/pulc_en.qm")));
    EXPECT_EQ(en.translate("EditCommands", "Label %n image(s) “%1”", nullptr, 1),
              QStringLiteral("Label %n image “%1”"));
    EXPECT_EQ(en.translate("EditCommands", "Label %n image(s) “%1”", nullptr, 3),
              QStringLiteral("Label %n images “%1”"));
}

TEST(Translations, ChineseCatalogueCoversEveryStringOfTheUi)
{
    // lupdate lists what the code asks for today; every one must be translated in the .ts.
    // The sources include each other from the repository root ("ui/data/datapage.h"): without
    // that include path lupdate cannot see the classes' namespace and files their strings under
    // "DataPage" instead of "pulc::ui::DataPage".
    QTemporaryDir tmp;
    const QString fresh = tmp.filePath(QStringLiteral("fresh.ts"));
    QProcess lupdate;
    lupdate.start(QStringLiteral(PULC_LUPDATE),
                  {QStringLiteral(PULC_SOURCE_DIR "/ui"), QStringLiteral("-I"),
                   QStringLiteral(PULC_SOURCE_DIR), QStringLiteral("-ts"), fresh,
                   QStringLiteral("-locations"), QStringLiteral("none")});
    ASSERT_TRUE(lupdate.waitForFinished(120000));
    ASSERT_EQ(lupdate.exitCode(), 0) << lupdate.readAllStandardError().toStdString();

    QSet<QString> translated;
    for (const Message &m : readTs(QStringLiteral(PULC_SOURCE_DIR "/translations/pulc_zh_CN.ts")))
        if (m.finished)
            translated.insert(m.context + QLatin1Char('|') + m.source);
    QStringList missing;
    const QList<Message> wanted = readTs(fresh);
    for (const Message &m : wanted)
        if (!translated.contains(m.context + QLatin1Char('|') + m.source))
            missing << m.context + QStringLiteral(": ") + m.source;
    EXPECT_GT(wanted.size(), 100);
    EXPECT_TRUE(missing.isEmpty()) << missing.size() << " strings lack a Chinese translation "
                                   << "(run `ninja update_translations` and translate them):\n"
                                   << missing.join(QLatin1Char('\n')).toStdString();
}

TEST(Translations, ContextsOfWidgetClassesAreQualified)
{
    // tr() in a Q_OBJECT class of namespace pulc::ui looks its strings up under
    // "pulc::ui::Class". When lupdate loses track of the namespace (it did after a
    // `template<class T> class QFutureWatcher;` forward declaration) it files them under
    // "Class", and the app then shows them untranslated although the .ts has them.
    QSet<QString> classes;
    const QDir ui(QStringLiteral(PULC_SOURCE_DIR "/ui"));
    const QRegularExpression declaration(
        QStringLiteral("class\\s+(\\w+)\\s*:\\s*public\\s+Q\\w+\\s*\\{\\s*Q_OBJECT"));
    // ui/ keeps its headers in one folder per page.
    QDirIterator files(ui.path(), {QStringLiteral("*.h")}, QDir::Files,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString name = files.next();
        QFile header(name);
        ASSERT_TRUE(header.open(QIODevice::ReadOnly)) << name.toStdString();
        const QString text = QString::fromUtf8(header.readAll());
        for (auto it = declaration.globalMatch(text); it.hasNext();)
            classes.insert(it.next().captured(1));
    }
    EXPECT_GT(classes.size(), 20);
    QSet<QString> wrong;
    for (const Message &m : readTs(QStringLiteral(PULC_SOURCE_DIR "/translations/pulc_zh_CN.ts")))
        if (classes.contains(m.context))
            wrong.insert(m.context);
    EXPECT_TRUE(wrong.isEmpty())
        << "contexts without their namespace: "
        << QStringList(wrong.begin(), wrong.end()).join(QStringLiteral(", ")).toStdString();
}

TEST(Translations, DatasetWarningsReadInTheSingularAndPlural)
{
    QTranslator en;
    ASSERT_TRUE(en.load(QStringLiteral(":/i18n/pulc_en.qm")));
    QCoreApplication::installTranslator(&en);
    using pulc::dataset::StatsWarning;
    const QString one =
        pulc::ui::warningText({StatsWarning::Kind::FewImages, QStringLiteral("cat"), 1});
    const QString many = pulc::ui::warningText({StatsWarning::Kind::Leakage, {}, 3});
    QCoreApplication::removeTranslator(&en);
    EXPECT_EQ(one, QStringLiteral("Class “cat” has only 1 training image."));
    EXPECT_EQ(many, QStringLiteral("3 images appear in more than one split (leakage)."));
}
