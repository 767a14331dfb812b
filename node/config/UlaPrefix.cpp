// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/config/UlaPrefix.h"

#include "shared/text/Ascii.h"

#include <arpa/inet.h>
#include <fstream>
#include <ifaddrs.h>
#include <openssl/rand.h>
#include <stdexcept>

namespace cowl::node {

namespace {

using ascii::hexValue;

constexpr unsigned kLength = 48;
constexpr int kMaxDraws = 64;

unsigned prefixLengthOf(const sockaddr_in6* netmask) {
    unsigned length = 0;
    for (unsigned char byte : netmask->sin6_addr.s6_addr) {
        for (int bit = 7; bit >= 0 && (byte >> bit) & 1; --bit)
            ++length;
        if (byte != 0xff)
            break;
    }
    return length;
}


bool parseRouteAddress(const std::string& hex, in6_addr& out) {
    if (hex.size() != 32)
        return false;
    for (std::size_t i = 0; i < 16; ++i) {
        const int high = hexValue(hex[2 * i]);
        const int low = hexValue(hex[2 * i + 1]);
        if (high < 0 || low < 0)
            return false;
        out.s6_addr[i] = static_cast<std::uint8_t>(high << 4 | low);
    }
    return true;
}

} // namespace

UlaPrefix UlaPrefix::pick(const std::vector<Ipv6Prefix>& inUse, const RandomBytes& randomBytes) {
    for (int draw = 0; draw < kMaxDraws; ++draw) {
        std::array<std::uint8_t, 6> bytes{};
        bytes[0] = 0xfd;
        randomBytes(bytes.data() + 1, bytes.size() - 1);
        UlaPrefix candidate(bytes);
        bool free = true;
        for (const auto& prefix : inUse)
            free = free && !candidate.overlaps(prefix);
        if (free)
            return candidate;
    }
    throw std::runtime_error("could not find an IPv6 unique-local /48 that the host does not already use");
}

UlaPrefix UlaPrefix::pick(const std::vector<Ipv6Prefix>& inUse) {
    return pick(inUse, [](unsigned char* out, std::size_t size) {
        if (RAND_bytes(out, static_cast<int>(size)) != 1)
            throw std::runtime_error("the system random generator failed");
    });
}

UlaPrefix UlaPrefix::parse(std::string_view text) {
    const std::string s(text);
    const auto slash = s.find('/');
    in6_addr address{};
    if (slash == std::string::npos || s.substr(slash) != "/48"
        || inet_pton(AF_INET6, s.substr(0, slash).c_str(), &address) != 1 || address.s6_addr[0] != 0xfd)
        throw std::invalid_argument("'" + s + "' is not an IPv6 unique-local /48 (fdxx:xxxx:xxxx::/48)");
    for (std::size_t i = 6; i < 16; ++i)
        if (address.s6_addr[i] != 0)
            throw std::invalid_argument("'" + s + "' has bits set beyond /48");
    std::array<std::uint8_t, 6> bytes{};
    std::copy(address.s6_addr, address.s6_addr + 6, bytes.begin());
    return UlaPrefix(bytes);
}

std::vector<Ipv6Prefix> UlaPrefix::hostPrefixes() {
    std::vector<Ipv6Prefix> prefixes;
    ifaddrs* list = nullptr;
    if (getifaddrs(&list) == 0) {
        for (ifaddrs* entry = list; entry; entry = entry->ifa_next) {
            if (!entry->ifa_addr || entry->ifa_addr->sa_family != AF_INET6)
                continue;
            Ipv6Prefix prefix;
            prefix.address = reinterpret_cast<const sockaddr_in6*>(entry->ifa_addr)->sin6_addr;
            prefix.length = entry->ifa_netmask
                ? prefixLengthOf(reinterpret_cast<const sockaddr_in6*>(entry->ifa_netmask))
                : 128;
            prefixes.push_back(prefix);
        }
        freeifaddrs(list);
    }
    // Columns: destination, length (hex), source, source length, next hop, ...
    std::ifstream routes("/proc/net/ipv6_route");
    std::string destination, lengthHex, rest;
    while (routes >> destination >> lengthHex && std::getline(routes, rest)) {
        Ipv6Prefix prefix;
        if (!parseRouteAddress(destination, prefix.address))
            continue;
        prefix.length = static_cast<unsigned>(std::stoul(lengthHex, nullptr, 16));
        if (prefix.length > 0)
            prefixes.push_back(prefix);
    }
    return prefixes;
}

bool UlaPrefix::overlaps(const Ipv6Prefix& prefix) const {
    // Two prefixes overlap when they agree on the bits both of them fix.
    const unsigned common = std::min(kLength, prefix.length);
    for (unsigned bit = 0; bit < common; ++bit) {
        const unsigned byte = bit / 8;
        const unsigned mask = 0x80u >> (bit % 8);
        if ((m_bytes[byte] & mask) != (prefix.address.s6_addr[byte] & mask))
            return false;
    }
    return true;
}

std::string UlaPrefix::format() const {
    in6_addr address{};
    std::copy(m_bytes.begin(), m_bytes.end(), address.s6_addr);
    char buffer[INET6_ADDRSTRLEN];
    inet_ntop(AF_INET6, &address, buffer, sizeof buffer);
    return std::string(buffer) + "/48";
}

} // namespace cowl::node
