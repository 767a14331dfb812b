// SPDX-License-Identifier: GPL-3.0-or-later
#include <QLabel>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/fleet/FleetView.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

// A real node whose certificate does not match the pin: the console blocks
// the node, says so in a warning and in the node view, and never replaces a
// pinned fingerprint on its own.
class PinningTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;

    cowl::ConnectionString withOtherFingerprint() const {
        cowl::ConnectionString other = m_node.connection();
        other.fingerprint[5] = other.fingerprint[5] == 'a' ? 'b' : 'a';
        return other;
    }

private slots:
    void initTestCase() {
        initResources();
        COWL_START_NODE(m_node);
    }

    void init() { MessageBox::setNextAnswer(QMessageBox::Ok); }
    void cleanup() { MessageBox::setNextAnswer(std::nullopt); }

    void changedFingerprintBlocksWithAClearWarning() {
        ConsoleUnderTest console;
        MainWindow* window = console.show();
        const int shownBefore = MessageBox::shownCount();
        const cowl::ConnectionString other = withOtherFingerprint();
        const auto added = console.add(other);
        QVERIFY(added && added->ok);
        NodeSession* session = added->session;
        QTRY_COMPARE_WITH_TIMEOUT(session->state(), NodeState::Blocked, 20000);

        // One warning, naming both fingerprints and what to do.
        QTRY_COMPARE(MessageBox::shownCount(), shownBefore + 1);
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Certificate changed — connection blocked"));
        QVERIFY(MessageBox::lastText().contains(formatFingerprint(QString::fromStdString(other.fingerprint))));
        QVERIFY(MessageBox::lastText().contains(formatFingerprint(QString::fromStdString(m_node.connection().fingerprint))));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("did not send your token")));

        // The node view shows it too, and nothing of the node was loaded.
        window->fleetView()->setCurrentSession(session);
        const QLabel* banner = window->nodeView()->findChild<QLabel*>(QStringLiteral("stateBanner"));
        QVERIFY(banner->isVisible());
        QVERIFY(banner->text().contains(QStringLiteral("different certificate")));
        QCOMPARE(session->snapshot().projectCount(), std::size_t(0));
        QCOMPARE(session->stateText(), QStringLiteral("Blocked: certificate changed"));

        // Blocked stays blocked: a reload does not try again.
        session->reload();
        QTest::qWait(1500);
        QCOMPARE(session->state(), NodeState::Blocked);
        QCOMPARE(MessageBox::shownCount(), shownBefore + 1);
    }

    void pinnedAddressIsNotRepinnedSilently() {
        ConsoleUnderTest console;
        console.show();
        const auto first = console.add(m_node.connection());
        QVERIFY(first && first->ok);
        QVERIFY(ConsoleUnderTest::waitConnected(first->session));

        const auto second = console.add(withOtherFingerprint());
        QVERIFY(second.has_value());
        QVERIFY(!second->ok);
        QVERIFY(second->error.contains(QStringLiteral("already in your fleet with another certificate fingerprint")));
        QCOMPARE(console.fleet->sessions().size(), qsizetype(1));
        QCOMPARE(first->session->entry().endpoint.fingerprint, QString::fromStdString(m_node.connection().fingerprint));
        QCOMPARE(first->session->state(), NodeState::Connected);
    }
};

QTEST_MAIN(PinningTest)
#include "PinningTest.moc"
