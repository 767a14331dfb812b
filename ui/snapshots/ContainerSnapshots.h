// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <QObject>
#include <QPointer>
#include <QString>

#include "shared/api/Snapshot.h"
#include "shared/api/SnapshotSchedule.h"
#include "ui/api/ApiResponse.h"
#include "ui/node/NodeSession.h"

namespace cowl::ui {


// One container's snapshots and effective schedule, loaded from its node and
// reloaded when the node's events say they changed. Views read it and call
// its actions; every call is asynchronous. What the node cannot answer (an
// older node without snapshots) is kept as the node's own message, never
// replaced by made-up data.
class ContainerSnapshots : public QObject {
    Q_OBJECT
public:
    explicit ContainerSnapshots(QObject* parent = nullptr);
    ~ContainerSnapshots() override;

    void setContainer(NodeSession* session, const std::string& containerId);
    NodeSession* session() const { return m_session; }
    const std::string& containerId() const { return m_containerId; }

    const std::vector<Snapshot>& snapshots() const { return m_snapshots; }
    const std::optional<EffectiveSchedule>& schedule() const { return m_schedule; }
    // Empty while the list (schedule) loaded fine.
    const QString& listError() const { return m_listError; }
    const QString& scheduleError() const { return m_scheduleError; }
    bool loading() const { return m_pending > 0; }

    void reload();
    void create(const SnapshotCreate& request, QObject* context, ApiCallback callback);
    void restore(const std::string& name, QObject* context, ApiCallback callback);
    void remove(const std::string& name, QObject* context, ApiCallback callback);
    // The container's own schedule: PUT creates or replaces it, remove falls back to the project's.
    void saveSchedule(const SnapshotSchedulePut& schedule, QObject* context, ApiCallback callback);
    void removeSchedule(QObject* context, ApiCallback callback);

signals:
    void changed();

private:
    QString path(const QString& suffix = {}) const;
    std::optional<int> ownScheduleVersion() const;
    void onResourceChanged(const QString& resource, const std::string& id);
    // Runs `callback`, then reloads what the change touched.
    ApiCallback thenReload(QObject* context, ApiCallback callback);

    QPointer<NodeSession> m_session;
    std::string m_containerId;
    std::vector<Snapshot> m_snapshots;
    std::optional<EffectiveSchedule> m_schedule;
    QString m_listError;
    QString m_scheduleError;
    int m_generation = 0;
    int m_pending = 0;
};

} // namespace cowl::ui
