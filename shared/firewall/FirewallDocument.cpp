// SPDX-License-Identifier: GPL-3.0-or-later
#include "shared/firewall/FirewallDocument.h"

#include <array>
#include <charconv>
#include <set>

#include "shared/api/StrictObject.h"
#include "shared/crypto/Random.h"

namespace cowl {

namespace {

[[noreturn]] void refuse(const std::string& field, const std::string& message) {
    throw ValidationError(field, message);
}

template <typename Enum, std::size_t N>
Enum parseEnum(const std::string& text, const std::array<Enum, N>& values, const std::string& field,
               const std::string& allowed) {
    for (Enum v : values) {
        if (toString(v) == text) {
            return v;
        }
    }
    refuse(field, "\"" + field + "\" must be " + allowed);
}

bool validRuleId(std::string_view id) {
    if (id.empty() || id.size() > 64) {
        return false;
    }
    for (char c : id) {
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
            return false;
        }
    }
    return true;
}

std::optional<std::uint16_t> parsePort(std::string_view s) {
    if (s.empty() || s.size() > 5 || (s.size() > 1 && s.front() == '0')) {
        return std::nullopt;
    }
    unsigned v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || v < 1 || v > 65535) {
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(v);
}

PortRange portItem(const nlohmann::json& item, const std::string& field) {
    const std::string help = "\"" + field + "\" must be a port from 1 to 65535 or a range like \"8000-8100\"";
    if (item.is_number_integer()) {
        const bool inRange = item.is_number_unsigned() ? item.get<std::uint64_t>() <= 65535
                                                       : item.get<std::int64_t>() <= 65535;
        const std::int64_t v = inRange ? item.get<std::int64_t>() : 0;
        if (v >= 1) {
            const auto p = static_cast<std::uint16_t>(v);
            return {p, p};
        }
    }
    if (item.is_string()) {
        const std::string s = item.get<std::string>();
        const auto dash = s.find('-');
        const auto first = parsePort(std::string_view(s).substr(0, dash));
        const auto last = dash == std::string::npos ? first : parsePort(std::string_view(s).substr(dash + 1));
        if (first && last && *first <= *last) {
            return {*first, *last};
        }
    }
    refuse(field, help);
}

std::vector<PortRange> readPorts(const nlohmann::json& j, const std::string& field) {
    std::vector<PortRange> out;
    if (j.is_array()) {
        if (j.empty() || j.size() > 64) {
            refuse(field, "\"" + field + "\" must list 1 to 64 ports or ranges (omit it for every port)");
        }
        for (std::size_t i = 0; i < j.size(); ++i) {
            out.push_back(portItem(j[i], field + "." + std::to_string(i)));
        }
        return out;
    }
    out.push_back(portItem(j, field));
    return out;
}

nlohmann::json portsJson(const std::vector<PortRange>& ports) {
    const auto item = [](const PortRange& r) -> nlohmann::json {
        if (r.first == r.last) {
            return r.first;
        }
        return std::to_string(r.first) + "-" + std::to_string(r.last);
    };
    if (ports.size() == 1) {
        return item(ports.front());
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : ports) {
        out.push_back(item(r));
    }
    return out;
}

FirewallRule readRule(const nlohmann::json& j, const std::string& path) {
    StrictObject o(j, path);
    FirewallRule r;
    if (auto id = o.optional<std::string>("id")) {
        if (!validRuleId(*id)) {
            refuse(path + ".id", "\"" + path + ".id\" must be 1 to 64 characters of A-Z a-z 0-9 _ -");
        }
        r.id = std::move(*id);
    } else {
        r.id = "r-" + Random::hex(6);
    }
    r.action = parseEnum(o.required<std::string>("action"),
                         std::array{FirewallAction::Accept, FirewallAction::Reject, FirewallAction::Drop},
                         path + ".action", "accept, reject or drop");
    if (auto protocol = o.optional<std::string>("protocol")) {
        r.protocol = parseEnum(*protocol,
                               std::array{FirewallProtocol::Any, FirewallProtocol::Tcp, FirewallProtocol::Udp,
                                          FirewallProtocol::Icmp, FirewallProtocol::Icmpv6},
                               path + ".protocol", "tcp, udp, icmp, icmpv6 or any");
    }
    if (const nlohmann::json* ports = o.raw("ports")) {
        if (r.protocol != FirewallProtocol::Tcp && r.protocol != FirewallProtocol::Udp) {
            refuse(path + ".ports", "ports apply to tcp and udp only; set \"protocol\" to tcp or udp, or remove \"ports\"");
        }
        r.ports = readPorts(*ports, path + ".ports");
    }
    if (const nlohmann::json* addresses = o.raw("addresses")) {
        const std::string field = path + ".addresses";
        if (!addresses->is_array() || addresses->size() > 256) {
            StrictObject::invalid(field, "a list of at most 256 CIDRs (empty or omitted = any address)");
        }
        for (std::size_t i = 0; i < addresses->size(); ++i) {
            const std::string itemField = field + "." + std::to_string(i);
            if (!(*addresses)[i].is_string()) {
                StrictObject::invalid(itemField, "a CIDR string like \"203.0.113.0/24\"");
            }
            const std::string text = (*addresses)[i].get<std::string>();
            if (auto error = Cidr::validationError(text)) {
                refuse(itemField, *error);
            }
            const Cidr cidr = *Cidr::parse(text);
            if (r.protocol == FirewallProtocol::Icmp && !cidr.isV4()) {
                refuse(itemField, "icmp is IPv4; use protocol icmpv6 for " + text);
            }
            if (r.protocol == FirewallProtocol::Icmpv6 && cidr.isV4()) {
                refuse(itemField, "icmpv6 is IPv6; use protocol icmp for " + text);
            }
            r.addresses.push_back(cidr);
        }
    }
    r.enabled = o.optional<bool>("enabled").value_or(true);
    if (auto description = o.optional<std::string>("description")) {
        if (description->size() > 200) {
            refuse(path + ".description", "\"" + path + ".description\" has more than 200 characters");
        }
        r.description = std::move(*description);
    }
    // The node serves live counters with each rule; a console may send them back.
    o.optional<std::uint64_t>("packets");
    o.optional<std::uint64_t>("bytes");
    o.finish();
    return r;
}

std::vector<FirewallRule> readRules(StrictObject& o, const char* direction) {
    std::vector<FirewallRule> rules;
    const nlohmann::json* list = o.raw(direction);
    if (list == nullptr) {
        return rules;
    }
    if (!list->is_array()) {
        StrictObject::invalid(direction, "an ordered list of rules");
    }
    if (list->size() > FirewallDocument::kMaxRules) {
        refuse(direction, std::string("\"") + direction + "\" holds at most 500 rules");
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        rules.push_back(readRule((*list)[i], std::string(direction) + "." + std::to_string(i)));
    }
    return rules;
}

nlohmann::json ruleJson(const FirewallRule& r) {
    nlohmann::json j = {{"id", r.id}, {"action", toString(r.action)}, {"protocol", toString(r.protocol)},
                        {"enabled", r.enabled}, {"description", r.description}};
    if (!r.ports.empty()) {
        j["ports"] = portsJson(r.ports);
    }
    nlohmann::json addresses = nlohmann::json::array();
    for (const auto& a : r.addresses) {
        addresses.push_back(a.toString());
    }
    j["addresses"] = std::move(addresses);
    return j;
}

} // namespace

