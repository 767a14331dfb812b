// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include <QAbstractTableModel>
#include <QPointer>

namespace cowl::ui {

class ContainerSnapshots;

// A container's snapshots as a table: name, created, label, size, expiry
// (newest first, as the node sends them).
class SnapshotListModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { NameColumn, CreatedColumn, LabelColumn, SizeColumn, ExpiresColumn, ColumnCount };

    explicit SnapshotListModel(ContainerSnapshots* source, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    std::string nameAt(int row) const;

    // "2026-11-29 14:10" in local time, from an RFC 3339 UTC string.
    static QString localTime(const std::string& rfc3339);

private:
    QPointer<ContainerSnapshots> m_source;
};

} // namespace cowl::ui
