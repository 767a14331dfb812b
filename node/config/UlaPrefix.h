// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <netinet/in.h>

namespace cowl::node {

// An IPv6 prefix in use on the host (an interface address's network or a route).
struct Ipv6Prefix {
    in6_addr address{};
    unsigned length = 0;
};

// The node's random IPv6 unique-local /48 (RFC 4193: fd + 40 random bits):
// every container address comes out of it. It must overlap nothing the host
// already uses, or container traffic would be routed into the host's own
// network.
class UlaPrefix {
public:
    using RandomBytes = std::function<void(unsigned char*, std::size_t)>;

    // Draws until the prefix overlaps none of `inUse` (gives up after 64 draws).
    static UlaPrefix pick(const std::vector<Ipv6Prefix>& inUse, const RandomBytes& randomBytes);
    static UlaPrefix pick(const std::vector<Ipv6Prefix>& inUse); // OpenSSL RAND_bytes
    // "fdxx:xxxx:xxxx::/48"; throws std::invalid_argument otherwise.
    static UlaPrefix parse(std::string_view text);

    // Addresses on the host's interfaces (as prefixes) and its routing table,
    // from getifaddrs and /proc/net/ipv6_route. Default routes are left out.
    static std::vector<Ipv6Prefix> hostPrefixes();

    bool overlaps(const Ipv6Prefix& prefix) const;
    std::string format() const;
    const std::array<std::uint8_t, 6>& bytes() const { return m_bytes; }

private:
    explicit UlaPrefix(std::array<std::uint8_t, 6> bytes) : m_bytes(bytes) {}
    std::array<std::uint8_t, 6> m_bytes;
};

} // namespace cowl::node
