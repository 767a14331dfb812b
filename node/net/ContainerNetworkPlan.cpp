// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/net/ContainerNetworkPlan.h"

namespace cowl::node {

ContainerNetworkPlan ContainerNetworkPlan::forContainer(const Ipv6Prefix& ula48, const Id& container) {
    const std::string& hex = container.str();
    ContainerNetworkPlan plan;
    plan.hostInterface = std::string(kInterfacePrefix) + hex.substr(0, 11);
    const std::uint64_t interfaceId = std::stoull(hex.substr(0, 16), nullptr, 16);
    plan.address = Ipv6Prefix::format(ula48.containerAddress(interfaceId));
    return plan;
}

} // namespace cowl::node
