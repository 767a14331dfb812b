// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/exit/ProxyUrl.h"
#include "shared/exit/WireGuardConfig.h"
#include "shared/net/IpAddress.h"

namespace cowl {

enum class ExitMode { Block, Direct, Socks5, Http, Https, WireGuard };

std::string_view toString(ExitMode mode);

// A container's network exit (SPEC §7). Forms, like access documents:
//  - request: {"mode", "proxy"?: "socks5://user:pass@host:1080", "wireguard_config"?: "<wg-quick text>",
//              "dns_servers"?: [..≤4], "confirm_direct"?: true}
//    (what GET returned — "version", "proxy_credentials_set", "direct_confirmed",
//    "wireguard" — is accepted and ignored, so a console can PUT what it read);
//  - storage: {"mode", "proxy" with credentials, "wireguard_config" text, "dns_servers", "direct_confirmed"};
//  - public: {"mode", "proxy" without credentials, "proxy_credentials_set",
//             "wireguard": {…no private or preshared keys…}, "dns_servers", "direct_confirmed"}.
struct ExitDocument {
    ExitMode mode = ExitMode::Block;
    std::optional<ProxyUrl> proxy;             // socks5, http, https
    std::string wireguardText;                 // wireguard: the imported file, verbatim
    std::optional<WireGuardConfig> wireguard;  // parsed from wireguardText
    std::vector<IpAddress> dnsServers;         // at most 4
    bool directConfirmed = false;              // direct NAT was explicitly confirmed

    static constexpr std::size_t kMaxDnsServers = 4;

    // The PUT path: parse, keep omitted credentials / configuration of the same
    // exit from `previous` (may be null), then require what the mode needs.
    static ExitDocument fromRequestJson(const nlohmann::json& j, const ExitDocument* previous);
    static ExitDocument fromStorageJson(const nlohmann::json& j);
    nlohmann::json toStorageJson() const;
    nlohmann::json toPublicJson() const;
};

// Public form out; request form in (no previous document).
void from_json(const nlohmann::json& j, ExitDocument& document);
void to_json(nlohmann::json& j, const ExitDocument& document);

} // namespace cowl
