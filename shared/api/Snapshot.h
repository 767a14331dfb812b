// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// docs/api.md "Snapshots". The node writes snapshots and reads create
// requests strictly; the console reads snapshots leniently (fields a newer
// node adds are ignored, a value it cannot read stays unset) and writes
// create requests.
struct Snapshot {
    std::string name; // snap-YYYYMMDD-HHMMSS (UTC)
    std::optional<std::string> label;
    std::string createdAt;
    std::optional<std::string> expiresAt;
    std::optional<std::uint64_t> sizeBytes; // unknown while the node measures it

    bool operator==(const Snapshot&) const = default;
};

// POST …/snapshots; null and absent both mean "not set".
struct SnapshotCreate {
    std::optional<std::string> label;
    std::optional<int> expiresInDays;
};

void to_json(nlohmann::json& j, const Snapshot& s);
void from_json(const nlohmann::json& j, Snapshot& s);
void to_json(nlohmann::json& j, const SnapshotCreate& c);
// Strict (StrictObject): FieldError on unknown fields and wrong types.
void from_json(const nlohmann::json& j, SnapshotCreate& c);

} // namespace cowl
