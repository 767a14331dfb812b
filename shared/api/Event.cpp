// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Event.h"

#include "shared/api/StrictObject.h"

namespace cowl {

void to_json(nlohmann::json& j, const Event& e) {
    j = {{"seq", e.seq},
         {"time", e.time},
         {"kind", e.kind},
         {"resource", e.resource},
         {"id", e.id},
         {"realm_id", e.realmId ? nlohmann::json(*e.realmId) : nlohmann::json(nullptr)},
         {"data", e.data}};
}

void from_json(const nlohmann::json& j, Event& e) {
    // Events grow over time (proxied requests come later): unknown fields are kept out, not fatal.
    StrictObject o(j);
    e.seq = o.required<std::uint64_t>("seq");
    e.time = o.required<std::string>("time");
    e.kind = o.required<std::string>("kind");
    e.resource = o.required<std::string>("resource");
    e.id = o.required<std::string>("id");
    e.realmId = o.nullable<std::string>("realm_id").value_or(std::nullopt);
    e.data = o.optional<nlohmann::json>("data").value_or(nlohmann::json(nullptr));
}

void to_json(nlohmann::json& j, const EventHello& e) {
    j = {{"kind", "hello"}, {"seq", e.seq}, {"node", {{"name", e.nodeName}, {"domain", e.nodeDomain}}}};
}

void from_json(const nlohmann::json& j, EventHello& e) {
    StrictObject o(j);
    if (o.required<std::string>("kind") != "hello") {
        StrictObject::invalid("kind", "\"hello\"");
    }
    e.seq = o.required<std::uint64_t>("seq");
    const auto* node = o.raw("node");
    if (node == nullptr) {
        throw FieldError(FieldError::Kind::Missing, "node", "the field \"node\" is required");
    }
    StrictObject n(*node, "node");
    e.nodeName = n.required<std::string>("name");
    e.nodeDomain = n.required<std::string>("domain");
}

} // namespace cowl
