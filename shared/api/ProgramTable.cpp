// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/ProgramTable.h"

#include "shared/api/StrictObject.h"
#include "shared/programs/ProgramCatalogue.h"

namespace cowl {

ProgramTable ProgramTable::defaults() {
    ProgramTable table;
    for (const auto& info : ProgramCatalogue::all()) {
        table.programs.emplace(std::string(info.slug), info.defaultPort);
    }
    return table;
}

void validateProgramTable(const ProgramTable& table) {
    for (const auto& [slug, port] : table.programs) {
        if (ProgramCatalogue::find(slug) == nullptr) {
            throw ValidationError("programs." + slug, "\"" + slug + "\" is not a program of the catalogue");
        }
        if (port == 0) {
            throw ValidationError("programs." + slug, "ports are 1 to 65535");
        }
    }
}

void to_json(nlohmann::json& j, const ProgramTable& t) {
    nlohmann::json programs = nlohmann::json::object();
    for (const auto& [slug, port] : t.programs) {
        programs[slug] = port;
    }
    j = {{"programs", std::move(programs)}, {"version", t.version}};
}

void from_json(const nlohmann::json& j, ProgramTable& t) {
    StrictObject o(j);
    const auto* programs = o.raw("programs");
    if (programs == nullptr) {
        throw FieldError(FieldError::Kind::Missing, "programs", "the field \"programs\" is required");
    }
    if (!programs->is_object()) {
        StrictObject::invalid("programs", "an object of program → port");
    }
    t.programs.clear();
    for (const auto& [slug, port] : programs->items()) {
        const std::string field = "programs." + slug;
        if (!port.is_number_integer()) {
            StrictObject::invalid(field, "a port number (1 to 65535)");
        }
        // Out of range is semantic (422), not a wrong type.
        const auto value = port.get<std::int64_t>();
        if (value < 1 || value > 65535) {
            throw ValidationError(field, "\"" + field + "\" must be a port from 1 to 65535");
        }
        t.programs.emplace(slug, static_cast<std::uint16_t>(value));
    }
    t.version = o.optional<std::uint64_t>("version").value_or(0);
    o.finish();
}

} // namespace cowl
