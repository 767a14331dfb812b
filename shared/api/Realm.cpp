// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Realm.h"

#include "shared/api/StrictObject.h"

namespace cowl {

void validateRealmName(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 63;
    for (char c : name) {
        ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' ||
                    c == '.' || c == '_' || c == '-');
    }
    if (!ok) {
        throw ValidationError("name", "a realm name is 1 to 63 characters of letters, digits, space, '.', '_' and '-'");
    }
}

void to_json(nlohmann::json& j, const Realm& r) {
    j = {{"id", r.id}, {"name", r.name}, {"created_at", r.createdAt}, {"version", r.version}};
}

void from_json(const nlohmann::json& j, Realm& r) {
    StrictObject o(j);
    r.id = o.required<std::string>("id");
    r.name = o.required<std::string>("name");
    r.createdAt = o.required<std::string>("created_at");
    r.version = o.required<std::uint64_t>("version");
    o.finish();
}

void to_json(nlohmann::json& j, const RealmCreate& r) {
    j = {{"name", r.name}};
}

void from_json(const nlohmann::json& j, RealmCreate& r) {
    StrictObject o(j);
    r.name = o.required<std::string>("name");
    o.finish();
}

} // namespace cowl
