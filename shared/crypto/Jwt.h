// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace cowl {

enum class JwtAlgorithm { HS256, RS256, ES256 };

std::string_view toString(JwtAlgorithm algorithm);
std::optional<JwtAlgorithm> jwtAlgorithmFromString(std::string_view text);

struct JwtVerifierOptions {
    JwtAlgorithm algorithm = JwtAlgorithm::HS256;
    std::string key;                             // HS256: the shared secret; RS256/ES256: a PEM public key or certificate
    nlohmann::json claims = nlohmann::json::object(); // each must be present with exactly this value
    std::optional<std::string> issuer;           // "iss" must equal it when set
    std::optional<std::string> audience;         // "aud" (string or array) must hold it when set
    std::int64_t leewaySeconds = 30;
};

struct JwtResult {
    bool valid = false;
    std::string reason;                  // why not, for the access log and the preview (never the token)
    nlohmann::json claims;               // the payload when valid
    std::optional<std::int64_t> expiresAt;
};

// Verifies compact JWS tokens for exactly one configured algorithm: the
// header's "alg" must equal it, so "none" and HS/RS confusion cannot pass.
// exp and nbf are checked whenever present. Build once per group (parsing a
// PEM key per request would be wasteful); verify() is thread-safe.
class JwtVerifier {
public:
    // Throws std::invalid_argument with an operator-facing message for a bad key.
    explicit JwtVerifier(JwtVerifierOptions options);
    ~JwtVerifier();
    JwtVerifier(const JwtVerifier&) = delete;
    JwtVerifier& operator=(const JwtVerifier&) = delete;

    // What is wrong with `key` for `algorithm`, or nullopt when it is usable.
    static std::optional<std::string> keyError(JwtAlgorithm algorithm, std::string_view key);

    // `now` is Unix seconds: the test seam for time.
    JwtResult verify(std::string_view token, std::int64_t now) const;
    JwtResult verify(std::string_view token) const;

    const JwtVerifierOptions& options() const { return m_options; }

    static std::int64_t systemNow();

private:
    struct Key;
    JwtVerifierOptions m_options;
    std::unique_ptr<Key> m_key;
};

} // namespace cowl
