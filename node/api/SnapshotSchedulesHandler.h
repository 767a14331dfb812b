// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>

#include "node/api/ApiServices.h"
#include "node/api/Router.h"

namespace cowl::node {

class EventHub;

// /api/v1/{containers,projects}/{id}/snapshots/schedule and
// /api/v1/containers/{id}/snapshots/schedule/effective. Schedules are documents
// in the store (collections schedules_container, schedules_project: versions,
// ETags, kill -9 safe); the runtime's scheduler follows the store, and this
// handler sends the `schedule` events.
class SnapshotSchedulesHandler {
public:
    SnapshotSchedulesHandler(ApiServices& services, EventHub& events) : m_s(services), m_events(events) {}
    // Before SnapshotsHandler: ".../snapshots/schedule" must not be taken for a snapshot name.
    void registerRoutes(Router& router);

    static constexpr const char* kContainerCollection = "schedules_container";
    static constexpr const char* kProjectCollection = "schedules_project";

private:
    struct Owner {
        const char* collection;
        StoredDocument document; // the container or project
        std::string realmId;
    };
    Owner owner(RequestContext& ctx, bool container) const;
    ApiResponse get(RequestContext& ctx, bool container);
    ApiResponse put(RequestContext& ctx, bool container);
    ApiResponse remove(RequestContext& ctx, bool container);
    ApiResponse effective(RequestContext& ctx);
    void announce(const Owner& owner, const char* kind, const std::optional<StoredDocument>& schedule);

    ApiServices& m_s;
    EventHub& m_events;
};

} // namespace cowl::node
