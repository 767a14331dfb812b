// SPDX-License-Identifier: GPL-3.0-or-later
#include <QtTest>

#include "ui/access/ContainerAccess.h"

using namespace cowl::ui;

// The console's reading of the access document in force, as docs/api.md shows it.
class ContainerAccessTest : public QObject {
    Q_OBJECT

private slots:
    void groupsOfTheDocumentInForce() {
        const auto groups = ContainerAccess::groupsOf(nlohmann::json::parse(R"({
            "groups": {"ops": {"type": "password", "username": "ops", "password_set": true, "from": ["2001:db8::/32"]},
                       "lan": {"type": "ip", "cidrs": ["10.0.0.0/8"]},
                       "ci": {"type": "token", "value_set": true}},
            "permissions": {"ops": {"*": true}, "lan": {"http": [8080, 8081], "terminal": false}, "ci": {"http": "8000-8100"}},
            "default": "deny"})"));
        QCOMPARE(groups.size(), std::size_t{3});
        QCOMPARE(groups[0].name, QStringLiteral("ci"));
        QCOMPARE(groups[0].programs, QStringList{QStringLiteral("http: 8000-8100")});
        QCOMPARE(groups[1].name, QStringLiteral("lan"));
        QCOMPARE(groups[1].programs, QStringList{QStringLiteral("http: [8080,8081]")}); // false: no access, not listed
        QCOMPARE(groups[1].from, QStringList{QStringLiteral("10.0.0.0/8")});
        QCOMPARE(groups[2].programs, QStringList{QStringLiteral("*")});
        QVERIFY(ContainerAccess::groupsOf(nullptr).empty());
    }
};

QTEST_GUILESS_MAIN(ContainerAccessTest)
#include "ContainerAccessTest.moc"
