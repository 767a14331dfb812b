// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/SnapshotSchedule.h"

#include "shared/api/StrictObject.h"

namespace cowl {

namespace {

std::optional<std::string> nullableText(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_string() ? std::optional(j[key].get<std::string>()) : std::nullopt;
}

nlohmann::json orNull(const std::optional<std::string>& value) {
    return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

int tier(const nlohmann::json& j, const char* key) {
    return j.contains(key) && j[key].is_number_integer() ? j[key].get<int>() : 0;
}

} // namespace

void to_json(nlohmann::json& j, const SnapshotRetention& r) {
    j = {{"hourly", r.hourly}, {"daily", r.daily}, {"weekly", r.weekly}, {"monthly", r.monthly}};
}

void from_json(const nlohmann::json& j, SnapshotRetention& r) {
    r.hourly = tier(j, "hourly");
    r.daily = tier(j, "daily");
    r.weekly = tier(j, "weekly");
    r.monthly = tier(j, "monthly");
}

void to_json(nlohmann::json& j, const SnapshotSchedulePut& s) {
    j = {{"enabled", s.enabled}, {"retention", s.retention}, {"prune_labelled", s.pruneLabelled}};
}

void from_json(const nlohmann::json& j, SnapshotSchedulePut& s) {
    StrictObject o(j);
    s.enabled = o.optional<bool>("enabled").value_or(true);
    const auto* retention = o.raw("retention");
    if (retention == nullptr) {
        throw FieldError(FieldError::Kind::Missing, "retention", "the field \"retention\" is required");
    }
    if (!retention->is_object()) {
        StrictObject::invalid("retention", "an object");
    }
    StrictObject r(*retention, "retention");
    s.retention.hourly = r.optional<int>("hourly").value_or(0);
    s.retention.daily = r.optional<int>("daily").value_or(0);
    s.retention.weekly = r.optional<int>("weekly").value_or(0);
    s.retention.monthly = r.optional<int>("monthly").value_or(0);
    r.finish();
    s.pruneLabelled = o.optional<bool>("prune_labelled").value_or(false);
    o.optional<std::uint64_t>("version"); // what the client read; If-Match decides
    o.finish();
}

void to_json(nlohmann::json& j, const SnapshotSchedule& s) {
    to_json(j, static_cast<const SnapshotSchedulePut&>(s));
    j["version"] = s.version;
}

void from_json(const nlohmann::json& j, SnapshotSchedule& s) {
    s.enabled = j.value("enabled", true);
    s.retention = j.at("retention").get<SnapshotRetention>();
    s.pruneLabelled = j.value("prune_labelled", false);
    s.version = j.value("version", std::uint64_t{0});
}

void to_json(nlohmann::json& j, const EffectiveSchedule& e) {
    j = {{"source", e.source},
         {"schedule", e.schedule ? nlohmann::json(*e.schedule) : nlohmann::json(nullptr)},
         {"last_run", orNull(e.lastRun)},
         {"next_run", orNull(e.nextRun)}};
}

void from_json(const nlohmann::json& j, EffectiveSchedule& e) {
    e.source = j.value("source", std::string("none"));
    e.schedule = j.contains("schedule") && j["schedule"].is_object()
                     ? std::optional(j["schedule"].get<SnapshotSchedule>())
                     : std::nullopt;
    e.lastRun = nullableText(j, "last_run");
    e.nextRun = nullableText(j, "next_run");
}

} // namespace cowl
