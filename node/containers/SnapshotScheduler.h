// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "node/containers/RetentionPolicy.h"
#include "node/containers/SnapshotInfo.h"
#include "shared/Id.h"

namespace cowl::node {

class SnapshotStore;

struct SnapshotSchedule {
    bool enabled = true;
    RetentionPolicy retention;
    bool pruneLabelled = false;
};

// Scheduled snapshots, per container or per project (a container's own
// schedule wins over its project's). The node calls tick() about once a
// minute. A container is due when its schedule's interval (its finest tier)
// has passed since its last scheduled snapshot; after downtime that is one
// snapshot, not one per missed interval. Schedules and last-run times live in
// one JSON file, so they survive restarts. Every tick also removes expired
// snapshots of every container.
class SnapshotScheduler {
public:
    struct Placement {
        Id container;
        Id project;
    };
    struct Options {
        std::filesystem::path stateFile;
        Clock clock = std::chrono::system_clock::now;
        std::function<std::vector<Placement>()> containers; // every container on the node
    };
    struct TickReport {
        std::vector<Id> snapshotted;
        std::map<Id, std::vector<std::string>> pruned;
        std::map<Id, std::string> errors; // busy containers are retried on the next tick
    };

    SnapshotScheduler(SnapshotStore& store, Options options);

    void setContainerSchedule(const Id& container, const std::optional<SnapshotSchedule>& schedule);
    void setProjectSchedule(const Id& project, const std::optional<SnapshotSchedule>& schedule);
    std::optional<SnapshotSchedule> containerSchedule(const Id& container) const;
    std::optional<SnapshotSchedule> projectSchedule(const Id& project) const;
    std::optional<SnapshotSchedule> effectiveSchedule(const Placement& placement) const;
    // Replaces every schedule at once (the node's store is the source of truth; at start it hands them over).
    void replaceAll(std::map<Id, SnapshotSchedule> containers, std::map<Id, SnapshotSchedule> projects);
    // When the container last got a scheduled snapshot.
    std::optional<std::chrono::system_clock::time_point> lastRun(const Id& container) const;
    // Forgets a deleted container.
    void forget(const Id& container);

    TickReport tick();

private:
    void load();
    void save() const;

    SnapshotStore& m_store;
    Options m_options;
    mutable std::mutex m_mutex;
    std::map<Id, SnapshotSchedule> m_containerSchedules;
    std::map<Id, SnapshotSchedule> m_projectSchedules;
    std::map<Id, std::chrono::system_clock::time_point> m_lastRun;
};

} // namespace cowl::node
