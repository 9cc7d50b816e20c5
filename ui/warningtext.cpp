#include "warningtext.h"

#include <QCoreApplication>
#include <QLocale>

namespace pulc::ui {

QString warningText(const pulc::dataset::StatsWarning &w)
{
    using Kind = pulc::dataset::StatsWarning::Kind;
    const QLocale locale;
    switch (w.kind) {
    case Kind::EmptyClass:
        return QCoreApplication::translate("WarningText", "Class “%1” has no images.")
            .arg(w.className);
    case Kind::FewImages:
        return QCoreApplication::translate("WarningText", "Class “%1” has only %2 training images.")
            .arg(w.className, locale.toString(w.count));
    case Kind::Imbalance:
        return QCoreApplication::translate(
                   "WarningText",
                   "Classes are imbalanced: the largest has %1 images, the smallest %2.")
            .arg(locale.toString(w.count), locale.toString(w.other));
    case Kind::Leakage:
        return QCoreApplication::translate("WarningText",
                                           "%1 images appear in more than one split (leakage).")
            .arg(locale.toString(w.count));
    case Kind::Conflicts:
        return QCoreApplication::translate(
                   "WarningText",
                   "%1 images carry different labels in different copies (conflict).")
            .arg(locale.toString(w.count));
    case Kind::Duplicates:
        return QCoreApplication::translate("WarningText", "%1 groups of identical images.")
            .arg(locale.toString(w.count));
    case Kind::NoValidation:
        return QCoreApplication::translate("WarningText",
                                           "No validation images: split the dataset.");
    case Kind::MissingOrCorrupt:
        return QCoreApplication::translate("WarningText", "%1 images are missing or corrupt.")
            .arg(locale.toString(w.count));
    }
    return {};
}

} // namespace pulc::ui
