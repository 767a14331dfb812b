// SPDX-License-Identifier: GPL-3.0-or-later
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

#include "ConsoleUnderTest.h"
#include "NodeProcess.h"
#include "ui/Resources.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/NodeView.h"
#include "ui/snapshots/ContainerSnapshots.h"
#include "ui/snapshots/CreateSnapshotDialog.h"
#include "ui/snapshots/ScheduleDialog.h"
#include "ui/snapshots/SnapshotPanel.h"

using namespace cowl::ui;

// A container's snapshot panel against a real node: what the node answers is
// what the panel shows — its list, or its refusal in its own words.
class SnapshotPanelTest : public QObject {
    Q_OBJECT

    NodeProcess m_node;
    std::unique_ptr<ConsoleUnderTest> m_console;
    std::unique_ptr<ApiClient> m_other;
    NodeSession* m_session = nullptr;
    QString m_containerId;

    SnapshotPanel* panel() const { return m_console->window->nodeView()->snapshotPanel(); }
    template <typename T>
    T* child(const char* name) const {
        return panel()->findChild<T*>(QString::fromLatin1(name));
    }
    QString path(const QString& suffix = {}) const {
        return QStringLiteral("/api/v1/containers/%1/snapshots%2").arg(m_containerId, suffix);
    }
    bool nodeHasSnapshots() {
        const ApiResponse list = apiCall(*m_other, "GET", path());
        return list.ok();
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
        QString projectId;
        QVERIFY2(createdShopWithWeb(*m_other, projectId, m_containerId, failure), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(m_console->window->nodeView()->select(m_containerId.toStdString()), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(panel()->snapshots()->containerId() == m_containerId.toStdString() &&
                                     !panel()->snapshots()->loading(),
                                 10000);
    }

    void cleanupTestCase() { m_console.reset(); }
    void cleanup() { MessageBox::setNextAnswer(std::nullopt); }

    // Whatever the node answers to the list, the panel shows: its error in its own words, or the list.
    void showsTheNodesAnswer() {
        const ApiResponse list = apiCall(*m_other, "GET", path());
        auto* error = child<QLabel>("errorLabel");
        if (!list.ok()) {
            QVERIFY(!error->isHidden());
            QVERIFY2(error->text().contains(list.error->message), qPrintable(error->text()));
            QVERIFY(!child<QPushButton>("createButton")->isEnabled());
            QCOMPARE(child<QTableView>("snapshotTable")->model()->rowCount(), 0);
            return;
        }
        QVERIFY(error->isHidden());
        QCOMPARE(child<QTableView>("snapshotTable")->model()->rowCount(), static_cast<int>(list.body.size()));
    }

    void createSendsLabelAndExpiry() {
        if (!nodeHasSnapshots()) {
            QSKIP("this cowl-node has no snapshot endpoints yet (the panel shows its refusal: see showsTheNodesAnswer)");
        }
        QTest::mouseClick(child<QPushButton>("createButton"), Qt::LeftButton);
        QPointer<CreateSnapshotDialog> dialog = panel()->findChild<CreateSnapshotDialog*>();
        QVERIFY(dialog);
        dialog->setLabel(QStringLiteral("before upgrade"));
        dialog->setExpiryDays(7);
        QTest::mouseClick(dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 60000);
        const ApiResponse list = apiCall(*m_other, "GET", path());
        QVERIFY2(list.ok(), qPrintable(describe(list)));
        QCOMPARE(list.body.size(), std::size_t{1});
        QCOMPARE(list.body[0].at("label").get<std::string>(), std::string("before upgrade"));
        QVERIFY(list.body[0].at("expires_at").is_string());
        QTRY_VERIFY2_WITH_TIMEOUT(child<QTableView>("snapshotTable")->model()->rowCount() == 1,
                                  qPrintable(panel()->snapshots()->listError()), 10000);
        QCOMPARE(child<QTableView>("snapshotTable")->model()->index(0, 2).data().toString(), QStringLiteral("before upgrade"));
    }

    void deleteAsksFirst() {
        if (!nodeHasSnapshots()) {
            QSKIP("this cowl-node has no snapshot endpoints yet");
        }
        auto* table = child<QTableView>("snapshotTable");
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000);
        table->selectRow(0);
        MessageBox::setNextAnswer(QMessageBox::Cancel);
        QTest::mouseClick(child<QPushButton>("deleteButton"), Qt::LeftButton);
        QTest::qWait(700);
        QCOMPARE(apiCall(*m_other, "GET", path()).body.size(), std::size_t{1});

        // Restore says what is lost; cancelled, nothing happens.
        QTest::mouseClick(child<QPushButton>("restoreButton"), Qt::LeftButton);
        QVERIFY(MessageBox::lastText().contains(QStringLiteral("Everything written to the container since")));

        MessageBox::setNextAnswer(QMessageBox::Yes);
        QTest::mouseClick(child<QPushButton>("deleteButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 0, 30000);
        QCOMPARE(apiCall(*m_other, "GET", path()).body.size(), std::size_t{0});
    }

    // Restore, confirmed: the node answers when the container is back, and the panel says so.
    void restoreConfirmed() {
        if (!nodeHasSnapshots()) {
            QSKIP("this cowl-node has no snapshot endpoints yet");
        }
        const ApiResponse taken = apiCall(*m_other, "POST", path(), {{"label", "known good"}});
        QVERIFY2(taken.ok(), qPrintable(describe(taken)));
        auto* table = child<QTableView>("snapshotTable");
        QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), 1, 10000); // from the snapshot event
        table->selectRow(0);
        MessageBox::setNextAnswer(QMessageBox::Yes);
        const int shown = MessageBox::shownCount();
        QTest::mouseClick(child<QPushButton>("restoreButton"), Qt::LeftButton);
        const QString name = QString::fromStdString(taken.body.at("name").get<std::string>());
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("statusLabel")->text() == QStringLiteral("Restored %1.").arg(name) ||
                                     MessageBox::shownCount() > shown + 1,
                                 120000);
        QCOMPARE(MessageBox::shownCount(), shown + 1); // the question only, no refusal
    }

