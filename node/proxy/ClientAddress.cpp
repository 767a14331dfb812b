// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/ClientAddress.h"

#include <stdexcept>

namespace cowl::node {

ClientAddress::ClientAddress(const std::vector<std::string>& trustedProxies)
{
    for (const auto& text : trustedProxies) {
        auto cidr = Cidr::parse(text);
        if (!cidr)
            throw std::invalid_argument("trusted proxy \"" + text + "\" is not an address or CIDR; write it like 10.0.0.0/8 or 2001:db8::/32");
        m_trusted.push_back(*cidr);
    }
}

IpAddress ClientAddress::fromAsio(const boost::asio::ip::address& address)
{
    if (address.is_v4())
        return IpAddress::fromV4(address.to_v4().to_bytes());
    return IpAddress::fromV6(address.to_v6().to_bytes());
}

bool ClientAddress::isTrusted(const IpAddress& address) const
{
    for (const auto& c : m_trusted) {
        if (c.contains(address))
            return true;
    }
    return false;
}

IpAddress ClientAddress::resolve(const IpAddress& peer, std::string_view forwardedFor) const
{
    if (m_trusted.empty() || forwardedFor.empty() || !isTrusted(peer))
        return peer;
    IpAddress current = peer;
    while (!forwardedFor.empty()) {
        auto comma = forwardedFor.rfind(',');
        std::string_view item = comma == std::string_view::npos ? forwardedFor : forwardedFor.substr(comma + 1);
        forwardedFor = comma == std::string_view::npos ? std::string_view{} : forwardedFor.substr(0, comma);
        while (!item.empty() && (item.front() == ' ' || item.front() == '\t'))
            item.remove_prefix(1);
        while (!item.empty() && (item.back() == ' ' || item.back() == '\t'))
            item.remove_suffix(1);
        auto parsed = IpAddress::parse(item);
        if (!parsed)
            return current; // garbage in the chain: stop at the last hop we can vouch for
        current = *parsed;
        if (!isTrusted(current))
            return current;
    }
    return current;
}

} // namespace cowl::node
