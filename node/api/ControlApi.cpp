// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ControlApi.h"

#include "node/api/AliasesHandler.h"
#include "node/api/ContainersHandler.h"
#include "node/api/ExplainHandler.h"
#include "node/api/NodeHandler.h"
#include "node/api/PermissionsHandler.h"
#include "node/api/ProgramsHandler.h"
#include "node/api/ProjectsHandler.h"
#include "node/api/ProxyCertificatesHandler.h"
#include "node/api/ProxyLogsHandler.h"
#include "node/api/ProxySettingsHandler.h"
#include "node/api/RealmsHandler.h"
#include "node/api/SnapshotSchedulesHandler.h"
#include "node/api/SnapshotsHandler.h"
#include "node/api/TokensHandler.h"
#include "node/log/LogSetup.h"
#include "shared/api/FieldError.h"

namespace cowl::node {

namespace {

std::map<std::string, std::string> parseQuery(std::string_view query) {
    std::map<std::string, std::string> out;
    std::size_t pos = 0;
    while (pos < query.size()) {
        const std::size_t end = std::min(query.find('&', pos), query.size());
        const std::string_view pair = query.substr(pos, end - pos);
        const std::size_t eq = pair.find('=');
        if (!pair.empty()) {
            out[std::string(pair.substr(0, eq))] = eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1));
        }
        pos = end + 1;
    }
    return out;
}

bool isJsonContentType(std::string_view value) {
    const std::string_view type = value.substr(0, value.find(';'));
    std::string lowered;
    for (char c : type) {
        if (c != ' ' && c != '\t') {
            lowered.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        }
    }
    return lowered == "application/json";
}

} // namespace

ControlApi::ControlApi(DocumentStore& store, NodeIdentity identity)
    : m_store(store),
      m_view(store, std::move(identity)),
      m_lookup(store),
      m_containers(store),
      m_auth(store),
      m_events(store, m_view),
      m_services{store, m_view, m_lookup, m_containers, {}, m_writeMutex} {
    if (!m_store.get("settings_node", "node")) {
        m_store.put("settings_node", "node", {{"enable_proxy", true}}, 0);
    }
    m_realms = std::make_unique<RealmsHandler>(m_services);
    m_tokens = std::make_unique<TokensHandler>(m_services);
    m_projects = std::make_unique<ProjectsHandler>(m_services);
    m_containerRoutes = std::make_unique<ContainersHandler>(m_services);
    m_programs = std::make_unique<ProgramsHandler>(m_services);
    m_permissions = std::make_unique<PermissionsHandler>(m_services);
    m_settings = std::make_unique<ProxySettingsHandler>(m_services);
    m_aliases = std::make_unique<AliasesHandler>(m_services);
    m_explain = std::make_unique<ExplainHandler>(m_services);
    m_node = std::make_unique<NodeHandler>(m_services);
    m_schedules = std::make_unique<SnapshotSchedulesHandler>(m_services, m_events);
    m_snapshots = std::make_unique<SnapshotsHandler>(m_services);
    m_proxyLogs = std::make_unique<ProxyLogsHandler>(m_services, m_events);
    m_proxyCertificates = std::make_unique<ProxyCertificatesHandler>(m_services);
    m_realms->registerRoutes(m_router);
    m_tokens->registerRoutes(m_router);
    m_projects->registerRoutes(m_router);
    m_containerRoutes->registerRoutes(m_router);
    m_programs->registerRoutes(m_router);
    m_permissions->registerRoutes(m_router);
    m_settings->registerRoutes(m_router);
    m_aliases->registerRoutes(m_router);
    m_explain->registerRoutes(m_router);
    m_node->registerRoutes(m_router);
    m_schedules->registerRoutes(m_router); // before snapshots: "schedule" is not a snapshot name
    m_snapshots->registerRoutes(m_router);
    m_proxyLogs->registerRoutes(m_router);
    m_proxyCertificates->registerRoutes(m_router);
}

ControlApi::~ControlApi() = default;

std::optional<Principal> ControlApi::authenticate(std::string_view header) {
    return m_auth.authenticate(header);
}

ApiResponse ControlApi::envelope(const ApiFailure& failure) {
    return ApiResponse{failure.status, nlohmann::json(failure.error), std::nullopt};
}

ApiResponse ControlApi::handle(const ApiRequest& request, const std::optional<Principal>& local) {
    ApiResponse response;
    try {
        response = dispatch(request, local);
    } catch (const ApiFailure& failure) {
        response = envelope(failure);
    } catch (const VersionConflict& conflict) {
        // Owners are looked up (404) before their documents are written, so a
        // conflict is always a stale If-Match, also against a not-yet-written (0) document.
        response = envelope(ApiFailure::preconditionFailed(conflict.current));
    } catch (const FieldError& e) {
        response = envelope(RequestContext::failureFor(e));
    } catch (const ValidationError& e) {
        response = envelope(ApiFailure::unprocessable(e.what(), e.field()));
    } catch (const std::exception& e) {
        subsystemLogger("api")->error("{} {}: {}", request.method, request.target.substr(0, request.target.find('?')),
                                      e.what());
        response = envelope(ApiFailure::internal());
    }
    subsystemLogger("api")->debug("{} {} → {}", request.method, request.target.substr(0, request.target.find('?')),
                                  response.status);
    return response;
}

ApiResponse ControlApi::dispatch(const ApiRequest& request, const std::optional<Principal>& local) {
    const std::optional<Principal> principal = local ? local : m_auth.authenticate(request.authorization);
    if (!principal) {
        throw ApiFailure::unauthorized();
    }
    if (request.body.size() > kMaxBody) {
        throw ApiFailure::payloadTooLarge();
    }
    const std::size_t q = request.target.find('?');
    const std::string_view path = std::string_view(request.target).substr(0, q);
    const auto query = q == std::string::npos ? std::map<std::string, std::string>{}
                                              : parseQuery(std::string_view(request.target).substr(q + 1));
    const auto match = m_router.match(request.method, path);
    if (match.handler == nullptr) {
        throw match.pathKnown ? ApiFailure::methodNotAllowed() : ApiFailure::notFound();
    }
    if (!request.body.empty() && !isJsonContentType(request.contentType)) {
        throw ApiFailure::unsupportedMediaType();
    }
    RequestContext ctx(request, *principal, match.params, query);
    if (request.method == "GET" || match.concurrency == Router::Concurrency::Parallel) {
        return (*match.handler)(ctx);
    }
    std::lock_guard lock(m_writeMutex);
    return (*match.handler)(ctx);
}

} // namespace cowl::node
