// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/net/Cidr.h"

using cowl::Cidr;
using cowl::IpAddress;

class CidrTest : public QObject {
    Q_OBJECT
private slots:
    void parse_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("canonical");
        QTest::newRow("v4 /24") << "203.0.113.0/24" << true << "203.0.113.0/24";
        QTest::newRow("v4 /0") << "0.0.0.0/0" << true << "0.0.0.0/0";
        QTest::newRow("v4 /32") << "203.0.113.9/32" << true << "203.0.113.9/32";
        QTest::newRow("bare v4") << "203.0.113.9" << true << "203.0.113.9/32";
        QTest::newRow("v6 /32") << "2001:db8::/32" << true << "2001:db8::/32";
        QTest::newRow("v6 /0") << "::/0" << true << "::/0";
        QTest::newRow("bare v6") << "2001:db8::7" << true << "2001:db8::7/128";
        QTest::newRow("v6 /127") << "2001:db8::6/127" << true << "2001:db8::6/127";
        QTest::newRow("mapped block is v4") << "::ffff:10.0.0.0/104" << true << "10.0.0.0/8";
        QTest::newRow("host bits v4") << "10.0.0.1/8" << false << "";
        QTest::newRow("host bits v6") << "2001:db8::1/64" << false << "";
        QTest::newRow("v4 /33") << "10.0.0.0/33" << false << "";
        QTest::newRow("v6 /129") << "2001:db8::/129" << false << "";
        QTest::newRow("negative") << "10.0.0.0/-1" << false << "";
        QTest::newRow("plus") << "10.0.0.0/+8" << false << "";
        QTest::newRow("empty prefix") << "10.0.0.0/" << false << "";
        QTest::newRow("two slashes") << "10.0.0.0/8/8" << false << "";
        QTest::newRow("prefix with space") << "10.0.0.0/ 8" << false << "";
        QTest::newRow("mapped prefix below 96") << "::ffff:0.0.0.0/80" << false << "";
        QTest::newRow("garbage") << "office" << false << "";
        QTest::newRow("empty") << "" << false << "";
    }
    void parse() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, canonical);
        const auto c = Cidr::parse(text.toStdString());
        QCOMPARE(c.has_value(), valid);
        QCOMPARE(!Cidr::validationError(text.toStdString()).has_value(), valid);
        if (valid) {
            QCOMPARE(c->toString(), canonical.toStdString());
        } else {
            QVERIFY(Cidr::validationError(text.toStdString())->find(text.toStdString()) != std::string::npos);
        }
    }

    void contains_data() {
        QTest::addColumn<QString>("cidr");
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("inside");
        QTest::newRow("v4 inside") << "203.0.113.0/24" << "203.0.113.255" << true;
        QTest::newRow("v4 first") << "203.0.113.0/24" << "203.0.113.0" << true;
        QTest::newRow("v4 just outside") << "203.0.113.0/24" << "203.0.114.0" << false;
        QTest::newRow("v4 below") << "203.0.113.0/24" << "203.0.112.255" << false;
        QTest::newRow("v4 /25 boundary") << "10.0.0.128/25" << "10.0.0.127" << false;
        QTest::newRow("v4 /25 inside") << "10.0.0.128/25" << "10.0.0.200" << true;
        QTest::newRow("v4 odd prefix") << "10.0.0.0/13" << "10.7.255.255" << true;
        QTest::newRow("v4 odd prefix out") << "10.0.0.0/13" << "10.8.0.0" << false;
        QTest::newRow("v4 /0 all v4") << "0.0.0.0/0" << "198.51.100.1" << true;
        QTest::newRow("v4 /0 not v6") << "0.0.0.0/0" << "2001:db8::1" << false;
        QTest::newRow("v4 /32 exact") << "192.0.2.1/32" << "192.0.2.1" << true;
        QTest::newRow("v4 /32 other") << "192.0.2.1/32" << "192.0.2.2" << false;
        QTest::newRow("v4 block, mapped client") << "203.0.113.0/24" << "::ffff:203.0.113.4" << true;
        QTest::newRow("mapped block, v4 client") << "::ffff:203.0.113.0/120" << "203.0.113.4" << true;
        QTest::newRow("v6 inside") << "2001:db8:1::/48" << "2001:db8:1:ffff::5" << true;
        QTest::newRow("v6 outside") << "2001:db8:1::/48" << "2001:db8:2::5" << false;
        QTest::newRow("v6 odd prefix") << "2001:db8::/31" << "2001:db9::1" << true;
        QTest::newRow("v6 odd prefix out") << "2001:db8::/31" << "2001:dba::1" << false;
        QTest::newRow("v6 /0 all v6") << "::/0" << "fe80::1" << true;
        QTest::newRow("v6 /0 not v4") << "::/0" << "10.0.0.1" << false;
        QTest::newRow("v6 /0 not mapped v4") << "::/0" << "::ffff:10.0.0.1" << false;
        QTest::newRow("v6 /128") << "::1/128" << "::1" << true;
        QTest::newRow("v6 /128 other") << "::1/128" << "::2" << false;
    }
    void contains() {
        QFETCH(QString, cidr);
        QFETCH(QString, address);
        QFETCH(bool, inside);
        const auto c = Cidr::parse(cidr.toStdString());
        const auto a = IpAddress::parse(address.toStdString());
        QVERIFY(c && a);
        QCOMPARE(c->contains(*a), inside);
    }
};

QTEST_GUILESS_MAIN(CidrTest)
#include "CidrTest.moc"
