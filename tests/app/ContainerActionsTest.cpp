// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/dialogs/CreateContainerDialog.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/NodeTreeModel.h"
#include "ui/node/NodeView.h"

using namespace cowl::ui;

// The create-container dialog and the container actions against a real
// node: live validation, the request the node receives, the node's refusal
// on the field it names, and confirmations for the destructive actions.
class ContainerActionsTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    std::unique_ptr<ApiClient> m_other;
    NodeSession* m_session = nullptr;
    QString m_projectId;

    NodeView* view() const { return m_console->window->nodeView(); }

    CreateContainerDialog* openDialog() {
        if (!view()->select(m_projectId.toStdString())) {
            return nullptr;
        }
        QTest::mouseClick(view()->findChild<QPushButton*>(QStringLiteral("newContainerButton")), Qt::LeftButton);
        return view()->findChild<CreateContainerDialog*>();
    }

    template <typename T>
    static T* child(QWidget* parent, const char* name) {
        return parent->findChild<T*>(QString::fromLatin1(name));
    }

    static QPushButton* okButton(CreateContainerDialog* dialog) {
        return dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
    }

    std::string containerNamed(const std::string& name) const {
        for (const auto* container : m_session->snapshot().containersIn(m_projectId.toStdString())) {
            if (container->name == name) {
                return container->id;
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
        m_other = clientFor(m_node.connection());
        m_projectId = createdId(*m_other, QStringLiteral("/api/v1/projects"), {{"name", "shop"}}, failure);
        QVERIFY2(!m_projectId.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(view()->select(m_projectId.toStdString()), 10000);
    }

    void cleanupTestCase() { m_console.reset(); }
    void cleanup() {
        MessageBox::setNextAnswer(std::nullopt);
        for (auto* dialog : view()->findChildren<CreateContainerDialog*>()) {
            delete dialog;
        }
    }

    void dialogValidatesAsTyped() {
        QPointer<CreateContainerDialog> dialog = openDialog();
        QVERIFY(dialog);
        auto* name = child<QLineEdit>(dialog, "nameEdit");
        auto* nameError = child<QLabel>(dialog, "nameError");
        QVERIFY(!okButton(dialog)->isEnabled()); // nothing typed yet
        name->setText(QStringLiteral("Web_1"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!nameError->text().isEmpty());
        name->setText(QStringLiteral("web-1"));
        QVERIFY(okButton(dialog)->isEnabled());
        QVERIFY(nameError->text().isEmpty());

        auto* memory = child<QSpinBox>(dialog, "memorySpin");
        memory->setValue(8);
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(child<QLabel>(dialog, "limitsError")->text().contains(QStringLiteral("memory_mb")));
        memory->setValue(256);
        QVERIFY(okButton(dialog)->isEnabled());

        auto* templates = child<QComboBox>(dialog, "templateCombo");
        templates->setCurrentIndex(2); // local tarball
        QVERIFY(!okButton(dialog)->isEnabled());
        child<QLineEdit>(dialog, "tarballEdit")->setText(QStringLiteral("images/rootfs.tar"));
        QVERIFY(!okButton(dialog)->isEnabled());
        QVERIFY(!child<QLabel>(dialog, "templateError")->text().isEmpty());
        child<QLineEdit>(dialog, "tarballEdit")->setText(QStringLiteral("/srv/rootfs.tar.xz"));
        QVERIFY(okButton(dialog)->isEnabled());
        QCOMPARE(dialog->request().at("template").get<std::string>(), std::string("/srv/rootfs.tar.xz"));
    }

    void dialogSendsTheRequest() {
        QPointer<CreateContainerDialog> dialog = openDialog();
        QVERIFY(dialog);
        child<QLineEdit>(dialog, "nameEdit")->setText(QStringLiteral("api"));
        child<QSpinBox>(dialog, "memorySpin")->setValue(256);
        child<QDoubleSpinBox>(dialog, "cpusSpin")->setValue(0.5);
        child<QCheckBox>(dialog, "autostartCheck")->setChecked(true);
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 15000);
        const std::string id = containerNamed("api");
        QVERIFY(!id.empty());
        QCOMPARE(view()->selectedContainerId(), id);

        const ApiResponse onNode = apiCall(*m_other, "GET", QStringLiteral("/api/v1/containers/%1").arg(QString::fromStdString(id)));
        QVERIFY2(onNode.ok(), qPrintable(describe(onNode)));
        QCOMPARE(onNode.body.at("template").get<std::string>(), std::string("busybox"));
        QCOMPARE(onNode.body.at("autostart").get<bool>(), true);
        QCOMPARE(onNode.body.at("limits").at("memory_mb").get<int>(), 256);
        QCOMPARE(onNode.body.at("limits").at("cpus").get<double>(), 0.5);
    }

    void refusalShowsOnTheField() {
        QVERIFY(!containerNamed("api").empty());
        QPointer<CreateContainerDialog> dialog = openDialog();
        QVERIFY(dialog);
        child<QLineEdit>(dialog, "nameEdit")->setText(QStringLiteral("api"));
        QTest::mouseClick(okButton(dialog), Qt::LeftButton);
        auto* nameError = child<QLabel>(dialog, "nameError");
        QTRY_VERIFY_WITH_TIMEOUT(!nameError->text().isEmpty(), 10000);
        QVERIFY(dialog);

        const ApiResponse refused = apiCall(*m_other, "POST", QStringLiteral("/api/v1/projects/%1/containers").arg(m_projectId),
                                            {{"name", "api"}, {"template", "busybox"}});
        QVERIFY(!refused.ok());
        QCOMPARE(refused.error->httpStatus, 409);
        QCOMPARE(refused.error->field, QStringLiteral("name"));
        QCOMPARE(nameError->text(), refused.error->message);
    }

    void forceStopAsksFirst() {
        const std::string id = containerNamed("api");
        QVERIFY(view()->select(id));
        auto* forceStop = view()->findChild<QPushButton*>(QStringLiteral("forceStopButton"));
        QVERIFY(forceStop->isVisible() && forceStop->isEnabled());
        const int shown = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(forceStop, Qt::LeftButton);
        QCOMPARE(MessageBox::shownCount(), shown + 1);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("may be lost")));
        QTest::qWait(700);
        QCOMPARE(MessageBox::shownCount(), shown + 1); // nothing sent, so no refusal either
    }

    // Start reaches the node: it either starts the container or says why not, in its own words.
    void startShowsTheNodesAnswer() {
        const std::string id = containerNamed("api");
        QVERIFY(view()->select(id));
        const int shown = MessageBox::shownCount();
        MessageBox::setNextAnswer(QMessageBox::Ok); // a refusal must not block the test
        QTest::mouseClick(view()->findChild<QPushButton*>(QStringLiteral("startButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(MessageBox::shownCount() > shown ||
                                     m_session->snapshot().container(id)->status == cowl::ContainerStatus::Running,
                                 60000);
        if (MessageBox::shownCount() > shown) {
            const ApiResponse direct =
                apiCall(*m_other, "POST", QStringLiteral("/api/v1/containers/%1/start").arg(QString::fromStdString(id)));
            QVERIFY(!direct.ok());
            QCOMPARE(MessageBox::lastTitle(), QStringLiteral("Container action failed"));
            QVERIFY2(MessageBox::lastText().contains(direct.error->message), qPrintable(MessageBox::lastText()));
            qInfo("the node refused to start: %s", qPrintable(direct.error->message));
            return;
        }
        qInfo("the node started the container");
        // A node with a container runtime: it runs (LXC, busybox); Stop and Restart are offered, Start is not.
        QVERIFY(view()->findChild<QPushButton*>(QStringLiteral("stopButton"))->isEnabled());
        QVERIFY(!view()->findChild<QPushButton*>(QStringLiteral("startButton"))->isEnabled());
        const ApiResponse onNode = apiCall(*m_other, "GET", QStringLiteral("/api/v1/containers/%1").arg(QString::fromStdString(id)));
        QCOMPARE(onNode.body.at("status").get<std::string>(), std::string("running"));
        QTest::mouseClick(view()->findChild<QPushButton*>(QStringLiteral("stopButton")), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(m_session->snapshot().container(id)->status == cowl::ContainerStatus::Stopped, 60000);
        QCOMPARE(MessageBox::shownCount(), shown);
    }

    void deleteSaysWhatIsLost() {
        const std::string id = containerNamed("api");
        QVERIFY(view()->select(id));
        auto* remove = view()->findChild<QPushButton*>(QStringLiteral("deleteContainerButton"));
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(remove, Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("root filesystem")));
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("snapshots")));
        QTest::qWait(700);
        const QString path = QStringLiteral("/api/v1/containers/%1").arg(QString::fromStdString(id));
        QVERIFY(apiCall(*m_other, "GET", path).ok());

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(remove, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!m_session->snapshot().container(id), 30000);
        const ApiResponse gone = apiCall(*m_other, "GET", path);
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error->httpStatus, 404);
        QVERIFY(!view()->model()->find(NodeTreeModel::Kind::Container, id).isValid());
    }
};

QTEST_MAIN(ContainerActionsTest)
#include "ContainerActionsTest.moc"
