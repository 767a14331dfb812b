// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/SnapshotSchedulesHandler.h"

#include <utility>

#include "node/api/ContainerService.h"
#include "node/api/EventHub.h"
#include "node/api/UtcClock.h"
#include "shared/api/FieldError.h"
#include "shared/api/SnapshotSchedule.h"

namespace cowl::node {

namespace {

constexpr int kMaxPerTier = 1000; // RetentionPolicy::kMaxPerTier (the containers library, not linked here)

// The stored body is the PUT body with every default filled in.
nlohmann::json parseSchedule(const nlohmann::json& j) {
    SnapshotSchedulePut schedule;
    try {
        if (!j.is_object()) {
            throw FieldError(FieldError::Kind::Invalid, "", "the body must be a JSON object");
        }
        schedule = j.get<SnapshotSchedulePut>();
    } catch (const FieldError& e) {
        throw RequestContext::failureFor(e);
    }
    const SnapshotRetention& r = schedule.retention;
    const std::pair<const char*, int> tiers[] = {
        {"hourly", r.hourly}, {"daily", r.daily}, {"weekly", r.weekly}, {"monthly", r.monthly}};
    bool any = false;
    for (const auto& [tier, count] : tiers) {
        if (count < 0 || count > kMaxPerTier) {
            throw ApiFailure::unprocessable(std::string("retention.") + tier + " must be 0 to 1000",
                                            std::string("retention.") + tier);
        }
        any = any || count > 0;
    }
    if (!any) {
        throw ApiFailure::unprocessable("a schedule keeps at least one snapshot: set one of hourly, daily, weekly "
                                        "or monthly above 0 (or DELETE the schedule)",
                                        "retention.hourly");
    }
    return nlohmann::json(schedule);
}

SnapshotSchedule view(const StoredDocument& doc) {
    SnapshotSchedule schedule;
    static_cast<SnapshotSchedulePut&>(schedule) = doc.body.get<SnapshotSchedulePut>();
    schedule.version = doc.version;
    return schedule;
}

} // namespace

void SnapshotSchedulesHandler::registerRoutes(Router& router) {
    for (const bool container : {true, false}) {
        const std::string path =
            std::string(container ? "/api/v1/containers" : "/api/v1/projects") + "/{id}/snapshots/schedule";
        router.add("GET", path, [this, container](RequestContext& c) { return get(c, container); });
        router.add("PUT", path, [this, container](RequestContext& c) { return put(c, container); });
        router.add("DELETE", path, [this, container](RequestContext& c) { return remove(c, container); });
    }
    router.add("GET", "/api/v1/containers/{id}/snapshots/schedule/effective",
               [this](RequestContext& c) { return effective(c); });
}

SnapshotSchedulesHandler::Owner SnapshotSchedulesHandler::owner(RequestContext& ctx, bool container) const {
    Owner o{container ? kContainerCollection : kProjectCollection,
            container ? m_s.lookup.container(ctx.principal, ctx.param(0))
                      : m_s.lookup.project(ctx.principal, ctx.param(0)),
            {}};
    o.realmId = o.document.body.value("realm_id", std::string());
    return o;
}

void SnapshotSchedulesHandler::announce(const Owner& owner, const char* kind,
                                        const std::optional<StoredDocument>& schedule) {
    Event event;
    event.kind = kind;
    event.resource = "schedule";
    event.id = owner.document.key;
    event.realmId = owner.realmId;
    event.data = schedule ? nlohmann::json(view(*schedule)) : nlohmann::json(nullptr);
    m_events.publish(std::move(event));
}

ApiResponse SnapshotSchedulesHandler::get(RequestContext& ctx, bool container) {
    const auto o = owner(ctx, container);
    const auto doc = m_s.store.get(o.collection, o.document.key);
    if (!doc) {
        throw ApiFailure::notFound();
    }
    return ApiResponse::object(nlohmann::json(view(*doc)));
}

ApiResponse SnapshotSchedulesHandler::put(RequestContext& ctx, bool container) {
    const auto o = owner(ctx, container);
    ctx.principal.requireWrite();
    const auto existing = m_s.store.get(o.collection, o.document.key);
    // Creating needs no If-Match (or "0"); replacing needs the version read.
    const std::uint64_t expected = existing || ctx.request.ifMatch ? ctx.ifMatch() : 0;
    auto body = parseSchedule(ctx.json());
    const auto doc = m_s.store.put(o.collection, o.document.key, std::move(body), expected);
    announce(o, existing ? "updated" : "created", doc);
    return ApiResponse::object(nlohmann::json(view(doc)));
}

ApiResponse SnapshotSchedulesHandler::remove(RequestContext& ctx, bool container) {
    const auto o = owner(ctx, container);
    ctx.principal.requireWrite();
    const auto expected = ctx.ifMatch();
    if (!m_s.store.get(o.collection, o.document.key)) {
        throw ApiFailure::notFound();
    }
    m_s.store.remove(o.collection, o.document.key, expected);
    announce(o, "deleted", std::nullopt);
    return ApiResponse::noContent();
}

ApiResponse SnapshotSchedulesHandler::effective(RequestContext& ctx) {
    const auto o = owner(ctx, true);
    const std::string projectId = o.document.body.value("project_id", std::string());
    EffectiveSchedule out;
    if (auto own = m_s.store.get(kContainerCollection, o.document.key)) {
        out.source = "container";
        out.schedule = view(*own);
    } else if (auto inherited = m_s.store.get(kProjectCollection, projectId)) {
        out.source = "project";
        out.schedule = view(*inherited);
    }
    if (auto* backend = m_s.containers.backend()) {
        const auto times = backend->scheduleTimes(o.document.key, projectId);
        out.lastRun = times.lastRun;
        if (out.schedule && out.schedule->enabled) {
            out.nextRun = times.nextRun;
        }
    }
    return ApiResponse::object(nlohmann::json(out));
}

} // namespace cowl::node
