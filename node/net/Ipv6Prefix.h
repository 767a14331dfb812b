// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cowl::node {

// The node's unique local /48 (RFC 4193). Picked at random once, at first
// start, so that it collides with nothing on the host (the host itself may
// already carry fd00::/64).
class Ipv6Prefix {
public:
    using Bytes = std::array<std::uint8_t, 16>;

    static Ipv6Prefix randomUla48();
    // Accepts "fdxx:xxxx:xxxx::/48" only: a ULA (fd00::/8) with length 48 and no host bits.
    static std::optional<Ipv6Prefix> parse(std::string_view text);

    const Bytes& bytes() const { return m_bytes; }
    std::string str() const; // "fd12:3456:789a::/48"

    // fdxx:xxxx:xxxx:0001:<64 bits>, the subnet every container address lives in.
    Bytes containerAddress(std::uint64_t interfaceId) const;

    static std::string format(const Bytes& address);

private:
    explicit Ipv6Prefix(const Bytes& bytes) : m_bytes(bytes) {}
    Bytes m_bytes{};
};

} // namespace cowl::node
