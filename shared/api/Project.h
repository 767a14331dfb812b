// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

struct Project {
    std::string id;
    std::string realmId;
    std::string name;
    std::string createdAt;
    std::string updatedAt;
    std::uint64_t version = 0;

    bool operator==(const Project&) const = default;
};

struct ProjectCreate {
    std::string name;
    std::optional<std::string> realmId;
};

struct ProjectPatch {
    std::optional<std::string> name;
};

// Project and container names: 1–63 of [a-z0-9-]. Throws ValidationError(field).
void validateResourceName(const std::string& name, const std::string& field = "name");

void to_json(nlohmann::json& j, const Project& p);
void from_json(const nlohmann::json& j, Project& p);
void to_json(nlohmann::json& j, const ProjectCreate& p);
void from_json(const nlohmann::json& j, ProjectCreate& p);
void to_json(nlohmann::json& j, const ProjectPatch& p);
void from_json(const nlohmann::json& j, ProjectPatch& p);

} // namespace cowl
