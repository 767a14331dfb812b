// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

namespace cowl::node {

struct AccessLogEntry;

// Limits that keep one client from holding the proxy hostage (slowloris,
// header floods, connection floods).
struct ProxyLimits {
    std::size_t maxHeaderBytes = 16 * 1024;                   // beyond: 431
    std::chrono::milliseconds headerTimeout{10'000};          // whole request head
    std::chrono::milliseconds idleTimeout{60'000};            // keep-alive and body gaps
    std::chrono::milliseconds handshakeTimeout{10'000};
    std::chrono::milliseconds tunnelIdleTimeout{600'000};      // WebSocket tunnels
    std::chrono::milliseconds upstreamConnectTimeout{5'000};
    std::chrono::milliseconds upstreamResponseTimeout{300'000};
    std::size_t maxConnections = 10'000;                      // over: accepted then closed at once
    // Keep-alive pool per worker and target. Each HTTP/2 stream takes an
    // upstream connection of its own, so a cap below the streams in flight
    // (h2 clients run 100 per connection) makes every burst reconnect.
    std::size_t maxIdleUpstreamPerTarget = 128;
    // Distinct password checks (scrypt) waiting or running, in all and from
    // one client address; past either: 503.
    std::size_t maxWaitingPasswordChecks = 64;
    std::size_t maxWaitingPasswordChecksPerClient = 8;
    unsigned failedCredentialsBeforeBlock = 10;               // then 429 ...
    std::chrono::seconds failureWindow{60};                   // ... for this long
    unsigned retryAfterSeconds = 30;                          // on 503 answers
};

struct ProxyOptions {
    std::vector<boost::asio::ip::tcp::endpoint> listen;
    std::string certificatePem;  // default (wildcard) certificate chain
    std::string privateKeyPem;
    unsigned threads = 0;        // 0: one per core
    unsigned passwordThreads = 0; // scrypt threads (PasswordVerifier); 0: a quarter of the cores
    bool enableHttp2 = true;
    ProxyLimits limits;
    std::vector<std::string> trustedProxies; // CIDRs whose X-Forwarded-For is believed
    std::string realm = "cowl";              // shown in WWW-Authenticate
    std::string accessLogPath;               // empty: no file
    std::size_t accessLogRotateBytes = 64 * 1024 * 1024;
    unsigned accessLogKeep = 5;

    // Worker threads: `threads`, or one per core.
    unsigned workerCount() const { return threads ? threads : std::max(1u, std::thread::hardware_concurrency()); }
};

} // namespace cowl::node
