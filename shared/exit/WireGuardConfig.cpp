// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/exit/WireGuardConfig.h"

#include <charconv>

#include "shared/ValidationError.h"
#include "shared/crypto/Base64.h"

namespace cowl {

namespace {

constexpr std::size_t kMaxText = 64 * 1024;
constexpr std::size_t kMaxPeers = 16;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        if (c >= 'A' && c <= 'Z') {
            c = static_cast<char>(c - 'A' + 'a');
        }
    }
    return out;
}

std::vector<std::string_view> splitList(std::string_view value) {
    std::vector<std::string_view> out;
    while (true) {
        const auto comma = value.find(',');
        const std::string_view item = trim(value.substr(0, comma));
        if (!item.empty()) {
            out.push_back(item);
        }
        if (comma == std::string_view::npos) {
            break;
        }
        value.remove_prefix(comma + 1);
    }
    return out;
}

std::optional<unsigned> parseUnsigned(std::string_view s, unsigned max) {
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v > max) {
        return std::nullopt;
    }
    return v;
}

bool validKey(std::string_view key) {
    const auto bytes = Base64::decode(key);
    return key.size() == 44 && bytes && bytes->size() == 32;
}

std::optional<PrefixedAddress> parsePrefixed(std::string_view text) {
    const auto slash = text.find('/');
    const auto address = IpAddress::parse(text.substr(0, slash));
    if (!address) {
        return std::nullopt;
    }
    const unsigned max = address->isV4() ? 32 : 128;
    unsigned prefix = max;
    if (slash != std::string_view::npos) {
        const auto p = parseUnsigned(text.substr(slash + 1), max);
        if (!p) {
            return std::nullopt;
        }
        prefix = *p;
    }
    return PrefixedAddress{*address, prefix};
}

bool validEndpoint(std::string_view endpoint) {
    std::string_view host;
    std::string_view port;
    if (!endpoint.empty() && endpoint.front() == '[') {
        const auto close = endpoint.find("]:");
        if (close == std::string_view::npos) {
            return false;
        }
        const auto v6 = IpAddress::parse(endpoint.substr(1, close - 1));
        if (!v6 || v6->isV4()) {
            return false;
        }
        port = endpoint.substr(close + 2);
        host = "v6";
    } else {
        const auto colon = endpoint.rfind(':');
        if (colon == std::string_view::npos) {
            return false;
        }
        host = endpoint.substr(0, colon);
        port = endpoint.substr(colon + 1);
        if (host.empty() || host.size() > 253 || host.find(':') != std::string_view::npos) {
            return false;
        }
        for (char c : host) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return false;
            }
        }
    }
    const auto p = parseUnsigned(port, 65535);
    return p && *p >= 1;
}

} // namespace

std::string PrefixedAddress::toString() const {
    return address.toString() + "/" + std::to_string(prefix);
}

