// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/NodeView.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QToolButton>

#include "ui/access/AccessPanel.h"
#include "ui/api/ApiResponse.h"
#include "ui/api/NodeEndpoint.h"
#include "ui/dialogs/CreateContainerDialog.h"
#include "ui/dialogs/CreateProjectDialog.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/ContainerStatusText.h"
#include "ui/node/LockdownPrompt.h"
#include "ui/node/NodeSession.h"
#include "ui/node/NodeTreeModel.h"
#include "ui/node/ServerFactsView.h"
#include "ui/snapshots/SnapshotPanel.h"
#include "ui_NodeView.h"

namespace cowl::ui {

namespace {
const char* const kBannerWarning = "background: #fff4ce; color: #4a3b00; border: 1px solid #e0c060;";
const char* const kBannerBlocked = "background: #fde7e9; color: #8a0010; border: 1px solid #d0646e;";
const char* const kLockBadge = "background: #b00020; color: white; border-radius: 3px; padding: 2px 6px; font-weight: bold;";
} // namespace

NodeView::NodeView(QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::NodeView>()), m_model(new NodeTreeModel(this)),
      m_snapshotPanel(new SnapshotPanel(this)), m_factsView(new ServerFactsView(this)),
      m_accessPanel(new AccessPanel(this)) {
    m_ui->setupUi(this);
    m_ui->nodeTabs->addTab(m_factsView, tr("Server facts"));
    m_ui->detailTabs->addTab(m_snapshotPanel, tr("Snapshots"));
    m_ui->detailTabs->addTab(m_accessPanel, tr("Access"));
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->nodeTree->setModel(m_model);
    // Names first: the details column takes what is left and elides.
    m_ui->nodeTree->header()->setSectionResizeMode(NodeTreeModel::NameColumn, QHeaderView::ResizeToContents);
    m_ui->nodeTree->header()->setSectionResizeMode(NodeTreeModel::StatusColumn, QHeaderView::ResizeToContents);
    m_ui->nodeTree->header()->setSectionResizeMode(NodeTreeModel::DetailColumn, QHeaderView::Stretch);
    m_ui->nodeTree->header()->setStretchLastSection(true);
    m_ui->splitter->setStretchFactor(0, 2);
    m_ui->splitter->setStretchFactor(1, 3);
    m_ui->splitter->setSizes({290, 540});

    connect(m_ui->nodeTree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                m_selectedId = current.isValid()
                                   ? current.data(NodeTreeModel::IdRole).toString().toStdString()
                                   : std::string();
                updateDetails();
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &NodeView::restoreSelection);
    connect(m_ui->newProjectButton, &QPushButton::clicked, this, &NodeView::createProject);
    connect(m_ui->deleteProjectButton, &QPushButton::clicked, this, &NodeView::deleteProject);
    connect(m_ui->reloadButton, &QPushButton::clicked, this, [this] {
        if (m_session) {
            m_session->reload();
        }
    });
    connect(m_ui->newContainerButton, &QPushButton::clicked, this, &NodeView::createContainer);
    connect(m_ui->deleteContainerButton, &QPushButton::clicked, this, &NodeView::deleteContainer);
    connect(m_ui->startButton, &QPushButton::clicked, this, [this] { containerAction(QStringLiteral("start")); });
    connect(m_ui->stopButton, &QPushButton::clicked, this, [this] { containerAction(QStringLiteral("stop")); });
    connect(m_ui->restartButton, &QPushButton::clicked, this, [this] { containerAction(QStringLiteral("restart")); });
    connect(m_ui->forceStopButton, &QPushButton::clicked, this, [this] { containerAction(QStringLiteral("force-stop")); });
    connect(m_ui->lockButton, &QPushButton::clicked, this, &NodeView::toggleSelectedLockdown);
    connect(m_ui->nodeLockButton, &QPushButton::clicked, this, &NodeView::toggleNodeLockdown);
    m_ui->nodeLockBadge->setStyleSheet(QString::fromLatin1(kLockBadge));
    m_ui->detailLockBadge->setStyleSheet(QString::fromLatin1(kLockBadge));
    setSession(nullptr);
}

NodeView::~NodeView() = default;

void NodeView::setSession(NodeSession* session) {
    if (m_session) {
        m_session->disconnect(this);
    }
    m_session = session;
    m_selectedId.clear();
    if (session) {
        connect(session, &NodeSession::stateChanged, this, &NodeView::updateHeader);
        connect(session, &NodeSession::factsChanged, this, &NodeView::updateHeader);
        connect(session, &NodeSession::snapshotChanged, this, &NodeView::updateDetails);
        connect(session, &NodeSession::snapshotChanged, this, &NodeView::updateHeader);
    }
    m_model->setSession(session);
    m_factsView->setSession(session);
    updateHeader();
    updateDetails();
}

void NodeView::updateHeader() {
    if (!m_session) {
        m_ui->titleLabel->setText(tr("No node selected"));
        m_ui->infoLabel->setText(tr("Add a node with its connection string, or pick one from the fleet."));
        m_ui->stateBanner->hide();
        m_ui->lockBanner->hide();
        m_ui->nodeLockBadge->hide();
        m_ui->nodeLockButton->setEnabled(false);
        m_ui->newProjectButton->setEnabled(false);
        m_ui->reloadButton->setEnabled(false);
        return;
    }
    const ServerFacts& facts = m_session->facts();
    m_ui->titleLabel->setText(m_session->displayName());
    QStringList info;
    info << tr("Address %1").arg(m_session->entry().endpoint.address());
    if (!facts.domain.empty()) {
        info << tr("domain %1").arg(QString::fromStdString(facts.domain));
    }
    if (!facts.version.empty()) {
        info << tr("cowl-node %1").arg(QString::fromStdString(facts.version));
    }
    if (!facts.kernel.empty()) {
        info << tr("kernel %1").arg(QString::fromStdString(facts.kernel));
    }
    m_ui->infoLabel->setText(info.join(QStringLiteral(" · ")) + QLatin1Char('\n') +
                             tr("Pinned fingerprint %1").arg(formatFingerprint(m_session->entry().endpoint.fingerprint)));

    QString banner;
    const char* style = kBannerWarning;
    switch (m_session->state()) {
    case NodeState::Connected:
        if (!m_session->eventsLive()) {
            banner = tr("Live updates are paused: the event stream is reconnecting. What you see may be out of date.");
        }
        break;
    case NodeState::Idle:
    case NodeState::Connecting:
        banner = tr("Connecting to %1…").arg(m_session->entry().endpoint.address());
        break;
    case NodeState::Failed:
        banner = tr("Not connected: %1").arg(m_session->stateReason());
        break;
    case NodeState::Blocked:
        banner = m_session->stateReason();
        style = kBannerBlocked;
        break;
    }
    m_ui->stateBanner->setStyleSheet(QString::fromLatin1(style));
    m_ui->stateBanner->setText(banner);
    m_ui->stateBanner->setVisible(!banner.isEmpty());
    const bool connected = m_session->state() == NodeState::Connected;
    m_ui->newProjectButton->setEnabled(connected);
    m_ui->reloadButton->setEnabled(m_session->state() != NodeState::Blocked);
    const bool nodeLocked = m_session->snapshot().lockedDown(NodeSnapshot::kNodeOwner);
    m_ui->nodeLockBadge->setText(tr("Locked down"));
    m_ui->nodeLockBadge->setVisible(nodeLocked);
    m_ui->lockBanner->setText(tr("Lockdown: the proxy of this node is off. Every URL of every container answers "
                                 "503; the containers keep running."));
    m_ui->lockBanner->setVisible(nodeLocked);
    m_ui->nodeLockButton->setEnabled(connected);
    m_ui->nodeLockButton->setText(LockdownPrompt::buttonText(m_session, NodeSnapshot::kNodeOwner));
    updateDetails();
}

void NodeView::showDetailTab(int index) {
    m_ui->detailTabs->setCurrentIndex(index);
}

void NodeView::showFacts(bool facts) {
    m_ui->nodeTabs->setCurrentWidget(facts ? static_cast<QWidget*>(m_factsView) : m_ui->objectsTab);
}

bool NodeView::select(const std::string& id) {
    for (auto kind : {NodeTreeModel::Kind::Container, NodeTreeModel::Kind::Project, NodeTreeModel::Kind::Realm}) {
        const QModelIndex index = m_model->find(kind, id);
        if (index.isValid()) {
            m_ui->nodeTree->setCurrentIndex(index);
            return true;
        }
    }
    return false;
}

void NodeView::restoreSelection() {
    m_ui->nodeTree->expandAll();
    const std::string wanted = m_selectedId;
    if (wanted.empty() || !select(wanted)) {
        m_selectedId.clear();
        updateDetails();
    }
}

std::string NodeView::selectedProjectId() const {
    if (!m_session || m_selectedId.empty()) {
        return {};
    }
    const NodeSnapshot& snapshot = m_session->snapshot();
    if (snapshot.project(m_selectedId)) {
        return m_selectedId;
    }
    if (const Container* container = snapshot.container(m_selectedId)) {
        return container->projectId;
    }
    return {};
}

QString NodeView::selectedRealmId() const {
    if (!m_session || m_selectedId.empty()) {
        return {};
    }
    const NodeSnapshot& snapshot = m_session->snapshot();
    if (const Project* project = snapshot.project(selectedProjectId())) {
        return QString::fromStdString(project->realmId);
    }
    return QString::fromStdString(m_selectedId); // a realm row, or nothing the combo knows
}

std::string NodeView::selectedContainerId() const {
    if (!m_session || m_selectedId.empty() || !m_session->snapshot().container(m_selectedId)) {
        return {};
    }
    return m_selectedId;
}

void NodeView::updateActions() {
    const bool connected = m_session && m_session->state() == NodeState::Connected;
    const std::string containerId = selectedContainerId();
    const std::string projectId = selectedProjectId();
    const Container* container = containerId.empty() ? nullptr : m_session->snapshot().container(containerId);
    const bool isProject = !projectId.empty() && containerId.empty();
    m_ui->deleteProjectButton->setEnabled(connected && !projectId.empty());
    for (QWidget* button : {static_cast<QWidget*>(m_ui->startButton), static_cast<QWidget*>(m_ui->stopButton),
                            static_cast<QWidget*>(m_ui->restartButton), static_cast<QWidget*>(m_ui->forceStopButton),
                            static_cast<QWidget*>(m_ui->deleteContainerButton)}) {
        button->setVisible(container != nullptr);
    }
    m_ui->newContainerButton->setVisible(isProject);
    m_ui->newContainerButton->setEnabled(connected);
    m_ui->lockButton->setVisible(container || isProject);
    m_ui->lockButton->setEnabled(connected);
    m_ui->detailTabs->setVisible(container != nullptr);
    m_ui->detailsSpacer->changeSize(0, 0, QSizePolicy::Minimum,
                                    container ? QSizePolicy::Fixed : QSizePolicy::Expanding);
    m_snapshotPanel->setContainer(container ? m_session.data() : nullptr, containerId);
    m_accessPanel->setContainer(container ? m_session.data() : nullptr, containerId);
    if (container || isProject) {
        m_ui->lockButton->setText(LockdownPrompt::buttonText(m_session, container ? containerId : projectId));
    }
    if (container) {
        const bool busy = container->status == ContainerStatus::Creating || container->status == ContainerStatus::Deleting;
        const bool running = container->status == ContainerStatus::Running;
        m_ui->startButton->setEnabled(connected && !busy && !running);
        m_ui->stopButton->setEnabled(connected && running);
        m_ui->restartButton->setEnabled(connected && running);
        m_ui->forceStopButton->setEnabled(connected && !busy);
        m_ui->deleteContainerButton->setEnabled(connected && container->status != ContainerStatus::Deleting);
    }
}

void NodeView::showLockBadge(const std::string& id) {
    const NodeSnapshot& snapshot = m_session->snapshot();
    QString badge;
    if (snapshot.container(id)) {
        switch (snapshot.lockdownOf(id)) {
        case Lockdown::None:
            break;
        case Lockdown::Container:
            badge = tr("Locked down");
            break;
        case Lockdown::Project:
            badge = tr("Locked down (project)");
            break;
        case Lockdown::Node:
            badge = tr("Locked down (node)");
            break;
        }
    } else if (snapshot.project(id)) {
        if (snapshot.lockedDown(NodeSnapshot::kNodeOwner)) {
            badge = tr("Locked down (node)");
        } else if (snapshot.lockedDown(id)) {
            badge = tr("Locked down");
        }
    }
    m_ui->detailLockBadge->setText(badge);
    m_ui->detailLockBadge->setVisible(!badge.isEmpty());
}

void NodeView::updateDetails() {
    clearUrls();
    m_ui->copiedLabel->clear();
    const bool connected = m_session && m_session->state() == NodeState::Connected;
    updateActions();
    m_ui->detailLockBadge->hide();
    if (!m_session || m_selectedId.empty()) {
        m_ui->detailTitle->setText(QString());
        m_ui->detailText->setText(m_session && connected
                                      ? tr("%n project(s), ", nullptr, static_cast<int>(m_session->snapshot().projectCount())) +
                                            tr("%n container(s). Select one to see its details.", nullptr,
                                               static_cast<int>(m_session->snapshot().containerCount()))
                                      : QString());
        m_ui->urlsBox->hide();
        return;
    }
    const NodeSnapshot& snapshot = m_session->snapshot();
    showLockBadge(m_selectedId);
    if (const Container* container = snapshot.container(m_selectedId)) {
        m_ui->detailTitle->setText(tr("<b>Container %1</b>").arg(QString::fromStdString(container->name).toHtmlEscaped()));
        QString text = tr("State: %1").arg(ContainerStatusText::label(container->status));
        if (!container->statusReason.empty()) {
            text += QStringLiteral(" — ") + QString::fromStdString(container->statusReason);
        }
        text += QLatin1Char('\n') + tr("Template: %1").arg(QString::fromStdString(container->templateName));
        text += QLatin1Char('\n') + tr("Limits: %1 MiB memory, %2 CPUs")
                                        .arg(container->limits.memoryMb)
                                        .arg(container->limits.cpus);
        text += QLatin1Char('\n') + (container->autostart ? tr("Starts with the node") : tr("Started by hand"));
        text += QLatin1Char('\n') + tr("Id: %1").arg(QString::fromStdString(container->id));
        m_ui->detailText->setText(text);
        showUrls(container->id);
        return;
    }
    m_ui->urlsBox->hide();
    if (const Project* project = snapshot.project(m_selectedId)) {
        m_ui->detailTitle->setText(tr("<b>Project %1</b>").arg(QString::fromStdString(project->name).toHtmlEscaped()));
        m_ui->detailText->setText(tr("%n container(s)", nullptr, static_cast<int>(snapshot.containersIn(project->id).size())) +
                                  QLatin1Char('\n') + tr("Created: %1").arg(QString::fromStdString(project->createdAt)) +
                                  QLatin1Char('\n') + tr("Id: %1").arg(QString::fromStdString(project->id)));
        return;
    }
    const Realm* realm = snapshot.realm(m_selectedId);
    m_ui->detailTitle->setText(
        tr("<b>Realm %1</b>").arg(QString::fromStdString(realm ? realm->name : m_selectedId).toHtmlEscaped()));
    m_ui->detailText->setText(tr("%n project(s)", nullptr, static_cast<int>(snapshot.projectsIn(m_selectedId).size())));
}

void NodeView::clearUrls() {
    while (QLayoutItem* item = m_ui->urlsLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
}

void NodeView::showUrls(const std::string& containerId) {
    const Container* container = m_session->snapshot().container(containerId);
    m_ui->urlsBox->show();
    if (!container || container->urls.empty()) {
        auto* none = new QLabel(tr("No URLs: this container publishes no programs yet."), m_ui->urlsBox);
        m_ui->urlsLayout->addWidget(none, 0, 0, 1, 3);
        return;
    }
    int row = 0;
    for (const ContainerUrl& url : container->urls) {
        const QString address = QString::fromStdString(url.url);
        auto* program = new QLabel(QString::fromStdString(url.program), m_ui->urlsBox);
        if (url.risk != "low") {
            program->setText(tr("%1 (risk: %2)").arg(QString::fromStdString(url.program),
                                                     QString::fromStdString(url.risk)));
        }
        auto* field = new QLineEdit(address, m_ui->urlsBox);
        field->setReadOnly(true);
        field->setCursorPosition(0);
        auto* copy = new QToolButton(m_ui->urlsBox);
        copy->setObjectName(QStringLiteral("copyUrl%1").arg(row));
        copy->setIcon(QIcon(QStringLiteral(":/icons/copy.svg")));
        copy->setText(tr("Copy"));
        copy->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        copy->setToolTip(tr("Copy %1 to the clipboard").arg(address));
        connect(copy, &QToolButton::clicked, this, [this, address] {
            QGuiApplication::clipboard()->setText(address);
            m_ui->copiedLabel->setText(tr("Copied %1").arg(address));
        });
        m_ui->urlsLayout->addWidget(program, row, 0);
        m_ui->urlsLayout->addWidget(field, row, 1);
        m_ui->urlsLayout->addWidget(copy, row, 2);
        ++row;
    }
    // The scroll area sizes its contents from their minimum: let it see the new rows now.
    m_ui->urlsLayout->activate();
    m_ui->urlsScrollLayout->activate();
}

void NodeView::createProject() {
    if (!m_session || m_session->state() != NodeState::Connected) {
        return;
    }
    auto* dialog = new CreateProjectDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setRealms(m_session->snapshot().realms(), selectedRealmId());
    QPointer<CreateProjectDialog> guard(dialog);
    auto submit = [this, guard] {
        if (!guard || !m_session) {
            return;
        }
        guard->setEnabled(false);
        m_session->createProject(guard->name(), guard->realmId(), guard, [this, guard](const ApiResponse& response) {
            guard->setEnabled(true);
            if (!response.ok()) {
                guard->showError(response.error->displayText());
                return;
            }
            if (response.body.is_object() && response.body.contains("id") && response.body["id"].is_string()) {
                select(response.body["id"].get<std::string>());
            }
            guard->done(QDialog::Accepted);
        });
    };
    connect(dialog, &CreateProjectDialog::submitted, this, submit);
    dialog->open();
}

void NodeView::deleteProject() {
    const std::string projectId = selectedProjectId();
    if (!m_session || projectId.empty()) {
        return;
    }
    const Project* project = m_session->snapshot().project(projectId);
    if (!project) {
        return;
    }
    const QString name = QString::fromStdString(project->name);
    const auto answer = MessageBox::question(
        this, tr("Delete project"),
        tr("Delete the project “%1” on %2?\n\nThe node refuses while the project still has containers.")
            .arg(name, m_session->displayName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    m_session->deleteProject(projectId, this, [this, name](const ApiResponse& response) {
        if (!response.ok()) {
            MessageBox::critical(this, tr("Project not deleted"),
                                 tr("The node did not delete “%1”: %2").arg(name, response.error->displayText()));
        }
    });
}


void NodeView::reportRefusal(const QString& title, const QString& name, const ApiResponse& response) {
    if (!response.ok()) {
        MessageBox::critical(this, title, tr("The node refused for “%1”: %2").arg(name, response.error->displayText()));
    }
}

void NodeView::createContainer() {
    const std::string projectId = selectedProjectId();
    if (!m_session || m_session->state() != NodeState::Connected || projectId.empty()) {
        return;
    }
    const Project* project = m_session->snapshot().project(projectId);
    if (!project) {
        return;
    }
    auto* dialog = new CreateContainerDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setProjectName(QString::fromStdString(project->name));
    QPointer<CreateContainerDialog> guard(dialog);
    connect(dialog, &CreateContainerDialog::submitted, this, [this, guard, projectId] {
        if (!guard || !m_session) {
            return;
        }
        guard->setEnabled(false);
        m_session->createContainer(projectId, guard->request(), guard, [this, guard](const ApiResponse& response) {
            guard->setEnabled(true);
            if (!response.ok()) {
                guard->showError(*response.error);
                return;
            }
            if (response.body.is_object() && response.body.contains("id") && response.body["id"].is_string()) {
                select(response.body["id"].get<std::string>());
            }
            guard->done(QDialog::Accepted);
        });
    });
    dialog->open();
}

void NodeView::containerAction(const QString& action) {
    const std::string containerId = selectedContainerId();
    if (!m_session || containerId.empty()) {
        return;
    }
    const QString name = QString::fromStdString(m_session->snapshot().container(containerId)->name);
    if (action == QLatin1String("force-stop")) {
        const auto answer = MessageBox::question(
            this, tr("Force stop container"),
            tr("Force stop “%1”?\n\nIts processes are killed at once, without a clean shutdown: data they have not "
               "saved yet may be lost. Use Stop for a clean shutdown.")
                .arg(name),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            return;
        }
    }
    m_session->containerAction(containerId, action, this, [this, name](const ApiResponse& response) {
        reportRefusal(tr("Container action failed"), name, response);
    });
}

void NodeView::deleteContainer() {
    const std::string containerId = selectedContainerId();
    if (!m_session || containerId.empty()) {
        return;
    }
    const QString name = QString::fromStdString(m_session->snapshot().container(containerId)->name);
    const auto answer = MessageBox::question(
        this, tr("Delete container"),
        tr("Delete the container “%1” on %2?\n\nIts root filesystem and all of its snapshots are deleted for good; "
           "this cannot be undone.")
            .arg(name, m_session->displayName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    m_session->deleteContainer(containerId, false, this, [this, containerId, name](const ApiResponse& response) {
        if (response.ok() || !m_session) {
            return;
        }
        // The node refuses while aliases point at the container: offer to delete them with it.
        if (response.error->httpStatus != 409) {
            reportRefusal(tr("Container not deleted"), name, response);
            return;
        }
        const auto withAliases = MessageBox::question(
            this, tr("Delete container and aliases"),
            tr("The node did not delete “%1”: %2\n\nDelete the container together with its aliases?")
                .arg(name, response.error->displayText()),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (withAliases == QMessageBox::Yes) {
            m_session->deleteContainer(containerId, true, this, [this, name](const ApiResponse& second) {
                reportRefusal(tr("Container not deleted"), name, second);
            });
        }
    });
}

void NodeView::toggleSelectedLockdown() {
    if (!m_session || m_session->state() != NodeState::Connected) {
        return;
    }
    const std::string containerId = selectedContainerId();
    const std::string ownerId = containerId.empty() ? selectedProjectId() : containerId;
    if (!ownerId.empty()) {
        LockdownPrompt::toggle(this, m_session, ownerId);
    }
}

void NodeView::toggleNodeLockdown() {
    if (m_session && m_session->state() == NodeState::Connected) {
        LockdownPrompt::toggle(this, m_session, NodeSnapshot::kNodeOwner);
    }
}

} // namespace cowl::ui
