// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstddef>
#include <type_traits>

#include <boost/asio/buffer.hpp>
#include <boost/asio/error.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/stream_base.hpp>

#include "node/proxy/ProxyStream.h"

namespace cowl::node {

// The proxy's reads and writes on a TlsStream or a DeadlineSocket. Writes
// try the non-blocking call first and wait only when it would block: a write
// the socket takes at once (the usual case) costs no asynchronous operation.
// A TLS read first takes what OpenSSL already has. A plain socket read is
// Asio's receive, which tries recv itself before it waits (a readiness wait
// and then recv would cost an epoll_ctl per wait: see TlsStream).

template <class Stream>
ProxyTask<std::size_t> readSome(Stream& stream, boost::asio::mutable_buffer buffer, boost::system::error_code& ec)
{
    if constexpr (std::is_same_v<Stream, DeadlineSocket>) {
        co_return co_await stream.async_read_some(buffer, boost::asio::redirect_error(kProxyAwait, ec));
    } else {
        for (;;) {
            std::size_t n = stream.readNow(buffer, ec);
            if (ec != boost::asio::error::would_block)
                co_return n;
            co_await stream.readReady(boost::asio::redirect_error(kProxyAwait, ec));
            if (ec)
                co_return 0;
        }
    }
}

template <class Stream>
ProxyTask<void> writeAll(Stream& stream, boost::asio::const_buffer buffer, boost::system::error_code& ec)
{
    while (buffer.size() > 0) {
        std::size_t n = stream.writeNow(buffer, ec);
        if (ec == boost::asio::error::would_block) {
            co_await stream.writeReady(boost::asio::redirect_error(kProxyAwait, ec));
            if (ec)
                co_return;
            continue;
        }
        if (ec)
            co_return;
        buffer += n;
    }
}

inline ProxyTask<void> handshake(ProxyTlsStream& stream, boost::asio::ssl::stream_base::handshake_type type,
                                 boost::system::error_code& ec)
{
    while (!stream.handshakeNow(type, ec)) {
        if (ec != boost::asio::error::would_block)
            co_return;
        co_await stream.readReady(boost::asio::redirect_error(kProxyAwait, ec));
        if (ec)
            co_return;
    }
}

} // namespace cowl::node
