// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace cowl::node {

// ADDR:PORT as given on the command line and in node.json: "127.0.0.1:7443",
// "[::1]:7443", "[::]:443". Only literal addresses: a listener binds an address,
// and a name could resolve differently tomorrow.
struct ListenAddress {
    std::string address; // IPv6 without brackets
    std::uint16_t port = 0;

    // Throws std::invalid_argument saying what is wrong and how it should look.
    static ListenAddress parse(std::string_view text);
    std::string format() const;
    bool isIpv6() const;
    // 0.0.0.0 or ::
    bool isWildcard() const;

    bool operator==(const ListenAddress&) const = default;
};

} // namespace cowl::node
