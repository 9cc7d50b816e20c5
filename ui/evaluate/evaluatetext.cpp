#include "ui/evaluate/evaluatetext.h"

#include <QCoreApplication>
#include <QLocale>

namespace pulc::ui {

QString evaluationErrorText(const QString &error, const QString &splitName)
{
    if (error == QLatin1String("cancelled"))
        return QCoreApplication::translate("EvaluationText", "Evaluation cancelled.");
    if (error.contains(QLatin1String("split has no labelled images")))
        return QCoreApplication::translate(
                   "EvaluationText",
                   "The %1 split has no labelled images. Assign images to it on the Data page, "
                   "or choose another split.")
            .arg(splitName);
    if (error.contains(QLatin1String("classes differ")))
        return QCoreApplication::translate(
            "EvaluationText",
            "The project's classes changed since this model was trained (added, renamed or "
            "reordered), so its predictions cannot be compared with the labels. Train a new "
            "model.");
    if (error.contains(QLatin1String("trained for a")))
        return QCoreApplication::translate(
            "EvaluationText", "This model was trained for another task type than the project's.");
    if (error.contains(QLatin1String("has no checkpoint")))
        return QCoreApplication::translate("EvaluationText", "This run has no saved model yet.");
    if (error.contains(QLatin1String("no image could be evaluated")))
        return QCoreApplication::translate("EvaluationText",
                                           "None of the split's images could be read.");
    if (error.contains(QLatin1String("checkpoint")))
        return QCoreApplication::translate(
            "EvaluationText",
            "The run's model file cannot be read: it is damaged or was written by another "
            "version. The project is unchanged; train the run again.");
    return QCoreApplication::translate("EvaluationText", "The evaluation failed.");
}

QString metricDisplayName(const QString &key, double maxFpr)
{
    if (key == QLatin1String("top1"))
        return QCoreApplication::translate("EvaluationText", "Top-1 accuracy");
    if (key == QLatin1String("mA"))
        return QCoreApplication::translate("EvaluationText", "mA (mean attribute accuracy)");
    if (key == QLatin1String("tpr_at_fpr"))
        return QCoreApplication::translate("EvaluationText", "TPR at FPR ≤ %1")
            .arg(QLocale().toString(100.0 * maxFpr, 'f', 1) + u'%');
    return key;
}

} // namespace pulc::ui
