// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Alias.h"

#include "shared/api/StrictObject.h"

namespace cowl {

namespace {

template <typename T>
nlohmann::json orNull(const std::optional<T>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

// expires_at: a string (RFC 3339) or whole Unix seconds; null only where allowed.
void readExpiry(StrictObject& o, std::optional<std::optional<std::string>>& text, std::optional<std::int64_t>& unix,
                bool nullAllowed) {
    const auto* v = o.raw("expires_at");
    if (v == nullptr) {
        return;
    }
    if (v->is_null() && nullAllowed) {
        text = std::optional<std::string>{};
    } else if (v->is_string()) {
        text = std::optional<std::string>{v->get<std::string>()};
    } else if (v->is_number_integer()) {
        unix = StrictObject::convert<std::int64_t>(*v, "expires_at");
    } else {
        StrictObject::invalid("expires_at", "an RFC 3339 time or Unix seconds");
    }
}

} // namespace

void to_json(nlohmann::json& j, const AliasRiskReason& r) {
    j = {{"code", r.code}, {"message", r.message}};
}

void from_json(const nlohmann::json& j, AliasRiskReason& r) {
    StrictObject o(j);
    r.code = o.required<std::string>("code");
    r.message = o.required<std::string>("message");
    o.finish();
}

void to_json(nlohmann::json& j, const AliasRiskView& r) {
    nlohmann::json reasons = nlohmann::json::array();
    for (const auto& reason : r.reasons) {
        reasons.push_back(nlohmann::json(reason));
    }
    j = {{"level", r.level}, {"reasons", std::move(reasons)}};
}

void from_json(const nlohmann::json& j, AliasRiskView& r) {
    StrictObject o(j);
    r.level = o.required<std::string>("level");
    r.reasons.clear();
    const auto* reasons = o.raw("reasons");
    if (reasons != nullptr) {
        if (!reasons->is_array()) {
            StrictObject::invalid("reasons", "an array");
        }
        for (std::size_t i = 0; i < reasons->size(); ++i) {
            r.reasons.push_back(StrictObject::convert<AliasRiskReason>(reasons->at(i), "reasons." + std::to_string(i)));
        }
    }
    o.finish();
}

void to_json(nlohmann::json& j, const Alias& a) {
    j = {{"id", a.id},
         {"alias", a.alias},
         {"container_id", a.containerId},
         {"program", a.program},
         {"index", orNull(a.index)},
         {"port", orNull(a.port)},
         {"target_path", a.targetPath},
         {"allow_path_override", a.allowPathOverride},
         {"expires_at", orNull(a.expiresAt)},
         {"enabled", a.enabled},
         {"created_at", a.createdAt},
         {"updated_at", a.updatedAt},
         {"url", a.url},
         {"risk", nlohmann::json(a.risk)},
         {"version", a.version}};
}

void from_json(const nlohmann::json& j, Alias& a) {
    StrictObject o(j);
    a.id = o.required<std::string>("id");
    a.alias = o.required<std::string>("alias");
    a.containerId = o.required<std::string>("container_id");
    a.program = o.required<std::string>("program");
    a.index = o.nullable<std::uint32_t>("index").value_or(std::nullopt);
    a.port = o.nullable<std::uint16_t>("port").value_or(std::nullopt);
    a.targetPath = o.required<std::string>("target_path");
    a.allowPathOverride = o.required<bool>("allow_path_override");
    a.expiresAt = o.nullable<std::string>("expires_at").value_or(std::nullopt);
    a.enabled = o.required<bool>("enabled");
    a.createdAt = o.required<std::string>("created_at");
    a.updatedAt = o.required<std::string>("updated_at");
    a.url = o.required<std::string>("url");
    a.risk = o.required<AliasRiskView>("risk");
    a.version = o.required<std::uint64_t>("version");
    o.finish();
}

void to_json(nlohmann::json& j, const AliasCreate& a) {
    j = {{"container_id", a.containerId}, {"program", a.program}};
    if (a.alias) {
        j["alias"] = *a.alias;
    }
    if (a.index) {
        j["index"] = *a.index;
    }
    if (a.port) {
        j["port"] = *a.port;
    }
    if (a.targetPath) {
        j["target_path"] = *a.targetPath;
    }
    if (a.allowPathOverride) {
        j["allow_path_override"] = *a.allowPathOverride;
    }
    if (a.expiresAt) {
        j["expires_at"] = *a.expiresAt;
    } else if (a.expiresAtUnix) {
        j["expires_at"] = *a.expiresAtUnix;
    }
    if (a.enabled) {
        j["enabled"] = *a.enabled;
    }
}

void from_json(const nlohmann::json& j, AliasCreate& a) {
    StrictObject o(j);
    a.alias = o.nullable<std::string>("alias").value_or(std::nullopt);
    a.containerId = o.required<std::string>("container_id");
    a.program = o.required<std::string>("program");
    a.index = o.nullable<std::uint32_t>("index").value_or(std::nullopt);
    a.port = o.nullable<std::uint16_t>("port").value_or(std::nullopt);
    a.targetPath = o.optional<std::string>("target_path");
    a.allowPathOverride = o.optional<bool>("allow_path_override");
    std::optional<std::optional<std::string>> text;
    readExpiry(o, text, a.expiresAtUnix, true);
    a.expiresAt = text.value_or(std::nullopt);
    a.enabled = o.optional<bool>("enabled");
    o.finish();
}

void from_json(const nlohmann::json& j, AliasPatch& a) {
    StrictObject o(j);
    a.alias = o.optional<std::string>("alias");
    a.program = o.optional<std::string>("program");
    a.index = o.nullable<std::uint32_t>("index");
    a.port = o.nullable<std::uint16_t>("port");
    a.targetPath = o.optional<std::string>("target_path");
    a.allowPathOverride = o.optional<bool>("allow_path_override");
    readExpiry(o, a.expiresAt, a.expiresAtUnix, true);
    a.enabled = o.optional<bool>("enabled");
    o.optional<std::uint64_t>("version"); // echoed back by clients; If-Match decides
    o.finish();
}

} // namespace cowl
