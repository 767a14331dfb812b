// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/NodeView.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLineEdit>
#include <QToolButton>

#include "ui/api/ApiResponse.h"
#include "ui/api/NodeEndpoint.h"
#include "ui/dialogs/CreateProjectDialog.h"
#include "ui/dialogs/MessageBox.h"
#include "ui/node/ContainerStatusText.h"
#include "ui/node/NodeSession.h"
#include "ui/node/NodeTreeModel.h"
#include "ui_NodeView.h"

namespace cowl::ui {

namespace {
const char* const kBannerWarning = "background: #fff4ce; color: #4a3b00; border: 1px solid #e0c060;";
const char* const kBannerBlocked = "background: #fde7e9; color: #8a0010; border: 1px solid #d0646e;";
} // namespace

NodeView::NodeView(QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::NodeView>()), m_model(new NodeTreeModel(this)) {
    m_ui->setupUi(this);
    QFont titleFont = m_ui->titleLabel->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_ui->titleLabel->setFont(titleFont);
    m_ui->nodeTree->setModel(m_model);
    m_ui->nodeTree->header()->setSectionResizeMode(NodeTreeModel::NameColumn, QHeaderView::Stretch);
    m_ui->nodeTree->header()->setStretchLastSection(false);
    m_ui->nodeTree->header()->setSectionResizeMode(NodeTreeModel::StatusColumn, QHeaderView::ResizeToContents);
    m_ui->nodeTree->header()->setSectionResizeMode(NodeTreeModel::DetailColumn, QHeaderView::ResizeToContents);
    m_ui->splitter->setStretchFactor(0, 3);
    m_ui->splitter->setStretchFactor(1, 2);
    m_ui->splitter->setSizes({400, 440});

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
    }
    m_model->setSession(session);
    updateHeader();
    updateDetails();
}

void NodeView::updateHeader() {
    if (!m_session) {
        m_ui->titleLabel->setText(tr("No node selected"));
        m_ui->infoLabel->setText(tr("Add a node with its connection string, or pick one from the fleet."));
        m_ui->stateBanner->hide();
        m_ui->newProjectButton->setEnabled(false);
        m_ui->reloadButton->setEnabled(false);
        return;
    }
    const NodeFacts& facts = m_session->facts();
    m_ui->titleLabel->setText(m_session->displayName());
    QStringList info;
    info << tr("Address %1").arg(m_session->entry().endpoint.address());
    if (!facts.domain.isEmpty()) {
        info << tr("domain %1").arg(facts.domain);
    }
    if (!facts.version.isEmpty()) {
        info << tr("cowl-node %1").arg(facts.version);
    }
    if (!facts.kernel.isEmpty()) {
        info << tr("kernel %1").arg(facts.kernel);
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
    updateDetails();
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

void NodeView::updateDetails() {
    clearUrls();
    m_ui->copiedLabel->clear();
    const bool connected = m_session && m_session->state() == NodeState::Connected;
    m_ui->deleteProjectButton->setEnabled(connected && !selectedProjectId().empty());
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

} // namespace cowl::ui