std::string_view toString(FirewallAction action) {
    switch (action) {
    case FirewallAction::Accept:
        return "accept";
    case FirewallAction::Reject:
        return "reject";
    case FirewallAction::Drop:
        return "drop";
    }
    return "drop";
}

std::string_view toString(FirewallProtocol protocol) {
    switch (protocol) {
    case FirewallProtocol::Any:
        return "any";
    case FirewallProtocol::Tcp:
        return "tcp";
    case FirewallProtocol::Udp:
        return "udp";
    case FirewallProtocol::Icmp:
        return "icmp";
    case FirewallProtocol::Icmpv6:
        return "icmpv6";
    }
    return "any";
}

std::string_view toString(FirewallPolicy policy) {
    return policy == FirewallPolicy::Accept ? "accept" : "drop";
}

FirewallDocument FirewallDocument::fromJson(const nlohmann::json& j) {
    StrictObject o(j);
    FirewallDocument doc;
    o.optional<std::uint64_t>("version");
    doc.ingress = readRules(o, "ingress");
    doc.egress = readRules(o, "egress");
    if (const nlohmann::json* defaults = o.raw("default")) {
        StrictObject d(*defaults, "default");
        const auto policies = std::array{FirewallPolicy::Accept, FirewallPolicy::Drop};
        if (auto in = d.optional<std::string>("ingress")) {
            doc.ingressDefault = parseEnum(*in, policies, "default.ingress", "accept or drop");
        }
        if (auto out = d.optional<std::string>("egress")) {
            doc.egressDefault = parseEnum(*out, policies, "default.egress", "accept or drop");
        }
        d.finish();
    }
    o.finish();
    std::set<std::string, std::less<>> ids;
    for (const char* direction : {"ingress", "egress"}) {
        const auto& rules = std::string_view(direction) == "ingress" ? doc.ingress : doc.egress;
        for (std::size_t i = 0; i < rules.size(); ++i) {
            if (!ids.insert(rules[i].id).second) {
                const std::string field = std::string(direction) + "." + std::to_string(i) + ".id";
                refuse(field, "rule id \"" + rules[i].id + "\" is used twice; rule ids must be unique");
            }
        }
    }
    return doc;
}

nlohmann::json FirewallDocument::toJson() const {
    nlohmann::json in = nlohmann::json::array();
    for (const auto& r : ingress) {
        in.push_back(ruleJson(r));
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : egress) {
        out.push_back(ruleJson(r));
    }
    return {{"ingress", std::move(in)},
            {"egress", std::move(out)},
            {"default", {{"ingress", toString(ingressDefault)}, {"egress", toString(egressDefault)}}}};
}

const FirewallRule* FirewallDocument::findRule(std::string_view id) const {
    for (const auto* list : {&ingress, &egress}) {
        for (const auto& r : *list) {
            if (r.id == id) {
                return &r;
            }
        }
    }
    return nullptr;
}

void from_json(const nlohmann::json& j, FirewallDocument& document) {
    document = FirewallDocument::fromJson(j);
}

void to_json(nlohmann::json& j, const FirewallDocument& document) {
    j = document.toJson();
}

} // namespace cowl
