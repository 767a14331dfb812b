// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/NodeTreeModel.h"

#include <QIcon>

#include "ui/node/ContainerStatusText.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {

NodeTreeModel::NodeTreeModel(QObject* parent) : QAbstractItemModel(parent) {}

NodeTreeModel::~NodeTreeModel() = default;

void NodeTreeModel::setSession(NodeSession* session) {
    if (m_session == session) {
        return;
    }
    if (m_session) {
        m_session->disconnect(this);
    }
    m_session = session;
    if (session) {
        connect(session, &NodeSession::snapshotChanged, this, &NodeTreeModel::rebuild);
    }
    rebuild();
}

void NodeTreeModel::rebuild() {
    beginResetModel();
    m_roots.clear();
    if (m_session) {
        const NodeSnapshot& snapshot = m_session->snapshot();
        for (const Realm& realm : snapshot.realms()) {
            auto realmItem = std::make_unique<Item>(Kind::Realm, realm.id, nullptr, static_cast<int>(m_roots.size()));
            for (const Project* project : snapshot.projectsIn(realm.id)) {
                auto projectItem = std::make_unique<Item>(Kind::Project, project->id, realmItem.get(),
                                                          static_cast<int>(realmItem->children.size()));
                for (const Container* container : snapshot.containersIn(project->id)) {
                    projectItem->children.push_back(std::make_unique<Item>(
                        Kind::Container, container->id, projectItem.get(), static_cast<int>(projectItem->children.size())));
                }
                realmItem->children.push_back(std::move(projectItem));
            }
            m_roots.push_back(std::move(realmItem));
        }
    }
    endResetModel();
}

const NodeTreeModel::Item* NodeTreeModel::itemAt(const QModelIndex& index) const {
    return index.isValid() ? static_cast<const Item*>(index.internalPointer()) : nullptr;
}

QModelIndex NodeTreeModel::indexOf(const Item* item, int column) const {
    return item ? createIndex(item->row, column, const_cast<Item*>(item)) : QModelIndex();
}

QModelIndex NodeTreeModel::index(int row, int column, const QModelIndex& parent) const {
    if (row < 0 || column < 0 || column >= ColumnCount) {
        return {};
    }
    const auto& siblings = parent.isValid() ? itemAt(parent)->children : m_roots;
    if (row >= static_cast<int>(siblings.size())) {
        return {};
    }
    return createIndex(row, column, siblings[static_cast<std::size_t>(row)].get());
}

QModelIndex NodeTreeModel::parent(const QModelIndex& child) const {
    const Item* item = itemAt(child);
    return item ? indexOf(item->parent) : QModelIndex();
}

int NodeTreeModel::rowCount(const QModelIndex& parent) const {
    if (parent.isValid() && parent.column() != 0) {
        return 0;
    }
    return static_cast<int>(parent.isValid() ? itemAt(parent)->children.size() : m_roots.size());
}

int NodeTreeModel::columnCount(const QModelIndex&) const {
    return ColumnCount;
}

QModelIndex NodeTreeModel::find(Kind kind, const std::string& id) const {
    std::vector<const Item*> pending;
    for (const auto& root : m_roots) {
        pending.push_back(root.get());
    }
    while (!pending.empty()) {
        const Item* item = pending.back();
        pending.pop_back();
        if (item->kind == kind && item->id == id) {
            return indexOf(item);
        }
        for (const auto& child : item->children) {
            pending.push_back(child.get());
        }
    }
    return {};
}

QVariant NodeTreeModel::data(const QModelIndex& index, int role) const {
    const Item* item = itemAt(index);
    if (!item || !m_session) {
        return {};
    }
    if (role == KindRole) {
        return static_cast<int>(item->kind);
    }
    if (role == IdRole) {
        return QString::fromStdString(item->id);
    }
    const NodeSnapshot& snapshot = m_session->snapshot();
    switch (item->kind) {
    case Kind::Realm: {
        const Realm* realm = snapshot.realm(item->id);
        if (role == Qt::DisplayRole && index.column() == NameColumn) {
            return realm ? QString::fromStdString(realm->name) : QString::fromStdString(item->id);
        }
        if (role == Qt::DisplayRole && index.column() == DetailColumn) {
            return tr("realm, %n project(s)", nullptr, static_cast<int>(item->children.size()));
        }
        if (role == Qt::DecorationRole && index.column() == NameColumn) {
            return QIcon(QStringLiteral(":/icons/realm.svg"));
        }
        break;
    }
    case Kind::Project: {
        const Project* project = snapshot.project(item->id);
        if (!project) {
            break;
        }
        if (role == Qt::DisplayRole && index.column() == NameColumn) {
            return QString::fromStdString(project->name);
        }
        if (role == Qt::DisplayRole && index.column() == DetailColumn) {
            const QString detail = tr("project, %n container(s)", nullptr, static_cast<int>(item->children.size()));
            return snapshot.lockedDown(project->id) ? tr("locked down, %1").arg(detail) : detail;
        }
        const bool locked = snapshot.lockedDown(project->id);
        if (role == Qt::DecorationRole && index.column() == NameColumn) {
            return QIcon(locked ? QStringLiteral(":/icons/locked.svg") : QStringLiteral(":/icons/project.svg"));
        }
        if (role == LockedRole) {
            return locked;
        }
        if (role == Qt::ToolTipRole) {
            return locked ? tr("Locked down: every URL of this project answers 503. Project id %1")
                                .arg(QString::fromStdString(project->id))
                          : tr("Project id %1").arg(QString::fromStdString(project->id));
        }
        break;
    }
    case Kind::Container: {
        const Container* container = snapshot.container(item->id);
        if (!container) {
            break;
        }
        if (role == Qt::DisplayRole) {
            switch (index.column()) {
            case NameColumn:
                return QString::fromStdString(container->name);
            case StatusColumn:
                return ContainerStatusText::label(container->status);
            case DetailColumn: {
                const QString detail = tr("%1, %n URL(s)", nullptr, static_cast<int>(container->urls.size()))
                                           .arg(QString::fromStdString(container->templateName));
                return snapshot.lockdownOf(container->id) != Lockdown::None ? tr("locked down, %1").arg(detail)
                                                                            : detail;
            }
            }
        }
        if (role == Qt::DecorationRole && index.column() == StatusColumn) {
            return ContainerStatusText::icon(container->status);
        }
        const Lockdown lockdown = snapshot.lockdownOf(container->id);
        if (role == Qt::DecorationRole && index.column() == NameColumn) {
            return QIcon(lockdown != Lockdown::None ? QStringLiteral(":/icons/locked.svg")
                                                    : QStringLiteral(":/icons/container.svg"));
        }
        if (role == LockedRole) {
            return lockdown != Lockdown::None;
        }
        if (role == Qt::ToolTipRole) {
            QStringList tip;
            switch (lockdown) {
            case Lockdown::None:
                break;
            case Lockdown::Container:
                tip << tr("Locked down: its URLs answer 503.");
                break;
            case Lockdown::Project:
                tip << tr("Locked down with its project: its URLs answer 503.");
                break;
            case Lockdown::Node:
                tip << tr("Locked down with the node: its URLs answer 503.");
                break;
            }
            if (!container->statusReason.empty()) {
                tip << QString::fromStdString(container->statusReason);
            }
            return tip.isEmpty() ? QVariant() : QVariant(tip.join(QLatin1Char('\n')));
        }
        break;
    }
    }
    return {};
}

QVariant NodeTreeModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case StatusColumn:
        return tr("State");
    case DetailColumn:
        return tr("Details");
    }
    return {};
}

} // namespace cowl::ui