WireGuardConfig WireGuardConfig::parse(std::string_view text, const std::string& field) {
    if (text.size() > kMaxText) {
        throw ValidationError(field, "the WireGuard configuration is larger than 64 KiB");
    }
    WireGuardConfig config;
    enum class Section { None, Interface, Peer } section = Section::None;
    int interfaces = 0;
    int lineNumber = 0;
    const auto fail = [&](const std::string& message) {
        throw ValidationError(field, "WireGuard configuration, line " + std::to_string(lineNumber) + ": " + message);
    };
    while (!text.empty()) {
        ++lineNumber;
        const auto newline = text.find('\n');
        std::string_view line = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        if (const auto hash = line.find('#'); hash != std::string_view::npos) {
            line = line.substr(0, hash);
        }
        line = trim(line);
        if (line.empty()) {
            continue;
        }
        if (line.front() == '[') {
            const std::string name = lower(line);
            if (name == "[interface]") {
                section = Section::Interface;
                if (++interfaces > 1) {
                    fail("a second [Interface] section; a configuration has exactly one");
                }
            } else if (name == "[peer]") {
                section = Section::Peer;
                if (config.peers.size() == kMaxPeers) {
                    fail("more than 16 peers");
                }
                config.peers.emplace_back();
            } else {
                fail("unknown section " + std::string(line.substr(0, 40)) + "; expected [Interface] or [Peer]");
            }
            continue;
        }
        const auto eq = line.find('=');
        if (eq == std::string_view::npos) {
            fail("expected 'Key = Value'");
        }
        const std::string key = lower(trim(line.substr(0, eq)));
        const std::string_view value = trim(line.substr(eq + 1));
        if (section == Section::None) {
            fail("'" + key + "' comes before any [Interface] or [Peer] section");
        }
        if (key == "preup" || key == "postup" || key == "predown" || key == "postdown") {
            fail("hook '" + key + "' runs shell commands, which Cowl never does; remove the line");
        }
        if (section == Section::Interface) {
            if (key == "privatekey") {
                if (!validKey(value)) {
                    fail("PrivateKey is not a 32-byte base64 key");
                }
                config.privateKey = std::string(value);
            } else if (key == "address") {
                for (std::string_view item : splitList(value)) {
                    const auto a = parsePrefixed(item);
                    if (!a) {
                        fail("Address '" + std::string(item.substr(0, 60)) + "' is not an address/prefix");
                    }
                    config.addresses.push_back(*a);
                }
            } else if (key == "dns") {
                for (std::string_view item : splitList(value)) {
                    const auto a = IpAddress::parse(item);
                    if (!a) {
                        fail("DNS '" + std::string(item.substr(0, 60)) +
                             "' is not an IP address (search domains are not supported; remove them)");
                    }
                    config.dns.push_back(*a);
                }
            } else if (key == "mtu") {
                const auto mtu = parseUnsigned(value, 9000);
                if (!mtu || *mtu < 1280) {
                    fail("MTU must be from 1280 to 9000");
                }
                config.mtu = static_cast<std::uint16_t>(*mtu);
            } else if (key == "listenport") {
                const auto port = parseUnsigned(value, 65535);
                if (!port) {
                    fail("ListenPort must be from 0 to 65535");
                }
                config.listenPort = static_cast<std::uint16_t>(*port);
            } else {
                fail("unsupported [Interface] key '" + key.substr(0, 40) + "'");
            }
            continue;
        }
        WireGuardPeer& peer = config.peers.back();
        if (key == "publickey") {
            if (!validKey(value)) {
                fail("PublicKey is not a 32-byte base64 key");
            }
            peer.publicKey = std::string(value);
        } else if (key == "presharedkey") {
            if (!validKey(value)) {
                fail("PresharedKey is not a 32-byte base64 key");
            }
            peer.presharedKey = std::string(value);
        } else if (key == "allowedips") {
            for (std::string_view item : splitList(value)) {
                const auto a = parsePrefixed(item);
                if (!a) {
                    fail("AllowedIPs '" + std::string(item.substr(0, 60)) + "' is not an address/prefix");
                }
                peer.allowedIps.push_back(*a);
            }
        } else if (key == "endpoint") {
            if (!validEndpoint(value)) {
                fail("Endpoint must be host:port or [IPv6]:port");
            }
            peer.endpoint = std::string(value);
        } else if (key == "persistentkeepalive") {
            if (lower(value) == "off") {
                peer.persistentKeepalive.reset();
            } else {
                const auto seconds = parseUnsigned(value, 65535);
                if (!seconds) {
                    fail("PersistentKeepalive must be 0 to 65535 or off");
                }
                peer.persistentKeepalive = static_cast<std::uint16_t>(*seconds);
            }
        } else {
            fail("unsupported [Peer] key '" + key.substr(0, 40) + "'");
        }
    }
    if (interfaces == 0 || config.privateKey.empty()) {
        throw ValidationError(field, "the WireGuard configuration needs an [Interface] with a PrivateKey");
    }
    if (config.addresses.empty()) {
        throw ValidationError(field, "the WireGuard [Interface] needs an Address (the tunnel address the provider gave you)");
    }
    if (config.peers.empty()) {
        throw ValidationError(field, "the WireGuard configuration needs a [Peer]");
    }
    for (std::size_t i = 0; i < config.peers.size(); ++i) {
        const auto& p = config.peers[i];
        const std::string which = "peer " + std::to_string(i + 1);
        if (p.publicKey.empty() || p.endpoint.empty() || p.allowedIps.empty()) {
            throw ValidationError(field, "WireGuard " + which + " needs PublicKey, Endpoint and AllowedIPs");
        }
    }
    return config;
}

nlohmann::json WireGuardConfig::toPublicJson() const {
    nlohmann::json addressList = nlohmann::json::array();
    for (const auto& a : addresses) {
        addressList.push_back(a.toString());
    }
    nlohmann::json dnsList = nlohmann::json::array();
    for (const auto& a : dns) {
        dnsList.push_back(a.toString());
    }
    nlohmann::json peerList = nlohmann::json::array();
    for (const auto& p : peers) {
        nlohmann::json allowed = nlohmann::json::array();
        for (const auto& a : p.allowedIps) {
            allowed.push_back(a.toString());
        }
        nlohmann::json peer = {{"public_key", p.publicKey},
                               {"endpoint", p.endpoint},
                               {"allowed_ips", std::move(allowed)},
                               {"preshared_key_set", !p.presharedKey.empty()}};
        peer["persistent_keepalive"] = p.persistentKeepalive ? nlohmann::json(*p.persistentKeepalive) : nlohmann::json();
        peerList.push_back(std::move(peer));
    }
    nlohmann::json j = {{"private_key_set", !privateKey.empty()},
                        {"addresses", std::move(addressList)},
                        {"dns", std::move(dnsList)},
                        {"peers", std::move(peerList)}};
    j["mtu"] = mtu ? nlohmann::json(*mtu) : nlohmann::json();
    j["listen_port"] = listenPort ? nlohmann::json(*listenPort) : nlohmann::json();
    return j;
}

} // namespace cowl
