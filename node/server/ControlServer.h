// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>

#include "node/api/NodeIdentity.h"
#include "node/store/DocumentStore.h"

namespace cowl::node {

class ControlApi;

// The control API's listeners: HTTPS (HTTP/1.1 + WebSocket events) on TCP, and
// the same API on a Unix socket (mode 0600) where a root peer (SO_PEERCRED uid 0)
// is a node-scope admin, for the local CLI. One io_context, run by `threads`
// threads (0 = one per core); each connection runs as a coroutine on its strand.
class ControlServer {
public:
    struct Options {
        std::vector<boost::asio::ip::tcp::endpoint> listen; // port 0: any free port
        std::filesystem::path unixSocket;                   // empty: none
        std::string certPem;                                // chain, leaf first
        std::string keyPem;
        NodeIdentity identity;
        unsigned threads = 0;
    };

    // Throws std::runtime_error with a clear message when the certificate or key
    // is unusable or an address cannot be bound.
    ControlServer(Options options, DocumentStore& store);
    ~ControlServer();
    ControlServer(const ControlServer&) = delete;
    ControlServer& operator=(const ControlServer&) = delete;

    void start();
    // Closes listeners and every connection, joins the threads. Idempotent.
    void stop();

    // The port of the first TCP listener (useful with port 0).
    std::uint16_t boundPort() const;
    std::vector<boost::asio::ip::tcp::endpoint> boundEndpoints() const;

    // For wiring: ContainerService (attach a runtime), EventHub.
    ControlApi& api();

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace cowl::node
