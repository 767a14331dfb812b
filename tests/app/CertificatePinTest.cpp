// SPDX-License-Identifier: GPL-3.0-or-later
#include <QProcess>
#include <QSslCertificate>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QTemporaryDir>
#include <QtTest>

#include "ui/api/ApiClient.h"
#include "ui/api/CertificatePin.h"
#include "ui/api/EventStream.h"
#include "ui/api/NodeEndpoint.h"

using cowl::ui::ApiClient;
using cowl::ui::ApiError;
using cowl::ui::ApiResponse;
using cowl::ui::CertificatePin;
using cowl::ui::EventStream;
using cowl::ui::NodeEndpoint;

// The pin check against a real TLS peer: a loopback TLS server with a
// certificate made by openssl, which records every byte a client sends after
// the handshake. A refused pin must mean the server never saw the token.
class CertificatePinTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QSslCertificate m_certificate;
    QSslKey m_key;
    std::unique_ptr<QSslServer> m_server;
    QByteArray m_received;
    const QByteArray m_token = "cowl_00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    NodeEndpoint endpoint(const QString& fingerprint) const {
        return NodeEndpoint{QStringLiteral("127.0.0.1"), m_server->serverPort(), fingerprint};
    }

    QString otherFingerprint() const {
        QString wrong = CertificatePin::fingerprintOf(m_certificate);
        wrong[0] = wrong[0] == QLatin1Char('0') ? QLatin1Char('1') : QLatin1Char('0');
        return wrong;
    }

    ApiResponse get(ApiClient& client) {
        std::optional<ApiResponse> result;
        client.get(QStringLiteral("/api/v1/node"), this, [&result](const ApiResponse& r) { result = r; });
        if (!QTest::qWaitFor([&result] { return result.has_value(); }, 15000)) {
            ApiResponse timeout;
            timeout.error = ApiError{0, QStringLiteral("timeout"), QStringLiteral("timed out"), {}};
            return timeout;
        }
        return *result;
    }

private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        const QString key = m_dir.filePath(QStringLiteral("key.pem"));
        const QString cert = m_dir.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"), QStringLiteral("ec"),
                       QStringLiteral("-pkeyopt"), QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert, QStringLiteral("-days"),
                       QStringLiteral("2"), QStringLiteral("-subj"), QStringLiteral("/CN=cowl-pin-test")});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        QFile certFile(cert);
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        m_certificate = QSslCertificate(certFile.readAll(), QSsl::Pem);
        QFile keyFile(key);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        m_key = QSslKey(keyFile.readAll(), QSsl::Ec, QSsl::Pem);
        QVERIFY(!m_certificate.isNull());
        QVERIFY(!m_key.isNull());

        m_server = std::make_unique<QSslServer>();
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(m_certificate);
        config.setPrivateKey(m_key);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server->setSslConfiguration(config);
        connect(m_server.get(), &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection()) {
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_received += socket->readAll();
                    if (m_received.contains("\r\n\r\n")) {
                        socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 17\r\n"
                                      "Connection: close\r\n\r\n{\"name\":\"pinned\"}");
                        socket->disconnectFromHost();
                    }
                });
            }
        });
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
    }

    void init() { m_received.clear(); }

    void fingerprintIsSha256OfTheDer() {
        const QString fingerprint = CertificatePin::fingerprintOf(m_certificate);
        QCOMPARE(fingerprint.size(), 64);
        QCOMPARE(fingerprint, fingerprint.toLower());
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"), {QStringLiteral("x509"), QStringLiteral("-in"),
                                                  m_dir.filePath(QStringLiteral("cert.pem")), QStringLiteral("-noout"),
                                                  QStringLiteral("-fingerprint"), QStringLiteral("-sha256")});
        QVERIFY(openssl.waitForFinished(10000));
        const QString printed = QString::fromLatin1(openssl.readAllStandardOutput()).section(QLatin1Char('='), 1).trimmed();
        QCOMPARE(QString(printed).remove(QLatin1Char(':')).toLower(), fingerprint);
    }

    void matchingPinConnectsAndSendsTheToken() {
        ApiClient client(endpoint(CertificatePin::fingerprintOf(m_certificate)), m_token);
        const ApiResponse response = get(client);
        QVERIFY2(response.ok(), qPrintable(response.error ? response.error->message : QString()));
        QCOMPARE(response.body.value("name", std::string()), std::string("pinned"));
        QVERIFY(m_received.contains("Authorization: Bearer " + m_token));
    }

    void changedFingerprintIsRefusedBeforeTheTokenIsSent() {
        ApiClient client(endpoint(otherFingerprint()), m_token);
        QSignalSpy mismatch(&client, &ApiClient::fingerprintMismatch);
        const ApiResponse response = get(client);
        QVERIFY(!response.ok());
        QCOMPARE(response.error->code, QStringLiteral("fingerprint_changed"));
        QVERIFY(response.error->message.contains(cowl::ui::formatFingerprint(CertificatePin::fingerprintOf(m_certificate))));
        QVERIFY(response.error->message.contains(QStringLiteral("remove it from the fleet")));
        QCOMPARE(mismatch.count(), 1);
        QCOMPARE(mismatch.first().first().toString(), CertificatePin::fingerprintOf(m_certificate));
        QTest::qWait(200);
        QVERIFY(!m_received.contains(m_token));
        QVERIFY(m_received.isEmpty());
    }

    void eventStreamRefusesAChangedFingerprintToo() {
        EventStream stream(endpoint(otherFingerprint()), m_token);
        QSignalSpy mismatch(&stream, &EventStream::fingerprintMismatch);
        stream.start();
        QVERIFY(mismatch.wait(15000));
        QCOMPARE(mismatch.first().first().toString(), CertificatePin::fingerprintOf(m_certificate));
        QTest::qWait(200);
        QVERIFY(m_received.isEmpty());
        // Blocked for good: no reconnect attempts after a mismatch.
        stream.start();
        QTest::qWait(1500);
        QCOMPARE(mismatch.count(), 1);
        QVERIFY(m_received.isEmpty());
    }

    void eventStreamWithTheRightPinSendsTheUpgrade() {
        EventStream stream(endpoint(CertificatePin::fingerprintOf(m_certificate)), m_token);
        QSignalSpy mismatch(&stream, &EventStream::fingerprintMismatch);
        stream.start();
        QTRY_VERIFY_WITH_TIMEOUT(m_received.contains("GET /api/v1/events"), 15000);
        QVERIFY(m_received.contains("Authorization: Bearer " + m_token));
        QVERIFY(m_received.contains("Upgrade: websocket"));
        QCOMPARE(mismatch.count(), 0);
        stream.stop();
    }
};

QTEST_MAIN(CertificatePinTest)
#include "CertificatePinTest.moc"
