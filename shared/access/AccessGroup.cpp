// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/access/AccessGroup.h"

#include <set>

#include "shared/api/StrictObject.h"
#include "shared/crypto/PasswordHash.h"
#include "shared/crypto/TokenHash.h"

namespace cowl {

namespace {

constexpr std::size_t kMaxCidrs = 256;
constexpr std::size_t kMaxSources = 8;
constexpr std::size_t kMinPassword = 8;
constexpr std::size_t kMinToken = 16;
constexpr std::size_t kMaxSecret = 4096;

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
    throw ValidationError(field, message);
}

bool printableAscii(std::string_view s, bool allowSpace) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || (!allowSpace && u == ' ')) {
            return false;
        }
    }
    return true;
}

std::vector<Cidr> readCidrs(const nlohmann::json& j, const std::string& field, bool allowEmpty) {
    if (!j.is_array()) {
        StrictObject::invalid(field, "a list of CIDRs like [\"203.0.113.0/24\", \"2001:db8::/32\"]");
    }
    if ((!allowEmpty && j.empty()) || j.size() > kMaxCidrs) {
        refuse(field, "\"" + field + "\" must hold 1 to " + std::to_string(kMaxCidrs) + " CIDRs");
    }
    std::vector<Cidr> out;
    for (std::size_t i = 0; i < j.size(); ++i) {
        const std::string itemField = field + "." + std::to_string(i);
        if (!j[i].is_string()) {
            StrictObject::invalid(itemField, "a CIDR string like \"203.0.113.0/24\"");
        }
        const std::string text = j[i].get<std::string>();
        if (auto error = Cidr::validationError(text)) {
            refuse(itemField, *error);
        }
        out.push_back(*Cidr::parse(text));
    }
    return out;
}

std::vector<CredentialSource> readSources(StrictObject& o, const std::string& path, bool allowQuery,
                                          CredentialSource fallback) {
    const nlohmann::json* raw = o.raw("sources");
    if (raw == nullptr) {
        return {std::move(fallback)};
    }
    const std::string field = path + ".sources";
    if (!raw->is_array()) {
        StrictObject::invalid(field, "a list like [\"bearer\", \"header:X-Token\", \"cookie:session\"]");
    }
    if (raw->empty() || raw->size() > kMaxSources) {
        refuse(field, "\"" + field + "\" must list 1 to 8 sources");
    }
    std::vector<CredentialSource> out;
    for (std::size_t i = 0; i < raw->size(); ++i) {
        const std::string itemField = field + "." + std::to_string(i);
        const auto& item = (*raw)[i];
        if (!item.is_string()) {
            StrictObject::invalid(itemField, "a source string");
        }
        auto source = CredentialSource::parse(item.get<std::string>());
        if (!source || (!allowQuery && source->kind == CredentialSource::Kind::Query)) {
            refuse(itemField, std::string("\"") + itemField + "\" must be " +
                                         (allowQuery ? "bearer, header:Name, cookie:Name or query:Name"
                                                     : "bearer, header:Name or cookie:Name (a JWT in a query string ends up in logs)"));
        }
        for (const auto& seen : out) {
            if (seen == *source) {
                refuse(itemField, "\"" + itemField + "\" repeats the source " + source->toString());
            }
        }
        out.push_back(std::move(*source));
    }
    return out;
}

nlohmann::json sourcesJson(const std::vector<CredentialSource>& sources) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : sources) {
        out.push_back(s.toString());
    }
    return out;
}

nlohmann::json cidrsJson(const std::vector<Cidr>& cidrs) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& c : cidrs) {
        out.push_back(c.toString());
    }
    return out;
}

// The *_set flags come back from GET; accepting them lets a console PUT what it read.
void ignoreFlag(StrictObject& o, std::string_view name) {
    o.optional<bool>(name);
}

std::string readSecret(StrictObject& o, std::string_view name, const std::string& path, std::size_t minLength,
                       bool allowSpace) {
    const auto value = o.optional<std::string>(name);
    if (!value) {
        return {};
    }
    const std::string field = path + "." + std::string(name);
    if (value->size() < minLength || value->size() > kMaxSecret) {
        refuse(field, "\"" + field + "\" must have " + std::to_string(minLength) + " to " +
                                 std::to_string(kMaxSecret) + " characters");
    }
    if (!printableAscii(*value, allowSpace)) {
        refuse(field, "\"" + field + "\" must be printable ASCII" + (allowSpace ? "" : " without spaces") +
                                 " (it travels in HTTP headers)");
    }
    return *value;
}

