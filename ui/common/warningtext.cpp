#include "ui/common/warningtext.h"

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
        return QCoreApplication::translate(
                   "WarningText", "Class “%1” has only %Ln training image(s).", nullptr, w.count)
            .arg(w.className);
    case Kind::Imbalance:
        return QCoreApplication::translate(
                   "WarningText",
                   "Classes are imbalanced: the largest has %1 images, the smallest %2.")
            .arg(locale.toString(w.count), locale.toString(w.other));
    case Kind::Leakage:
        return QCoreApplication::translate("WarningText",
                                           "%Ln image(s) appear in more than one split (leakage).",
                                           nullptr, w.count);
    case Kind::Conflicts:
        return QCoreApplication::translate(
            "WarningText", "%Ln image(s) carry different labels in different copies (conflict).",
            nullptr, w.count);
    case Kind::Duplicates:
        return QCoreApplication::translate("WarningText", "%Ln group(s) of identical images.",
                                           nullptr, w.count);
    case Kind::NoValidation:
        return QCoreApplication::translate("WarningText",
                                           "No validation images: split the dataset.");
    case Kind::MissingOrCorrupt:
        return QCoreApplication::translate("WarningText", "%Ln image(s) are missing or corrupt.",
                                           nullptr, w.count);
    }
    return {};
}

} // namespace pulc::ui
