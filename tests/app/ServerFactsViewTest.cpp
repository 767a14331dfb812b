// SPDX-License-Identifier: GPL-3.0-or-later
#include <QLabel>
#include <QTableWidget>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "shared/api/ServerFacts.h"
#include "ui/Resources.h"
#include "ui/node/NodeView.h"
#include "ui/node/ServerFactsView.h"

using namespace cowl::ui;
using cowl::DiskFacts;
using cowl::ServerFacts;

// The server facts page shows what GET /api/v1/node answers on this machine,
// flags what is not encrypted, and says "not reported" for what is missing.
class ServerFactsViewTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    NodeSession* m_session = nullptr;

    ServerFactsView* facts() const { return m_console->window->nodeView()->factsView(); }
    QString text(const char* name) const { return facts()->findChild<QLabel*>(QString::fromLatin1(name))->text(); }

private slots:
    void initTestCase() {
        initResources();
        COWL_START_NODE(m_node);
        m_console = std::make_unique<ConsoleUnderTest>();
        QString failure;
        m_session = m_console->showConnected(m_node.connection(), failure);
        QVERIFY2(m_session, qPrintable(failure));
        m_console->window->nodeView()->showFacts(true);
    }

    void cleanupTestCase() { m_console.reset(); }

    void showsWhatTheNodeAnswers() {
        ApiClient direct(endpointOf(m_node.connection()), QByteArray::fromStdString(m_node.connection().token));
        const ApiResponse answer = apiCall(direct, "GET", QStringLiteral("/api/v1/node"));
        QVERIFY2(answer.ok(), qPrintable(describe(answer)));
        const ServerFacts node = answer.body.get<ServerFacts>();
        QVERIFY(!node.hostname.empty());
        QVERIFY(text("hostValue").startsWith(QString::fromStdString(node.hostname)));
        QCOMPARE(text("kernelValue"), QString::fromStdString(node.kernel));
        QVERIFY(text("versionsValue").contains(QString::fromStdString(node.version)));

        const QString notReported = QStringLiteral("not reported by this node");
        QCOMPARE(text("storageValue") == notReported, !node.storage.has_value());
        QCOMPARE(text("memoryValue") == notReported, !node.memoryTotalBytes.has_value());
        QCOMPARE(text("containersValue") == notReported, !node.containers.has_value());

        auto* disks = facts()->findChild<QTableWidget*>(QStringLiteral("diskTable"));
        bool exposed = node.swapEncrypted == false;
        if (node.disks) {
            QCOMPARE(disks->rowCount(), static_cast<int>(node.disks->size()));
            for (int row = 0; row < disks->rowCount(); ++row) {
                const DiskFacts& disk = (*node.disks)[static_cast<std::size_t>(row)];
                QCOMPARE(disks->item(row, 0)->text(), QString::fromStdString(disk.name));
                exposed = exposed || disk.luks != "full";
            }
        } else {
            QCOMPARE(text("disksNote"), QStringLiteral("Disks: not reported by this node"));
        }
        auto* warning = facts()->findChild<QLabel*>(QStringLiteral("encryptionWarning"));
        QCOMPARE(warning->isVisible(), exposed);
    }
};

QTEST_MAIN(ServerFactsViewTest)
#include "ServerFactsViewTest.moc"
