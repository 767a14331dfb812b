// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/net/Cidr.h"

#include <charconv>

namespace cowl {

namespace {

// Prefix in the 128-bit space: IPv4 sits in the last 32 bits of ::ffff:0:0/96.
unsigned widePrefix(const IpAddress& a, unsigned prefix) {
    return a.isV4() ? prefix + 96 : prefix;
}

bool prefixEqual(const IpAddress& a, const IpAddress& b, unsigned bits) {
    const auto& x = a.bytes();
    const auto& y = b.bytes();
    unsigned i = 0;
    for (; bits >= 8; bits -= 8, ++i) {
        if (x[i] != y[i]) {
            return false;
        }
    }
    if (bits == 0) {
        return true;
    }
    const std::uint8_t mask = static_cast<std::uint8_t>(0xff << (8 - bits));
    return (x[i] & mask) == (y[i] & mask);
}

bool hostBitsZero(const IpAddress& a, unsigned wide) {
    const auto& b = a.bytes();
    for (unsigned bit = wide; bit < 128; ++bit) {
        if (b[bit / 8] & (0x80 >> (bit % 8))) {
            return false;
        }
    }
    return true;
}


} // namespace

std::optional<std::string> Cidr::validationError(std::string_view text) {
    const auto slash = text.find('/');
    const std::string_view addressText = text.substr(0, slash);
    const auto address = IpAddress::parse(addressText);
    if (!address) {
        return "'" + std::string(text) + "' is not an IPv4 or IPv6 address block; write e.g. 203.0.113.0/24 or 2001:db8::/32";
    }
    const bool writtenAsV6 = addressText.find(':') != std::string_view::npos;
    const unsigned familyMax = writtenAsV6 ? 128 : 32;
    unsigned prefix = familyMax;
    if (slash != std::string_view::npos) {
        const std::string_view p = text.substr(slash + 1);
        const auto [end, ec] = std::from_chars(p.data(), p.data() + p.size(), prefix);
        if (p.empty() || p.size() > 3 || ec != std::errc() || end != p.data() + p.size() || prefix > familyMax) {
            return "'" + std::string(text) + "' has an invalid prefix length; use 0-" + std::to_string(familyMax);
        }
    }
    unsigned wide = prefix;
    if (!writtenAsV6) {
        wide = prefix + 96;
    } else if (address->isV4() && prefix < 96) {
        return "'" + std::string(text) + "' mixes IPv4-mapped and IPv6 space; write the IPv4 block instead";
    }
    if (!hostBitsZero(*address, wide)) {
        return "'" + std::string(text) + "' has host bits set after the prefix; write the network address";
    }
    return std::nullopt;
}

std::optional<Cidr> Cidr::parse(std::string_view text) {
    if (validationError(text)) {
        return std::nullopt;
    }
    const auto slash = text.find('/');
    const std::string_view addressText = text.substr(0, slash);
    const IpAddress address = *IpAddress::parse(addressText);
    const bool writtenAsV6 = addressText.find(':') != std::string_view::npos;
    unsigned prefix = writtenAsV6 ? 128 : 32;
    if (slash != std::string_view::npos) {
        const std::string_view p = text.substr(slash + 1);
        std::from_chars(p.data(), p.data() + p.size(), prefix);
    }
    if (writtenAsV6 && address.isV4()) {
        prefix -= 96;
    }
    return Cidr(address, prefix);
}

bool Cidr::contains(const IpAddress& address) const {
    if (address.family() != m_address.family()) {
        return false;
    }
    return prefixEqual(m_address, address, widePrefix(m_address, m_prefix));
}

std::string Cidr::toString() const {
    return m_address.toString() + "/" + std::to_string(m_prefix);
}

} // namespace cowl
