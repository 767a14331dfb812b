// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/net/IpAddress.h"

namespace cowl {

// An address block: "10.0.0.0/8", "2001:db8::/32", or a bare address (/32,
// /128). Host bits must be zero, so what the operator wrote is what matches.
// An IPv4 block matches IPv4 and v4-mapped addresses; an IPv6 block matches
// IPv6 addresses only (::ffff:a.b.c.d/n, n >= 96, is the IPv4 block).
class Cidr {
public:
    static std::optional<Cidr> parse(std::string_view text);
    // Why `text` is not a CIDR, or nullopt when it is one.
    static std::optional<std::string> validationError(std::string_view text);

    const IpAddress& address() const { return m_address; }
    // In the address's own family: 0-32 for IPv4, 0-128 for IPv6.
    unsigned prefixLength() const { return m_prefix; }
    bool isV4() const { return m_address.isV4(); }
    bool contains(const IpAddress& address) const;
    std::string toString() const;

    bool operator==(const Cidr&) const = default;

private:
    Cidr(IpAddress address, unsigned prefix) : m_address(address), m_prefix(prefix) {}
    IpAddress m_address;
    unsigned m_prefix = 0;
};

} // namespace cowl