PasswordCredential readPassword(StrictObject& o, const std::string& path, AccessGroup::Form form) {
    PasswordCredential c;
    c.username = o.required<std::string>("username");
    const std::string userField = path + ".username";
    if (c.username.empty() || c.username.size() > 128 || c.username.find(':') != std::string::npos ||
        !printableAscii(c.username, true)) {
        refuse(userField, "\"" + userField + "\" must have 1 to 128 printable characters and no ':' "
                                                      "(HTTP Basic splits at the first colon)");
    }
    if (form == AccessGroup::Form::Storage) {
        // Empty = never set: the group then satisfies nobody (fail closed).
        c.passwordHash = o.required<std::string>("password_hash");
        if (!c.passwordHash.empty() && !PasswordHash::isWellFormed(c.passwordHash)) {
            refuse(path + ".password_hash", "the stored password hash is damaged");
        }
        return c;
    }
    ignoreFlag(o, "password_set");
    const std::string password = readSecret(o, "password", path, kMinPassword, true);
    if (!password.empty()) {
        c.passwordHash = PasswordHash::hash(password);
    }
    return c;
}

TokenCredential readToken(StrictObject& o, const std::string& path, AccessGroup::Form form) {
    TokenCredential c;
    c.sources = readSources(o, path, true, CredentialSource{CredentialSource::Kind::Bearer, {}});
    if (form == AccessGroup::Form::Storage) {
        c.valueHash = o.required<std::string>("value_hash");
        if (!c.valueHash.empty() &&
            (c.valueHash.size() != 64 || c.valueHash.find_first_not_of("0123456789abcdef") != std::string::npos)) {
            refuse(path + ".value_hash", "the stored token hash is damaged");
        }
        return c;
    }
    ignoreFlag(o, "value_set");
    const std::string value = readSecret(o, "value", path, kMinToken, false);
    if (!value.empty()) {
        c.valueHash = TokenHash::sha256Hex(value);
    }
    return c;
}

JwtCredential readJwt(StrictObject& o, const std::string& path, AccessGroup::Form form) {
    JwtCredential c;
    const std::string algorithm = o.required<std::string>("algorithm");
    const auto parsed = jwtAlgorithmFromString(algorithm);
    if (!parsed) {
        refuse(path + ".algorithm", "\"" + path + ".algorithm\" must be HS256, RS256 or ES256");
    }
    c.algorithm = *parsed;
    c.sources = readSources(o, path, false, CredentialSource{CredentialSource::Kind::Header, "Authorization"});
    if (const auto claims = o.optional<nlohmann::json>("claims")) {
        if (!claims->is_object() || claims->size() > 32) {
            StrictObject::invalid(path + ".claims", "an object of at most 32 claims that must match exactly");
        }
        c.claims = *claims;
    }
    c.issuer = o.optional<std::string>("iss");
    c.audience = o.optional<std::string>("aud");
    const bool hmac = c.algorithm == JwtAlgorithm::HS256;
    const char* keyField = hmac ? "secret" : "public_key";
    const char* otherField = hmac ? "public_key" : "secret";
    if (o.has(otherField) && form == AccessGroup::Form::Request) {
        refuse(path + "." + otherField, std::string("\"") + path + "." + otherField + "\" does not apply to " +
                                                   algorithm + "; use \"" + keyField + "\"");
    }
    if (form == AccessGroup::Form::Request) {
        ignoreFlag(o, "secret_set");
        ignoreFlag(o, "public_key_set");
    }
    if (const auto key = o.optional<std::string>(keyField); key && !(key->empty() && form == AccessGroup::Form::Storage)) {
        if (auto error = JwtVerifier::keyError(c.algorithm, *key)) {
            refuse(path + "." + keyField, "\"" + path + "." + keyField + "\": " + *error);
        }
        c.key = *key;
    } else if (form == AccessGroup::Form::Storage) {
        throw FieldError(FieldError::Kind::Missing, path + "." + keyField, "the stored JWT key is missing");
    }
    return c;
}

} // namespace

std::string_view toString(GroupType type) {
    switch (type) {
    case GroupType::Password:
        return "password";
    case GroupType::Token:
        return "token";
    case GroupType::Jwt:
        return "jwt";
    case GroupType::Ip:
        return "ip";
    }
    return "ip";
}

