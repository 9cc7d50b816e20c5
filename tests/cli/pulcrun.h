#pragma once
// Runs the built `pulc` binary the way scripts do, for the CLI tests.

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <gtest/gtest.h>

#include <ostream>

namespace pulc::test {

/// What one run of `pulc` did.
struct PulcRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;

    /// stdout parsed as exactly one JSON object (one line); fails the test otherwise.
    QJsonObject json() const
    {
        const QByteArray trimmed = out.trimmed();
        EXPECT_FALSE(trimmed.contains('\n')) << "more than one line on stdout:\n"
                                             << out.toStdString();
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(trimmed, &error);
        EXPECT_EQ(error.error, QJsonParseError::NoError)
            << error.errorString().toStdString() << "\nstdout: " << out.toStdString();
        EXPECT_TRUE(doc.isObject()) << out.toStdString();
        return doc.object();
    }

    /// stdout as one JSON object per line (streams such as `pulc train --json`); a line that
    /// is not a JSON object fails the test.
    QList<QJsonObject> jsonLines() const
    {
        QList<QJsonObject> objects;
        for (const QByteArray &line : out.split('\n')) {
            if (line.trimmed().isEmpty())
                continue;
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
            EXPECT_TRUE(error.error == QJsonParseError::NoError && doc.isObject())
                << "not a JSON object: " << line.toStdString();
            objects << doc.object();
        }
        return objects;
    }
};

inline std::ostream &operator<<(std::ostream &os, const PulcRun &r)
{
    return os << "exit " << r.exitCode << "\nstdout: " << r.out.toStdString()
              << "\nstderr: " << r.err.toStdString();
}

/// Runs `pulc args...` to the end (killed after timeoutMs, failing the test).
inline PulcRun runPulc(const QStringList &args, int timeoutMs = 120000)
{
    QProcess p;
    p.start(QStringLiteral(PULC_CLI_PATH), args);
    PulcRun r;
    if (!p.waitForStarted()) {
        ADD_FAILURE() << "cannot start " << PULC_CLI_PATH;
        return r;
    }
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        ADD_FAILURE() << "pulc " << args.join(QLatin1Char(' ')).toStdString() << " timed out";
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

} // namespace pulc::test
