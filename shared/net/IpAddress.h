// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace cowl {

// An IPv4 or IPv6 address. A v4-mapped IPv6 address (::ffff:a.b.c.d, what a
// dual-stack socket reports for IPv4 peers) is the IPv4 address: IPv4 CIDRs
// match it and it prints as a.b.c.d. Stored as 16 bytes, IPv4 in mapped form,
// so copies never allocate.
class IpAddress {
public:
    enum class Family : std::uint8_t { V4, V6 };

    IpAddress() = default; // :: (unspecified IPv6)

    // Dotted quad or RFC 4291 text; no brackets, zone ids, ports or spaces.
    static std::optional<IpAddress> parse(std::string_view text);
    static IpAddress fromV4(const std::array<std::uint8_t, 4>& bytes);
    static IpAddress fromV6(const std::array<std::uint8_t, 16>& bytes);

    Family family() const { return m_family; }
    bool isV4() const { return m_family == Family::V4; }
    // 16 bytes; an IPv4 address is ::ffff:a.b.c.d.
    const std::array<std::uint8_t, 16>& bytes() const { return m_bytes; }
    std::string toString() const;

    bool operator==(const IpAddress&) const = default;
    auto operator<=>(const IpAddress&) const = default;

private:
    std::array<std::uint8_t, 16> m_bytes{};
    Family m_family = Family::V6;
};

} // namespace cowl
