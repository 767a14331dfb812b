// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <boost/asio/ip/address.hpp>

#include "shared/net/Cidr.h"
#include "shared/net/IpAddress.h"

namespace cowl::node {

// The client address the access rules see: the socket's peer, unless the
// peer is a configured trusted proxy, in which case X-Forwarded-For is
// walked from the right past trusted hops to the first untrusted address.
class ClientAddress {
public:
    // Throws std::invalid_argument naming the bad CIDR.
    explicit ClientAddress(const std::vector<std::string>& trustedProxies);

    static IpAddress fromAsio(const boost::asio::ip::address& address);
    bool isTrusted(const IpAddress& address) const;
    IpAddress resolve(const IpAddress& peer, std::string_view forwardedFor) const;

private:
    std::vector<Cidr> m_trusted;
};

} // namespace cowl::node
