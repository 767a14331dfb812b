// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QAbstractTableModel>

namespace cowl::ui {

class Fleet;
class NodeSession;

// The fleet as a table: node, address, state (and why not connected).
class FleetModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, AddressColumn, StateColumn, ColumnCount };
    static constexpr int SessionRole = Qt::UserRole + 1;

    explicit FleetModel(Fleet* fleet, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    NodeSession* sessionAt(const QModelIndex& index) const;
    QModelIndex indexOf(NodeSession* session) const;

private:
    Fleet* m_fleet;
};

} // namespace cowl::ui
