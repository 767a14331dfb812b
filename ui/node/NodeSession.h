// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <vector>

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>
#include <nlohmann/json.hpp>

#include "shared/api/ServerFacts.h"
#include "ui/api/ApiResponse.h"
#include "ui/fleet/FleetStore.h"
#include "ui/node/NodeSnapshot.h"

namespace cowl::ui {

class ApiClient;
class EventStream;

enum class NodeState {
    Idle,       // not started yet
    Connecting, // loading, or waiting to retry
    Connected,  // loaded; events keep it current
    Failed,     // the node or the keychain said no; stateReason() says why
    Blocked,    // the node presented another certificate: nothing is sent
};

// One node of the fleet, live: its API client and event stream, what it
// holds (NodeSnapshot) and whether the console can talk to it. Every network
// call is asynchronous; the UI only reads state and reacts to signals.
class NodeSession : public QObject {
    Q_OBJECT
public:
    explicit NodeSession(FleetEntry entry, QObject* parent = nullptr);
    ~NodeSession() override;

    const FleetEntry& entry() const { return m_entry; }
    NodeState state() const { return m_state; }
    QString stateText() const;
    // Why the node is not connected, as the node or the OS said it.
    const QString& stateReason() const { return m_stateReason; }
    const NodeSnapshot& snapshot() const { return m_snapshot; }
    const ServerFacts& facts() const { return m_facts; }
    bool eventsLive() const;
    // A full load (first connect, or after the stream came back) is running.
    bool loading() const { return m_loadInFlight; }
    QDateTime lastEventAt() const { return m_lastEventAt; }
    // For displays: the node's own name, or its address until it told us.
    QString displayName() const;

    void connectWithToken(const QString& token);
    // The token could not be read: the session stays down with this reason.
    void fail(const QString& reason);
    void disconnectFromNode();
    void reload();

    void createProject(const QString& name, const QString& realmId, QObject* context, ApiCallback callback);
    void deleteProject(const std::string& projectId, QObject* context, ApiCallback callback);
    // POST /api/v1/projects/{id}/containers with `body` (docs/api.md "Containers").
    void createContainer(const std::string& projectId, const nlohmann::json& body, QObject* context,
                         ApiCallback callback);
    // action: start, stop, restart, force-stop.
    void containerAction(const std::string& containerId, const QString& action, QObject* context,
                         ApiCallback callback);
    void deleteContainer(const std::string& containerId, bool deleteAliases, QObject* context, ApiCallback callback);
    // Lockdown (enable false) or unlock of a container, a project or the node
    // (NodeSnapshot::kNodeOwner). The If-Match is the version the console
    // has; if another console changed the document meanwhile (412) the
    // switch is sent once more against the version the node names, since
    // the operator asked for an end state, not a change.
    void setProxyEnabled(const std::string& ownerId, bool enable, QObject* context, ApiCallback callback);
    QString settingsPath(const std::string& ownerId) const;

    ApiClient* api() const { return m_api.get(); }

signals:
    void stateChanged();
    void snapshotChanged();
    void factsChanged();
    // The node told us its name; the fleet list remembers it.
    void nameLearned(const QString& name);
    // The pinned fingerprint did not match: show the warning once.
    void fingerprintChanged(const QString& message);
    // An event about a container's dependent resource the snapshot does not
    // hold (snapshot, schedule, permissions, alias, settings): views that
    // show it fetch it again. `id` is the event's id (container, project, alias).
    void resourceChanged(const QString& resource, const std::string& id, const nlohmann::json& data);

private:
    void setState(NodeState state, const QString& reason = {});
    void loadFailed(int generation, const ApiError& error);
    void finishLoadStep(int generation);
    void applyEvent(const nlohmann::json& frame);
    bool applyObject(const std::string& resource, const std::string& kind, const std::string& id,
                     const nlohmann::json& data);
    void block(const QString& seenFingerprint);
    void refreshContainer(const std::string& id);
    void loadSettings(int generation, const std::string& ownerId);
    void refreshSettings(const std::string& ownerId);
    void patchProxy(const std::string& ownerId, bool enable, std::optional<int> version, bool mayRetry,
                    QPointer<QObject> context, ApiCallback callback);
    bool upsertAnswer(const ApiResponse& response);

    FleetEntry m_entry;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<EventStream> m_events;
    NodeSnapshot m_snapshot;
    NodeSnapshot m_loading;
    ServerFacts m_facts;
    NodeState m_state = NodeState::Idle;
    QString m_stateReason;
    QDateTime m_lastEventAt;
    int m_generation = 0;
    int m_pendingSteps = 0;
    bool m_loadInFlight = false;
    std::vector<nlohmann::json> m_queuedEvents;
};

} // namespace cowl::ui
