// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

namespace cowl::node {

using Clock = std::function<std::chrono::system_clock::time_point()>;

// One snapshot of a container's rootfs, as listed.
struct SnapshotInfo {
    std::string name; // snap-YYYYMMDD-HHMMSS (UTC)
    std::chrono::system_clock::time_point createdAt;
    std::string label; // empty = unlabelled; labelled snapshots survive pruning unless asked
    std::optional<std::chrono::system_clock::time_point> expiresAt;
    std::optional<std::uint64_t> sizeBytes; // apparent size of the files; computed once, then cached
};

} // namespace cowl::node
