// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "node/api/ApiServices.h"
#include "node/api/RecentRing.h"
#include "node/api/Router.h"
#include "node/proxy/AccessLogEntry.h"

namespace cowl::node {

class EventHub;

// GET /api/v1/containers/{id}/proxy/logs and the `proxy_request` events.
// The proxy's access log hands each entry to record() from its writer thread;
// the newest kMaxPerContainer entries of each container are kept in memory, as
// entries: the JSON is built when someone reads them (a GET, or an event
// stream that is open), not for every request. The file on disk is the full record.
class ProxyLogsHandler {
public:
    static constexpr std::size_t kMaxPerContainer = 1000;
    static constexpr std::size_t kDefaultLimit = 100;

    // Forgets a container's entries when the container is deleted.
    ProxyLogsHandler(ApiServices& services, EventHub& events);
    void registerRoutes(Router& router);

    // Thread-safe; never blocks on the network (events are queued by each stream).
    void record(const AccessLogEntry& entry);
    // The API's shape of an entry (docs/api.md "Proxy access log").
    static nlohmann::json toJson(const AccessLogEntry& entry);

private:
    ApiResponse get(RequestContext& ctx);

    struct Recent {
        std::string realmId;
        RecentRing<AccessLogEntry> entries{kMaxPerContainer};
    };

    ApiServices& m_s;
    EventHub& m_events;
    std::mutex m_mutex;
    std::map<std::string, Recent> m_recent;
};

} // namespace cowl::node
