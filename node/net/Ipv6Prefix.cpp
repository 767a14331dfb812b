// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/net/Ipv6Prefix.h"

#include <arpa/inet.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace cowl::node {

Ipv6Prefix Ipv6Prefix::randomUla48() {
    Bytes bytes{};
    bytes[0] = 0xfd;
    if (RAND_bytes(bytes.data() + 1, 5) != 1) {
        throw std::runtime_error("the OS random generator failed; cannot pick the node's IPv6 prefix");
    }
    return Ipv6Prefix(bytes);
}

std::optional<Ipv6Prefix> Ipv6Prefix::parse(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || text.substr(slash + 1) != "48") {
        return std::nullopt;
    }
    const std::string address(text.substr(0, slash));
    Bytes bytes{};
    if (inet_pton(AF_INET6, address.c_str(), bytes.data()) != 1 || bytes[0] != 0xfd) {
        return std::nullopt;
    }
    for (std::size_t i = 6; i < bytes.size(); ++i) {
        if (bytes[i] != 0) {
            return std::nullopt;
        }
    }
    return Ipv6Prefix(bytes);
}

std::string Ipv6Prefix::str() const { return format(m_bytes) + "/48"; }

Ipv6Prefix::Bytes Ipv6Prefix::containerAddress(std::uint64_t interfaceId) const {
    Bytes address = m_bytes;
    address[6] = 0x00;
    address[7] = 0x01;
    for (int i = 0; i < 8; ++i) {
        address[15 - i] = static_cast<std::uint8_t>(interfaceId >> (8 * i));
    }
    return address;
}

std::string Ipv6Prefix::format(const Bytes& address) {
    char text[INET6_ADDRSTRLEN] = {};
    inet_ntop(AF_INET6, address.data(), text, sizeof text);
    return text;
}

} // namespace cowl::node
