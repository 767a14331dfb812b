// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace cowl {

// An upstream proxy: scheme://[user[:password]@]host:port with scheme socks5,
// socks5h, http or https. The port is required (no guessing which one the
// provider meant); user and password may be percent-encoded.
struct ProxyUrl {
    std::string scheme;
    std::string host; // a DNS name, an IPv4 address or an IPv6 address (without brackets)
    std::uint16_t port = 0;
    std::string username; // write-only
    std::string password; // write-only

    // The URL, or what is wrong with `text` (for the operator).
    static std::variant<ProxyUrl, std::string> parse(std::string_view text);
    // Without credentials unless asked: the public form never carries them.
    std::string toString(bool withCredentials = false) const;
    bool hasCredentials() const { return !username.empty() || !password.empty(); }
    bool sameServer(const ProxyUrl& other) const {
        return scheme == other.scheme && host == other.host && port == other.port;
    }

    bool operator==(const ProxyUrl&) const = default;
};

} // namespace cowl
