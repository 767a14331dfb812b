// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// An API tenant. Realm tokens see only their realm's objects.
struct Realm {
    std::string id;
    std::string name;
    std::string createdAt;
    std::uint64_t version = 0;

    bool operator==(const Realm&) const = default;
};

struct RealmCreate {
    std::string name;
};

// Names: 1–63 characters of [A-Za-z0-9 ._-]. Throws ValidationError("name").
void validateRealmName(const std::string& name);

void to_json(nlohmann::json& j, const Realm& r);
void from_json(const nlohmann::json& j, Realm& r);
void to_json(nlohmann::json& j, const RealmCreate& r);
void from_json(const nlohmann::json& j, RealmCreate& r);

} // namespace cowl
