// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>

#include <QDialog>

#include "shared/api/SnapshotSchedule.h"

namespace Ui {
class ScheduleDialog;
}

namespace cowl::ui {

// A container's snapshot schedule: enabled, how many hourly, daily, weekly
// and monthly snapshots to keep, whether labelled ones may be pruned. Shows
// whether the schedule in force is the container's own or its project's;
// saving always writes the container's own (which then replaces the
// project's), and "Use the project's schedule" removes it again.
class ScheduleDialog : public QDialog {
    Q_OBJECT
public:
    explicit ScheduleDialog(QWidget* parent = nullptr);
    ~ScheduleDialog() override;

    void setContainerName(const QString& name);
    void setEffective(const EffectiveSchedule& effective);
    void setSchedule(const SnapshotSchedulePut& schedule);
    SnapshotSchedulePut schedule() const;
    void showError(const QString& message);

signals:
    void submitted();
    void removeRequested();

private:
    void validate();

    std::unique_ptr<Ui::ScheduleDialog> m_ui;
};

} // namespace cowl::ui
