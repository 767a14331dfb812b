// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// docs/api.md "Snapshot schedules". The node reads PUT bodies strictly and
// writes schedules; the console writes PUT bodies and reads schedules
// leniently (fields a newer node adds are ignored, a tier it cannot read is 0).
struct SnapshotRetention {
    int hourly = 0;
    int daily = 0;
    int weekly = 0;
    int monthly = 0;

    bool operator==(const SnapshotRetention&) const = default;
};

// The editable part: the PUT body (no version: If-Match carries it).
struct SnapshotSchedulePut {
    bool enabled = true;
    SnapshotRetention retention;
    bool pruneLabelled = false;

    bool operator==(const SnapshotSchedulePut&) const = default;
};

// The schedule as GET answers it.
struct SnapshotSchedule : SnapshotSchedulePut {
    std::uint64_t version = 0;

    bool operator==(const SnapshotSchedule&) const = default;
};

// GET …/snapshots/schedule/effective: the container's own schedule, its
// project's, or none.
struct EffectiveSchedule {
    std::string source = "none"; // container, project, none
    std::optional<SnapshotSchedule> schedule;
    std::optional<std::string> lastRun;
    std::optional<std::string> nextRun;
};

void to_json(nlohmann::json& j, const SnapshotRetention& r);
void from_json(const nlohmann::json& j, SnapshotRetention& r);
void to_json(nlohmann::json& j, const SnapshotSchedulePut& s);
// Strict (StrictObject): left-out fields take their defaults, "version" is
// accepted and ignored, anything else unknown is a FieldError. Tier ranges are
// the node's to check.
void from_json(const nlohmann::json& j, SnapshotSchedulePut& s);
void to_json(nlohmann::json& j, const SnapshotSchedule& s);
void from_json(const nlohmann::json& j, SnapshotSchedule& s);
void to_json(nlohmann::json& j, const EffectiveSchedule& e);
void from_json(const nlohmann::json& j, EffectiveSchedule& e);

} // namespace cowl
