// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Snapshot.h"

#include "shared/api/StrictObject.h"

namespace cowl {

namespace {

std::optional<std::string> nullableText(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? std::optional(j[key].get<std::string>()) : std::nullopt;
}

template <typename T>
nlohmann::json orNull(const std::optional<T>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

} // namespace

void to_json(nlohmann::json& j, const Snapshot& s) {
    j = {{"name", s.name},
         {"label", orNull(s.label)},
         {"created_at", s.createdAt},
         {"expires_at", orNull(s.expiresAt)},
         {"size_bytes", orNull(s.sizeBytes)}};
}

void from_json(const nlohmann::json& j, Snapshot& s) {
    s.name = j.at("name").get<std::string>();
    s.label = nullableText(j, "label");
    s.createdAt = j.value("created_at", std::string());
    s.expiresAt = nullableText(j, "expires_at");
    s.sizeBytes = j.contains("size_bytes") && j["size_bytes"].is_number_integer()
                      ? std::optional(j["size_bytes"].get<std::uint64_t>())
                      : std::nullopt;
}

void to_json(nlohmann::json& j, const SnapshotCreate& c) {
    j = nlohmann::json::object();
    if (c.label) {
        j["label"] = *c.label;
    }
    if (c.expiresInDays) {
        j["expires_in_days"] = *c.expiresInDays;
    }
}

void from_json(const nlohmann::json& j, SnapshotCreate& c) {
    StrictObject o(j);
    c.label = o.nullable<std::string>("label").value_or(std::nullopt);
    c.expiresInDays = o.nullable<int>("expires_in_days").value_or(std::nullopt);
    o.finish();
}

} // namespace cowl
