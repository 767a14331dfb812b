// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <QAbstractItemModel>
#include <QPointer>

namespace cowl::ui {

class NodeSession;

// Realms → projects → containers of one node, rebuilt from the session's
// snapshot whenever it changes (a load or an event).
class NodeTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class Kind { Realm, Project, Container };
    enum Column { NameColumn, StatusColumn, DetailColumn, ColumnCount };
    static constexpr int KindRole = Qt::UserRole + 1;
    static constexpr int IdRole = Qt::UserRole + 2;
    // true when the row's proxy is off (its own lockdown or an outer one).
    static constexpr int LockedRole = Qt::UserRole + 3;

    explicit NodeTreeModel(QObject* parent = nullptr);
    ~NodeTreeModel() override;

    void setSession(NodeSession* session);
    NodeSession* session() const { return m_session; }

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QModelIndex find(Kind kind, const std::string& id) const;

private:
    struct Item {
        Item(Kind itemKind, std::string itemId, Item* itemParent, int itemRow)
            : kind(itemKind), id(std::move(itemId)), parent(itemParent), row(itemRow) {}
        Kind kind;
        std::string id;
        Item* parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Item>> children;
    };

    void rebuild();
    const Item* itemAt(const QModelIndex& index) const;
    QModelIndex indexOf(const Item* item, int column = 0) const;

    QPointer<NodeSession> m_session;
    std::vector<std::unique_ptr<Item>> m_roots;
};

} // namespace cowl::ui
