// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

#include "node/net/Ipv6Prefix.h"
#include "shared/Id.h"

namespace cowl::node {

// Where a container sits on the node's network. Everything follows from the
// container id, so nothing has to be allocated or remembered: the address's
// interface id is the first 64 bits of the (random) id, the host-side veth is
// "cowl" + 11 hex characters of it (interface names are at most 15).
struct ContainerNetworkPlan {
    static constexpr const char* kGateway = "fe80::1"; // host side of every veth
    static constexpr const char* kInterfacePrefix = "cowl";

    std::string hostInterface; // "cowl0123456789a"
    std::string address;       // "fd12:3456:789a:1:123:4567:89ab:cdef"

    static ContainerNetworkPlan forContainer(const Ipv6Prefix& ula48, const Id& container);
};

} // namespace cowl::node
