// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QElapsedTimer>
#include <QProcess>
#include <QString>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QtTest>

#include "shared/api/ConnectionString.h"

// A real cowl-node for a GUI test: `init` in a temporary state directory on a
// free loopback port, then `serve` until the fixture is destroyed.
class NodeProcess {
public:
    NodeProcess() = default;
    NodeProcess(const NodeProcess&) = delete;
    NodeProcess& operator=(const NodeProcess&) = delete;
    ~NodeProcess() { stop(); }

    // $COWL_NODE (as the script tests use) overrides the build's binary.
    static QString binary() {
        const QString fromEnvironment = qEnvironmentVariable("COWL_NODE");
        return fromEnvironment.isEmpty() ? QStringLiteral(COWL_NODE_BINARY) : fromEnvironment;
    }

    // Returns an empty string on success, else what failed (for QVERIFY2).
    QString start() {
        if (binary().isEmpty() || !QFileInfo(binary()).isExecutable()) {
            return QStringLiteral("cowl-node binary not found at '%1'").arg(binary());
        }
        if (!m_dir.isValid()) {
            return QStringLiteral("cannot create a temporary directory");
        }
        m_port = freePort();
        QProcess init;
        init.start(binary(), {QStringLiteral("init"), QStringLiteral("--state-dir"), stateDir(),
                              QStringLiteral("--control-listen"), QStringLiteral("127.0.0.1:%1").arg(m_port)});
        if (!init.waitForFinished(60000) || init.exitStatus() != QProcess::NormalExit || init.exitCode() != 0) {
            return QStringLiteral("cowl-node init failed: %1 %2")
                .arg(QString::fromUtf8(init.readAllStandardOutput()), QString::fromUtf8(init.readAllStandardError()));
        }
        const QStringList lines = QString::fromUtf8(init.readAllStandardOutput()).split(QLatin1Char('\n'));
        for (const QString& line : lines) {
            if (line.trimmed().startsWith(QLatin1String("cowl://"))) {
                m_connectionText = line.trimmed();
            }
        }
        if (m_connectionText.isEmpty()) {
            return QStringLiteral("cowl-node init printed no connection string");
        }
        m_connection = cowl::ConnectionString::parse(m_connectionText.toStdString());
        return serve();
    }

    // Starts (or restarts) `serve` on the existing state directory.
    QString serve() {
        m_serve.setProgram(binary());
        m_serve.setArguments({QStringLiteral("serve"), QStringLiteral("--state-dir"), stateDir()});
        m_serve.setProcessChannelMode(QProcess::SeparateChannels);
        m_serve.start();
        if (!m_serve.waitForStarted(10000)) {
            return QStringLiteral("cowl-node serve did not start: %1").arg(m_serve.errorString());
        }
        QElapsedTimer timer;
        timer.start();
        QByteArray output;
        while (timer.elapsed() < 30000) {
            m_serve.waitForReadyRead(200);
            output += m_serve.readAllStandardOutput();
            if (output.contains("cowl-node: ready")) {
                return {};
            }
            if (m_serve.state() == QProcess::NotRunning) {
                break;
            }
        }
        const QByteArray errors = m_serve.readAllStandardError();
        m_serveNotWired = errors.contains("not wired yet");
        return QStringLiteral("cowl-node serve did not become ready: %1 %2")
            .arg(QString::fromUtf8(output), QString::fromUtf8(errors));
    }

    void stop() {
        if (m_serve.state() != QProcess::NotRunning) {
            m_serve.terminate();
            if (!m_serve.waitForFinished(10000)) {
                m_serve.kill();
                m_serve.waitForFinished(5000);
            }
        }
    }

    // While the node's `serve` is still being written it says so and exits:
    // the GUI tests skip then, as the node's own script tests do.
    bool serveNotWired() const { return m_serveNotWired; }

    QString stateDir() const { return m_dir.filePath(QStringLiteral("state")); }
    quint16 port() const { return m_port; }
    const QString& connectionText() const { return m_connectionText; }
    const cowl::ConnectionString& connection() const { return m_connection; }

private:
    static quint16 freePort() {
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        return probe.serverPort();
    }

    QTemporaryDir m_dir;
    QProcess m_serve;
    quint16 m_port = 0;
    bool m_serveNotWired = false;
    QString m_connectionText;
    cowl::ConnectionString m_connection;
};

// Starts `node` in a test's initTestCase(): skips while serve is not wired, fails on any other error.
#define COWL_START_NODE(node)                                                                                 \
    do {                                                                                                       \
        const QString startError = (node).start();                                                             \
        if ((node).serveNotWired()) {                                                                          \
            QSKIP("cowl-node serve is not wired yet; set COWL_NODE to a cowl-node that serves");                \
        }                                                                                                      \
        QVERIFY2(startError.isEmpty(), qPrintable(startError));                                                \
    } while (false)
