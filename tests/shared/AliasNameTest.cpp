// SPDX-License-Identifier: GPL-3.0-or-later
#include <set>

#include <QtTest>

#include "shared/Id.h"
#include "shared/alias/AliasName.h"

using cowl::AliasName;

class AliasNameTest : public QObject {
    Q_OBJECT
private slots:
    void validation_data() {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("error"); // empty = valid; else a word the message must contain
        const QString p = "0123456789abcdef01234567";
        const QString c = "89abcdef0123456789abcdef";
        QTest::newRow("simple") << "docs-site" << "";
        QTest::newRow("three chars") << "abc" << "";
        QTest::newRow("digits") << "123" << "";
        QTest::newRow("61 chars") << QString(61, QChar('a')) << "";
        QTest::newRow("two chars") << "ab" << "3 to 61";
        QTest::newRow("62 chars") << QString(62, QChar('a')) << "3 to 61";
        QTest::newRow("empty") << "" << "3 to 61";
        QTest::newRow("uppercase") << "Docs" << "lowercase";
        QTest::newRow("underscore") << "my_site" << "lowercase";
        QTest::newRow("dot") << "my.site" << "lowercase";
        QTest::newRow("unicode") << "d\xc3\xb6" "cs" << "lowercase";
        QTest::newRow("leading hyphen") << "-docs" << "start or end";
        QTest::newRow("trailing hyphen") << "docs-" << "start or end";
        QTest::newRow("containers") << "containers" << "reserved";
        QTest::newRow("proxy") << "proxy" << "reserved";
        QTest::newRow("workspaces") << "workspaces" << "reserved";
        QTest::newRow("api") << "api" << "reserved";
        QTest::newRow("proxy- prefix") << "proxy-eu" << "reserved";
        QTest::newRow("workspaces- prefix") << "workspaces-2" << "reserved";
        QTest::newRow("proxyish is fine") << "proxyfarm" << "";
        QTest::newRow("apis is fine") << "apis" << "";
        QTest::newRow("container host") << p + "-" + c + "-http" << "container host";
        QTest::newRow("container host indexed") << p + "-" + c + "-terminal-2" << "container host";
        QTest::newRow("container shape, unknown program") << p + "-" + c + "-gopher" << "container host";
        QTest::newRow("23-hex id is just a name") << p.left(23) + "-" + c + "-http" << "";
    }
    void validation() {
        QFETCH(QString, name);
        QFETCH(QString, error);
        const QByteArray bytes = name.toUtf8();
        const auto problem = AliasName::validationError(std::string_view(bytes.constData(), bytes.size()), "node1.example.net");
        QCOMPARE(problem.has_value(), !error.isEmpty());
        if (problem) {
            QVERIFY2(QString::fromStdString(*problem).contains(error), problem->c_str());
        }
    }

    void randomNamesAreValidAndFresh() {
        std::set<std::string> seen;
        for (int i = 0; i < 1000; ++i) {
            const std::string name = AliasName::random();
            QVERIFY(cowl::Id::isValid(name));
            QVERIFY2(!AliasName::validationError(name, "node1.example.net"), name.c_str());
            QVERIFY(seen.insert(name).second);
        }
    }
};

QTEST_GUILESS_MAIN(AliasNameTest)
#include "AliasNameTest.moc"
