// SPDX-License-Identifier: GPL-3.0-or-later
#include <QLabel>
#include <QPushButton>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/fleet/FleetModel.h"
#include "ui/fleet/FleetView.h"
#include "ui/node/NodeTreeModel.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

// Lockdown buttons of a container, a project and the node against a real
// node: one confirmation, then the settings document changes on the node;
// the badge follows from events (also when another console locks down);
// a cancelled confirmation sends nothing.
class LockdownTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    std::unique_ptr<ApiClient> m_other;
    NodeSession* m_session = nullptr;
    QString m_projectId;
    QString m_containerId;

    NodeView* view() const { return m_console->window->nodeView(); }
    template <typename T>
    T* widget(const char* name) const {
        T* found = view()->findChild<T*>(QString::fromLatin1(name));
        if (!found) {
            qFatal("no widget %s", name);
        }
        return found;
    }

    nlohmann::json settingsOnNode(const QString& path) {
        const ApiResponse response = apiCall(*m_other, "GET", path);
        if (!response.ok()) {
            qWarning("%s", qPrintable(describe(response)));
            return nullptr;
        }
        return response.body;
    }
    QString containerSettings() const {
        return QStringLiteral("/api/v1/containers/%1/proxy/settings").arg(m_containerId);
    }
    QString projectSettings() const { return QStringLiteral("/api/v1/projects/%1/proxy/settings").arg(m_projectId); }

    QModelIndex containerRow() const {
        return view()->model()->find(NodeTreeModel::Kind::Container, m_containerId.toStdString());
    }
    QModelIndex projectRow() const {
        return view()->model()->find(NodeTreeModel::Kind::Project, m_projectId.toStdString());
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
        QTRY_VERIFY_WITH_TIMEOUT(containerRow().isValid(), 10000);
        // Settings are born with the container: the console fetches them without an event.
        QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().settings(m_containerId.toStdString()), 10000);
    }

    void cleanupTestCase() { m_console.reset(); }
    void cleanup() { MessageBox::setNextAnswer(std::nullopt); }

    void cancelledConfirmationSendsNothing() {
        const nlohmann::json before = settingsOnNode(containerSettings());
        QVERIFY(before.is_object());
        QVERIFY(view()->select(m_containerId.toStdString()));
        auto* lock = widget<QPushButton>("lockButton");
        QVERIFY(lock->isVisible() && lock->isEnabled());
        QCOMPARE(lock->text(), QStringLiteral("Lock down container…"));
        const int shown = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(lock, Qt::LeftButton);
        QCOMPARE(MessageBox::shownCount(), shown + 1);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("“web”")));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("503")));
        QTest::qWait(700);
        QCOMPARE(settingsOnNode(containerSettings()), before);
        QVERIFY(!containerRow().data(NodeTreeModel::LockedRole).toBool());
        QVERIFY(!widget<QLabel>("detailLockBadge")->isVisible());
    }

    void containerLockdownReachesTheNode() {
        QVERIFY(view()->select(m_containerId.toStdString()));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(widget<QPushButton>("lockButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(containerSettings()).value("enable_proxy", true) == false, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(containerRow().data(NodeTreeModel::LockedRole).toBool(), 10000);
        auto* badge = widget<QLabel>("detailLockBadge");
        QVERIFY(badge->isVisible());
        QCOMPARE(badge->text(), QStringLiteral("Locked down"));
        QCOMPARE(widget<QPushButton>("lockButton")->text(), QStringLiteral("Unlock container…"));
        QVERIFY(containerRow().siblingAtColumn(NodeTreeModel::DetailColumn).data().toString().startsWith(
            QStringLiteral("locked down")));
    }

    // Another console locks the project down: the badge comes from the event alone.
    void projectLockdownElsewhereShowsFromEvents() {
        const nlohmann::json current = settingsOnNode(projectSettings());
        QVERIFY(current.is_object());
        QSignalSpy reloads(m_session, &NodeSession::factsChanged);
        const ApiResponse locked = apiCall(*m_other, "PATCH", projectSettings(), {{"enable_proxy", false}},
                                           current.at("version").get<int>());
        QVERIFY2(locked.ok(), qPrintable(describe(locked)));
        QTRY_VERIFY_WITH_TIMEOUT(projectRow().data(NodeTreeModel::LockedRole).toBool(), 10000);
        QVERIFY(view()->select(m_containerId.toStdString()));
        QCOMPARE(widget<QLabel>("detailLockBadge")->text(), QStringLiteral("Locked down (project)"));
        QVERIFY(view()->select(m_projectId.toStdString()));
        QCOMPARE(widget<QPushButton>("lockButton")->text(), QStringLiteral("Unlock project…"));
        QCOMPARE(reloads.count(), 0);

        // Unlock through the console, confirmed.
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(widget<QPushButton>("lockButton"), Qt::LeftButton);
        QVERIFY(MessageBox::lastTitle() == QStringLiteral("Unlock project"));
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(projectSettings()).value("enable_proxy", false) == true, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!projectRow().data(NodeTreeModel::LockedRole).toBool(), 10000);
        // The container's own lockdown is still there.
        QVERIFY(containerRow().data(NodeTreeModel::LockedRole).toBool());
    }

    void unlockAsksToo() {
        QVERIFY(view()->select(m_containerId.toStdString()));
        const nlohmann::json before = settingsOnNode(containerSettings());
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(widget<QPushButton>("lockButton"), Qt::LeftButton);
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Unlock container"));
        QTest::qWait(700);
        QCOMPARE(settingsOnNode(containerSettings()), before);

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(widget<QPushButton>("lockButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(containerSettings()).value("enable_proxy", false) == true, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!containerRow().data(NodeTreeModel::LockedRole).toBool(), 10000);
        QVERIFY(!widget<QLabel>("detailLockBadge")->isVisible());
    }

    void nodeLockdownCoversEveryContainer() {
        const QString path = QStringLiteral("/api/v1/node/proxy/settings");
        auto* button = widget<QPushButton>("nodeLockButton");
        QCOMPARE(button->text(), QStringLiteral("Lock down node…"));
        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(button, Qt::LeftButton);
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Lock down node"));
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(path).value("enable_proxy", true) == false, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(widget<QLabel>("lockBanner")->isVisible(), 10000);
        QVERIFY(widget<QLabel>("nodeLockBadge")->isVisible());
        QVERIFY(containerRow().data(NodeTreeModel::LockedRole).toBool());
        QVERIFY(view()->select(m_containerId.toStdString()));
        QCOMPARE(widget<QLabel>("detailLockBadge")->text(), QStringLiteral("Locked down (node)"));
        // The fleet list says it too.
        FleetModel* fleet = m_console->window->fleetView()->model();
        QCOMPARE(fleet->index(0, FleetModel::StateColumn).data().toString(), QStringLiteral("Connected, locked down"));

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(path).value("enable_proxy", false) == true, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!widget<QLabel>("lockBanner")->isVisible(), 10000);
        QVERIFY(!containerRow().data(NodeTreeModel::LockedRole).toBool());
        QCOMPARE(fleet->index(0, FleetModel::StateColumn).data().toString(), QStringLiteral("Connected"));
    }

    // "Lock down everything" in the fleet list: one confirmation naming the nodes, then every node is locked.
    void fleetLockdownLocksEveryConnectedNode() {
        const QString path = QStringLiteral("/api/v1/node/proxy/settings");
        auto* everything = m_console->window->fleetView()->findChild<QPushButton*>(QStringLiteral("lockdownAllButton"));
        QVERIFY(everything && everything->isVisible());
        const nlohmann::json before = settingsOnNode(path);
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(everything, Qt::LeftButton);
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Lock down everything"));
        QVERIFY(MessageBox::lastText().contains(m_session->displayName()));
        QTest::qWait(700);
        QCOMPARE(settingsOnNode(path), before);

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(everything, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(path).value("enable_proxy", true) == false, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(widget<QLabel>("lockBanner")->isVisible(), 10000);

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(widget<QPushButton>("nodeLockButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(settingsOnNode(path).value("enable_proxy", false) == true, 10000);
    }
};

QTEST_MAIN(LockdownTest)
#include "LockdownTest.moc"
