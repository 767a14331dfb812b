// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/MainWindow.h"

#include <algorithm>

#include <QLabel>

#include "ui/dialogs/AddNodeDialog.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/fleet/FleetLockdown.h"
#include "ui/fleet/Fleet.h"
#include "ui/fleet/FleetView.h"
#include "ui/node/NodeSession.h"
#include "ui/node/NodeView.h"
#include "ui_MainWindow.h"

namespace cowl::ui {

MainWindow::MainWindow(Fleet* fleet, bool insecureTokenStorage, QWidget* parent)
    : QMainWindow(parent), m_ui(std::make_unique<Ui::MainWindow>()), m_fleet(fleet),
      m_insecureTokenStorage(insecureTokenStorage) {
    m_ui->setupUi(this);
    setWindowIcon(QIcon(QStringLiteral(":/icons/cowl.svg")));
    m_ui->insecureBanner->setVisible(insecureTokenStorage);
    m_fleetView = new FleetView(fleet, m_ui->splitter);
    m_nodeView = new NodeView(m_ui->splitter);
    m_ui->splitter->addWidget(m_fleetView);
    m_ui->splitter->addWidget(m_nodeView);
    m_ui->splitter->setStretchFactor(0, 1);
    m_ui->splitter->setStretchFactor(1, 3);
    m_ui->splitter->setSizes({260, 840});

    connect(m_fleetView, &FleetView::currentSessionChanged, this, &MainWindow::showSession);
    connect(m_fleetView, &FleetView::addRequested, this, [this] { addNode(); });
    connect(m_fleetView, &FleetView::removeRequested, this, &MainWindow::removeNode);
    connect(m_ui->actionAddNode, &QAction::triggered, this, [this] { addNode(); });
    connect(m_ui->actionRemoveNode, &QAction::triggered, this, [this] {
        if (NodeSession* session = m_fleetView->currentSession()) {
            removeNode(session);
        }
    });
    connect(m_ui->actionQuit, &QAction::triggered, this, &QWidget::close);
    connect(m_ui->actionLockDownFleet, &QAction::triggered, this, &MainWindow::lockDownFleet);
    connect(m_fleetView, &FleetView::lockdownAllRequested, this, &MainWindow::lockDownFleet);
    connect(m_ui->actionNewProject, &QAction::triggered, m_nodeView, &NodeView::createProject);
    connect(m_ui->actionDeleteProject, &QAction::triggered, m_nodeView, &NodeView::deleteProject);
    connect(m_ui->actionNewContainer, &QAction::triggered, m_nodeView, &NodeView::createContainer);
    connect(m_ui->actionLockSelected, &QAction::triggered, m_nodeView, &NodeView::toggleSelectedLockdown);
    connect(m_ui->actionLockNode, &QAction::triggered, m_nodeView, &NodeView::toggleNodeLockdown);
    connect(m_ui->actionServerFacts, &QAction::triggered, this, [this] { m_nodeView->showFacts(true); });
    connect(m_ui->actionReload, &QAction::triggered, this, [this] {
        if (NodeSession* session = m_nodeView->session()) {
            session->reload();
        }
    });
    connect(fleet, &Fleet::sessionAdded, this, &MainWindow::watch);
    for (NodeSession* session : fleet->sessions()) {
        watch(session);
    }
    if (!fleet->sessions().isEmpty()) {
        m_fleetView->setCurrentSession(fleet->sessions().first());
    }
    connect(fleet, &Fleet::sessionAdded, this, &MainWindow::updateStatus);
    connect(fleet, &Fleet::sessionRemoved, this, &MainWindow::updateStatus);
    connect(fleet, &Fleet::sessionChanged, this, &MainWindow::updateStatus);
    statusBar()->addPermanentWidget(m_fleetStatus = new QLabel(this));
    updateStatus();
}

MainWindow::~MainWindow() = default;

void MainWindow::watch(NodeSession* session) {
    // The first node (or any added while none is selected) is shown at once.
    if (!m_fleetView->currentSession()) {
        m_fleetView->setCurrentSession(session);
    }
    connect(session, &NodeSession::fingerprintChanged, this, [this, session](const QString& message) {
        m_fleetView->setCurrentSession(session);
        MessageBox::warning(this, tr("Certificate changed — connection blocked"), message);
    });
    connect(session, &NodeSession::stateChanged, this, [this, session] {
        if (session->state() == NodeState::Connected) {
            statusBar()->showMessage(tr("%1: connected").arg(session->displayName()), 5000);
        }
    });
}

void MainWindow::updateStatus() {
    const auto& sessions = m_fleet->sessions();
    const auto connected = std::count_if(sessions.cbegin(), sessions.cend(), [](const NodeSession* session) {
        return session->state() == NodeState::Connected;
    });
    m_fleetStatus->setText(tr("%n node(s) in the fleet", nullptr, static_cast<int>(sessions.size())) +
                           QStringLiteral(", ") + tr("%n connected", nullptr, static_cast<int>(connected)));
}

void MainWindow::showSession(NodeSession* session) {
    m_nodeView->setSession(session);
    m_ui->actionRemoveNode->setEnabled(session != nullptr);
}

void MainWindow::addNode(const QString& text) {
    if (m_addNodeDialog) {
        m_addNodeDialog->raise();
        return;
    }
    auto* dialog = new AddNodeDialog(m_insecureTokenStorage, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    m_addNodeDialog = dialog;
    if (!text.isEmpty()) {
        dialog->setConnectionText(text);
    }
    // OK adds the node; the dialog closes only once it is in, so errors can be read and fixed.
    connect(dialog, &AddNodeDialog::submitted, this, [this, dialog] {
        if (!dialog->connection()) {
            return;
        }
        dialog->setEnabled(false);
        m_fleet->add(*dialog->connection(), dialog, [this, dialog](const Fleet::AddResult& result) {
            dialog->setEnabled(true);
            if (!result.ok) {
                dialog->showError(result.error);
                return;
            }
            m_fleetView->setCurrentSession(result.session);
            dialog->done(QDialog::Accepted);
        });
    });
    dialog->open();
}

void MainWindow::connectTo(const ConnectionString& connection) {
    m_fleet->add(connection, this, [this](const Fleet::AddResult& result) {
        if (!result.ok) {
            MessageBox::critical(this, tr("Node not added"), result.error);
            return;
        }
        m_fleetView->setCurrentSession(result.session);
    });
}

void MainWindow::lockDownFleet() {
    FleetLockdown::lockDownAll(this, m_fleet->sessions());
}

void MainWindow::removeNode(NodeSession* session) {
    const auto answer = MessageBox::question(
        this, tr("Remove node"),
        tr("Remove %1 (%2) from the fleet?\n\nIts token is deleted from the keychain; the node itself keeps "
           "running. To add it again you need a connection string.")
            .arg(session->displayName(), session->entry().endpoint.address()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    if (m_nodeView->session() == session) {
        m_nodeView->setSession(nullptr);
    }
    m_fleet->remove(session);
}

} // namespace cowl::ui
