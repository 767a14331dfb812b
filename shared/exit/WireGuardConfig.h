// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/net/IpAddress.h"

namespace cowl {

// An address with a prefix as wg-quick writes them: host bits may be set
// ("Address = 10.66.66.2/24", "AllowedIPs = 0.0.0.0/0").
struct PrefixedAddress {
    IpAddress address;
    unsigned prefix = 0;

    std::string toString() const;
    bool operator==(const PrefixedAddress&) const = default;
};

struct WireGuardPeer {
    std::string publicKey;
    std::string presharedKey; // write-only; empty = none
    std::vector<PrefixedAddress> allowedIps;
    std::string endpoint; // host:port or [v6]:port
    std::optional<std::uint16_t> persistentKeepalive;

    bool operator==(const WireGuardPeer&) const = default;
};

// A provider's wg-quick file, imported as it is: [Interface] PrivateKey,
// Address, DNS, MTU, ListenPort; [Peer] PublicKey, PresharedKey, AllowedIPs,
// Endpoint, PersistentKeepalive. Hooks (PreUp/PostUp/…) are refused: they are
// shell commands and the node runs none. Keys are 32-byte base64.
struct WireGuardConfig {
    std::string privateKey; // write-only
    std::vector<PrefixedAddress> addresses;
    std::vector<IpAddress> dns;
    std::optional<std::uint16_t> mtu;
    std::optional<std::uint16_t> listenPort;
    std::vector<WireGuardPeer> peers;

    // Throws ValidationError at `field` with the offending line number.
    static WireGuardConfig parse(std::string_view text, const std::string& field);
    // The public view: no private or preshared keys.
    nlohmann::json toPublicJson() const;

    bool operator==(const WireGuardConfig&) const = default;
};

} // namespace cowl
