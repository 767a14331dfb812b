// SPDX-License-Identifier: GPL-3.0-or-later
#include <QLabel>
#include <QTableWidget>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/access/AccessPanel.h"
#include "ui/access/ContainerAccess.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

// A container's access view against a real node: which document is in force
// (none, the project's, the container's own), its groups, and the aliases
// pointing at the container with the risk the node computed — following the
// node's events, without a reload.
class AccessPanelTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    std::unique_ptr<ApiClient> m_other;
    NodeSession* m_session = nullptr;
    QString m_projectId;
    QString m_containerId;

    AccessPanel* panel() const { return m_console->window->nodeView()->accessPanel(); }
    QString label(const char* name) const { return panel()->findChild<QLabel*>(QString::fromLatin1(name))->text(); }
    QTableWidget* table(const char* name) const { return panel()->findChild<QTableWidget*>(QString::fromLatin1(name)); }

    static nlohmann::json document(const char* group) {
        return {{"groups", {{group, {{"type", "password"}, {"username", "ops"}, {"password", "correct horse battery"},
                                     {"from", {"2001:db8::/32"}}}},
                            {"office", {{"type", "ip"}, {"cidrs", {"2001:db8:1::/48"}}}}}},
                {"permissions", {{group, {{"http", true}}}, {"office", {{"http", true}}}}},
                {"default", "deny"}};
    }

private slots:
    void initTestCase() {
        initResources();
        COWL_START_NODE(m_node);
        m_console = std::make_unique<ConsoleUnderTest>();
        QString failure;
        m_session = m_console->showConnected(m_node.connection(), failure);
        QVERIFY2(m_session, qPrintable(failure));
        m_other = clientFor(m_node.connection());
        QVERIFY2(createdShopWithWeb(*m_other, m_projectId, m_containerId, failure), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window->nodeView()->select(m_containerId.toStdString()), 10000);
        m_console->window->nodeView()->showDetailTab(2);
        QTRY_VERIFY_WITH_TIMEOUT(!panel()->access()->loading() && !panel()->access()->source().isEmpty(), 10000);
    }

    void cleanupTestCase() { m_console.reset(); }

    void noDocumentSaysSo() {
        QCOMPARE(panel()->access()->source(), QStringLiteral("none"));
        QVERIFY(label("sourceLabel").startsWith(QStringLiteral("No access document is in force")));
        QVERIFY(table("groupsTable")->isHidden());
        QCOMPARE(label("aliasesLabel"), QStringLiteral("No alias points at this container."));
    }

    void projectDocumentShowsFromEvents() {
        const ApiResponse put = apiCall(*m_other, "PUT", QStringLiteral("/api/v1/projects/%1/proxy/permissions").arg(m_projectId),
                                        document("ops"));
        QVERIFY2(put.ok(), qPrintable(describe(put)));
        QTRY_COMPARE_WITH_TIMEOUT(panel()->access()->source(), QStringLiteral("project"), 10000);
        QCOMPARE(label("sourceLabel"), QStringLiteral("In force: the project's access document."));
        QVERIFY(label("defaultLabel").startsWith(QStringLiteral("Default: deny")));
        QTableWidget* groups = table("groupsTable");
        QCOMPARE(groups->rowCount(), 2);
        QCOMPARE(groups->item(1, 0)->text(), QStringLiteral("ops"));
        QCOMPARE(groups->item(1, 1)->text(), QStringLiteral("password"));
        QCOMPARE(groups->item(1, 2)->text(), QStringLiteral("http"));
        QCOMPARE(groups->item(1, 3)->text(), QStringLiteral("2001:db8::/32"));
        QCOMPARE(groups->item(0, 0)->text(), QStringLiteral("office"));
        QCOMPARE(groups->item(0, 3)->text(), QStringLiteral("2001:db8:1::/48"));
    }

    void containerDocumentReplacesTheProjects() {
        const ApiResponse put = apiCall(*m_other, "PUT", QStringLiteral("/api/v1/containers/%1/proxy/permissions").arg(m_containerId),
                                        document("admins"));
        QVERIFY2(put.ok(), qPrintable(describe(put)));
        QTRY_COMPARE_WITH_TIMEOUT(panel()->access()->source(), QStringLiteral("container"), 10000);
        QVERIFY(label("sourceLabel").contains(QStringLiteral("this container's own")));
        QCOMPARE(table("groupsTable")->item(0, 0)->text(), QStringLiteral("admins"));
    }

    void aliasShowsWithTheNodesRisk() {
        const ApiResponse alias = apiCall(*m_other, "POST", QStringLiteral("/api/v1/aliases"),
                                          {{"alias", "docs"}, {"container_id", m_containerId.toStdString()}, {"program", "http"}});
        QVERIFY2(alias.ok(), qPrintable(describe(alias)));
        QTRY_COMPARE_WITH_TIMEOUT(table("aliasesTable")->rowCount(), 1, 10000);
        QCOMPARE(label("aliasesLabel"), QStringLiteral("Aliases pointing at this container:"));
        QCOMPARE(table("aliasesTable")->item(0, 0)->text(), QStringLiteral("docs"));
        const QString level = QString::fromStdString(alias.body.at("risk").at("level").get<std::string>());
        QCOMPARE(table("aliasesTable")->item(0, 2)->text(), AccessPanel::riskText(level));
        for (const auto& reason : alias.body.at("risk").at("reasons")) {
            QVERIFY(table("aliasesTable")->item(0, 3)->text().contains(
                QString::fromStdString(reason.at("message").get<std::string>())));
        }
        // An alias of another container does not show here.
        QCOMPARE(ContainerAccess::aliasesOf(nlohmann::json::array({alias.body}), "another").size(), std::size_t{0});
    }
};

QTEST_MAIN(AccessPanelTest)
#include "AccessPanelTest.moc"