    // While a snapshot is being made the node lists the complete ones; the panel
    // shows them, no error, and the new one once it is done.
    void listDuringAnOperationShowsWhatIsComplete() {
        if (!nodeHasSnapshots()) {
            QSKIP("this cowl-node has no snapshot endpoints yet");
        }
        // Many files make the copy (plain directory storage) last long enough to list during it.
        const QString rootfs = QDir(m_node.stateDir()).filePath(QStringLiteral("containers/%1/rootfs").arg(m_containerId));
        QVERIFY2(QDir(rootfs).mkpath(QStringLiteral("bulk")), qPrintable(rootfs));
        for (int i = 0; i < 6000; ++i) {
            QFile file(QStringLiteral("%1/bulk/%2").arg(rootfs).arg(i));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        }
        const ApiResponse before = apiCall(*m_other, "GET", path());
        QVERIFY2(before.ok() && !before.body.empty(), qPrintable(describe(before)));
        int complete = static_cast<int>(before.body.size());
        // A snapshot request for a name that does not exist: 409 busy while an operation runs, 404 otherwise.
        auto operationRuns = [this] {
            const ApiResponse probe = apiCall(*m_other, "DELETE", path(QStringLiteral("/snap-20000101-000000")));
            return !probe.ok() && probe.error->httpStatus == 409;
        };
        auto* table = child<QTableView>("snapshotTable");
        bool listedDuring = false;
        for (int attempt = 0; attempt < 5 && !listedDuring; ++attempt) {
            QTest::qWait(1100); // one snapshot per second
            std::optional<ApiResponse> made;
            QObject context;
            m_other->post(path(), nlohmann::json::object(), &context, [&made](const ApiResponse& r) { made = r; });
            QVERIFY(QTest::qWaitFor([&] { return made.has_value() || operationRuns(); }, 30000));
            if (!made) {
                panel()->snapshots()->reload();
                QVERIFY(QTest::qWaitFor([this] { return !panel()->snapshots()->loading(); }, 10000));
                listedDuring = !made && operationRuns();
                if (listedDuring) {
                    QVERIFY2(panel()->snapshots()->listError().isEmpty(), qPrintable(panel()->snapshots()->listError()));
                    QVERIFY(child<QLabel>("errorLabel")->isHidden());
                    QCOMPARE(table->model()->rowCount(), complete);
                }
            }
            QVERIFY(QTest::qWaitFor([&made] { return made.has_value(); }, 120000));
            if (!made->ok() && made->error && made->error->httpStatus == 409 && !listedDuring) {
                // The probe's DELETE holds the container's operation slot for
                // an instant; a POST landing then is refused busy. Try again.
                continue;
            }
            QVERIFY2(made->ok(), qPrintable(describe(*made)));
            ++complete;
            QTRY_COMPARE_WITH_TIMEOUT(table->model()->rowCount(), complete, 10000); // from the snapshot event
        }
        QVERIFY2(listedDuring, "no list overlapped a snapshot operation: make the copy slower");
    }

