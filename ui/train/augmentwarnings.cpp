#include "ui/train/augmentwarnings.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>
#include <QSet>

namespace pulc::ui {
namespace {

/// Scenes whose classes are directions or orientations: a mirror or a rotation changes them.
bool isOrientationScene(const std::string &scene)
{
    return scene == "text_image_orientation" || scene == "textline_orientation" ||
           scene == "image_orientation" || scene == "traffic_sign";
}

bool rotationMatters(const std::string &scene)
{
    return scene == "text_image_orientation" || scene == "textline_orientation" ||
           scene == "image_orientation";
}

QStringList tokens(const QString &name)
{
    // "turn_left", "0_degree", "arrowRight", "180°": split on non-alphanumerics and case changes.
    QString spaced = name;
    spaced.replace(QRegularExpression(QStringLiteral("([a-z])([A-Z])")), QStringLiteral("\\1 \\2"));
    spaced.replace(QRegularExpression(QStringLiteral("([A-Za-z])([0-9])")),
                   QStringLiteral("\\1 \\2"));
    spaced.replace(QRegularExpression(QStringLiteral("([0-9])([A-Za-z])")),
                   QStringLiteral("\\1 \\2"));
    return spaced.toLower().split(QRegularExpression(QStringLiteral("[^a-z0-9]+")),
                                  Qt::SkipEmptyParts);
}

bool isDirectionWord(const QString &token)
{
    static const QSet<QString> words{
        QStringLiteral("left"),      QStringLiteral("right"),           QStringLiteral("up"),
        QStringLiteral("down"),      QStringLiteral("upside"),          QStringLiteral("mirrored"),
        QStringLiteral("clockwise"), QStringLiteral("counterclockwise")};
    return words.contains(token);
}

bool isAngle(const QString &token)
{
    return token == QLatin1String("0") || token == QLatin1String("90") ||
           token == QLatin1String("180") || token == QLatin1String("270");
}

/// Classes named after a direction, and those named after an angle (only when some class names
/// 90, 180 or 270: digits 0-9 are not orientations).
void directionClasses(const QStringList &classNames, QStringList *direction, QStringList *angle)
{
    bool anyRightAngle = false;
    for (const QString &name : classNames) {
        const QStringList parts = tokens(name);
        for (const QString &t : parts)
            anyRightAngle |= isAngle(t) && t != QLatin1String("0");
    }
    for (const QString &name : classNames) {
        const QStringList parts = tokens(name);
        bool dir = false, ang = false;
        for (const QString &t : parts) {
            dir |= isDirectionWord(t);
            ang |= anyRightAngle && isAngle(t);
        }
        if (dir)
            direction->append(name);
        if (ang)
            angle->append(name);
    }
}

QString quoted(const QStringList &names)
{
    QStringList q;
    for (const QString &n : names)
        q << QStringLiteral("“%1”").arg(n);
    return QLocale().createSeparatedList(q);
}

QString percent(double p)
{
    return QLocale().toString(p * 100.0, 'g', 3) + QLatin1Char('%');
}

} // namespace

QStringList labelChangeWarnings(const pulc::engine::TrainConfig &config,
                                const QStringList &classNames)
{
    const auto &a = config.augment;
    QStringList direction, angle;
    directionClasses(classNames, &direction, &angle);
    QStringList changing = direction;
    for (const QString &n : angle)
        if (!changing.contains(n))
            changing << n;
    const bool orientationScene = isOrientationScene(config.scene);
    QStringList warnings;

    if (a.flipProb > 0.0 && (orientationScene || !changing.isEmpty())) {
        const QStringList named = changing.isEmpty() ? classNames : changing;
        if (named.isEmpty())
            warnings << QCoreApplication::translate(
                            "AugmentWarnings",
                            "Horizontal flip (%1 of the images) mirrors them, but this scene’s "
                            "classes are directions or orientations: a mirrored image can belong "
                            "to another class. Turn the flip off.")
                            .arg(percent(a.flipProb));
        else
            warnings << QCoreApplication::translate(
                            "AugmentWarnings",
                            "Horizontal flip (%1 of the images) can change the meaning of %2: a "
                            "mirrored image can belong to another class. Turn the flip off.")
                            .arg(percent(a.flipProb), quoted(named));
    }

    const bool orientationClasses = rotationMatters(config.scene) || !angle.isEmpty();
    if (a.autoAugmentProb > 0.0 && orientationClasses) {
        const QStringList named = angle.isEmpty() ? classNames : angle;
        warnings << (named.isEmpty()
                         ? QCoreApplication::translate(
                               "AugmentWarnings",
                               "TimmAutoAugment (%1 of the images) rotates by up to 30 degrees and "
                               "shears them; on an orientation task check that the preview keeps "
                               "each image’s orientation recognisable.")
                               .arg(percent(a.autoAugmentProb))
                         : QCoreApplication::translate(
                               "AugmentWarnings",
                               "TimmAutoAugment (%1 of the images) rotates by up to 30 degrees and "
                               "shears them; check that %2 stay recognisable in the preview.")
                               .arg(percent(a.autoAugmentProb), quoted(named)));
    }

    if (a.rot90Labels) {
        const bool fourAngles = classNames.size() == 4 && angle.size() == 4;
        if (!fourAngles)
            warnings << QCoreApplication::translate(
                            "AugmentWarnings",
                            "RandomRot90 rotates every image by 0, 90, 180 or 270 degrees and "
                            "replaces its label with that rotation (0-3), so the dataset’s labels "
                            "%1 are not used: the classes should be the four rotations in that "
                            "order.")
                            .arg(classNames.isEmpty() ? QStringLiteral("-") : quoted(classNames));
    }

    if (a.blurLabels && classNames.size() != 2)
        warnings << QCoreApplication::translate(
            "AugmentWarnings",
            "BlurImage replaces every label with “sharp” (0) or “blurred” (1), so the "
            "dataset’s own labels are not used: the project should have two classes.");
    return warnings;
}

} // namespace pulc::ui
