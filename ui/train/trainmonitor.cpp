#include "ui/train/trainmonitor.h"

#include <QFontDatabase>
#include <QPlainTextEdit>
#include <QProgressBar>

#include <cmath>

namespace pulc::ui {

namespace {

constexpr int kLogLineCap = 5000;
constexpr int kBarMaximum = 1000;

QString clockText(double seconds)
{
    if (!std::isfinite(seconds) || seconds < 0)
        return QStringLiteral("–");
    const qint64 s = qint64(seconds + 0.5);
    if (s >= 3600)
        return QStringLiteral("%1:%2:%3")
            .arg(s / 3600)
            .arg(s / 60 % 60, 2, 10, QLatin1Char('0'))
            .arg(s % 60, 2, 10, QLatin1Char('0'));
    return QStringLiteral("%1:%2").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TrainMonitor::TrainMonitor(QWidget *parent)
    : QObject(parent)
    , m_progress(new QProgressBar(parent))
    , m_log(new QPlainTextEdit(parent))
{
    m_progress->setObjectName(QStringLiteral("trainProgress"));
    m_progress->setRange(0, kBarMaximum);
    m_progress->setValue(0);
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("Not training"));
    m_log->setObjectName(QStringLiteral("trainLog"));
    m_log->setReadOnly(true);
    m_log->setMaximumBlockCount(kLogLineCap);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setPlaceholderText(tr("The run's log appears here."));
}

void TrainMonitor::begin(const QString &resumedName, int epochs)
{
    m_last = {};
    m_epochs = epochs;
    m_phase.clear();
    m_stopping = false;
    m_log->appendPlainText(resumedName.isEmpty() ? tr("— Starting a new run —")
                                                 : tr("— Resuming run “%1” —").arg(resumedName));
    m_progress->setValue(0);
    m_progress->setFormat(tr("Preparing…"));
}

void TrainMonitor::setStopping()
{
    m_stopping = true;
    m_progress->setFormat(tr("Stopping after the current step…"));
}

void TrainMonitor::addSteps(const QList<TrainStepPoint> &steps)
{
    if (steps.isEmpty())
        return;
    m_last = steps.last();
    update();
}

void TrainMonitor::addEpoch(const TrainEpochPoint &epoch)
{
    m_epochs = epoch.epochs;
    QString line = tr("Epoch %1/%2: train loss %3")
                       .arg(epoch.epoch)
                       .arg(epoch.epochs)
                       .arg(epoch.trainLoss, 0, 'f', 4);
    if (!epoch.mainMetric.isEmpty() && epoch.metrics.contains(epoch.mainMetric))
        line += tr(", %1 %2").arg(epoch.mainMetric).arg(epoch.mainValue, 0, 'f', 4);
    if (epoch.metrics.contains(QStringLiteral("val_loss")))
        line += tr(", val loss %1").arg(epoch.metrics.value(QStringLiteral("val_loss")), 0, 'f', 4);
    if (epoch.best)
        line += tr(" (best so far)");
    line += tr(", %1 s").arg(epoch.seconds, 0, 'f', 1);
    if (epoch.skippedImages > 0)
        line += tr(", %n unreadable image(s) skipped", nullptr, epoch.skippedImages);
    m_log->appendPlainText(line);
}

void TrainMonitor::addLog(const QList<TrainLogLine> &lines)
{
    for (const TrainLogLine &line : lines) {
        switch (line.level) {
        case pulc::engine::LogLevel::Error:
            m_log->appendPlainText(tr("error: %1").arg(line.text));
            break;
        case pulc::engine::LogLevel::Warning:
            m_log->appendPlainText(tr("warning: %1").arg(line.text));
            break;
        case pulc::engine::LogLevel::Info:
            m_log->appendPlainText(line.text);
            break;
        }
    }
}

void TrainMonitor::setProgress(double fraction, const QString &phase)
{
    m_progress->setValue(int(std::lround(qBound(0.0, fraction, 1.0) * kBarMaximum)));
    m_phase = phase;
    update();
}

void TrainMonitor::update()
{
    if (m_stopping)
        return; // keeps "Stopping…"
    const TrainStepPoint &s = m_last;
    if (m_phase == QLatin1String("cache")) {
        m_progress->setFormat(tr("Caching the decoded images for fast epochs… %p%"));
        return;
    }
    if (s.globalStep == 0) {
        m_progress->setFormat(tr("Preparing…"));
        return;
    }
    if (s.totalSteps > 0)
        m_progress->setValue(
            int(std::lround(kBarMaximum * double(s.globalStep) / double(s.totalSteps))));
    const int epochs = s.stepsPerEpoch > 0
                           ? int((s.totalSteps + s.stepsPerEpoch - 1) / s.stepsPerEpoch)
                           : m_epochs;
    if (m_phase == QLatin1String("eval")) {
        m_progress->setFormat(tr("Epoch %1/%2 · validating… · ETA %3")
                                  .arg(s.epoch)
                                  .arg(epochs)
                                  .arg(clockText(s.etaSeconds)));
        return;
    }
    m_progress->setFormat(tr("Epoch %1/%2 · step %3/%4 · %5 img/s · ETA %6")
                              .arg(s.epoch)
                              .arg(epochs)
                              .arg(s.step)
                              .arg(s.stepsPerEpoch)
                              .arg(qRound(s.imagesPerSecond))
                              .arg(clockText(s.etaSeconds)));
}

void TrainMonitor::finish(const TrainOutcome &outcome)
{
    m_stopping = false;
    const QString name = outcome.runName.isEmpty() ? tr("the run") : outcome.runName;
    switch (outcome.status) {
    case TrainOutcome::Status::Finished:
        m_progress->setValue(kBarMaximum);
        m_progress->setFormat(tr("Finished %1 · best epoch %2").arg(name).arg(outcome.bestEpoch));
        m_log->appendPlainText(tr("— Run “%1” finished —").arg(name));
        break;
    case TrainOutcome::Status::Stopped:
        m_progress->setFormat(
            tr("Stopped %1 after %n epoch(s) · Resume continues it", nullptr, outcome.epochsDone)
                .arg(name));
        m_log->appendPlainText(tr("— Run “%1” stopped; it can be resumed —").arg(name));
        break;
    case TrainOutcome::Status::Failed:
        m_progress->setFormat(tr("Failed: %1").arg(outcome.error));
        m_log->appendPlainText(tr("— Training failed —"));
        break;
    }
}

void TrainMonitor::showText(const QString &text)
{
    m_progress->setValue(0);
    m_progress->setFormat(text);
}

} // namespace pulc::ui
