// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/fleet/FleetModel.h"

#include <QIcon>

#include "ui/fleet/Fleet.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {

FleetModel::FleetModel(Fleet* fleet, QObject* parent) : QAbstractTableModel(parent), m_fleet(fleet) {
    connect(fleet, &Fleet::sessionAboutToBeAdded, this, [this](int row) { beginInsertRows({}, row, row); });
    connect(fleet, &Fleet::sessionAdded, this, [this] { endInsertRows(); });
    connect(fleet, &Fleet::sessionAboutToBeRemoved, this, [this](int row) { beginRemoveRows({}, row, row); });
    connect(fleet, &Fleet::sessionRemoved, this, [this] { endRemoveRows(); });
    connect(fleet, &Fleet::sessionChanged, this, [this](NodeSession* session) {
        const QModelIndex first = indexOf(session);
        if (first.isValid()) {
            emit dataChanged(first, first.siblingAtColumn(ColumnCount - 1));
        }
    });
}

int FleetModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_fleet->sessions().size());
}

int FleetModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

NodeSession* FleetModel::sessionAt(const QModelIndex& index) const {
    if (!index.isValid() || index.row() >= m_fleet->sessions().size()) {
        return nullptr;
    }
    return m_fleet->sessions().at(index.row());
}

QModelIndex FleetModel::indexOf(NodeSession* session) const {
    const auto row = m_fleet->sessions().indexOf(session);
    return row < 0 ? QModelIndex() : index(static_cast<int>(row), 0);
}

QVariant FleetModel::data(const QModelIndex& index, int role) const {
    const NodeSession* session = sessionAt(index);
    if (!session) {
        return {};
    }
    if (role == SessionRole) {
        return QVariant::fromValue(static_cast<QObject*>(const_cast<NodeSession*>(session)));
    }
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return session->displayName();
        case AddressColumn:
            return session->entry().endpoint.address();
        case StateColumn:
            return session->state() == NodeState::Connected && session->snapshot().lockedDown(NodeSnapshot::kNodeOwner)
                       ? tr("%1, locked down").arg(session->stateText())
                       : session->stateText();
        }
    }
    if (role == Qt::ToolTipRole) {
        QString tip = tr("%1\nFingerprint: %2")
                          .arg(session->entry().endpoint.address(),
                               formatFingerprint(session->entry().endpoint.fingerprint));
        if (!session->stateReason().isEmpty()) {
            tip += QStringLiteral("\n\n") + session->stateReason();
        }
        return tip;
    }
    if (role == Qt::DecorationRole && index.column() == NameColumn) {
        if (session->state() == NodeState::Connected && session->snapshot().lockedDown(NodeSnapshot::kNodeOwner)) {
            return QIcon(QStringLiteral(":/icons/locked.svg"));
        }
        switch (session->state()) {
        case NodeState::Connected:
            return QIcon(QStringLiteral(":/icons/node-connected.svg"));
        case NodeState::Blocked:
            return QIcon(QStringLiteral(":/icons/node-blocked.svg"));
        case NodeState::Failed:
            return QIcon(QStringLiteral(":/icons/node-failed.svg"));
        case NodeState::Idle:
        case NodeState::Connecting:
            return QIcon(QStringLiteral(":/icons/node-connecting.svg"));
        }
    }
    return {};
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Node");
    case AddressColumn:
        return tr("Address");
    case StateColumn:
        return tr("State");
    }
    return {};
}

} // namespace cowl::ui
