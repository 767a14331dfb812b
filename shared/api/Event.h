// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// One frame of /api/v1/events. kind: created, updated, deleted (and "hello",
// the first frame, which carries `node` instead of an object).
struct Event {
    std::uint64_t seq = 0;
    std::string time;
    std::string kind;
    std::string resource; // realm, token, project, container, programs, permissions, settings, alias
    std::string id;
    std::optional<std::string> realmId;
    nlohmann::json data; // the object as GET returns it; null on delete

    bool operator==(const Event&) const = default;
};

struct EventHello {
    std::uint64_t seq = 0;
    std::string nodeName;
    std::string nodeDomain;
};

void to_json(nlohmann::json& j, const Event& e);
void from_json(const nlohmann::json& j, Event& e);
void to_json(nlohmann::json& j, const EventHello& e);
void from_json(const nlohmann::json& j, EventHello& e);

} // namespace cowl
