// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cowl {

enum class TokenRole { Admin, Operator, Viewer, Lockdown };

std::string_view toString(TokenRole role);
std::optional<TokenRole> parseTokenRole(std::string_view text);
// May a holder of `holder` hand out `wanted`? admin > operator > lockdown > viewer.
bool roleCovers(TokenRole holder, TokenRole wanted);

// A bearer token as the API shows it: never the secret, which exists only in the
// POST answer (TokenCreated). realmId nullopt = node scope (every realm).
struct Token {
    std::string id;
    std::string name;
    std::optional<std::string> realmId;
    TokenRole role = TokenRole::Viewer;
    std::string createdAt;
    std::optional<std::string> lastUsedAt;

    bool operator==(const Token&) const = default;
};

struct TokenCreate {
    std::string name;
    TokenRole role = TokenRole::Viewer;
    std::optional<std::string> realmId; // absent or null: the creator's own scope
};

struct TokenCreated {
    Token token;
    std::string secret;           // "token": cowl_ + 64 hex, shown once
    std::string connectionString; // cowl://HOST:PORT/?fingerprint=…&token=…
};

// Token names: 1–63 printable characters. Throws ValidationError("name").
void validateTokenName(const std::string& name);

void to_json(nlohmann::json& j, const Token& t);
void from_json(const nlohmann::json& j, Token& t);
void to_json(nlohmann::json& j, const TokenCreate& t);
void from_json(const nlohmann::json& j, TokenCreate& t);
void to_json(nlohmann::json& j, const TokenCreated& t);
void from_json(const nlohmann::json& j, TokenCreated& t);

} // namespace cowl
