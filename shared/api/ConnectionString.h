// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cowl {

// What an operator pastes into the console to add a node:
//   cowl://HOST:PORT/?fingerprint=SHA256HEX&token=cowl_...
// It carries everything needed to trust (the pinned control-certificate
// fingerprint) and to authenticate (the bearer token) in one line. The node
// prints it, the console parses it; both use this one codec.
struct ConnectionString {
    static constexpr std::string_view kScheme = "cowl://";
    static constexpr std::size_t kFingerprintLength = 64;

    std::string host; // IPv6 literals without brackets
    std::uint16_t port = 0;
    std::string fingerprint; // SHA-256 of the control certificate's DER, lowercase hex
    std::string token;       // cowl_ + 64 lowercase hex

    // Formats with [brackets] around IPv6 hosts. Fields are assumed valid.
    std::string format() const;

    // Strict: throws cowl::ValidationError (field "connection_string.<part>")
    // naming what is wrong. Leading/trailing whitespace from a paste is ignored;
    // an upper-case fingerprint is accepted and lowered.
    static ConnectionString parse(std::string_view text);

    static bool isValidToken(std::string_view token);
    static bool isValidFingerprint(std::string_view fingerprint);

    bool operator==(const ConnectionString&) const = default;
};

} // namespace cowl
