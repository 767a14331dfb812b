// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/api/Token.h"

namespace cowl::node {

// Who is asking: the token's id, role and scope (realmId nullopt = node scope).
// Every role and scope rule of docs/api.md is decided here, in one place.
struct Principal {
    std::string tokenId; // empty for the local root peer of the Unix socket
    TokenRole role = TokenRole::Viewer;
    std::optional<std::string> realmId;

    static Principal localRoot() { return Principal{"", TokenRole::Admin, std::nullopt}; }

    bool nodeScope() const { return !realmId.has_value(); }
    // Objects of another realm do not exist for this principal (404).
    bool sees(std::string_view objectRealm) const { return nodeScope() || *realmId == objectRealm; }

    // Throw ApiFailure 403 when the role may not.
    void requireWrite() const;        // admin, operator
    void requireTokenAdmin() const;   // admin
    void requireNodeAdmin() const;    // node-scope admin
    // Admin/operator may change settings; lockdown only with a body that does
    // nothing but set enable_proxy to false (checked on the raw body, before any
    // other validation, so the answer is 403 whatever else is wrong).
    void requireSettingsChange(const nlohmann::json& body) const;
};

} // namespace cowl::node
