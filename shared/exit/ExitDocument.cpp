// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/exit/ExitDocument.h"

#include <array>

#include "shared/api/StrictObject.h"

namespace cowl {

namespace {

constexpr std::array kModes = {ExitMode::Block, ExitMode::Direct, ExitMode::Socks5,
                               ExitMode::Http,  ExitMode::Https,  ExitMode::WireGuard};

bool usesProxy(ExitMode mode) {
    return mode == ExitMode::Socks5 || mode == ExitMode::Http || mode == ExitMode::Https;
}

bool schemeFits(ExitMode mode, const std::string& scheme) {
    switch (mode) {
    case ExitMode::Socks5:
        return scheme == "socks5" || scheme == "socks5h";
    case ExitMode::Http:
        return scheme == "http";
    case ExitMode::Https:
        return scheme == "https";
    default:
        return false;
    }
}

enum class Form { Request, Storage };

ExitDocument parse(const nlohmann::json& j, Form form, const ExitDocument* previous) {
    StrictObject o(j);
    ExitDocument doc;
    const std::string mode = o.required<std::string>("mode");
    bool known = false;
    for (ExitMode m : kModes) {
        if (toString(m) == mode) {
            doc.mode = m;
            known = true;
        }
    }
    if (!known) {
        throw ValidationError("mode", "\"mode\" must be block, direct, socks5, http, https or wireguard");
    }
    if (form == Form::Request) {
        o.optional<std::uint64_t>("version");
        o.optional<bool>("proxy_credentials_set");
        o.optional<bool>("direct_confirmed");
        o.optional<nlohmann::json>("wireguard");
        o.optional<nlohmann::json>("state");
    }

    if (const auto dns = o.optional<nlohmann::json>("dns_servers")) {
        if (!dns->is_array()) {
            StrictObject::invalid("dns_servers", "a list of up to 4 IP addresses");
        }
        if (dns->size() > ExitDocument::kMaxDnsServers) {
            throw ValidationError("dns_servers", "at most 4 DNS servers; remove " +
                                                     std::to_string(dns->size() - ExitDocument::kMaxDnsServers));
        }
        for (std::size_t i = 0; i < dns->size(); ++i) {
            const std::string field = "dns_servers." + std::to_string(i);
            const auto& item = (*dns)[i];
            const auto address = item.is_string() ? IpAddress::parse(item.get<std::string>()) : std::nullopt;
            if (!address) {
                throw ValidationError(field, "\"" + field + "\" must be an IPv4 or IPv6 address (no port, no name)");
            }
            for (const auto& seen : doc.dnsServers) {
                if (seen == *address) {
                    throw ValidationError(field, "DNS server " + address->toString() + " is listed twice");
                }
            }
            doc.dnsServers.push_back(*address);
        }
    }

    const auto proxy = o.optional<std::string>("proxy");
    if (proxy) {
        if (!usesProxy(doc.mode)) {
            throw ValidationError("proxy", "\"proxy\" applies to modes socks5, http and https only; remove it");
        }
        auto parsed = ProxyUrl::parse(*proxy);
        if (auto* error = std::get_if<std::string>(&parsed)) {
            throw ValidationError("proxy", *error);
        }
        doc.proxy = std::get<ProxyUrl>(std::move(parsed));
        if (!schemeFits(doc.mode, doc.proxy->scheme)) {
            throw ValidationError("proxy", "mode " + mode + " needs a " + (doc.mode == ExitMode::Socks5 ? "socks5://" : mode + "://") +
                                               " proxy URL, not " + doc.proxy->scheme + "://");
        }
    }

    const auto wireguardText = o.optional<std::string>("wireguard_config");
    if (wireguardText) {
        if (doc.mode != ExitMode::WireGuard) {
            throw ValidationError("wireguard_config", "\"wireguard_config\" applies to mode wireguard only; remove it");
        }
        doc.wireguard = WireGuardConfig::parse(*wireguardText, "wireguard_config");
        doc.wireguardText = *wireguardText;
    }

    const char* confirmField = form == Form::Request ? "confirm_direct" : "direct_confirmed";
    const bool confirmed = o.optional<bool>(confirmField).value_or(false);
    o.finish();

    // Kept from the stored exit: credentials of the same proxy server, the
    // WireGuard file, and a direct confirmation already given.
    if (previous != nullptr && previous->mode == doc.mode) {
        if (doc.proxy && previous->proxy && !doc.proxy->hasCredentials() && doc.proxy->sameServer(*previous->proxy)) {
            doc.proxy->username = previous->proxy->username;
            doc.proxy->password = previous->proxy->password;
        }
        if (doc.mode == ExitMode::WireGuard && !wireguardText) {
            doc.wireguard = previous->wireguard;
            doc.wireguardText = previous->wireguardText;
        }
    }
    if (doc.mode == ExitMode::Direct) {
        doc.directConfirmed = confirmed || (previous != nullptr && previous->mode == ExitMode::Direct && previous->directConfirmed);
        if (!doc.directConfirmed) {
            throw ValidationError(confirmField, "mode direct sends the container's traffic out through the host's "
                                                "own address; set \"confirm_direct\": true to confirm");
        }
    } else if (confirmed) {
        throw ValidationError(confirmField, std::string("\"") + confirmField + "\" applies to mode direct only");
    }
    if (usesProxy(doc.mode) && !doc.proxy) {
        throw FieldError(FieldError::Kind::Missing, "proxy", "mode " + mode + " needs \"proxy\": the upstream proxy URL");
    }
    if (doc.mode == ExitMode::WireGuard && !doc.wireguard) {
        throw FieldError(FieldError::Kind::Missing, "wireguard_config",
                         "mode wireguard needs \"wireguard_config\": the provider's wg-quick file");
    }
    return doc;
}

nlohmann::json dnsJson(const std::vector<IpAddress>& servers) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& s : servers) {
        out.push_back(s.toString());
    }
    return out;
}

} // namespace