bool AccessGroup::hasSecret() const {
    switch (type()) {
    case GroupType::Password:
        return !std::get<PasswordCredential>(credential).passwordHash.empty();
    case GroupType::Token:
        return !std::get<TokenCredential>(credential).valueHash.empty();
    case GroupType::Jwt:
        return !std::get<JwtCredential>(credential).key.empty();
    case GroupType::Ip:
        return true;
    }
    return false;
}

std::string AccessGroup::secretField() const {
    switch (type()) {
    case GroupType::Password:
        return "password";
    case GroupType::Token:
        return "value";
    case GroupType::Jwt:
        return std::get<JwtCredential>(credential).algorithm == JwtAlgorithm::HS256 ? "secret" : "public_key";
    case GroupType::Ip:
        return {};
    }
    return {};
}

void AccessGroup::seal() {
    if (auto* jwt = std::get_if<JwtCredential>(&credential)) {
        jwt->verifier.reset();
        if (!jwt->key.empty()) {
            JwtVerifierOptions options;
            options.algorithm = jwt->algorithm;
            options.key = jwt->key;
            options.claims = jwt->claims;
            options.issuer = jwt->issuer;
            options.audience = jwt->audience;
            jwt->verifier = std::make_shared<const JwtVerifier>(std::move(options));
        }
    }
    fingerprint = TokenHash::sha256Hex(toStorageJson().dump());
}

AccessGroup AccessGroup::fromJson(const nlohmann::json& j, const std::string& name, const std::string& path, Form form) {
    StrictObject o(j, path);
    AccessGroup g;
    g.name = name;
    const std::string type = o.required<std::string>("type");
    if (const auto description = o.optional<std::string>("description")) {
        if (description->size() > 200) {
            refuse(path + ".description", "\"" + path + ".description\" has more than 200 characters");
        }
        g.description = *description;
    }
    if (type == "password") {
        g.credential = readPassword(o, path, form);
    } else if (type == "token") {
        g.credential = readToken(o, path, form);
    } else if (type == "jwt") {
        g.credential = readJwt(o, path, form);
    } else if (type == "ip") {
        const nlohmann::json* cidrs = o.raw("cidrs");
        if (cidrs == nullptr) {
            throw FieldError(FieldError::Kind::Missing, path + ".cidrs",
                             "the field \"" + path + ".cidrs\" is required for an ip group");
        }
        g.credential = IpCredential{readCidrs(*cidrs, path + ".cidrs", false)};
    } else {
        refuse(path + ".type", "\"" + path + ".type\" must be password, token, jwt or ip");
    }
    if (g.isCredentialGroup()) {
        if (const nlohmann::json* from = o.raw("from")) {
            g.from = readCidrs(*from, path + ".from", true);
        }
        g.forwardCredentials = o.optional<bool>("forward_credentials").value_or(false);
    }
    o.finish();
    g.seal();
    return g;
}

nlohmann::json AccessGroup::toStorageJson() const {
    nlohmann::json j = {{"type", toString(type())}};
    if (!description.empty()) {
        j["description"] = description;
    }
    if (isCredentialGroup()) {
        if (!from.empty()) {
            j["from"] = cidrsJson(from);
        }
        j["forward_credentials"] = forwardCredentials;
    }
    std::visit(
        [&j](const auto& c) {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, PasswordCredential>) {
                j["username"] = c.username;
                j["password_hash"] = c.passwordHash;
            } else if constexpr (std::is_same_v<T, TokenCredential>) {
                j["sources"] = sourcesJson(c.sources);
                j["value_hash"] = c.valueHash;
            } else if constexpr (std::is_same_v<T, JwtCredential>) {
                j["algorithm"] = toString(c.algorithm);
                j["sources"] = sourcesJson(c.sources);
                j["claims"] = c.claims;
                if (c.issuer) {
                    j["iss"] = *c.issuer;
                }
                if (c.audience) {
                    j["aud"] = *c.audience;
                }
                j[c.algorithm == JwtAlgorithm::HS256 ? "secret" : "public_key"] = c.key;
            } else {
                j["cidrs"] = cidrsJson(c.cidrs);
            }
        },
        credential);
    return j;
}

nlohmann::json AccessGroup::toPublicJson() const {
    nlohmann::json j = toStorageJson();
    switch (type()) {
    case GroupType::Password:
        j.erase("password_hash");
        j["password_set"] = hasSecret();
        break;
    case GroupType::Token:
        j.erase("value_hash");
        j["value_set"] = hasSecret();
        break;
    case GroupType::Jwt:
        j.erase(secretField());
        j[secretField() + "_set"] = hasSecret();
        break;
    case GroupType::Ip:
        break;
    }
    return j;
}

} // namespace cowl
