// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Project.h"

#include "shared/api/StrictObject.h"

namespace cowl {

void validateResourceName(const std::string& name, const std::string& field) {
    bool ok = !name.empty() && name.size() <= 63;
    for (char c : name) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-');
    }
    if (!ok) {
        throw ValidationError(field, "a name is 1 to 63 characters of lowercase letters, digits and '-'");
    }
}

void to_json(nlohmann::json& j, const Project& p) {
    j = {{"id", p.id},
         {"realm_id", p.realmId},
         {"name", p.name},
         {"created_at", p.createdAt},
         {"updated_at", p.updatedAt},
         {"version", p.version}};
}

void from_json(const nlohmann::json& j, Project& p) {
    StrictObject o(j);
    p.id = o.required<std::string>("id");
    p.realmId = o.required<std::string>("realm_id");
    p.name = o.required<std::string>("name");
    p.createdAt = o.required<std::string>("created_at");
    p.updatedAt = o.required<std::string>("updated_at");
    p.version = o.required<std::uint64_t>("version");
    o.finish();
}

void to_json(nlohmann::json& j, const ProjectCreate& p) {
    j = {{"name", p.name}};
    if (p.realmId) {
        j["realm_id"] = *p.realmId;
    }
}

void from_json(const nlohmann::json& j, ProjectCreate& p) {
    StrictObject o(j);
    p.name = o.required<std::string>("name");
    p.realmId = o.nullable<std::string>("realm_id").value_or(std::nullopt);
    o.finish();
}

void to_json(nlohmann::json& j, const ProjectPatch& p) {
    j = nlohmann::json::object();
    if (p.name) {
        j["name"] = *p.name;
    }
}

void from_json(const nlohmann::json& j, ProjectPatch& p) {
    StrictObject o(j);
    p.name = o.optional<std::string>("name");
    o.optional<std::uint64_t>("version"); // echoed back by clients; If-Match decides
    o.finish();
}

} // namespace cowl
