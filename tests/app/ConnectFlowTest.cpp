// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/dialogs/AddNodeDialog.h"
#include "ui/fleet/FleetModel.h"
#include "ui/fleet/FleetView.h"
#include "ui/node/NodeTreeModel.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

// Paste a real node's connection string into the real dialog: the node is
// pinned, its token is in the keychain (not in the settings file), and the
// node view fills from the node.
class ConnectFlowTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;

    static QString fileText(const QString& path) {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
    }

private slots:
    void initTestCase() {
        initResources();
        COWL_START_NODE(m_node);
    }

    void pastingTheConnectionStringConnects() {
        ConsoleUnderTest console;
        MainWindow* window = console.show();
        window->addNode(m_node.connectionText());
        AddNodeDialog* dialog = window->addNodeDialog();
        QVERIFY(dialog);
        const QString fingerprint = QString::fromStdString(m_node.connection().fingerprint);
        QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("fingerprintLabel"))->text(), formatFingerprint(fingerprint));
        QCOMPARE(dialog->findChild<QLabel*>(QStringLiteral("addressLabel"))->text(),
                 QStringLiteral("127.0.0.1:%1").arg(m_node.port()));
        QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(console.fleet->sessions().size(), qsizetype(1), 20000);
        NodeSession* session = console.fleet->sessions().first();
        QVERIFY2(ConsoleUnderTest::waitConnected(session), qPrintable(session->stateReason()));
        QTRY_VERIFY(!window->addNodeDialog());
        QCOMPARE(session->entry().endpoint.fingerprint, fingerprint);

        // The fleet list and the node view show it.
        FleetModel* fleetModel = window->fleetView()->model();
        QCOMPARE(fleetModel->rowCount(), 1);
        QCOMPARE(fleetModel->index(0, FleetModel::StateColumn).data().toString(), QStringLiteral("Connected"));
        QCOMPARE(window->nodeView()->session(), session);
        QVERIFY(window->nodeView()->model()->rowCount() >= 1); // at least realm "default"
        bool hasDefault = false;
        for (const auto& realm : session->snapshot().realms()) {
            hasDefault = hasDefault || realm.name == "default";
        }
        QVERIFY(hasDefault);

        // Token in the keychain under node/<fingerprint>; the settings file has the pin, never the token.
        std::optional<TokenResult> stored;
        console.tokens->read(fingerprint, this, [&stored](const TokenResult& r) { stored = r; });
        QTRY_VERIFY_WITH_TIMEOUT(stored.has_value(), 10000);
        QVERIFY2(stored->ok, qPrintable(stored->error));
        QVERIFY(stored->found);
        QCOMPARE(stored->location, TokenLocation::Keychain);
        QCOMPARE(stored->token, QString::fromStdString(m_node.connection().token));
        console.settings->sync();
        const QString settingsText = fileText(console.settings->fileName());
        QVERIFY(settingsText.contains(fingerprint));
        QVERIFY(!settingsText.contains(QString::fromStdString(m_node.connection().token)));
        QVERIFY(!settingsText.contains(QStringLiteral("cowl_")));
    }

    // Next start: the fleet comes from the settings, the token from the keychain.
    void restartReconnectsFromTheKeychain() {
        QTemporaryDir dir;
        const QString settingsPath = dir.filePath(QStringLiteral("cowl.conf"));
        {
            ConsoleUnderTest first(false, settingsPath);
            const auto added = first.add(m_node.connection());
            QVERIFY(added && added->ok);
            QVERIFY(ConsoleUnderTest::waitConnected(added->session));
            first.fleet.reset(); // keep the token: the second console needs it
        }
        ConsoleUnderTest second(false, settingsPath);
        QCOMPARE(second.fleet->sessions().size(), qsizetype(0));
        second.fleet->restore();
        QCOMPARE(second.fleet->sessions().size(), qsizetype(1));
        NodeSession* session = second.fleet->sessions().first();
        QVERIFY2(ConsoleUnderTest::waitConnected(session), qPrintable(session->stateReason()));
    }

    void unreachableNodeSaysWhy() {
        ConsoleUnderTest console;
        MainWindow* window = console.show();
        cowl::ConnectionString elsewhere = m_node.connection();
        QTcpServer probe;
        probe.listen(QHostAddress::LocalHost, 0);
        elsewhere.port = probe.serverPort();
        probe.close();
        const auto added = console.add(elsewhere);
        QVERIFY(added && added->ok);
        QTRY_COMPARE_WITH_TIMEOUT(added->session->state(), NodeState::Failed, 20000);
        QVERIFY(added->session->stateReason().contains(QStringLiteral("Could not reach the node")));
        window->fleetView()->setCurrentSession(added->session);
        const QLabel* reason = window->fleetView()->findChild<QLabel*>(QStringLiteral("reasonLabel"));
        QVERIFY(reason->isVisible());
        QCOMPARE(reason->text(), added->session->stateReason());
    }

    // A token the node does not know: the node's own 401 message is what the user reads.
    void refusedTokenShowsTheNodesMessage() {
        ConsoleUnderTest console;
        cowl::ConnectionString wrongToken = m_node.connection();
        wrongToken.token = "cowl_" + std::string(64, 'e');
        const auto added = console.add(wrongToken);
        QVERIFY(added && added->ok);
        QTRY_COMPARE_WITH_TIMEOUT(added->session->state(), NodeState::Failed, 20000);

        ApiClient direct(endpointOf(wrongToken), QByteArray::fromStdString(wrongToken.token));
        const ApiResponse refused = apiCall(direct, "GET", QStringLiteral("/api/v1/projects"));
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error->httpStatus, 401);
        QCOMPARE(refused.error->code, QStringLiteral("unauthorized"));
        QCOMPARE(added->session->stateReason(), refused.error->displayText());
    }
};

QTEST_MAIN(ConnectFlowTest)
#include "ConnectFlowTest.moc"
