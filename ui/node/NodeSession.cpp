// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/node/NodeSession.h"

#include <spdlog/spdlog.h>

#include "shared/api/Event.h"
#include "ui/Clock.h"
#include "ui/api/ApiClient.h"
#include "ui/api/EventStream.h"
#include "ui/log/QtLogBridge.h"

namespace cowl::ui {

namespace {

// docs/api.md leaves the list shape open: accept a bare array, {"items": […]}
// and {"<resource>": […]}.
const nlohmann::json& listItems(const nlohmann::json& body, const char* resource) {
    if (body.is_array()) {
        return body;
    }
    if (body.is_object()) {
        for (const char* key : {"items", resource}) {
            if (body.contains(key) && body[key].is_array()) {
                return body[key];
            }
        }
    }
    throw std::runtime_error(std::string("expected a list of ") + resource);
}

QString encodeId(const std::string& id) {
    return QString::fromStdString(id);
}

// The node's answer did not have the shape docs/api.md promises.
ApiError invalidAnswer(const NodeEndpoint& endpoint, const std::exception& e) {
    ApiError error;
    error.code = QString::fromLatin1(ApiError::kInvalidResponse);
    error.message = QCoreApplication::translate("cowl::ui::NodeSession",
                                                "The node at %1 sent an answer this console does not understand "
                                                "(%2). Update cowl and cowl-node to the same version.")
                        .arg(endpoint.address(), QString::fromUtf8(e.what()));
    return error;
}

} // namespace

NodeSession::NodeSession(FleetEntry entry, QObject* parent) : QObject(parent), m_entry(std::move(entry)) {}

NodeSession::~NodeSession() = default;

QString NodeSession::displayName() const {
    if (!m_facts.name.empty()) {
        return QString::fromStdString(m_facts.name);
    }
    return m_entry.name.isEmpty() ? m_entry.endpoint.address() : m_entry.name;
}

bool NodeSession::eventsLive() const {
    return m_events && m_events->isConnected();
}

QString NodeSession::stateText() const {
    switch (m_state) {
    case NodeState::Idle:
        return tr("Not connected");
    case NodeState::Connecting:
        return tr("Connecting…");
    case NodeState::Connected:
        return eventsLive() ? tr("Connected") : tr("Connected (live updates paused)");
    case NodeState::Failed:
        return tr("Not connected");
    case NodeState::Blocked:
        return tr("Blocked: certificate changed");
    }
    return {};
}

void NodeSession::setState(NodeState state, const QString& reason) {
    if (m_state == state && m_stateReason == reason) {
        return;
    }
    m_state = state;
    m_stateReason = reason;
    emit stateChanged();
}

void NodeSession::connectWithToken(const QString& token) {
    if (m_state == NodeState::Blocked) {
        return;
    }
    disconnectFromNode();
    const QByteArray tokenBytes = token.toUtf8();
    m_api = std::make_unique<ApiClient>(m_entry.endpoint, tokenBytes);
    m_events = std::make_unique<EventStream>(m_entry.endpoint, tokenBytes);
    connect(m_api.get(), &ApiClient::fingerprintMismatch, this, &NodeSession::block);
    connect(m_events.get(), &EventStream::fingerprintMismatch, this, &NodeSession::block);
    connect(m_events.get(), &EventStream::connected, this, [this](const QString& name, const QString&) {
        if (!name.isEmpty() && name != m_entry.name) {
            m_entry.name = name;
            emit nameLearned(name);
        }
        // Events may have been missed while the stream was down: reload.
        if (!m_loadInFlight && m_state == NodeState::Connected) {
            reload();
        }
        emit stateChanged();
    });
    connect(m_events.get(), &EventStream::disconnected, this, [this](const QString& reason) {
        QtLogBridge::logger()->info("node {}: event stream down: {}", m_entry.endpoint.address().toStdString(),
                                    reason.toStdString());
        emit stateChanged();
    });
    connect(m_events.get(), &EventStream::eventReceived, this, &NodeSession::applyEvent);
    setState(NodeState::Connecting);
    m_events->start();
    reload();
}

void NodeSession::fail(const QString& reason) {
    disconnectFromNode();
    setState(NodeState::Failed, reason);
}

void NodeSession::disconnectFromNode() {
    ++m_generation;
    m_loadInFlight = false;
    m_queuedEvents.clear();
    if (m_events) {
        m_events->stop();
        m_events.reset();
    }
    m_api.reset();
}

void NodeSession::block(const QString& seenFingerprint) {
    if (m_state == NodeState::Blocked) {
        return;
    }
    const ApiError error = ApiClient::fingerprintChangedError(m_entry.endpoint, seenFingerprint);
    ++m_generation;
    setState(NodeState::Blocked, error.message);
    // Later, not here: we are inside the TLS handshake of the client or stream
    // being torn down, and the warning is modal.
    QMetaObject::invokeMethod(
        this,
        [this, message = error.message] {
            disconnectFromNode();
            emit fingerprintChanged(message);
        },
        Qt::QueuedConnection);
}

void NodeSession::reload() {
    if (!m_api) {
        return;
    }
    const int generation = ++m_generation;
    m_loadInFlight = true;
    m_loading.clear();
    // node, realms, projects; every project adds one for its containers, and
    // loadSettings() one for each settings document (node, projects, containers)
    m_pendingSteps = 3;
    if (m_state != NodeState::Connected) {
        setState(NodeState::Connecting);
    }

    m_api->get(QStringLiteral("/api/v1/node"), this, [this, generation](const ApiResponse& response) {
        if (generation != m_generation) {
            return;
        }
        if (!response.ok()) {
            loadFailed(generation, *response.error);
            return;
        }
        m_facts = response.body.get<ServerFacts>();
        const QString name = QString::fromStdString(m_facts.name);
        if (!name.isEmpty() && name != m_entry.name) {
            m_entry.name = name;
            emit nameLearned(name);
        }
        emit factsChanged();
        finishLoadStep(generation);
    });

    loadSettings(generation, NodeSnapshot::kNodeOwner);

    m_api->get(QStringLiteral("/api/v1/realms"), this, [this, generation](const ApiResponse& response) {
        if (generation != m_generation) {
            return;
        }
        // A realm-scope token may not list realms (403/404): its projects still name their realm.
        if (response.ok()) {
            try {
                for (const auto& item : listItems(response.body, "realms")) {
                    m_loading.upsert(item.get<Realm>());
                }
            } catch (const std::exception& e) {
                loadFailed(generation, invalidAnswer(m_entry.endpoint, e));
                return;
            }
        } else if (response.error->httpStatus != 403 && response.error->httpStatus != 404) {
            loadFailed(generation, *response.error);
            return;
        }
        finishLoadStep(generation);
    });

    m_api->get(QStringLiteral("/api/v1/projects"), this, [this, generation](const ApiResponse& response) {
        if (generation != m_generation) {
            return;
        }
        if (!response.ok()) {
            loadFailed(generation, *response.error);
            return;
        }
        std::vector<Project> projects;
        try {
            for (const auto& item : listItems(response.body, "projects")) {
                projects.push_back(item.get<Project>());
            }
        } catch (const std::exception& e) {
            loadFailed(generation, invalidAnswer(m_entry.endpoint, e));
            return;
        }
        for (const Project& project : projects) {
            m_loading.upsert(project);
            loadSettings(generation, project.id);
            ++m_pendingSteps;
            m_api->get(QStringLiteral("/api/v1/projects/%1/containers").arg(encodeId(project.id)), this,
                       [this, generation](const ApiResponse& containers) {
                           if (generation != m_generation) {
                               return;
                           }
                           if (!containers.ok()) {
                               loadFailed(generation, *containers.error);
                               return;
                           }
                           try {
                               for (const auto& item : listItems(containers.body, "containers")) {
                                   const auto container = item.get<Container>();
                                   m_loading.upsert(container);
                                   loadSettings(generation, container.id);
                               }
                           } catch (const std::exception& e) {
                               loadFailed(generation, invalidAnswer(m_entry.endpoint, e));
                               return;
                           }
                           finishLoadStep(generation);
                       });
        }
        finishLoadStep(generation);
    });
}

// Lockdown state is part of what a view must show, but a node (or a token)
// that cannot answer it must not stop the console from showing the rest: the
// switch then stays unknown and the lockdown button still works.
void NodeSession::loadSettings(int generation, const std::string& ownerId) {
    ++m_pendingSteps;
    m_api->get(settingsPath(ownerId), this, [this, generation, ownerId](const ApiResponse& response) {
        if (generation != m_generation) {
            return;
        }
        if (response.ok()) {
            try {
                m_loading.upsertSettings(ownerId, ProxySwitch::fromJson(response.body));
            } catch (const std::exception& e) {
                QtLogBridge::logger()->warn("node {}: proxy settings of {} not understood: {}",
                                            m_entry.endpoint.address().toStdString(), ownerId, e.what());
            }
        } else {
            QtLogBridge::logger()->warn("node {}: proxy settings of {} not loaded: {}",
                                        m_entry.endpoint.address().toStdString(), ownerId,
                                        response.error->message.toStdString());
        }
        finishLoadStep(generation);
    });
}

void NodeSession::refreshSettings(const std::string& ownerId) {
    if (!m_api) {
        return;
    }
    const int generation = m_generation;
    m_api->get(settingsPath(ownerId), this, [this, generation, ownerId](const ApiResponse& response) {
        if (generation != m_generation || !response.ok()) {
            return;
        }
        try {
            if (m_snapshot.upsertSettings(ownerId, ProxySwitch::fromJson(response.body))) {
                emit snapshotChanged();
            }
        } catch (const std::exception& e) {
            QtLogBridge::logger()->warn("proxy settings of {} not understood: {}", ownerId, e.what());
        }
    });
}

QString NodeSession::settingsPath(const std::string& ownerId) const {
    if (ownerId == NodeSnapshot::kNodeOwner) {
        return QStringLiteral("/api/v1/node/proxy/settings");
    }
    // Settings events name only an id: a known project's, else a container's.
    const bool project = m_snapshot.project(ownerId) || m_loading.project(ownerId);
    return QStringLiteral("/api/v1/%1/%2/proxy/settings")
        .arg(project ? QStringLiteral("projects") : QStringLiteral("containers"), encodeId(ownerId));
}

void NodeSession::finishLoadStep(int generation) {
    if (generation != m_generation || --m_pendingSteps > 0) {
        return;
    }
    m_loadInFlight = false;
    m_snapshot = m_loading;
    m_loading.clear();
    // Events that arrived while loading: versions decide what is newer.
    std::vector<nlohmann::json> queued;
    queued.swap(m_queuedEvents);
    for (const auto& frame : queued) {
        applyEvent(frame);
    }
    setState(NodeState::Connected);
    emit snapshotChanged();
}

void NodeSession::loadFailed(int generation, const ApiError& error) {
    if (generation != m_generation) {
        return;
    }
    if (error.code == QLatin1String(ApiError::kFingerprintChanged)) {
        return; // block() has already run from the client's signal
    }
    ++m_generation;
    m_loadInFlight = false;
    QtLogBridge::logger()->warn("node {}: load failed: {} ({})", m_entry.endpoint.address().toStdString(),
                                error.code.toStdString(), error.message.toStdString());
    setState(NodeState::Failed, error.displayText());
}

void NodeSession::applyEvent(const nlohmann::json& frame) {
    if (m_loadInFlight) {
        m_queuedEvents.push_back(frame);
        return;
    }
    Event event;
    try {
        event = frame.get<Event>();
    } catch (const std::exception& e) {
        QtLogBridge::logger()->warn("node {}: ignoring a malformed event: {}",
                                    m_entry.endpoint.address().toStdString(), e.what());
        return;
    }
    m_lastEventAt = Clock::instance().now();
    bool changed = false;
    try {
        changed = applyObject(event.resource, event.kind, event.id, event.data);
    } catch (const std::exception& e) {
        QtLogBridge::logger()->warn("node {}: ignoring a {} event with an unexpected object: {}",
                                    m_entry.endpoint.address().toStdString(), event.resource, e.what());
    }
    if (changed) {
        emit snapshotChanged();
    }
}

bool NodeSession::applyObject(const std::string& resource, const std::string& kind, const std::string& id,
                              const nlohmann::json& data) {
    const bool removed = kind == "deleted";
    if (resource == "realm") {
        return removed ? m_snapshot.removeRealm(id) : m_snapshot.upsert(data.get<Realm>());
    }
    if (resource == "project" || resource == "container") {
        if (removed) {
            return resource == "project" ? m_snapshot.removeProject(id) : m_snapshot.removeContainer(id);
        }
        const bool changed =
            resource == "project" ? m_snapshot.upsert(data.get<Project>()) : m_snapshot.upsert(data.get<Container>());
        // Settings are born with their owner and send no event of their own.
        if (!m_snapshot.settings(id)) {
            refreshSettings(id);
        }
        return changed;
    }
    // A new program table changes the container's URLs: fetch the container again.
    if (resource == "programs" && m_snapshot.container(id)) {
        refreshContainer(id);
    }
    bool changed = false;
    if (resource == "settings" && !removed) {
        changed = m_snapshot.upsertSettings(id, ProxySwitch::fromJson(data));
    }
    // Access documents and aliases change the risk of a container's URLs.
    if ((resource == "permissions" && m_snapshot.container(id)) ||
        (resource == "alias" && data.is_object() && data.contains("container_id") &&
         data["container_id"].is_string() && m_snapshot.container(data["container_id"].get<std::string>()))) {
        refreshContainer(resource == "alias" ? data["container_id"].get<std::string>() : id);
    }
    if (resource != "realm" && resource != "project" && resource != "container" && resource != "token") {
        emit resourceChanged(QString::fromStdString(resource), id, data);
    }
    return changed;
}

void NodeSession::refreshContainer(const std::string& id) {
    if (!m_api) {
        return;
    }
    const int generation = m_generation;
    m_api->get(QStringLiteral("/api/v1/containers/%1").arg(encodeId(id)), this,
               [this, generation](const ApiResponse& response) {
                   if (generation != m_generation || !response.ok()) {
                       return;
                   }
                   try {
                       if (m_snapshot.upsert(response.body.get<Container>())) {
                           emit snapshotChanged();
                       }
                   } catch (const std::exception& e) {
                       QtLogBridge::logger()->warn("container answer not understood: {}", e.what());
                   }
               });
}

void NodeSession::createProject(const QString& name, const QString& realmId, QObject* context,
                                ApiCallback callback) {
    if (!m_api) {
        return;
    }
    nlohmann::json body = {{"name", name.toStdString()}};
    if (!realmId.isEmpty()) {
        body["realm_id"] = realmId.toStdString();
    }
    QPointer<QObject> guard(context);
    m_api->post(QStringLiteral("/api/v1/projects"), body, this,
                [this, guard, callback = std::move(callback)](const ApiResponse& response) {
                    if (response.ok()) {
                        try {
                            if (m_snapshot.upsert(response.body.get<Project>())) {
                                emit snapshotChanged();
                            }
                        } catch (const std::exception& e) {
                            QtLogBridge::logger()->warn("created project answer not understood: {}", e.what());
                        }
                    }
                    if (guard && callback) {
                        callback(response);
                    }
                });
}

void NodeSession::deleteProject(const std::string& projectId, QObject* context, ApiCallback callback) {
    const Project* project = m_snapshot.project(projectId);
    if (!m_api || !project) {
        return;
    }
    QPointer<QObject> guard(context);
    m_api->remove(QStringLiteral("/api/v1/projects/%1").arg(encodeId(projectId)), static_cast<int>(project->version),
                  this, [this, projectId, guard, callback = std::move(callback)](const ApiResponse& response) {
                      if (response.ok() && m_snapshot.removeProject(projectId)) {
                          emit snapshotChanged();
                      }
                      if (guard && callback) {
                          callback(response);
                      }
                  });
}


bool NodeSession::upsertAnswer(const ApiResponse& response) {
    if (!response.ok() || !response.body.is_object()) {
        return false;
    }
    try {
        return m_snapshot.upsert(response.body.get<Container>());
    } catch (const std::exception& e) {
        QtLogBridge::logger()->warn("container answer not understood: {}", e.what());
        return false;
    }
}

void NodeSession::createContainer(const std::string& projectId, const nlohmann::json& body, QObject* context,
                                  ApiCallback callback) {
    if (!m_api) {
        return;
    }
    QPointer<QObject> guard(context);
    m_api->post(QStringLiteral("/api/v1/projects/%1/containers").arg(encodeId(projectId)), body, this,
                [this, guard, callback = std::move(callback)](const ApiResponse& response) {
                    if (upsertAnswer(response)) {
                        emit snapshotChanged();
                    }
                    if (guard && callback) {
                        callback(response);
                    }
                });
}

void NodeSession::containerAction(const std::string& containerId, const QString& action, QObject* context,
                                  ApiCallback callback) {
    if (!m_api) {
        return;
    }
    QPointer<QObject> guard(context);
    m_api->post(QStringLiteral("/api/v1/containers/%1/%2").arg(encodeId(containerId), action), std::nullopt, this,
                [this, guard, callback = std::move(callback)](const ApiResponse& response) {
                    if (upsertAnswer(response)) {
                        emit snapshotChanged();
                    }
                    if (guard && callback) {
                        callback(response);
                    }
                });
}

void NodeSession::deleteContainer(const std::string& containerId, bool deleteAliases, QObject* context,
                                  ApiCallback callback) {
    const Container* container = m_snapshot.container(containerId);
    if (!m_api || !container) {
        return;
    }
    QString path = QStringLiteral("/api/v1/containers/%1").arg(encodeId(containerId));
    if (deleteAliases) {
        path += QStringLiteral("?delete_aliases=true");
    }
    QPointer<QObject> guard(context);
    m_api->remove(path, static_cast<int>(container->version), this,
                  [this, containerId, guard, callback = std::move(callback)](const ApiResponse& response) {
                      if (response.ok() && m_snapshot.removeContainer(containerId)) {
                          emit snapshotChanged();
                      }
                      if (guard && callback) {
                          callback(response);
                      }
                  });
}

void NodeSession::setProxyEnabled(const std::string& ownerId, bool enable, QObject* context, ApiCallback callback) {
    if (!m_api) {
        return;
    }
    const ProxySwitch* known = m_snapshot.settings(ownerId);
    // Unknown: "0" creates a missing document; a stale guess is answered 412 with the version.
    patchProxy(ownerId, enable, known ? static_cast<int>(known->version) : 0, true, context, std::move(callback));
}

void NodeSession::patchProxy(const std::string& ownerId, bool enable, std::optional<int> version, bool mayRetry,
                             QPointer<QObject> context, ApiCallback callback) {
    m_api->patch(settingsPath(ownerId), {{"enable_proxy", enable}}, version.value_or(0), this,
                 [this, ownerId, enable, mayRetry, context, callback = std::move(callback)](const ApiResponse& response) {
                     if (!response.ok() && mayRetry && m_api && response.error->httpStatus == 412) {
                         const nlohmann::json& body = response.body;
                         if (body.is_object() && body.contains("error") && body["error"].is_object() &&
                             body["error"].contains("current_version") &&
                             body["error"]["current_version"].is_number_integer()) {
                             patchProxy(ownerId, enable, body["error"]["current_version"].get<int>(), false, context,
                                        callback);
                             return;
                         }
                     }
                     if (response.ok()) {
                         try {
                             if (m_snapshot.upsertSettings(ownerId, ProxySwitch::fromJson(response.body))) {
                                 emit snapshotChanged();
                             }
                         } catch (const std::exception& e) {
                             QtLogBridge::logger()->warn("settings answer not understood: {}", e.what());
                         }
                     }
                     if (context && callback) {
                         callback(response);
                     }
                 });
}

} // namespace cowl::ui
