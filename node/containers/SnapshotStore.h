// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "node/containers/RetentionPolicy.h"
#include "node/containers/SnapshotInfo.h"
#include "shared/Id.h"

namespace cowl::node {

class ContainerRuntime;

struct SnapshotRequest {
    std::string label;                   // up to 64 printable characters; empty = none
    std::optional<int> expiresInDays;    // 1–3650
};

// Snapshots of a container's rootfs, kept in <lxcPath>/<id>/snapshots/<name>/.
// On btrfs a snapshot is a subvolume snapshot (O(1) in the container's size);
// on a plain directory it is a full copy (cp --reflink=auto). One snapshot
// operation per container at a time: a second one gets RuntimeError(Busy).
class SnapshotStore {
public:
    explicit SnapshotStore(ContainerRuntime& runtime, Clock clock = std::chrono::system_clock::now);

    bool copyOnWrite() const;

    SnapshotInfo create(const Id& container, const SnapshotRequest& request);
    std::vector<SnapshotInfo> list(const Id& container); // newest first
    // A running container is stopped, restored and started; returns when it runs again.
    void restore(const Id& container, const std::string& name);
    void remove(const Id& container, const std::string& name);
    // Deletes what the policy (and expiry) says; returns the deleted names.
    std::set<std::string> prune(const Id& container, const std::optional<RetentionPolicy>& policy, bool pruneLabelled);

    static bool isSnapshotName(const std::string& name);

private:
    std::unique_lock<std::mutex> tryLock(const Id& container);
    std::filesystem::path directory(const Id& container) const;
    std::filesystem::path existing(const Id& container, const std::string& name) const;
    void removeUnlocked(const Id& container, const std::string& name);
    enum class SizeCache { Fill, ReadOnly };
    std::vector<SnapshotInfo> listUnlocked(const Id& container, SizeCache sizes);

    ContainerRuntime& m_runtime;
    Clock m_clock;
    std::mutex m_mutex; // guards m_busy
    std::map<Id, std::shared_ptr<std::mutex>> m_busy;
};

} // namespace cowl::node
