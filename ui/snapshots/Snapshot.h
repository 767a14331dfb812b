// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl::ui {

// The snapshot resources of docs/api.md ("Snapshots", "Snapshot schedules")
// as the console reads and writes them. Fields the node may add later are
// ignored on the way in.
struct Snapshot {
    std::string name; // snap-YYYYMMDD-HHMMSS (UTC)
    std::optional<std::string> label;
    std::string createdAt;
    std::optional<std::string> expiresAt;
    std::optional<std::uint64_t> sizeBytes; // unknown while the node measures it

    bool operator==(const Snapshot&) const = default;
};

struct SnapshotCreate {
    std::optional<std::string> label;
    std::optional<int> expiresInDays;
};

struct SnapshotRetention {
    int hourly = 0;
    int daily = 0;
    int weekly = 0;
    int monthly = 0;

    bool operator==(const SnapshotRetention&) const = default;
};

struct SnapshotSchedule {
    bool enabled = true;
    SnapshotRetention retention;
    bool pruneLabelled = false;
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

void from_json(const nlohmann::json& j, Snapshot& s);
void to_json(nlohmann::json& j, const SnapshotCreate& c);
void from_json(const nlohmann::json& j, SnapshotRetention& r);
void to_json(nlohmann::json& j, const SnapshotRetention& r);
void from_json(const nlohmann::json& j, SnapshotSchedule& s);
// The PUT body: no version (If-Match carries it).
void to_json(nlohmann::json& j, const SnapshotSchedule& s);
void from_json(const nlohmann::json& j, EffectiveSchedule& e);

} // namespace cowl::ui
