// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/api/Token.h"

#include "shared/api/StrictObject.h"

namespace cowl {

namespace {

int rank(TokenRole role) {
    switch (role) {
    case TokenRole::Admin: return 3;
    case TokenRole::Operator: return 2;
    case TokenRole::Lockdown: return 1;
    case TokenRole::Viewer: return 0;
    }
    return 0;
}

TokenRole readRole(StrictObject& o) {
    const auto text = o.required<std::string>("role");
    auto role = parseTokenRole(text);
    if (!role) {
        throw FieldError(FieldError::Kind::Invalid, o.fieldPath("role"),
                         "\"role\" must be one of admin, operator, viewer, lockdown");
    }
    return *role;
}

nlohmann::json optionalString(const std::optional<std::string>& s) {
    return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

void readToken(StrictObject& o, Token& t) {
    t.id = o.required<std::string>("id");
    t.name = o.required<std::string>("name");
    t.realmId = o.nullable<std::string>("realm_id").value_or(std::nullopt);
    t.role = readRole(o);
    t.createdAt = o.required<std::string>("created_at");
    t.lastUsedAt = o.nullable<std::string>("last_used_at").value_or(std::nullopt);
}

} // namespace

std::string_view toString(TokenRole role) {
    switch (role) {
    case TokenRole::Admin: return "admin";
    case TokenRole::Operator: return "operator";
    case TokenRole::Viewer: return "viewer";
    case TokenRole::Lockdown: return "lockdown";
    }
    return "viewer";
}

std::optional<TokenRole> parseTokenRole(std::string_view text) {
    for (auto role : {TokenRole::Admin, TokenRole::Operator, TokenRole::Viewer, TokenRole::Lockdown}) {
        if (toString(role) == text) {
            return role;
        }
    }
    return std::nullopt;
}

bool roleCovers(TokenRole holder, TokenRole wanted) {
    return rank(holder) >= rank(wanted);
}

void validateTokenName(const std::string& name) {
    bool ok = !name.empty() && name.size() <= 63;
    for (unsigned char c : name) {
        ok = ok && c >= 0x20 && c != 0x7f;
    }
    if (!ok) {
        throw ValidationError("name", "a token name is 1 to 63 printable characters");
    }
}

void to_json(nlohmann::json& j, const Token& t) {
    j = {{"id", t.id},
         {"name", t.name},
         {"realm_id", optionalString(t.realmId)},
         {"role", std::string(toString(t.role))},
         {"created_at", t.createdAt},
         {"last_used_at", optionalString(t.lastUsedAt)}};
}

void from_json(const nlohmann::json& j, Token& t) {
    StrictObject o(j);
    readToken(o, t);
    o.finish();
}

void to_json(nlohmann::json& j, const TokenCreate& t) {
    j = {{"name", t.name}, {"role", std::string(toString(t.role))}, {"realm_id", optionalString(t.realmId)}};
}

void from_json(const nlohmann::json& j, TokenCreate& t) {
    StrictObject o(j);
    t.name = o.required<std::string>("name");
    t.role = readRole(o);
    t.realmId = o.nullable<std::string>("realm_id").value_or(std::nullopt);
    o.finish();
}

void to_json(nlohmann::json& j, const TokenCreated& t) {
    to_json(j, t.token);
    j["token"] = t.secret;
    j["connection_string"] = t.connectionString;
}

void from_json(const nlohmann::json& j, TokenCreated& t) {
    StrictObject o(j);
    readToken(o, t.token);
    t.secret = o.required<std::string>("token");
    t.connectionString = o.required<std::string>("connection_string");
    o.finish();
}

} // namespace cowl
