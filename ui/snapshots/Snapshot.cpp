// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/snapshots/Snapshot.h"

namespace cowl::ui {

namespace {

std::optional<std::string> nullableText(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? std::optional(j[key].get<std::string>()) : std::nullopt;
}

int tier(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : 0;
}

} // namespace

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

void from_json(const nlohmann::json& j, SnapshotRetention& r) {
    r.hourly = tier(j, "hourly");
    r.daily = tier(j, "daily");
    r.weekly = tier(j, "weekly");
    r.monthly = tier(j, "monthly");
}

void to_json(nlohmann::json& j, const SnapshotRetention& r) {
    j = {{"hourly", r.hourly}, {"daily", r.daily}, {"weekly", r.weekly}, {"monthly", r.monthly}};
}

void from_json(const nlohmann::json& j, SnapshotSchedule& s) {
    s.enabled = j.value("enabled", true);
    s.retention = j.at("retention").get<SnapshotRetention>();
    s.pruneLabelled = j.value("prune_labelled", false);
    s.version = j.value("version", std::uint64_t{0});
}

void to_json(nlohmann::json& j, const SnapshotSchedule& s) {
    j = {{"enabled", s.enabled}, {"retention", s.retention}, {"prune_labelled", s.pruneLabelled}};
}

void from_json(const nlohmann::json& j, EffectiveSchedule& e) {
    e.source = j.value("source", std::string("none"));
    e.schedule = j.contains("schedule") && j["schedule"].is_object()
                     ? std::optional(j["schedule"].get<SnapshotSchedule>())
                     : std::nullopt;
    e.lastRun = nullableText(j, "last_run");
    e.nextRun = nullableText(j, "next_run");
}

} // namespace cowl::ui
