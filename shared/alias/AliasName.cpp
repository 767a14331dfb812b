// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/alias/AliasName.h"

#include <array>

#include "shared/Id.h"
#include "shared/hosts/HostName.h"

namespace cowl {

namespace {

constexpr std::array<std::string_view, 4> kReserved = {"containers", "proxy", "workspaces", "api"};
constexpr std::array<std::string_view, 2> kReservedPrefixes = {"proxy-", "workspaces-"};

bool isLowerHex(std::string_view s) {
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}

bool looksLikeContainerLabel(std::string_view name) {
    constexpr std::size_t n = Id::kHexLength;
    return name.size() > 2 * n + 1 && name[n] == '-' && name[2 * n + 1] == '-' && isLowerHex(name.substr(0, n)) &&
           isLowerHex(name.substr(n + 1, n));
}

} // namespace

std::optional<std::string> AliasName::validationError(std::string_view name, std::string_view /*nodeSuffix*/) {
    if (name.size() < kMinLength || name.size() > kMaxLength) {
        return "an alias name has 3 to 61 characters; '" + std::string(name.substr(0, 80)) + "' has " +
               std::to_string(name.size());
    }
    for (char c : name) {
        const bool allowed = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        if (!allowed) {
            return "an alias name uses only lowercase letters a-z, digits and '-'; '" + std::string(name) +
                   "' does not";
        }
    }
    if (name.front() == '-' || name.back() == '-') {
        return "an alias name cannot start or end with '-'";
    }
    for (std::string_view reserved : kReserved) {
        if (name == reserved) {
            return "'" + std::string(name) + "' is reserved by the node; choose another alias name";
        }
    }
    for (std::string_view prefix : kReservedPrefixes) {
        if (name.substr(0, prefix.size()) == prefix) {
            return "alias names starting with '" + std::string(prefix) + "' are reserved; choose another name";
        }
    }
    // Shaped like {project}-{container}-…: even with an unknown program today, a
    // later catalogue entry must not make an alias shadow a container.
    if (HostName::parseContainerLabel(name) || looksLikeContainerLabel(name)) {
        return "'" + std::string(name) + "' reads as a container host name; choose another alias name";
    }
    return std::nullopt;
}

std::string AliasName::random() {
    return Id::generate().str();
}

} // namespace cowl
