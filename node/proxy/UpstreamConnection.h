// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>
#include <cstddef>
#include <string>
#include <variant>

#include <boost/beast/core/flat_buffer.hpp>

#include "node/proxy/ProxyStream.h"

namespace cowl::node {

// One connection from the proxy to a container program: plain TCP, or TLS
// for https / https-PORT. Read-ahead bytes stay with the connection.
struct UpstreamConnection {
    using Plain = ProxyTcpStream;
    using Tls = ProxyTlsStream;

    // Beast reads max(512, free capacity) bytes per call: a buffer that only
    // grew to a response head moves bodies 512 bytes (one tiny TLS record) at
    // a time. One fixed read-ahead per connection makes each body read as
    // large as the sessions' 64 KiB chunk.
    static constexpr std::size_t kReadAhead = 64 * 1024;

    template <class... Args>
    explicit UpstreamConnection(std::string poolKey, Args&&... args)
        : key(std::move(poolKey)), stream(std::forward<Args>(args)...)
    {
        buffer.reserve(kReadAhead);
    }

    ProxyTcpStream& tcp()
    {
        return std::visit([](auto& s) -> ProxyTcpStream& { return boost::beast::get_lowest_layer(s); }, stream);
    }

    std::string key;
    std::variant<Plain, Tls> stream;
    boost::beast::flat_buffer buffer;
    std::chrono::steady_clock::time_point idleSince{};
    bool reused = false; // came from the pool: the container may have closed it meanwhile
};

} // namespace cowl::node
