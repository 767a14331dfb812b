// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshots/ScheduleDialog.h"

#include <QPushButton>

#include "ui_ScheduleDialog.h"

namespace cowl::ui {

ScheduleDialog::ScheduleDialog(QWidget* parent) : QDialog(parent), m_ui(std::make_unique<Ui::ScheduleDialog>()) {
    m_ui->setupUi(this);
    m_ui->buttons->button(QDialogButtonBox::Save)->setObjectName(QStringLiteral("saveButton"));
    for (QSpinBox* tier : {m_ui->hourlySpin, m_ui->dailySpin, m_ui->weeklySpin, m_ui->monthlySpin}) {
        connect(tier, &QSpinBox::valueChanged, this, &ScheduleDialog::validate);
    }
    connect(m_ui->buttons, &QDialogButtonBox::accepted, this, [this] {
        m_ui->errorLabel->clear();
        emit submitted();
    });
    connect(m_ui->buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_ui->removeOwnButton, &QPushButton::clicked, this, [this] {
        m_ui->errorLabel->clear();
        emit removeRequested();
    });
    setEffective(EffectiveSchedule{});
}

ScheduleDialog::~ScheduleDialog() = default;

void ScheduleDialog::setContainerName(const QString& name) {
    setWindowTitle(tr("Snapshot schedule of %1").arg(name));
}

void ScheduleDialog::setEffective(const EffectiveSchedule& effective) {
    QString source;
    if (effective.source == "container") {
        source = tr("In force: this container's own schedule. It replaces the project's.");
    } else if (effective.source == "project") {
        source = tr("In force: the project's schedule (inherited). Saving here gives this container its own "
                    "schedule, which then replaces the project's.");
    } else {
        source = tr("No schedule is in force: snapshots are taken by hand only.");
    }
    m_ui->sourceLabel->setText(source);
    m_ui->removeOwnButton->setVisible(effective.source == "container");
    SnapshotSchedulePut shown;
    if (effective.schedule) {
        shown = *effective.schedule;
    } else {
        shown.retention = {24, 7, 4, 6}; // a sensible start, not sent until saved
    }
    setSchedule(shown);
}

void ScheduleDialog::setSchedule(const SnapshotSchedulePut& schedule) {
    m_ui->enabledCheck->setChecked(schedule.enabled);
    m_ui->hourlySpin->setValue(schedule.retention.hourly);
    m_ui->dailySpin->setValue(schedule.retention.daily);
    m_ui->weeklySpin->setValue(schedule.retention.weekly);
    m_ui->monthlySpin->setValue(schedule.retention.monthly);
    m_ui->pruneLabelledCheck->setChecked(schedule.pruneLabelled);
    validate();
}

SnapshotSchedulePut ScheduleDialog::schedule() const {
    SnapshotSchedulePut schedule;
    schedule.enabled = m_ui->enabledCheck->isChecked();
    schedule.retention = {m_ui->hourlySpin->value(), m_ui->dailySpin->value(), m_ui->weeklySpin->value(),
                          m_ui->monthlySpin->value()};
    schedule.pruneLabelled = m_ui->pruneLabelledCheck->isChecked();
    return schedule;
}

void ScheduleDialog::showError(const QString& message) {
    m_ui->errorLabel->setText(message);
}

void ScheduleDialog::validate() {
    const SnapshotRetention r = schedule().retention;
    const bool any = r.hourly + r.daily + r.weekly + r.monthly > 0;
    m_ui->errorLabel->setText(any ? QString() : tr("Keep at least one snapshot in one of the tiers."));
    m_ui->buttons->button(QDialogButtonBox::Save)->setEnabled(any);
}

} // namespace cowl::ui
