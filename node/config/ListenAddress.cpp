// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/config/ListenAddress.h"

#include <arpa/inet.h>
#include <charconv>
#include <stdexcept>

namespace cowl::node {

namespace {

[[noreturn]] void fail(std::string_view text, const std::string& what) {
    throw std::invalid_argument("'" + std::string(text) + "' is not a listen address: " + what
                                + " (write ADDR:PORT, e.g. 127.0.0.1:7443 or [::1]:7443)");
}

} // namespace

ListenAddress ListenAddress::parse(std::string_view text) {
    std::string_view address;
    std::string_view port;
    if (text.starts_with('[')) {
        const auto close = text.find("]:");
        if (close == std::string_view::npos)
            fail(text, "an IPv6 address in [brackets] must be followed by :PORT");
        address = text.substr(1, close - 1);
        port = text.substr(close + 2);
    } else {
        const auto colon = text.rfind(':');
        if (colon == std::string_view::npos)
            fail(text, "the port is missing");
        address = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (address.find(':') != std::string_view::npos)
            fail(text, "put an IPv6 address in [brackets]");
    }

    ListenAddress result;
    result.address = std::string(address);
    in6_addr v6{};
    in_addr v4{};
    const bool isV6 = text.starts_with('[');
    if ((isV6 && inet_pton(AF_INET6, result.address.c_str(), &v6) != 1)
        || (!isV6 && inet_pton(AF_INET, result.address.c_str(), &v4) != 1))
        fail(text, "'" + result.address + "' is not an IP address");

    unsigned value = 0;
    auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || ec != std::errc() || ptr != port.data() + port.size() || value > 65535)
        fail(text, "the port must be a number from 0 to 65535");
    result.port = static_cast<std::uint16_t>(value);
    return result;
}

std::string ListenAddress::format() const {
    return (isIpv6() ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

bool ListenAddress::isIpv6() const { return address.find(':') != std::string::npos; }

bool ListenAddress::isWildcard() const {
    if (isIpv6()) {
        in6_addr v6{};
        return inet_pton(AF_INET6, address.c_str(), &v6) == 1 && IN6_IS_ADDR_UNSPECIFIED(&v6);
    }
    return address == "0.0.0.0";
}

} // namespace cowl::node
