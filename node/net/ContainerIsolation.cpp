// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/net/ContainerIsolation.h"

#include "node/net/ContainerNetworkPlan.h"
#include "node/net/NftContext.h"

namespace cowl::node {

std::string ContainerIsolation::script() {
    const std::string chain = std::string("inet ") + kTable + " " + kChain;
    const std::string wildcard = std::string("\"") + ContainerNetworkPlan::kInterfacePrefix + "*\"";
    // "add" is idempotent for tables and chains; the flush makes the rule list exact.
    return std::string("add table inet ") + kTable + "\n" +
           "add chain " + chain + " { type filter hook forward priority -10; policy accept; }\n" +
           "flush chain " + chain + "\n" +
           "add rule " + chain + " iifname " + wildcard + " oifname " + wildcard + " counter drop\n";
}

void ContainerIsolation::apply() { m_nft.run(script()); }

} // namespace cowl::node
