// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ProxyLogsHandler.h"

#include <charconv>

#include "node/api/EventHub.h"
#include "node/api/ObjectLookup.h"
#include "node/api/UtcClock.h"

namespace cowl::node {

ProxyLogsHandler::ProxyLogsHandler(ApiServices& services, EventHub& events) : m_s(services), m_events(events) {
    // Called under the store's write lock only (record() never holds m_mutex while it waits for that).
    m_s.store.subscribe([this](const StoreChange& change) {
        if (change.collection == "containers" && !change.document) {
            std::lock_guard lock(m_mutex);
            m_recent.erase(change.key);
        }
    });
}

void ProxyLogsHandler::registerRoutes(Router& router) {
    router.add("GET", "/api/v1/containers/{id}/proxy/logs", [this](RequestContext& c) { return get(c); });
}

void ProxyLogsHandler::record(const std::string& containerId, const nlohmann::json& entry) {
    std::string realmId;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_recent.find(containerId);
        if (it == m_recent.end()) {
            // A container's realm never changes: look it up once.
            const auto container = m_s.store.get("containers", containerId);
            if (!container) {
                return; // deleted meanwhile: nobody may read about it any more
            }
            it = m_recent.emplace(containerId, Recent{ObjectLookup::realmOf(*container), {}}).first;
        }
        auto& recent = it->second;
        recent.entries.push_back(entry);
        if (recent.entries.size() > kMaxPerContainer) {
            recent.entries.pop_front();
        }
        realmId = recent.realmId;
    }
    if (m_events.subscriberCount() == 0) {
        return;
    }
    Event event;
    event.time = UtcClock::now();
    event.kind = "created";
    event.resource = "proxy_request";
    event.id = containerId;
    event.realmId = realmId;
    event.data = entry;
    m_events.publish(std::move(event));
}

ApiResponse ProxyLogsHandler::get(RequestContext& ctx) {
    const auto container = m_s.lookup.container(ctx.principal, ctx.param(0));
    std::size_t limit = kDefaultLimit;
    if (auto it = ctx.query.find("limit"); it != ctx.query.end()) {
        const std::string& text = it->second;
        std::size_t value = 0;
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (ec != std::errc() || end != text.data() + text.size() || value == 0 || value > kMaxPerContainer) {
            throw ApiFailure::badRequest("invalid_field", "limit must be a whole number from 1 to 1000", "limit");
        }
        limit = value;
    }
    nlohmann::json out = nlohmann::json::array();
    std::lock_guard lock(m_mutex);
    if (auto it = m_recent.find(container.key); it != m_recent.end()) {
        const auto& entries = it->second.entries;
        for (auto e = entries.rbegin(); e != entries.rend() && out.size() < limit; ++e) {
            out.push_back(*e);
        }
    }
    return ApiResponse::list(std::move(out));
}

} // namespace cowl::node
