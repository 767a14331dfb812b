// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <set>
#include <string>
#include <vector>

#include "node/containers/SnapshotInfo.h"

namespace cowl::node {

// Tiered retention: keep the newest snapshot of each of the last N hours,
// days, ISO weeks and months that have one (UTC). A snapshot kept by any tier
// stays. Pure: the caller passes the time.
struct RetentionPolicy {
    static constexpr int kMaxPerTier = 1000;

    int hourly = 0;
    int daily = 0;
    int weekly = 0;
    int monthly = 0;

    // Throws RuntimeError(InvalidInput, "retention.hourly" …) for negative,
    // too large or all-zero policies.
    void validate() const;
    // How often a schedule with this policy takes a snapshot: its finest tier.
    std::chrono::seconds interval() const;

    // The names to delete. Expired snapshots always go (an expiry is an
    // explicit request). Labelled ones are neither counted nor deleted unless
    // pruneLabelled.
    std::set<std::string> toDelete(const std::vector<SnapshotInfo>& snapshots,
                                   std::chrono::system_clock::time_point now, bool pruneLabelled) const;
};

} // namespace cowl::node
