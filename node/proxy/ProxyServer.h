// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>

#include "node/proxy/ProxyOptions.h"
#include "node/proxy/ProxySnapshot.h"

namespace cowl::node {

class AccessLog;
class PasswordVerifier;
class ProxyCore;
class ProxyWorker;

// The proxy data plane. The control plane builds a ProxySnapshot whenever
// something changes and publishes it; the proxy never reads the store.
class ProxyServer {
public:
    struct CutReport {
        std::size_t containers = 0;        // newly locked or removed containers
        std::size_t connections = 0;       // client connections closed
        std::chrono::microseconds elapsed{0}; // publish() call to the last connection closed
    };

    // Throws std::runtime_error when the certificate or an option is wrong.
    explicit ProxyServer(ProxyOptions options);
    ~ProxyServer();
    ProxyServer(const ProxyServer&) = delete;
    ProxyServer& operator=(const ProxyServer&) = delete;

    // Binds every listen endpoint (throws boost::system::system_error with the
    // address on failure) and starts the worker threads.
    void start();
    void stop();
    // The bound endpoints (port 0 replaced by the real port).
    std::vector<boost::asio::ip::tcp::endpoint> endpoints() const { return m_endpoints; }

    // Swaps the routing snapshot. Connections of containers that became
    // locked (or disappeared) are cut before this returns. Call it from a
    // thread that is not a proxy worker.
    CutReport publish(std::shared_ptr<const ProxySnapshot> snapshot);

    // Adds an operator certificate, picked by SNI from now on; returns the
    // host names it covers. Throws std::runtime_error saying what is wrong.
    std::vector<std::string> importCertificate(const std::string& chainPem, const std::string& keyPem);

    AccessLog& accessLog();
    PasswordVerifier& passwords();
    std::size_t openConnections() const;

private:
    std::unique_ptr<ProxyCore> m_core;
    std::vector<std::unique_ptr<ProxyWorker>> m_workers;
    std::vector<boost::asio::ip::tcp::endpoint> m_endpoints;
    bool m_running = false;
};

} // namespace cowl::node
