// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <string>

#include <QPointer>
#include <QWidget>

#include "ui/snapshots/ScheduleDialog.h"

namespace Ui {
class SnapshotPanel;
}

namespace cowl::ui {

class ContainerSnapshots;
class NodeSession;
class SnapshotListModel;

// A container's snapshots: the list (name, created, label, size, expiry),
// create, restore and delete (both confirmed, restore saying what is lost),
// the schedule in force and its editor, and a note when the node's storage
// makes every snapshot a full copy.
class SnapshotPanel : public QWidget {
    Q_OBJECT
public:
    explicit SnapshotPanel(QWidget* parent = nullptr);
    ~SnapshotPanel() override;

    void setContainer(NodeSession* session, const std::string& containerId);
    ContainerSnapshots* snapshots() const { return m_snapshots; }
    // The open schedule editor, if any (tests and screenshots drive it).
    ScheduleDialog* scheduleDialog() const { return m_scheduleDialog; }

public slots:
    void createSnapshot();
    void restoreSelected();
    void deleteSelected();
    void editSchedule();

private:
    void refresh();
    void updateButtons();
    std::string selectedName() const;
    QString containerName() const;
    void setStatus(const QString& text);

    std::unique_ptr<Ui::SnapshotPanel> m_ui;
    ContainerSnapshots* m_snapshots;
    SnapshotListModel* m_model;
    QPointer<ScheduleDialog> m_scheduleDialog;
    bool m_busy = false;
};

} // namespace cowl::ui
