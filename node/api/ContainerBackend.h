// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/api/Container.h"
#include "shared/api/ServerFacts.h"
#include "shared/api/Snapshot.h"

namespace cowl::node {

// When a container's schedule ran and runs next (RFC 3339), for …/schedule/effective.
struct ScheduleTimes {
    std::optional<std::string> lastRun;
    std::optional<std::string> nextRun;
};

// The seam between the API (records in the store) and the container runtime
// (liblxc, snapshots, schedules, server facts), which lives in another library.
// Calls come from API threads. A failure the client should see is thrown as
// ApiFailure (the runtime's 422/404/409/500 mapped already) and leaves the
// record as it was; anything else is an internal error.
class ContainerBackend {
public:
    virtual ~ContainerBackend() = default;

    // Before anything is stored: refuse what the runtime cannot make (422).
    virtual void check(const Container& record) = 0;
    // Makes the container; returns when it is made, or after a bounded wait
    // while it goes on in the background. The outcome reaches the record
    // through ContainerService::setStatus (stopped, or failed with the reason).
    virtual void create(const Container& record) = 0;
    virtual void update(const Container& record) = 0;
    // Stops and removes the container and its snapshots; a container the
    // runtime does not have (its creation failed) is not an error.
    virtual void destroy(const std::string& containerId) = 0;
    // action: start, stop, restart, force-stop. Returns when it is done.
    virtual void act(const std::string& containerId, std::string_view action) = 0;

    // docs/api.md, Snapshots: the list (newest first) and one snapshot. The
    // request is validated by the handler; an empty label is no label.
    virtual std::vector<Snapshot> snapshots(const std::string& containerId) = 0;
    virtual Snapshot createSnapshot(const std::string& containerId, const SnapshotCreate& request) = 0;
    virtual void restoreSnapshot(const std::string& containerId, const std::string& name) = 0;
    virtual void removeSnapshot(const std::string& containerId, const std::string& name) = 0;

    virtual ScheduleTimes scheduleTimes(const std::string& containerId, const std::string& projectId) = 0;

    // docs/api.md, Node: everything but name, domain, version, fingerprint and
    // the container counts.
    virtual ServerFacts facts() = 0;
};

} // namespace cowl::node
