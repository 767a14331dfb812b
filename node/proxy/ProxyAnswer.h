// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cowl::node {

// A response the proxy writes itself (never forwarded). Bodies are constant
// per status and name nothing internal: no ids, addresses or paths.
struct ProxyAnswer {
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers; // beyond content-type / length
    std::string_view body;

    static ProxyAnswer notFound();
    static ProxyAnswer unavailable(unsigned retryAfterSeconds);
    static ProxyAnswer unauthorized(std::string challenge);
    static ProxyAnswer forbidden();
    static ProxyAnswer tooManyRequests(unsigned retryAfterSeconds);
    static ProxyAnswer badRequest();
    static ProxyAnswer headerTooLarge();
    static ProxyAnswer badGateway();
    static ProxyAnswer gatewayTimeout();

    // HTTP/1.1 wire form; `close` adds Connection: close.
    std::string http1(bool close) const;
};

} // namespace cowl::node
