// SPDX-License-Identifier: GPL-3.0-or-later
#include <QClipboard>
#include <QGuiApplication>
#include <QToolButton>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Clock.h"
#include "ui/Resources.h"
#include "ui/node/ContainerStatusText.h"
#include "ui/node/NodeTreeModel.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

namespace {
class FixedClock : public Clock {
public:
    QDateTime now() const override { return QDateTime(QDate(2031, 5, 4), QTime(3, 2, 1), Qt::UTC); }
};
} // namespace

// Another console changes the node; this console's tree follows from the
// event stream alone (the session does not reload in between).
class LiveUpdateTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    std::unique_ptr<ApiClient> m_other;
    NodeSession* m_session = nullptr;
    FixedClock m_clock;

    NodeTreeModel* tree() const { return m_console->window->nodeView()->model(); }

private slots:
    void initTestCase() {
        initResources();
        Clock::setInstance(&m_clock);
        COWL_START_NODE(m_node);
        m_console = std::make_unique<ConsoleUnderTest>();
        m_console->show();
        const auto added = m_console->add(m_node.connection());
        QVERIFY(added && added->ok);
        m_session = added->session;
        QVERIFY2(ConsoleUnderTest::waitConnected(m_session), qPrintable(m_session->stateReason()));
        QCOMPARE(m_console->window->nodeView()->session(), m_session);
        m_other = std::make_unique<ApiClient>(endpointOf(m_node.connection()),
                                              QByteArray::fromStdString(m_node.connection().token));
    }

    void cleanupTestCase() {
        Clock::setInstance(nullptr);
        m_console.reset();
    }

    void projectCreatedElsewhereAppears() {
        QVERIFY(!m_session->lastEventAt().isValid());
        QSignalSpy reloads(m_session, &NodeSession::factsChanged); // every full load fetches the facts
        const ApiResponse created = apiCall(*m_other, "POST", QStringLiteral("/api/v1/projects"), {{"name", "live-shop"}});
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const std::string id = created.body.at("id").get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Project, id).isValid(), 10000);
        const QModelIndex index = tree()->find(NodeTreeModel::Kind::Project, id);
        QCOMPARE(index.data().toString(), QStringLiteral("live-shop"));
        QCOMPARE(m_session->lastEventAt(), m_clock.now());
        QCOMPARE(reloads.count(), 0);
    }

    void projectRenamedElsewhereFollows() {
        const ApiResponse created = apiCall(*m_other, "POST", QStringLiteral("/api/v1/projects"), {{"name", "live-old"}});
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const std::string id = created.body.at("id").get<std::string>();
        const int version = created.body.at("version").get<int>();
        QTRY_VERIFY_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Project, id).isValid(), 10000);
        const ApiResponse renamed = apiCall(*m_other, "PATCH", QStringLiteral("/api/v1/projects/%1").arg(QString::fromStdString(id)),
                                            {{"name", "live-new"}}, version);
        QVERIFY2(renamed.ok(), qPrintable(describe(renamed)));
        QTRY_COMPARE_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Project, id).data().toString(), QStringLiteral("live-new"), 10000);
    }

    void projectDeletedElsewhereDisappears() {
        const ApiResponse created = apiCall(*m_other, "POST", QStringLiteral("/api/v1/projects"), {{"name", "live-gone"}});
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const std::string id = created.body.at("id").get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Project, id).isValid(), 10000);
        QVERIFY(m_console->window->nodeView()->select(id));
        const ApiResponse deleted = apiCall(*m_other, "DELETE", QStringLiteral("/api/v1/projects/%1").arg(QString::fromStdString(id)),
                                            nullptr, created.body.at("version").get<int>());
        QVERIFY2(deleted.ok(), qPrintable(describe(deleted)));
        QTRY_VERIFY_WITH_TIMEOUT(!tree()->find(NodeTreeModel::Kind::Project, id).isValid(), 10000);
        QVERIFY(!m_session->snapshot().project(id));
        QVERIFY(m_console->window->nodeView()->selectedProjectId().empty());
    }

    void realmCreatedElsewhereAppears() {
        const ApiResponse created = apiCall(*m_other, "POST", QStringLiteral("/api/v1/realms"), {{"name", "acme"}});
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const std::string id = created.body.at("id").get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Realm, id).isValid(), 10000);
        QCOMPARE(tree()->find(NodeTreeModel::Kind::Realm, id).data().toString(), QStringLiteral("acme"));
    }

    // A container made elsewhere shows with its state and URLs; Copy puts the URL on the clipboard.
    void containerAppearsWithCopyableUrls() {
        const ApiResponse project = apiCall(*m_other, "POST", QStringLiteral("/api/v1/projects"), {{"name", "live-box"}});
        QVERIFY2(project.ok(), qPrintable(describe(project)));
        const QString projectId = QString::fromStdString(project.body.at("id").get<std::string>());
        const ApiResponse created = apiCall(*m_other, "POST", QStringLiteral("/api/v1/projects/%1/containers").arg(projectId),
                                            {{"name", "web"}, {"template", "busybox"}});
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const std::string id = created.body.at("id").get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Container, id).isValid(), 10000);
        const cowl::Container* container = m_session->snapshot().container(id);
        QVERIFY(container);
        QVERIFY(!container->urls.empty());
        const QModelIndex row = tree()->find(NodeTreeModel::Kind::Container, id);
        QCOMPARE(row.siblingAtColumn(NodeTreeModel::StatusColumn).data().toString(),
                 cowl::ui::ContainerStatusText::label(container->status));

        NodeView* view = m_console->window->nodeView();
        QVERIFY(view->select(id));
        auto* copy = view->findChild<QToolButton*>(QStringLiteral("copyUrl0"));
        QVERIFY(copy);
        QGuiApplication::clipboard()->clear();
        QTest::mouseClick(copy, Qt::LeftButton);
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromStdString(container->urls.front().url));
    }

    // The stream comes back after the node restarts, and the console reloads what it missed.
    void reconnectsAfterANodeRestart() {
        m_node.stop();
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->eventsLive(), 10000);
        QTest::qWait(300);
        QCOMPARE(m_session->state(), NodeState::Connected);
        const QString error = m_node.serve();
        QVERIFY2(error.isEmpty(), qPrintable(error));
        ApiClient fresh(endpointOf(m_node.connection()), QByteArray::fromStdString(m_node.connection().token));
        QVERIFY(ConsoleUnderTest::waitConnected(m_session, 40000));
        const ApiResponse created = apiCall(fresh, "POST", QStringLiteral("/api/v1/projects"), {{"name", "after-restart"}});
        QVERIFY2(created.ok(), qPrintable(describe(created)));
        const std::string id = created.body.at("id").get<std::string>();
        QTRY_VERIFY_WITH_TIMEOUT(tree()->find(NodeTreeModel::Kind::Project, id).isValid(), 10000);
    }
};

QTEST_MAIN(LiveUpdateTest)
#include "LiveUpdateTest.moc"