    void scheduleEditorWritesTheContainersOwn() {
        const ApiResponse effective = apiCall(*m_other, "GET", path(QStringLiteral("/schedule/effective")));
        if (!effective.ok()) {
            QVERIFY(panel()->snapshots()->scheduleError().contains(effective.error->message));
            QSKIP("this cowl-node has no snapshot schedules yet (the panel shows its refusal)");
        }
        QTest::mouseClick(child<QPushButton>("scheduleButton"), Qt::LeftButton);
        QPointer<ScheduleDialog> dialog = panel()->scheduleDialog();
        QVERIFY(dialog);
        auto spin = [&dialog](const char* name) { return dialog->findChild<QSpinBox*>(QString::fromLatin1(name)); };
        for (const char* tier : {"hourlySpin", "dailySpin", "weeklySpin", "monthlySpin"}) {
            spin(tier)->setValue(0);
        }
        QPushButton* save = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save);
        QVERIFY(!save->isEnabled()); // at least one tier
        spin("hourlySpin")->setValue(3);
        spin("dailySpin")->setValue(2);
        dialog->findChild<QCheckBox*>(QStringLiteral("pruneLabelledCheck"))->setChecked(true);
        QVERIFY(save->isEnabled());
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);

        const ApiResponse own = apiCall(*m_other, "GET", path(QStringLiteral("/schedule")));
        QVERIFY2(own.ok(), qPrintable(describe(own)));
        QCOMPARE(own.body.at("retention").at("hourly").get<int>(), 3);
        QCOMPARE(own.body.at("retention").at("daily").get<int>(), 2);
        QCOMPARE(own.body.at("retention").at("weekly").get<int>(), 0);
        QCOMPARE(own.body.at("prune_labelled").get<bool>(), true);
        QTRY_VERIFY_WITH_TIMEOUT(child<QLabel>("scheduleLabel")->text().startsWith(QStringLiteral("Own schedule")), 10000);

        // Back to the project's: the container's own is removed on the node.
        QTest::mouseClick(child<QPushButton>("scheduleButton"), Qt::LeftButton);
        dialog = panel()->scheduleDialog();
        QVERIFY(dialog);
        auto* useProject = dialog->findChild<QPushButton*>(QStringLiteral("removeOwnButton"));
        QVERIFY(useProject->isVisible());
        QTest::mouseClick(useProject, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog, 10000);
        const ApiResponse gone = apiCall(*m_other, "GET", path(QStringLiteral("/schedule")));
        QVERIFY(!gone.ok());
        QCOMPARE(gone.error->httpStatus, 404);
    }
};

QTEST_MAIN(SnapshotPanelTest)
#include "SnapshotPanelTest.moc"
