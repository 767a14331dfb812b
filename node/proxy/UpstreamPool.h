// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>

#include "node/proxy/UpstreamConnection.h"

#include "node/proxy/ProxyStream.h"

namespace cowl::node {

// Keep-alive connections to container programs, one pool per worker thread
// (so no locks). A connection is reused only when it is idle and young.
class UpstreamPool {
public:
    enum class Use {
        Probed,   // a kept connection is first checked for the container's close (one recv)
        Unprobed, // a kept connection as it is: the caller sends again on a Fresh one if it was closed
        Fresh,    // a new connection
    };

    UpstreamPool(boost::asio::io_context& io, std::size_t maxIdlePerTarget,
                 std::chrono::milliseconds connectTimeout);

    // Throws boost::system::system_error when the program does not answer.
    ProxyTask<std::unique_ptr<UpstreamConnection>> acquire(std::string_view host, std::uint16_t port, bool tls,
                                                           Use use = Use::Probed);
    void release(std::unique_ptr<UpstreamConnection> connection);
    // Drops idle connections to a host (lockdown, container stopped).
    void forget(std::string_view host);
    void forgetAll() { m_idle.clear(); }
    std::size_t idleCount() const;

private:
    static void keyFor(std::string& key, std::string_view host, std::uint16_t port, bool tls);
    static bool young(const UpstreamConnection& c);
    static bool stillUsable(UpstreamConnection& c);

    boost::asio::io_context& m_io;
    boost::asio::ssl::context m_tls;
    std::size_t m_maxIdle;
    std::chrono::milliseconds m_connectTimeout;
    std::unordered_map<std::string, std::vector<std::unique_ptr<UpstreamConnection>>> m_idle;
    std::string m_lookup;
};

} // namespace cowl::node
