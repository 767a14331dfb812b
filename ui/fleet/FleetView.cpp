// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/fleet/FleetView.h"

#include <QHeaderView>

#include "ui/fleet/Fleet.h"
#include "ui/fleet/FleetModel.h"
#include "ui/node/NodeSession.h"
#include "ui_FleetView.h"

namespace cowl::ui {

FleetView::FleetView(Fleet* fleet, QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::FleetView>()), m_model(new FleetModel(fleet, this)) {
    m_ui->setupUi(this);
    m_ui->fleetTree->setModel(m_model);
    m_ui->fleetTree->header()->setSectionResizeMode(FleetModel::NameColumn, QHeaderView::Stretch);
    m_ui->fleetTree->header()->setStretchLastSection(false);
    m_ui->fleetTree->header()->setSectionResizeMode(FleetModel::StateColumn, QHeaderView::ResizeToContents);
    m_ui->fleetTree->setColumnHidden(FleetModel::AddressColumn, true);
    connect(m_ui->fleetTree->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateDetails();
        emit currentSessionChanged(currentSession());
    });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &FleetView::updateDetails);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &FleetView::updateDetails);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &FleetView::updateDetails);
    connect(m_ui->addButton, &QPushButton::clicked, this, &FleetView::addRequested);
    connect(m_ui->lockdownAllButton, &QPushButton::clicked, this, &FleetView::lockdownAllRequested);
    connect(m_ui->removeButton, &QPushButton::clicked, this, [this] {
        if (NodeSession* session = currentSession()) {
            emit removeRequested(session);
        }
    });
    updateDetails();
}

FleetView::~FleetView() = default;

NodeSession* FleetView::currentSession() const {
    return m_model->sessionAt(m_ui->fleetTree->currentIndex());
}

void FleetView::setCurrentSession(NodeSession* session) {
    m_ui->fleetTree->setCurrentIndex(m_model->indexOf(session));
}

void FleetView::updateDetails() {
    const NodeSession* session = currentSession();
    m_ui->emptyLabel->setVisible(m_model->rowCount() == 0);
    m_ui->removeButton->setEnabled(session != nullptr);
    QString reason;
    if (session && (session->state() == NodeState::Failed || session->state() == NodeState::Blocked)) {
        // The first paragraph only: the node view beside it shows the whole message.
        reason = session->stateReason().section(QStringLiteral("\n\n"), 0, 0);
    }
    m_ui->reasonLabel->setText(reason);
    m_ui->reasonLabel->setVisible(!reason.isEmpty());
}

} // namespace cowl::ui
