// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <array>
#include <string>
#include <string_view>

#include <boost/beast/http/fields.hpp>
#include <boost/beast/http/message.hpp>

#include "node/proxy/BodyFraming.h"
#include "node/proxy/ProxyFields.h"

namespace cowl::node {

struct GateDecision;

// The fields of one hop that go no further (RFC 9110 §7.6.1): the fixed
// hop-by-hop set and every field the Connection header names.
class HopByHop {
public:
    HopByHop(const ProxyFields& fields, bool keepUpgrade);
    bool drops(const ProxyFields::value_type& field) const;

private:
    std::array<std::string_view, 8> m_named{};
    std::size_t m_count = 0;
    bool m_keepUpgrade;
    bool m_overflow = false; // more names than fit: drop every unknown field named anywhere in the list
    std::string_view m_list;
};

// Everything the proxy changes in forwarded headers, in one place:
// hop-by-hop removal, consumed credentials, the X-Forwarded-* / X-Cowl-Group
// set (client copies always removed first) and body framing. The heads are
// written in one pass into a buffer the caller reuses, without changing the
// parsed message: a request costs no field lookups, erasures or allocations.
class HeaderPolicy {
public:
    struct Forwarding {
        std::string_view client;          // resolved client address, text
        std::string_view priorChain;      // X-Forwarded-For from a trusted proxy, else empty
        std::string_view host;            // as the client asked for it
        const GateDecision* decision = nullptr;
        bool websocket = false;
    };

    // Appends the HTTP/1.1 request head for the container; `target` is the
    // upstream target (alias prefix applied); a consumed query token is removed here.
    static void writeUpstreamHead(std::string& out, const ProxyRequestHeader& request,
                                  std::string_view target, const Forwarding& forwarding, BodyFraming framing);
    // Appends the HTTP/1.1 response head for the client.
    static void writeClientHead(std::string& out, const ProxyResponseHeader& response,
                                BodyFraming framing, bool keepAlive, bool switchingProtocols);
    // Whether a response field may go to an HTTP/2 client (connection-specific
    // fields are forbidden there, RFC 9113 §8.2.2).
    static bool forHttp2Client(const HopByHop& hop, const ProxyFields::value_type& field);

    // Removes a named parameter from a request target's query string.
    static std::string withoutQueryParameter(std::string_view target, std::string_view name);
    // Removes a named cookie from a Cookie header value; empty when none is left.
    static std::string withoutCookie(std::string_view cookieHeader, std::string_view name);
};

} // namespace cowl::node
