// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/ProxyLogsHandler.h"

#include <charconv>
#include <chrono>
#include <cstdio>
#include <optional>

#include "node/api/EventHub.h"
#include "node/api/ObjectLookup.h"
#include "node/api/UtcClock.h"

namespace cowl::node {

namespace {

// "2026-11-29T14:10:00.123Z": the API's times carry milliseconds here, as
// requests come many to a second.
std::string formatMillisUtc(std::int64_t micros) {
    const auto seconds = std::chrono::system_clock::time_point(std::chrono::seconds(micros / 1'000'000));
    std::string text = UtcClock::format(seconds); // "…T14:10:00Z"
    char fraction[8];
    std::snprintf(fraction, sizeof fraction, ".%03d", static_cast<int>((micros % 1'000'000) / 1000));
    text.insert(text.size() - 1, fraction);
    return text;
}

} // namespace

nlohmann::json ProxyLogsHandler::toJson(const AccessLogEntry& e) {
    auto orNull = [](const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); };
    // The API knows two decisions; the proxy's finer one (locked, stopped, …)
    // stays readable in the reason.
    const bool allowed = e.decision == "allow";
    std::string reason = e.reason;
    if (!allowed && e.decision != "deny") {
        reason = reason.empty() ? e.decision : e.decision + ": " + reason;
    }
    return {{"time", formatMillisUtc(e.timeMicros)},
            {"container_id", e.container},
            {"program", e.program},
            {"alias", orNull(e.alias)},
            {"client_address", e.client},
            {"method", e.method},
            {"path", e.path},
            {"status", e.status},
            {"bytes", e.bytesIn + e.bytesOut},
            {"duration_ms", static_cast<double>(e.durationMicros) / 1000.0},
            {"decision", allowed ? "allow" : "deny"},
            {"group", orNull(e.group)},
            {"reason", reason}};
}

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

void ProxyLogsHandler::record(const AccessLogEntry& entry) {
    // The event's JSON is built only while an event stream is open.
    const bool publish = m_events.subscriberCount() > 0;
    std::optional<nlohmann::json> data;
    if (publish) {
        data = toJson(entry);
    }
    const std::string& containerId = entry.container;
    std::string realmId;
    std::string eventId;
    {
        std::lock_guard lock(m_mutex);
        auto it = m_recent.find(containerId);
        if (it == m_recent.end()) {
            // A container's realm never changes: look it up once.
            const auto container = m_s.store.get("containers", containerId);
            if (!container) {
                return; // deleted meanwhile: nobody may read about it any more
            }
            it = m_recent.emplace(containerId, Recent{ObjectLookup::realmOf(*container)}).first;
        }
        auto& recent = it->second;
        if (publish) {
            realmId = recent.realmId;
            eventId = it->first;
        }
        // Copied into a slot whose strings are reused: the entry itself goes
        // back to the worker that made it (see AccessLog).
        recent.entries.push(entry);
    }
    if (!publish) {
        return;
    }
    Event event;
    event.time = UtcClock::now();
    event.kind = "created";
    event.resource = "proxy_request";
    event.id = std::move(eventId);
    event.realmId = realmId;
    event.data = std::move(*data);
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
        for (std::size_t i = 0; i < entries.size() && out.size() < limit; ++i) {
            out.push_back(toJson(entries.newest(i)));
        }
    }
    return ApiResponse::list(std::move(out));
}

} // namespace cowl::node
