// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/ServerFactsView.h"

#include <QHeaderView>
#include <QLocale>

#include "shared/api/ServerFacts.h"
#include "ui/node/NodeSession.h"
#include "ui_ServerFactsView.h"

namespace cowl::ui {

namespace {
const QColor kUnencrypted(0xb0, 0x00, 0x20);
} // namespace

ServerFactsView::ServerFactsView(QWidget* parent) : QWidget(parent), m_ui(std::make_unique<Ui::ServerFactsView>()) {
    m_ui->setupUi(this);
    m_ui->diskTable->setHorizontalHeaderLabels({tr("Disk"), tr("Size"), tr("Model"), tr("Encryption")});
    m_ui->diskTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->diskTable->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    refresh();
}

ServerFactsView::~ServerFactsView() = default;

void ServerFactsView::setSession(NodeSession* session) {
    if (m_session) {
        m_session->disconnect(this);
    }
    m_session = session;
    if (session) {
        connect(session, &NodeSession::factsChanged, this, &ServerFactsView::refresh);
        connect(session, &NodeSession::stateChanged, this, &ServerFactsView::refresh);
    }
    refresh();
}

QString ServerFactsView::bytes(std::optional<std::uint64_t> value) {
    return value ? QLocale().formattedDataSize(static_cast<qint64>(*value)) : QString();
}

void ServerFactsView::refresh() {
    const ServerFacts facts = m_session ? m_session->facts() : ServerFacts{};
    const QString unknown = tr("not reported by this node");
    auto show = [&unknown](QLabel* label, const QString& text) {
        label->setText(text.isEmpty() ? unknown : text);
        label->setEnabled(!text.isEmpty());
    };
    auto str = [](const std::string& text) { return QString::fromStdString(text); };

    QString host = str(facts.hostname);
    if (!host.isEmpty() && !facts.architecture.empty()) {
        host += QStringLiteral(" (%1)").arg(str(facts.architecture));
    }
    show(m_ui->hostValue, host);
    show(m_ui->kernelValue, str(facts.kernel));
    QString cpu = str(facts.cpuModel);
    if (facts.cpuCount) {
        cpu = cpu.isEmpty() ? tr("%n CPU(s)", nullptr, *facts.cpuCount)
                            : tr("%1 × %2").arg(*facts.cpuCount).arg(cpu);
    }
    show(m_ui->cpuValue, cpu);
    QString memory = bytes(facts.memoryTotalBytes);
    if (!memory.isEmpty() && facts.memoryAvailableBytes) {
        memory = tr("%1, %2 available").arg(memory, bytes(facts.memoryAvailableBytes));
    }
    show(m_ui->memoryValue, memory);

    QString storage;
    QString snapshots;
    if (facts.storage) {
        const StorageFacts& s = *facts.storage;
        storage = tr("%1 at %2").arg(str(s.backend), str(s.path));
        if (s.freeBytes && s.totalBytes) {
            storage += QLatin1Char('\n') + tr("%1 free of %2").arg(bytes(s.freeBytes), bytes(s.totalBytes));
        }
        if (s.snapshots == "copy-on-write") {
            snapshots = tr("copy-on-write (fast, share unchanged data)");
        } else if (s.fullCopySnapshots()) {
            snapshots = tr("full copies (each takes the time and space of the whole container)");
        } else {
            snapshots = str(s.snapshots);
        }
    }
    show(m_ui->storageValue, storage);
    show(m_ui->snapshotsValue, snapshots);

    QStringList versions;
    if (!facts.version.empty()) {
        versions << tr("cowl-node %1").arg(str(facts.version));
    }
    for (const auto& [name, version] : facts.versions) {
        versions << QStringLiteral("%1 %2").arg(str(name), str(version));
    }
    show(m_ui->versionsValue, versions.join(QStringLiteral(", ")));
    show(m_ui->containersValue,
         facts.containers ? tr("%1 in all: %2 running, %3 stopped, %4 failed")
                                .arg(facts.containers->total)
                                .arg(facts.containers->running)
                                .arg(facts.containers->stopped)
                                .arg(facts.containers->failed)
                          : QString());
    showDisks(facts);
}

void ServerFactsView::showDisks(const ServerFacts& facts) {
    QStringList unencrypted;
    m_ui->diskTable->setRowCount(0);
    if (facts.disks) {
        m_ui->diskTable->setRowCount(static_cast<int>(facts.disks->size()));
        int row = 0;
        for (const DiskFacts& disk : *facts.disks) {
            QString luks;
            if (disk.luks == "full") {
                luks = tr("LUKS (whole disk)");
            } else if (disk.luks == "partial") {
                luks = tr("LUKS on some partitions only");
                unencrypted << tr("disk %1 (partly)").arg(QString::fromStdString(disk.name));
            } else {
                luks = tr("not encrypted");
                unencrypted << tr("disk %1").arg(QString::fromStdString(disk.name));
            }
            const QStringList cells = {QString::fromStdString(disk.name), bytes(disk.sizeBytes),
                                       QString::fromStdString(disk.model), luks};
            for (int column = 0; column < cells.size(); ++column) {
                auto* item = new QTableWidgetItem(cells[column]);
                item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable);
                if (disk.luks != "full" && column == 3) {
                    item->setForeground(kUnencrypted);
                    QFont bold = item->font();
                    bold.setBold(true);
                    item->setFont(bold);
                }
                m_ui->diskTable->setItem(row, column, item);
            }
            ++row;
        }
    }
    m_ui->diskTable->setVisible(facts.disks && !facts.disks->empty());
    m_ui->disksNote->setText(!facts.disks ? tr("Disks: not reported by this node")
                                          : (facts.disks->empty() ? tr("Disks: none found") : QString()));
    m_ui->disksNote->setVisible(!facts.disks || facts.disks->empty());

    QString swap;
    if (!facts.swap) {
        swap = tr("not reported by this node");
    } else if (facts.swap->empty()) {
        swap = tr("none");
    } else {
        QStringList parts;
        for (const SwapFacts& area : *facts.swap) {
            parts << tr("%1 (%2, %3)")
                         .arg(QString::fromStdString(area.path), bytes(area.sizeBytes),
                              area.encrypted ? tr("encrypted") : tr("not encrypted"));
            if (!area.encrypted) {
                unencrypted << tr("swap %1").arg(QString::fromStdString(area.path));
            }
        }
        swap = parts.join(QStringLiteral(", "));
    }
    m_ui->swapValue->setText(swap);
    m_ui->swapValue->setEnabled(facts.swap.has_value());
    if (facts.swapEncrypted == false && unencrypted.filter(QStringLiteral("swap")).isEmpty()) {
        unencrypted << tr("swap");
    }
    m_ui->encryptionWarning->setText(
        tr("Not encrypted at rest: %1. Whoever gets hold of these disks can read the containers' data (and what "
           "was swapped out of memory).")
            .arg(unencrypted.join(QStringLiteral(", "))));
    m_ui->encryptionWarning->setVisible(!unencrypted.isEmpty());
}

} // namespace cowl::ui