std::string_view toString(ExitMode mode) {
    switch (mode) {
    case ExitMode::Block:
        return "block";
    case ExitMode::Direct:
        return "direct";
    case ExitMode::Socks5:
        return "socks5";
    case ExitMode::Http:
        return "http";
    case ExitMode::Https:
        return "https";
    case ExitMode::WireGuard:
        return "wireguard";
    }
    return "block";
}

ExitDocument ExitDocument::fromRequestJson(const nlohmann::json& j, const ExitDocument* previous) {
    return parse(j, Form::Request, previous);
}

ExitDocument ExitDocument::fromStorageJson(const nlohmann::json& j) {
    return parse(j, Form::Storage, nullptr);
}

nlohmann::json ExitDocument::toStorageJson() const {
    nlohmann::json j = {{"mode", toString(mode)}, {"dns_servers", dnsJson(dnsServers)}, {"direct_confirmed", directConfirmed}};
    if (proxy) {
        j["proxy"] = proxy->toString(true);
    }
    if (wireguard) {
        j["wireguard_config"] = wireguardText;
    }
    return j;
}

nlohmann::json ExitDocument::toPublicJson() const {
    nlohmann::json j = {{"mode", toString(mode)}, {"dns_servers", dnsJson(dnsServers)}, {"direct_confirmed", directConfirmed}};
    if (proxy) {
        j["proxy"] = proxy->toString(false);
        j["proxy_credentials_set"] = proxy->hasCredentials();
    }
    if (wireguard) {
        j["wireguard"] = wireguard->toPublicJson();
    }
    return j;
}

void from_json(const nlohmann::json& j, ExitDocument& document) {
    document = ExitDocument::fromRequestJson(j, nullptr);
}

void to_json(nlohmann::json& j, const ExitDocument& document) {
    j = document.toPublicJson();
}

} // namespace cowl
