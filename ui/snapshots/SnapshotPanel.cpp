// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshots/SnapshotPanel.h"

#include <QHeaderView>
#include <QPushButton>

#include "ui/dialogs/MessageBox.h"
#include "ui/node/NodeSession.h"
#include "ui/snapshots/ContainerSnapshots.h"
#include "ui/snapshots/CreateSnapshotDialog.h"
#include "ui/snapshots/ScheduleDialog.h"
#include "ui/snapshots/SnapshotListModel.h"
#include "ui_SnapshotPanel.h"

namespace cowl::ui {

SnapshotPanel::SnapshotPanel(QWidget* parent)
    : QWidget(parent), m_ui(std::make_unique<Ui::SnapshotPanel>()), m_snapshots(new ContainerSnapshots(this)),
      m_model(new SnapshotListModel(m_snapshots, this)) {
    m_ui->setupUi(this);
    m_ui->snapshotTable->setModel(m_model);
    m_ui->snapshotTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_ui->snapshotTable->horizontalHeader()->setSectionResizeMode(SnapshotListModel::LabelColumn, QHeaderView::Stretch);
    connect(m_snapshots, &ContainerSnapshots::changed, this, &SnapshotPanel::refresh);
    connect(m_ui->snapshotTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SnapshotPanel::updateButtons);
    connect(m_ui->createButton, &QPushButton::clicked, this, &SnapshotPanel::createSnapshot);
    connect(m_ui->restoreButton, &QPushButton::clicked, this, &SnapshotPanel::restoreSelected);
    connect(m_ui->deleteButton, &QPushButton::clicked, this, &SnapshotPanel::deleteSelected);
    connect(m_ui->scheduleButton, &QPushButton::clicked, this, &SnapshotPanel::editSchedule);
    refresh();
}

SnapshotPanel::~SnapshotPanel() = default;

void SnapshotPanel::setContainer(NodeSession* session, const std::string& containerId) {
    if (session) {
        connect(session, &NodeSession::factsChanged, this, &SnapshotPanel::refresh, Qt::UniqueConnection);
    }
    if (session != m_snapshots->session() || containerId != m_snapshots->containerId()) {
        setStatus({});
    }
    m_snapshots->setContainer(session, containerId);
}

QString SnapshotPanel::containerName() const {
    NodeSession* session = m_snapshots->session();
    const Container* container = session ? session->snapshot().container(m_snapshots->containerId()) : nullptr;
    return container ? QString::fromStdString(container->name) : QString();
}

void SnapshotPanel::setStatus(const QString& text) {
    m_ui->statusLabel->setText(text);
    m_ui->statusLabel->setVisible(!text.isEmpty());
}

void SnapshotPanel::refresh() {
    NodeSession* session = m_snapshots->session();
    const bool fullCopy = session && session->facts().storage && session->facts().storage->fullCopySnapshots();
    m_ui->storageNote->setText(tr("This node's storage makes every snapshot a full copy of the container's root "
                                  "filesystem: each takes as long and as much space as the container itself."));
    m_ui->storageNote->setVisible(fullCopy);

    const QString& listError = m_snapshots->listError();
    m_ui->errorLabel->setText(listError.isEmpty() ? QString() : tr("Snapshots not loaded: %1").arg(listError));
    m_ui->errorLabel->setVisible(!listError.isEmpty());

    QString schedule;
    if (!m_snapshots->scheduleError().isEmpty()) {
        schedule = tr("Schedule not loaded: %1").arg(m_snapshots->scheduleError());
    } else if (const auto& effective = m_snapshots->schedule()) {
        if (effective->source == "none" || !effective->schedule) {
            schedule = tr("No schedule: snapshots are taken by hand only.");
        } else {
            const SnapshotSchedule& s = *effective->schedule;
            schedule = (effective->source == "container" ? tr("Own schedule") : tr("Project's schedule (inherited)")) +
                       QStringLiteral(": ") +
                       (s.enabled ? tr("keeps %1 hourly, %2 daily, %3 weekly, %4 monthly")
                                        .arg(s.retention.hourly)
                                        .arg(s.retention.daily)
                                        .arg(s.retention.weekly)
                                        .arg(s.retention.monthly)
                                  : tr("paused"));
            if (s.pruneLabelled) {
                schedule += tr("; prunes labelled snapshots too");
            }
            if (effective->nextRun) {
                schedule += QLatin1Char('\n') + tr("Next run %1").arg(SnapshotListModel::localTime(*effective->nextRun));
            }
            if (effective->lastRun) {
                schedule += QStringLiteral(", ") + tr("last run %1").arg(SnapshotListModel::localTime(*effective->lastRun));
            }
        }
    }
    m_ui->scheduleLabel->setText(schedule);
    updateButtons();
}

std::string SnapshotPanel::selectedName() const {
    const QModelIndexList rows = m_ui->snapshotTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? std::string() : m_model->nameAt(rows.first().row());
}

void SnapshotPanel::updateButtons() {
    NodeSession* session = m_snapshots->session();
    const bool ready = session && session->state() == NodeState::Connected && !m_busy &&
                       !m_snapshots->containerId().empty() && m_snapshots->listError().isEmpty();
    m_ui->createButton->setEnabled(ready);
    m_ui->restoreButton->setEnabled(ready && !selectedName().empty());
    m_ui->deleteButton->setEnabled(ready && !selectedName().empty());
    m_ui->scheduleButton->setEnabled(ready && m_snapshots->scheduleError().isEmpty());
}

void SnapshotPanel::createSnapshot() {
    auto* dialog = new CreateSnapshotDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setContainerName(containerName());
    QPointer<CreateSnapshotDialog> guard(dialog);
    connect(dialog, &CreateSnapshotDialog::submitted, this, [this, guard] {
        if (!guard) {
            return;
        }
        guard->setEnabled(false);
        m_snapshots->create(guard->request(), guard, [this, guard](const ApiResponse& response) {
            guard->setEnabled(true);
            if (!response.ok()) {
                guard->showError(response.error->displayText());
                return;
            }
            setStatus(tr("Snapshot %1 created.")
                          .arg(QString::fromStdString(response.body.is_object() ? response.body.value("name", std::string())
                                                                                : std::string())));
            guard->done(QDialog::Accepted);
        });
    });
    dialog->open();
}

void SnapshotPanel::restoreSelected() {
    const std::string name = selectedName();
    if (name.empty()) {
        return;
    }
    const QString snapshot = QString::fromStdString(name);
    const auto answer = MessageBox::question(
        this, tr("Restore snapshot"),
        tr("Restore “%1” to the snapshot %2?\n\nEverything written to the container since that snapshot is lost. "
           "A running container is stopped, restored and started again; its URLs answer 503 meanwhile.")
            .arg(containerName(), snapshot),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    m_busy = true;
    updateButtons();
    setStatus(tr("Restoring %1…").arg(snapshot));
    m_snapshots->restore(name, this, [this, snapshot](const ApiResponse& response) {
        m_busy = false;
        updateButtons();
        if (!response.ok()) {
            setStatus({});
            MessageBox::critical(this, tr("Snapshot not restored"),
                                 tr("The node did not restore %1: %2").arg(snapshot, response.error->displayText()));
            return;
        }
        setStatus(tr("Restored %1.").arg(snapshot));
    });
}

void SnapshotPanel::deleteSelected() {
    const std::string name = selectedName();
    if (name.empty()) {
        return;
    }
    const QString snapshot = QString::fromStdString(name);
    const auto answer = MessageBox::question(
        this, tr("Delete snapshot"),
        tr("Delete the snapshot %1 of “%2”?\n\nThe container cannot be restored to it afterwards.")
            .arg(snapshot, containerName()),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes) {
        return;
    }
    m_snapshots->remove(name, this, [this, snapshot](const ApiResponse& response) {
        if (!response.ok()) {
            MessageBox::critical(this, tr("Snapshot not deleted"),
                                 tr("The node did not delete %1: %2").arg(snapshot, response.error->displayText()));
            return;
        }
        setStatus(tr("Deleted %1.").arg(snapshot));
    });
}

void SnapshotPanel::editSchedule() {
    if (m_scheduleDialog) {
        m_scheduleDialog->raise();
        return;
    }
    auto* dialog = new ScheduleDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setContainerName(containerName());
    dialog->setEffective(m_snapshots->schedule().value_or(EffectiveSchedule{}));
    m_scheduleDialog = dialog;
    QPointer<ScheduleDialog> guard(dialog);
    auto finish = [guard](const ApiResponse& response) {
        if (!guard) {
            return;
        }
        guard->setEnabled(true);
        if (!response.ok()) {
            guard->showError(response.error->displayText());
            return;
        }
        guard->done(QDialog::Accepted);
    };
    connect(dialog, &ScheduleDialog::submitted, this, [this, guard, finish] {
        guard->setEnabled(false);
        m_snapshots->saveSchedule(guard->schedule(), guard, finish);
    });
    connect(dialog, &ScheduleDialog::removeRequested, this, [this, guard, finish] {
        guard->setEnabled(false);
        m_snapshots->removeSchedule(guard, finish);
    });
    dialog->open();
}

} // namespace cowl::ui
