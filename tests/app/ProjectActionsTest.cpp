// SPDX-License-Identifier: GPL-3.0-or-later
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/dialogs/CreateProjectDialog.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/NodeTreeModel.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

// Create and delete projects through the node view against a real node;
// refusals show the node's own message.
class ProjectActionsTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    NodeSession* m_session = nullptr;

    NodeView* view() const { return m_console->window->nodeView(); }

    CreateProjectDialog* openCreateDialog() {
        view()->createProject();
        return view()->findChild<CreateProjectDialog*>();
    }

    static void submit(CreateProjectDialog* dialog, const QString& name) {
        dialog->setName(name);
        QPushButton* ok = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(ok->isEnabled());
        QTest::mouseClick(ok, Qt::LeftButton);
    }

    std::string projectNamed(const std::string& name) const {
        for (const auto& realm : m_session->snapshot().realms()) {
            for (const auto* project : m_session->snapshot().projectsIn(realm.id)) {
                if (project->name == name) {
                    return project->id;
                }
            }
        }
        return {};
    }

private slots:
    void initTestCase() {
        initResources();
        COWL_START_NODE(m_node);
        m_console = std::make_unique<ConsoleUnderTest>();
        QString failure;
        m_session = m_console->showConnected(m_node.connection(), failure);
        QVERIFY2(m_session, qPrintable(failure));
    }

    void cleanupTestCase() { m_console.reset(); }
    void cleanup() { MessageBox::setNextAnswer(std::nullopt); }

    void createThroughTheDialog() {
        QPointer<CreateProjectDialog> dialog = openCreateDialog();
        QVERIFY(dialog);
        submit(dialog, QStringLiteral("shop"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000); // closed once the node said yes
        const std::string id = projectNamed("shop");
        QVERIFY(!id.empty());
        QVERIFY(view()->model()->find(NodeTreeModel::Kind::Project, id).isValid());
        QCOMPARE(view()->selectedProjectId(), id);

        // The node has it too.
        ApiClient direct(endpointOf(m_node.connection()), QByteArray::fromStdString(m_node.connection().token));
        const ApiResponse fetched = apiCall(direct, "GET", QStringLiteral("/api/v1/projects/%1").arg(QString::fromStdString(id)));
        QVERIFY2(fetched.ok(), qPrintable(describe(fetched)));
        QCOMPARE(fetched.body.at("name").get<std::string>(), std::string("shop"));
    }

    void refusedNameShowsTheNodesMessage() {
        QVERIFY(!projectNamed("shop").empty());
        QPointer<CreateProjectDialog> dialog = openCreateDialog();
        QVERIFY(dialog);
        submit(dialog, QStringLiteral("shop"));
        const QLabel* error = dialog->findChild<QLabel*>(QStringLiteral("errorLabel"));
        QTRY_VERIFY_WITH_TIMEOUT(!error->text().isEmpty(), 10000);
        QVERIFY(dialog); // stays open for a fix

        // Exactly what the node answers to the same request.
        ApiClient direct(endpointOf(m_node.connection()), QByteArray::fromStdString(m_node.connection().token));
        const ApiResponse refused = apiCall(direct, "POST", QStringLiteral("/api/v1/projects"), {{"name", "shop"}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error->httpStatus, 409);
        QCOMPARE(error->text(), refused.error->displayText());

        submit(dialog, QStringLiteral("shop-two"));
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
        QVERIFY(!projectNamed("shop-two").empty());
    }

    void deleteAsksFirst() {
        const std::string id = projectNamed("shop-two");
        QVERIFY(!id.empty());
        QVERIFY(view()->select(id));
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        view()->deleteProject();
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("shop-two")));
        QTest::qWait(500);
        QVERIFY(m_session->snapshot().project(id));

        MessageBox::setNextAnswer(QMessageBox::Yes);
        view()->deleteProject();
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->snapshot().project(id), 10000);
        QVERIFY(!view()->model()->find(NodeTreeModel::Kind::Project, id).isValid());
        ApiClient direct(endpointOf(m_node.connection()), QByteArray::fromStdString(m_node.connection().token));
        const ApiResponse gone = apiCall(direct, "GET", QStringLiteral("/api/v1/projects/%1").arg(QString::fromStdString(id)));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error->httpStatus, 404);
    }

    // The node refuses to delete a project with containers: its message is what the user reads.
    void refusedDeleteShowsTheNodesMessage() {
        ApiClient direct(endpointOf(m_node.connection()), QByteArray::fromStdString(m_node.connection().token));
        const ApiResponse project = apiCall(direct, "POST", QStringLiteral("/api/v1/projects"), {{"name", "busy"}});
        QVERIFY2(project.ok(), qPrintable(describe(project)));
        const std::string id = project.body.at("id").get<std::string>();
        const QString path = QStringLiteral("/api/v1/projects/%1").arg(QString::fromStdString(id));
        const ApiResponse container = apiCall(direct, "POST", path + QStringLiteral("/containers"),
                                              {{"name", "web"}, {"template", "busybox"}});
        QVERIFY2(container.ok(), qPrintable(describe(container)));
        QTRY_VERIFY_WITH_TIMEOUT(view()->select(id), 10000);

        const int shownBefore = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Yes);
        view()->deleteProject();
        QTRY_COMPARE_WITH_TIMEOUT(MessageBox::shownCount(), shownBefore + 2, 10000); // the question, then the refusal
        QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Project not deleted"));
        const ApiResponse refused = apiCall(direct, "DELETE", path);
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error->httpStatus, 409);
        QVERIFY(MessageBox::lastText().contains(refused.error->displayText()));
        QVERIFY(m_session->snapshot().project(id));
    }
};

QTEST_MAIN(ProjectActionsTest)
#include "ProjectActionsTest.moc"
