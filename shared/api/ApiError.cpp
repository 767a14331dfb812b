// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/ApiError.h"

#include "shared/api/StrictObject.h"

namespace cowl {

void to_json(nlohmann::json& j, const ApiError& e) {
    nlohmann::json inner = {{"code", e.code}, {"message", e.message}, {"field", e.field}};
    if (e.currentVersion) {
        inner["current_version"] = *e.currentVersion;
    }
    j = nlohmann::json{{"error", std::move(inner)}};
}

void from_json(const nlohmann::json& j, ApiError& e) {
    StrictObject outer(j);
    const auto* inner = outer.raw("error");
    if (inner == nullptr) {
        throw FieldError(FieldError::Kind::Missing, "error", "an error answer must carry \"error\"");
    }
    StrictObject o(*inner, "error");
    e.code = o.required<std::string>("code");
    e.message = o.required<std::string>("message");
    e.field = o.optional<std::string>("field").value_or("");
    e.currentVersion = o.optional<std::uint64_t>("current_version");
    o.finish();
    outer.finish();
}

} // namespace cowl
