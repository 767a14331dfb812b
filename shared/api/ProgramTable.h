// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// A container's program table: catalogue slug → container port.
struct ProgramTable {
    std::map<std::string, std::uint16_t> programs;
    std::uint64_t version = 0;

    // The catalogue's defaults, the table every new container starts from.
    static ProgramTable defaults();

    bool operator==(const ProgramTable&) const = default;
};

// Slugs must be in the catalogue (ValidationError "programs.<slug>").
void validateProgramTable(const ProgramTable& table);

void to_json(nlohmann::json& j, const ProgramTable& t);
// "version" may be present (clients echo it back); If-Match decides.
void from_json(const nlohmann::json& j, ProgramTable& t);

} // namespace cowl
