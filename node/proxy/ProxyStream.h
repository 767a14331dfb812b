// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <chrono>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/basic_waitable_timer.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/stream_traits.hpp>

#include "node/proxy/DeadlineSocket.h"
#include "node/proxy/TlsStream.h"

namespace cowl::node {

// Every socket of a worker runs on that worker's own io_context. Naming its
// executor type, instead of Beast's default any_io_executor, spares each read,
// write and timer the type-erased executor copies that took a fifth of the
// proxy's user-space time.
using ProxyAcceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, ProxyExecutor>;
using ProxyTcpStream = DeadlineSocket;
using ProxyTlsStream = TlsStream;
using ProxyTimer = boost::asio::basic_waitable_timer<std::chrono::steady_clock,
                                                     boost::asio::wait_traits<std::chrono::steady_clock>, ProxyExecutor>;

// Coroutines carry the same concrete executor: the default awaitable<T> would
// wrap it in any_io_executor again on every suspension and resumption.
template <class T = void>
using ProxyTask = boost::asio::awaitable<T, ProxyExecutor>;
inline constexpr boost::asio::use_awaitable_t<ProxyExecutor> kProxyAwait{};

} // namespace cowl::node
