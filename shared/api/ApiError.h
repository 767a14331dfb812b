// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace cowl {

// The one error envelope of the control API:
// {"error": {"code", "message", "field", "current_version"?}}.
struct ApiError {
    std::string code;
    std::string message;
    std::string field;
    std::optional<std::uint64_t> currentVersion; // 412 only

    bool operator==(const ApiError&) const = default;
};

void to_json(nlohmann::json& j, const ApiError& e);
// Reads the whole envelope (the object with "error" inside).
void from_json(const nlohmann::json& j, ApiError& e);

} // namespace cowl
