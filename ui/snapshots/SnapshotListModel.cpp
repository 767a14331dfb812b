// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshots/SnapshotListModel.h"

#include <QDateTime>
#include <QLocale>

#include "ui/snapshots/ContainerSnapshots.h"

namespace cowl::ui {

SnapshotListModel::SnapshotListModel(ContainerSnapshots* source, QObject* parent)
    : QAbstractTableModel(parent), m_source(source) {
    connect(source, &ContainerSnapshots::changed, this, [this] {
        beginResetModel();
        endResetModel();
    });
}

int SnapshotListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || !m_source ? 0 : static_cast<int>(m_source->snapshots().size());
}

int SnapshotListModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

std::string SnapshotListModel::nameAt(int row) const {
    if (!m_source || row < 0 || row >= rowCount()) {
        return {};
    }
    return m_source->snapshots()[static_cast<std::size_t>(row)].name;
}

QString SnapshotListModel::localTime(const std::string& rfc3339) {
    const QDateTime time = QDateTime::fromString(QString::fromStdString(rfc3339), Qt::ISODateWithMs);
    if (!time.isValid()) {
        return QString::fromStdString(rfc3339);
    }
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QVariant SnapshotListModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || !m_source || index.row() >= rowCount()) {
        return {};
    }
    const Snapshot& snapshot = m_source->snapshots()[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NameColumn:
            return QString::fromStdString(snapshot.name);
        case CreatedColumn:
            return localTime(snapshot.createdAt);
        case LabelColumn:
            return snapshot.label ? QString::fromStdString(*snapshot.label) : QString();
        case SizeColumn:
            return snapshot.sizeBytes ? QLocale().formattedDataSize(static_cast<qint64>(*snapshot.sizeBytes))
                                      : tr("measuring…");
        case ExpiresColumn:
            return snapshot.expiresAt ? localTime(*snapshot.expiresAt) : tr("never");
        }
    }
    if (role == Qt::ToolTipRole && index.column() == CreatedColumn) {
        return QString::fromStdString(snapshot.createdAt);
    }
    if (role == Qt::TextAlignmentRole && index.column() == SizeColumn) {
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant SnapshotListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return {};
    }
    switch (section) {
    case NameColumn:
        return tr("Name");
    case CreatedColumn:
        return tr("Created");
    case LabelColumn:
        return tr("Label");
    case SizeColumn:
        return tr("Size");
    case ExpiresColumn:
        return tr("Expires");
    }
    return {};
}

} // namespace cowl::ui
