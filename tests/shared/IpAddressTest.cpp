// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/net/IpAddress.h"

using cowl::IpAddress;

class IpAddressTest : public QObject {
    Q_OBJECT
private slots:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<bool>("v4");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("v4") << "203.0.113.7" << true << true << "203.0.113.7";
        QTest::newRow("v4 zero") << "0.0.0.0" << true << true << "0.0.0.0";
        QTest::newRow("v6") << "2001:DB8::1" << true << false << "2001:db8::1";
        QTest::newRow("v6 loopback") << "::1" << true << false << "::1";
        QTest::newRow("v6 full") << "2001:0db8:0000:0000:0000:0000:0000:0001" << true << false << "2001:db8::1";
        QTest::newRow("v4-mapped is v4") << "::ffff:192.0.2.1" << true << true << "192.0.2.1";
        QTest::newRow("v4-mapped hex") << "::ffff:c000:201" << true << true << "192.0.2.1";
        QTest::newRow("v4-compatible is v6") << "::192.0.2.1" << true << false << "::192.0.2.1";
        QTest::newRow("empty") << "" << false << false << "";
        QTest::newRow("octet too big") << "256.1.1.1" << false << false << "";
        QTest::newRow("three octets") << "1.2.3" << false << false << "";
        QTest::newRow("leading space") << " 1.2.3.4" << false << false << "";
        QTest::newRow("with port") << "1.2.3.4:80" << false << false << "";
        QTest::newRow("brackets") << "[::1]" << false << false << "";
        QTest::newRow("zone id") << "fe80::1%eth0" << false << false << "";
        QTest::newRow("cidr") << "10.0.0.0/8" << false << false << "";
        QTest::newRow("name") << "localhost" << false << false << "";
        QTest::newRow("two double colons") << "1::2::3" << false << false << "";
        QTest::newRow("embedded nul") << QString("1.2.3.4") + QChar(0) << false << false << "";
        QTest::newRow("very long") << QString(200, QChar('1')) << false << false << "";
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(bool, v4);
        QFETCH(QString, canonical);
        const QByteArray utf8 = text.toUtf8();
        const auto a = IpAddress::parse(std::string_view(utf8.constData(), static_cast<std::size_t>(utf8.size())));
        QCOMPARE(a.has_value(), valid);
        if (valid) {
            QCOMPARE(a->isV4(), v4);
            QCOMPARE(a->toString(), canonical.toStdString());
            QVERIFY(IpAddress::parse(a->toString()) == a);
        }
    }

    void mappedAndPlainV4AreTheSameAddress() {
        QVERIFY(IpAddress::parse("::ffff:10.1.2.3") == IpAddress::parse("10.1.2.3"));
        QVERIFY(IpAddress::parse("10.1.2.3") != IpAddress::parse("10.1.2.4"));
        QVERIFY(IpAddress::parse("::a01:203") != IpAddress::parse("10.1.2.3"));
    }

    void defaultIsUnspecifiedV6() {
        const IpAddress a;
        QVERIFY(!a.isV4());
        QCOMPARE(a.toString(), std::string("::"));
    }
};

QTEST_GUILESS_MAIN(IpAddressTest)
#include "IpAddressTest.moc"
