// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

namespace cowl::node {

struct GateDecision;

// Everything the proxy changes in forwarded headers, in one place:
// hop-by-hop removal, consumed credentials, and the X-Forwarded-* /
// X-Cowl-Group set (client copies always removed first).
class HeaderPolicy {
public:
    struct Forwarding {
        std::string_view client;          // resolved client address, text
        std::string_view priorChain;      // X-Forwarded-For from a trusted proxy, else empty
        std::string_view host;            // as the client asked for it
        const GateDecision* decision = nullptr;
        bool websocket = false;
    };

    static void toUpstream(boost::beast::http::request_header<>& request, const Forwarding& forwarding);
    static void toClient(boost::beast::http::response_header<>& response, bool switchingProtocols);

    // Removes a named parameter from a request target's query string.
    static std::string withoutQueryParameter(std::string_view target, std::string_view name);
    // Removes a named cookie from a Cookie header value; empty when none is left.
    static std::string withoutCookie(std::string_view cookieHeader, std::string_view name);

private:
    static void removeHopByHop(boost::beast::http::fields& fields, bool keepUpgrade);
};

} // namespace cowl::node
