// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <boost/asio/basic_socket_acceptor.hpp>
#include <boost/asio/basic_stream_socket.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/basic_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

namespace cowl::node {

// Every socket of a worker runs on that worker's own io_context. Naming its
// executor type, instead of Beast's default any_io_executor, spares each read,
// write and timer the type-erased executor copies that took a fifth of the
// proxy's user-space time.
using ProxyExecutor = boost::asio::io_context::executor_type;
using ProxySocket = boost::asio::basic_stream_socket<boost::asio::ip::tcp, ProxyExecutor>;
using ProxyAcceptor = boost::asio::basic_socket_acceptor<boost::asio::ip::tcp, ProxyExecutor>;
using ProxyTcpStream = boost::beast::basic_stream<boost::asio::ip::tcp, ProxyExecutor>;
using ProxyTlsStream = boost::beast::ssl_stream<ProxyTcpStream>;

} // namespace cowl::node
