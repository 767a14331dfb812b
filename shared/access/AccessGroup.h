// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/access/CredentialSource.h"
#include "shared/crypto/Jwt.h"
#include "shared/net/Cidr.h"

namespace cowl {

enum class GroupType { Password, Token, Jwt, Ip };

std::string_view toString(GroupType type);

// Presented as HTTP Basic. Only the scrypt hash is kept.
struct PasswordCredential {
    std::string username;
    std::string passwordHash; // empty: not set yet (a PUT may keep the stored one)
};

// A shared secret in Authorization: Bearer, a header, a cookie or a query parameter.
struct TokenCredential {
    std::string valueHash; // SHA-256 hex; empty: not set yet
    std::vector<CredentialSource> sources;
};

// The key must be kept as given to verify signatures; it is write-only on the API.
struct JwtCredential {
    JwtAlgorithm algorithm = JwtAlgorithm::HS256;
    std::string key; // HS256 secret or RS256/ES256 PEM public key; empty: not set yet
    std::vector<CredentialSource> sources;
    nlohmann::json claims = nlohmann::json::object();
    std::optional<std::string> issuer;
    std::optional<std::string> audience;
    std::shared_ptr<const JwtVerifier> verifier; // built by AccessGroup::seal()
};

struct IpCredential {
    std::vector<Cidr> cidrs;
};

// One group of an access document (SPEC §3).
struct AccessGroup {
    std::string name;
    std::string description;
    std::vector<Cidr> from; // credential groups only: the request must also come from here
    bool forwardCredentials = false;
    std::variant<PasswordCredential, TokenCredential, JwtCredential, IpCredential> credential;
    // Changes whenever anything that decides acceptance changes (secret, key,
    // claims, from): lets a cache of verified credentials forget at once.
    std::string fingerprint;

    GroupType type() const { return static_cast<GroupType>(credential.index()); }
    bool isCredentialGroup() const { return type() != GroupType::Ip; }
    bool hasSecret() const;
    // Name of the write-only field that holds the secret ("password", "value", "secret", "public_key").
    std::string secretField() const;

    // Builds the JWT verifier and the fingerprint; call after the secret is final.
    void seal();

    enum class Form { Request, Storage };
    // Throws ValidationError with paths under `path` ("groups.ops").
    static AccessGroup fromJson(const nlohmann::json& j, const std::string& name, const std::string& path, Form form);
    nlohmann::json toStorageJson() const;
    nlohmann::json toPublicJson() const;
};

} // namespace cowl
