// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// Alias names (SPEC §1): 3-61 of a-z 0-9 -, no hyphen at either end, not
// reserved, and never something that reads as a container host.
class AliasName {
public:
    static constexpr std::size_t kMinLength = 3;
    static constexpr std::size_t kMaxLength = 61;

    // What is wrong with `name`, for the operator, or nullopt when it is usable.
    static std::optional<std::string> validationError(std::string_view name, std::string_view nodeSuffix);
    // A fresh 24-hex name for an alias created without one.
    static std::string random();
};

} // namespace cowl
