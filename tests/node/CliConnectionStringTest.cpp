// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/ValidationError.h"
#include "shared/api/ConnectionString.h"

#include <QtTest>

using cowl::ConnectionString;

namespace {
const std::string kFingerprint(64, 'a');
const std::string kToken = "cowl_" + std::string(64, '0');
} // namespace

class CliConnectionStringTest : public QObject {
    Q_OBJECT

private slots:
    void formatsIpv4() {
        ConnectionString cs{"127.0.0.1", 7443, kFingerprint, kToken};
        QCOMPARE(QString::fromStdString(cs.format()),
                 QString::fromStdString("cowl://127.0.0.1:7443/?fingerprint=" + kFingerprint + "&token=" + kToken));
    }

    void formatsIpv6WithBrackets() {
        ConnectionString cs{"::1", 8443, kFingerprint, kToken};
        QVERIFY(cs.format().starts_with("cowl://[::1]:8443/?"));
    }

    void roundTrips_data() {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::newRow("ipv4") << "127.0.0.1" << 7443;
        QTest::newRow("ipv6") << "fd12:3456:789a::1" << 1;
        QTest::newRow("name") << "node-eu.example.net" << 65535;
    }
    void roundTrips() {
        QFETCH(QString, host);
        QFETCH(int, port);
        ConnectionString cs{host.toStdString(), static_cast<std::uint16_t>(port), kFingerprint, kToken};
        QCOMPARE(ConnectionString::parse(cs.format()), cs);
    }

    void acceptsPasteVariants() {
        // Whitespace from a terminal copy, no slash before '?', parameters swapped, upper-case hex.
        auto cs = ConnectionString::parse("  COWL://Node1.Example:7443?token=" + kToken + "&fingerprint="
                                          + std::string(64, 'A') + "\n");
        QCOMPARE(cs.host, std::string("node1.example"));
        QCOMPARE(cs.port, std::uint16_t(7443));
        QCOMPARE(cs.fingerprint, kFingerprint);
        QCOMPARE(cs.token, kToken);
    }

    void rejects_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("field");
        const QString fp = QString::fromStdString(kFingerprint);
        const QString tok = QString::fromStdString(kToken);
        const QString q = "/?fingerprint=" + fp + "&token=" + tok;
        QTest::newRow("empty") << "" << "connection_string";
        QTest::newRow("https scheme") << "https://127.0.0.1:7443" + q << "connection_string";
        QTest::newRow("no port") << "cowl://127.0.0.1" + q << "connection_string.port";
        QTest::newRow("port 0") << "cowl://127.0.0.1:0" + q << "connection_string.port";
        QTest::newRow("port too big") << "cowl://127.0.0.1:65536" + q << "connection_string.port";
        QTest::newRow("port junk") << "cowl://127.0.0.1:74x3" + q << "connection_string.port";
        QTest::newRow("bare ipv6") << "cowl://::1:7443" + q << "connection_string.host";
        QTest::newRow("unclosed bracket") << "cowl://[::1:7443" + q << "connection_string.host";
        QTest::newRow("bracket no port") << "cowl://[::1]" + q << "connection_string.port";
        QTest::newRow("bad host char") << "cowl://a_b:7443" + q << "connection_string.host";
        QTest::newRow("userinfo") << "cowl://u@h:7443" + q << "connection_string.host";
        QTest::newRow("no query") << "cowl://h:7443/" << "connection_string";
        QTest::newRow("no token") << "cowl://h:7443/?fingerprint=" + fp << "connection_string.token";
        QTest::newRow("no fingerprint") << "cowl://h:7443/?token=" + tok << "connection_string.fingerprint";
        QTest::newRow("short fingerprint") << "cowl://h:7443/?fingerprint=abc&token=" + tok
                                           << "connection_string.fingerprint";
        QTest::newRow("fingerprint colons") << "cowl://h:7443/?fingerprint=" + QString("ab:").repeated(32)
                                                   + "&token=" + tok
                                            << "connection_string.fingerprint";
        QTest::newRow("token prefix") << "cowl://h:7443/?fingerprint=" + fp + "&token=tok_" + QString(64, '0')
                                      << "connection_string.token";
        QTest::newRow("token upper") << "cowl://h:7443/?fingerprint=" + fp + "&token=cowl_" + QString(64, 'A')
                                     << "connection_string.token";
        QTest::newRow("token short") << "cowl://h:7443/?fingerprint=" + fp + "&token=cowl_00"
                                     << "connection_string.token";
        QTest::newRow("duplicate token") << "cowl://h:7443" + q + "&token=" + tok << "connection_string.token";
        QTest::newRow("unknown parameter") << "cowl://h:7443" + q + "&name=x" << "connection_string.name";
    }
    void rejects() {
        QFETCH(QString, text);
        QFETCH(QString, field);
        try {
            ConnectionString::parse(text.toStdString());
            QFAIL("parse accepted bad input");
        } catch (const cowl::ValidationError& e) {
            QCOMPARE(QString::fromStdString(e.field()), field);
            QVERIFY(std::string(e.what()).size() > 10);
        }
    }

    void validators() {
        QVERIFY(ConnectionString::isValidToken(kToken));
        QVERIFY(!ConnectionString::isValidToken(kToken + "0"));
        QVERIFY(ConnectionString::isValidFingerprint(kFingerprint));
        QVERIFY(!ConnectionString::isValidFingerprint(std::string(64, 'g')));
    }
};

QTEST_APPLESS_MAIN(CliConnectionStringTest)
#include "CliConnectionStringTest.moc"
