// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "shared/access/CredentialSource.h"
#include "shared/access/PresentedCredentials.h"

using cowl::CredentialSource;
using cowl::NamedLookup;
using cowl::PresentedCredentials;

class PresentedCredentialsTest : public QObject {
    Q_OBJECT
private slots:
    void authorizationHeader_data() {
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("accepted");
        QTest::addColumn<QString>("user");     // Basic
        QTest::addColumn<QString>("password"); // Basic
        QTest::addColumn<QString>("bearer");
        QTest::newRow("basic") << "Basic YWxpY2U6cGE6c3M=" << true << "alice" << "pa:ss" << "";
        QTest::newRow("basic, lowercase scheme") << "basic YWxpY2U6cHc=" << true << "alice" << "pw" << "";
        QTest::newRow("basic, empty password") << "Basic YWxpY2U6" << true << "alice" << "" << "";
        QTest::newRow("bearer") << "Bearer abc.def.ghi" << true << "" << "" << "abc.def.ghi";
        QTest::newRow("bearer, any case, spaces") << "  bEaReR   tok  " << true << "" << "" << "tok";
        QTest::newRow("basic, bad base64") << "Basic !!!" << false << "" << "" << "";
        QTest::newRow("basic, no colon") << "Basic YWxpY2U=" << false << "" << "" << "";
        QTest::newRow("basic, unpadded") << "Basic YWxpY2U6cHc" << false << "" << "" << "";
        QTest::newRow("other scheme") << "Digest username=x" << false << "" << "" << "";
        QTest::newRow("scheme only") << "Bearer" << false << "" << "" << "";
        QTest::newRow("empty") << "" << false << "" << "" << "";
    }
    void authorizationHeader() {
        QFETCH(QString, value);
        QFETCH(bool, accepted);
        QFETCH(QString, user);
        QFETCH(QString, password);
        QFETCH(QString, bearer);
        PresentedCredentials c;
        std::string scratch;
        const std::string v = value.toStdString();
        QCOMPARE(c.readAuthorization(v, scratch), accepted);
        QCOMPARE(c.basic.has_value(), !user.isEmpty());
        QCOMPARE(c.bearer.has_value(), !bearer.isEmpty());
        if (c.basic) {
            QCOMPARE(QString::fromStdString(std::string(c.basic->username)), user);
            QCOMPARE(QString::fromStdString(std::string(c.basic->password)), password);
        }
        if (c.bearer) {
            QCOMPARE(QString::fromStdString(std::string(*c.bearer)), bearer);
        }
    }

    void cookiesAndQueryParameters() {
        using P = PresentedCredentials;
        QCOMPARE(std::string(*P::findCookie("a=1; ci=tok; b=2", "ci")), std::string("tok"));
        QCOMPARE(std::string(*P::findCookie("ci=\"tok\"", "ci")), std::string("tok"));
        QCOMPARE(std::string(*P::findCookie("ci=", "ci")), std::string(""));
        QVERIFY(!P::findCookie("xci=tok", "ci"));
        QVERIFY(!P::findCookie("", "ci"));
        QVERIFY(!P::findCookie("ci", "ci"));
        QCOMPARE(std::string(*P::findQueryParameter("?a=1&ci=tok&b", "ci")), std::string("tok"));
        QCOMPARE(std::string(*P::findQueryParameter("b&ci", "ci")), std::string(""));
        QCOMPARE(std::string(*P::findQueryParameter("ci=first&ci=second", "ci")), std::string("first"));
        QVERIFY(!P::findQueryParameter("xci=1", "ci"));
        QVERIFY(!P::findQueryParameter("", "ci"));
    }

    void lookups() {
        const std::map<std::string, std::string, std::less<>> values = {{"X-Token", "v"}};
        QCOMPARE(std::string(*NamedLookup::over(values)("X-Token")), std::string("v"));
        QVERIFY(!NamedLookup::over(values)("x-token"));
        QCOMPARE(std::string(*NamedLookup::overIgnoringCase(values)("x-TOKEN")), std::string("v"));
        QVERIFY(!NamedLookup()("X-Token"));
    }

    void credentialSources_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::newRow("bearer") << "bearer" << true;
        QTest::newRow("header") << "header:X-Token" << true;
        QTest::newRow("cookie") << "cookie:session_id" << true;
        QTest::newRow("query") << "query:access.token" << true;
        QTest::newRow("Bearer capitalised") << "Bearer" << false;
        QTest::newRow("basic") << "basic" << false;
        QTest::newRow("empty name") << "header:" << false;
        QTest::newRow("space in name") << "header:X Token" << false;
        QTest::newRow("colon in name") << "cookie:a:b" << false;
        QTest::newRow("unknown kind") << "body:token" << false;
        QTest::newRow("long name") << "header:" + QString(65, QChar('x')) << false;
    }
    void credentialSources() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        const auto source = CredentialSource::parse(text.toStdString());
        QCOMPARE(source.has_value(), valid);
        if (source) {
            QCOMPARE(source->toString(), text.toStdString());
        }
    }
};

QTEST_GUILESS_MAIN(PresentedCredentialsTest)
#include "PresentedCredentialsTest.moc"
