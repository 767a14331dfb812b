// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "node/api/ApiRequest.h"
#include "node/api/ApiServices.h"
#include "node/api/Authenticator.h"
#include "node/api/ContainerService.h"
#include "node/api/EventHub.h"
#include "node/api/NodeIdentity.h"
#include "node/api/ObjectLookup.h"
#include "node/api/ResourceView.h"
#include "node/api/Router.h"

namespace cowl::node {

class RealmsHandler;
class TokensHandler;
class ProjectsHandler;
class ContainersHandler;
class ProgramsHandler;
class PermissionsHandler;
class ProxySettingsHandler;
class AliasesHandler;
class ExplainHandler;
class NodeHandler;
class SnapshotsHandler;
class SnapshotSchedulesHandler;
class ProxyLogsHandler;
class ProxyCertificatesHandler;

// The whole control API without sockets: authenticate, route, run the handler,
// turn every failure into the one envelope. Transports (ControlServer's HTTPS
// and Unix-socket sessions) and unit tests call handle().
class ControlApi {
public:
    static constexpr std::size_t kMaxBody = 1024 * 1024;

    ControlApi(DocumentStore& store, NodeIdentity identity);
    ~ControlApi();

    // `local`: a principal the transport already established (root on the Unix
    // socket); otherwise the bearer token decides.
    ApiResponse handle(const ApiRequest& request, const std::optional<Principal>& local = std::nullopt);

    std::optional<Principal> authenticate(std::string_view authorizationHeader);

    EventHub& events() { return m_events; }
    ContainerService& containers() { return m_containers; }
    void setControlPort(std::function<std::uint16_t()> port) { m_services.controlPort = std::move(port); }
    // The proxy feeds its access log here (GET …/proxy/logs and proxy_request events).
    ProxyLogsHandler& proxyLogs() { return *m_proxyLogs; }
    // Serve attaches the proxy's certificate import here (POST /node/proxy/certificates).
    ProxyCertificatesHandler& proxyCertificates() { return *m_proxyCertificates; }

    static ApiResponse envelope(const ApiFailure& failure);

private:
    ApiResponse dispatch(const ApiRequest& request, const std::optional<Principal>& local);

    DocumentStore& m_store;
    ResourceView m_view;
    ObjectLookup m_lookup;
    ContainerService m_containers;
    Authenticator m_auth;
    EventHub m_events;
    ApiServices m_services;
    Router m_router;
    // Writes are checked (names unique, parents exist) then stored: one at a time
    // (except routes marked Router::Concurrency::Parallel).
    std::mutex m_writeMutex;

    std::unique_ptr<RealmsHandler> m_realms;
    std::unique_ptr<TokensHandler> m_tokens;
    std::unique_ptr<ProjectsHandler> m_projects;
    std::unique_ptr<ContainersHandler> m_containerRoutes;
    std::unique_ptr<ProgramsHandler> m_programs;
    std::unique_ptr<PermissionsHandler> m_permissions;
    std::unique_ptr<ProxySettingsHandler> m_settings;
    std::unique_ptr<AliasesHandler> m_aliases;
    std::unique_ptr<ExplainHandler> m_explain;
    std::unique_ptr<NodeHandler> m_node;
    std::unique_ptr<SnapshotSchedulesHandler> m_schedules;
    std::unique_ptr<SnapshotsHandler> m_snapshots;
    std::unique_ptr<ProxyLogsHandler> m_proxyLogs;
    std::unique_ptr<ProxyCertificatesHandler> m_proxyCertificates;
};

} // namespace cowl::node
