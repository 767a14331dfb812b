// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/exit/ProxyUrl.h"

#include <charconv>
#include <optional>

#include "shared/net/IpAddress.h"

namespace cowl {

namespace {

std::optional<std::string> percentDecode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out += s[i];
            continue;
        }
        unsigned v = 0;
        if (i + 2 >= s.size()) {
            return std::nullopt;
        }
        const auto [end, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
        if (ec != std::errc() || end != s.data() + i + 3) {
            return std::nullopt;
        }
        out += static_cast<char>(v);
        i += 2;
    }
    return out;
}

std::string percentEncode(std::string_view s) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (char c : s) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                           c == '.' || c == '_' || c == '~';
        if (plain) {
            out += c;
        } else {
            out += '%';
            out += kHex[static_cast<unsigned char>(c) >> 4];
            out += kHex[static_cast<unsigned char>(c) & 15];
        }
    }
    return out;
}

bool validHostName(std::string_view host) {
    if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') {
        return false;
    }
    for (char c : host) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
            return false;
        }
    }
    return true;
}

} // namespace

std::variant<ProxyUrl, std::string> ProxyUrl::parse(std::string_view text) {
    const std::string shape = "write the proxy as scheme://[user:password@]host:port, e.g. socks5://proxy.example:1080";
    ProxyUrl url;
    const auto sep = text.find("://");
    if (sep == std::string_view::npos) {
        return shape;
    }
    url.scheme = std::string(text.substr(0, sep));
    if (url.scheme != "socks5" && url.scheme != "socks5h" && url.scheme != "http" && url.scheme != "https") {
        return "proxy scheme '" + url.scheme.substr(0, 20) + "' is not socks5, socks5h, http or https";
    }
    std::string_view rest = text.substr(sep + 3);
    if (!rest.empty() && rest.back() == '/') {
        rest.remove_suffix(1);
    }
    if (rest.find_first_of("/?#") != std::string_view::npos) {
        return "a proxy URL has no path, query or fragment; " + shape;
    }
    if (const auto at = rest.rfind('@'); at != std::string_view::npos) {
        const std::string_view userinfo = rest.substr(0, at);
        rest = rest.substr(at + 1);
        const auto colon = userinfo.find(':');
        auto user = percentDecode(userinfo.substr(0, colon));
        auto pass = colon == std::string_view::npos ? std::optional<std::string>("") : percentDecode(userinfo.substr(colon + 1));
        if (!user || !pass) {
            return "the proxy credentials have a malformed %-escape";
        }
        url.username = std::move(*user);
        url.password = std::move(*pass);
    }
    std::string_view port;
    if (!rest.empty() && rest.front() == '[') {
        const auto close = rest.find(']');
        if (close == std::string_view::npos || close + 1 >= rest.size() || rest[close + 1] != ':') {
            return shape;
        }
        const auto v6 = IpAddress::parse(rest.substr(1, close - 1));
        if (!v6 || v6->isV4()) {
            return "'" + std::string(rest.substr(1, close - 1)) + "' is not an IPv6 address";
        }
        url.host = v6->toString();
        port = rest.substr(close + 2);
    } else {
        const auto colon = rest.rfind(':');
        if (colon == std::string_view::npos) {
            return "the proxy URL needs a port; " + shape;
        }
        const std::string_view host = rest.substr(0, colon);
        if (!validHostName(host)) {
            return "'" + std::string(host.substr(0, 60)) + "' is not a host name or address";
        }
        url.host = std::string(host);
        port = rest.substr(colon + 1);
    }
    unsigned p = 0;
    const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), p);
    if (port.empty() || ec != std::errc() || end != port.data() + port.size() || p < 1 || p > 65535) {
        return "the proxy port must be from 1 to 65535";
    }
    url.port = static_cast<std::uint16_t>(p);
    return url;
}

std::string ProxyUrl::toString(bool withCredentials) const {
    std::string out = scheme + "://";
    if (withCredentials && hasCredentials()) {
        out += percentEncode(username);
        if (!password.empty()) {
            out += ':' + percentEncode(password);
        }
        out += '@';
    }
    out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
    out += ':' + std::to_string(port);
    return out;
}

} // namespace cowl
