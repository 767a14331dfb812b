// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>

namespace cowl::node {

// Who this node is to its consoles.
struct NodeIdentity {
    std::string name;            // "node1"
    std::string domain;          // "example.net"
    std::string fingerprint;     // SHA-256 of the control certificate's DER, 64 lowercase hex
    std::string advertisedHost;  // host for connection strings when the request's Host header is absent

    // Container and alias host names end in this: "node1.example.net".
    std::string suffix() const { return domain.empty() ? name : name + "." + domain; }
};

} // namespace cowl::node
