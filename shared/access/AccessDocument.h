// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "shared/access/AccessGroup.h"
#include "shared/access/AccessValue.h"

namespace cowl {

enum class DefaultDecision { Deny, Allow };

// A permissions (access) document, SPEC §3: groups, a group × program matrix
// of access values, and a default (deny when omitted). The program key "*"
// stands for every program a group has no entry for.
//
// Three JSON forms:
//  - request (fromRequestJson, from_json): secrets in plaintext, hashed on
//    the way in (password → scrypt, token value → SHA-256). A PUT handler
//    calls fromRequestJson(body, stored) which also keeps omitted secrets of
//    existing groups and then requires every secret; from_json only parses
//    (then call keepSecretsFrom and requireSecrets yourself).
//  - storage (toStorageJson / fromStorageJson): hashes and JWT keys, for the
//    node's disk only.
//  - public (to_json / toPublicJson): secrets replaced by "password_set",
//    "value_set", "secret_set", "public_key_set".
class AccessDocument {
public:
    using Permissions = std::map<std::string, AccessValue, std::less<>>;

    std::map<std::string, AccessGroup, std::less<>> groups;
    std::map<std::string, Permissions, std::less<>> permissions;
    DefaultDecision defaultDecision = DefaultDecision::Deny;

    // The whole PUT path: parse, keep omitted secrets from `previous`
    // (may be null), then require every secret. Throws ValidationError.
    static AccessDocument fromRequestJson(const nlohmann::json& j, const AccessDocument* previous);
    static AccessDocument fromStorageJson(const nlohmann::json& j);
    nlohmann::json toStorageJson() const;
    nlohmann::json toPublicJson() const;

    // For each group here without its secret, take the stored one of the
    // group with the same name and type (and, for JWT, the same algorithm).
    void keepSecretsFrom(const AccessDocument& previous);
    // Throws ValidationError (missing_field) naming the first group with no secret.
    void requireSecrets() const;

    // The access value of `group` for `program`, falling back to the group's "*".
    const AccessValue* permission(std::string_view group, std::string_view program) const;
};

// Request form in (parse only: secrets may be missing), public form out (the
// safe default for anything generic).
void from_json(const nlohmann::json& j, AccessDocument& document);
void to_json(nlohmann::json& j, const AccessDocument& document);

std::string_view toString(DefaultDecision decision);

} // namespace cowl
