// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/api/SnapshotSchedulesHandler.h"

#include "node/api/ContainerService.h"
#include "node/api/EventHub.h"
#include "node/api/UtcClock.h"
#include "shared/api/StrictObject.h"

namespace cowl::node {

namespace {

constexpr int kMaxPerTier = 1000; // RetentionPolicy::kMaxPerTier (the containers library, not linked here)
constexpr const char* kTiers[] = {"hourly", "daily", "weekly", "monthly"};

// The stored body: {"enabled", "retention": {hourly, daily, weekly, monthly}, "prune_labelled"}.
nlohmann::json parseSchedule(const nlohmann::json& j) {
    nlohmann::json body;
    try {
        if (!j.is_object()) {
            throw FieldError(FieldError::Kind::Invalid, "", "the body must be a JSON object");
        }
        StrictObject o(j);
        body["enabled"] = o.optional<bool>("enabled").value_or(true);
        const auto* retention = o.raw("retention");
        if (retention == nullptr) {
            throw FieldError(FieldError::Kind::Missing, "retention", "the field \"retention\" is required");
        }
        if (!retention->is_object()) {
            StrictObject::invalid("retention", "an object");
        }
        StrictObject r(*retention, "retention");
        body["retention"] = nlohmann::json::object();
        for (const char* tier : kTiers) {
            body["retention"][tier] = r.optional<int>(tier).value_or(0);
        }
        r.finish();
        body["prune_labelled"] = o.optional<bool>("prune_labelled").value_or(false);
        o.optional<std::uint64_t>("version"); // what the client read; If-Match decides
        o.finish();
    } catch (const FieldError& e) {
        throw RequestContext::failureFor(e);
    }
    bool any = false;
    for (const char* tier : kTiers) {
        const int count = body["retention"][tier].get<int>();
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
    return body;
}

nlohmann::json view(const StoredDocument& doc) {
    nlohmann::json out = doc.body;
    out["version"] = doc.version;
    return out;
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
    event.data = schedule ? view(*schedule) : nlohmann::json(nullptr);
    m_events.publish(std::move(event));
}

ApiResponse SnapshotSchedulesHandler::get(RequestContext& ctx, bool container) {
    const auto o = owner(ctx, container);
    const auto doc = m_s.store.get(o.collection, o.document.key);
    if (!doc) {
        throw ApiFailure::notFound();
    }
    return ApiResponse::object(view(*doc));
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
    return ApiResponse::object(view(doc));
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
    nlohmann::json out = {{"source", "none"}, {"schedule", nullptr}, {"last_run", nullptr}, {"next_run", nullptr}};
    if (auto own = m_s.store.get(kContainerCollection, o.document.key)) {
        out["source"] = "container";
        out["schedule"] = view(*own);
    } else if (auto inherited = m_s.store.get(kProjectCollection, projectId)) {
        out["source"] = "project";
        out["schedule"] = view(*inherited);
    }
    if (auto* backend = m_s.containers.backend()) {
        const auto times = backend->scheduleTimes(o.document.key, projectId);
        if (times.lastRun) {
            out["last_run"] = *times.lastRun;
        }
        if (times.nextRun && !out["schedule"].is_null() && out["schedule"].value("enabled", false)) {
            out["next_run"] = *times.nextRun;
        }
    }
    return ApiResponse::object(std::move(out));
}

} // namespace cowl::node
