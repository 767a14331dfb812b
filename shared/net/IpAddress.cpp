// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/net/IpAddress.h"

#include <algorithm>
#include <cstring>

#include <arpa/inet.h>

namespace cowl {

namespace {

constexpr std::array<std::uint8_t, 12> kMappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

bool isMapped(const std::array<std::uint8_t, 16>& b) {
    return std::equal(kMappedPrefix.begin(), kMappedPrefix.end(), b.begin());
}

} // namespace

std::optional<IpAddress> IpAddress::parse(std::string_view text) {
    // INET6_ADDRSTRLEN is 46 with the terminator; anything longer is not an address.
    char buffer[64];
    if (text.empty() || text.size() >= sizeof(buffer)) {
        return std::nullopt;
    }
    std::memcpy(buffer, text.data(), text.size());
    buffer[text.size()] = '\0';
    if (std::memchr(text.data(), '\0', text.size()) != nullptr) {
        return std::nullopt;
    }
    std::array<std::uint8_t, 4> v4{};
    if (inet_pton(AF_INET, buffer, v4.data()) == 1) {
        return fromV4(v4);
    }
    std::array<std::uint8_t, 16> v6{};
    if (inet_pton(AF_INET6, buffer, v6.data()) == 1) {
        return fromV6(v6);
    }
    return std::nullopt;
}

IpAddress IpAddress::fromV4(const std::array<std::uint8_t, 4>& bytes) {
    IpAddress a;
    std::copy(kMappedPrefix.begin(), kMappedPrefix.end(), a.m_bytes.begin());
    std::copy(bytes.begin(), bytes.end(), a.m_bytes.begin() + 12);
    a.m_family = Family::V4;
    return a;
}

IpAddress IpAddress::fromV6(const std::array<std::uint8_t, 16>& bytes) {
    IpAddress a;
    a.m_bytes = bytes;
    a.m_family = isMapped(bytes) ? Family::V4 : Family::V6;
    return a;
}

std::string IpAddress::toString() const {
    char buffer[INET6_ADDRSTRLEN] = {};
    if (isV4()) {
        inet_ntop(AF_INET, m_bytes.data() + 12, buffer, sizeof(buffer));
    } else {
        inet_ntop(AF_INET6, m_bytes.data(), buffer, sizeof(buffer));
    }
    return buffer;
}

} // namespace cowl
