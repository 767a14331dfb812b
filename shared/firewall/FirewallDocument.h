// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "shared/net/Cidr.h"

namespace cowl {

enum class FirewallAction { Accept, Reject, Drop };
enum class FirewallProtocol { Any, Tcp, Udp, Icmp, Icmpv6 };
enum class FirewallPolicy { Accept, Drop };

std::string_view toString(FirewallAction action);
std::string_view toString(FirewallProtocol protocol);
std::string_view toString(FirewallPolicy policy);

struct PortRange {
    std::uint16_t first;
    std::uint16_t last;

    bool operator==(const PortRange&) const = default;
};

// One rule (SPEC §6). `addresses` are the source for ingress, the destination
// for egress; empty means any address. Live counters are not part of the
// document: the node adds "packets"/"bytes" when it serves it.
struct FirewallRule {
    std::string id;
    FirewallAction action = FirewallAction::Drop;
    FirewallProtocol protocol = FirewallProtocol::Any;
    std::vector<PortRange> ports; // tcp/udp only; empty = every port
    std::vector<Cidr> addresses;
    bool enabled = true;
    std::string description;

    bool operator==(const FirewallRule&) const = default;
};

// A container's host-side firewall: two ordered lists, first match wins, a
// default per direction (drop for both when omitted: new containers reach
// nothing and nothing reaches them except through the proxy, which is always
// allowed and not part of this document).
//
// JSON: {"ingress": [rule…], "egress": [rule…], "default": {"ingress": "drop", "egress": "drop"}}
// rule: {"id"?, "action", "protocol"?: "any", "ports"?: 443 | "8000-8100" | [..],
//        "addresses"?: ["CIDR"…], "enabled"?: true, "description"?: ""}
// A rule without an id gets a random one; ids are unique across both lists.
struct FirewallDocument {
    std::vector<FirewallRule> ingress;
    std::vector<FirewallRule> egress;
    FirewallPolicy ingressDefault = FirewallPolicy::Drop;
    FirewallPolicy egressDefault = FirewallPolicy::Drop;

    static constexpr std::size_t kMaxRules = 500;

    // Throws ValidationError with a field path ("egress.2.ports").
    static FirewallDocument fromJson(const nlohmann::json& j);
    nlohmann::json toJson() const;
    const FirewallRule* findRule(std::string_view id) const;

    bool operator==(const FirewallDocument&) const = default;
};

void from_json(const nlohmann::json& j, FirewallDocument& document);
void to_json(nlohmann::json& j, const FirewallDocument& document);

} // namespace cowl
