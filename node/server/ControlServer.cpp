// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/server/ControlServer.h"

#include <atomic>
#include <stdexcept>
#include <thread>

#include <sys/socket.h>
#include <sys/stat.h>

#include <sstream>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>

#include "node/api/ControlApi.h"
#include "node/log/LogSetup.h"
#include "node/server/HttpSession.h"

namespace cowl::node {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using unix_socket = asio::local::stream_protocol;

namespace {

ssl::context makeTlsContext(const std::string& certPem, const std::string& keyPem) {
    ssl::context ctx(ssl::context::tls_server);
    ctx.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                    ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
    SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    try {
        ctx.use_certificate_chain(asio::buffer(certPem));
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(std::string("the control certificate is unusable (") + e.what() +
                                 "); check the PEM file or re-run cowl-node init");
    }
    try {
        ctx.use_private_key(asio::buffer(keyPem), ssl::context::pem);
    } catch (const boost::system::system_error& e) {
        throw std::runtime_error(std::string("the control key is unusable (") + e.what() +
                                 "); check the PEM file or re-run cowl-node init");
    }
    if (SSL_CTX_check_private_key(ctx.native_handle()) != 1) {
        throw std::runtime_error("the control key does not belong to the control certificate; re-run cowl-node init");
    }
    return ctx;
}

} // namespace

struct ControlServer::Impl {
    Impl(Options o, DocumentStore& store)
        : options(std::move(o)),
          api(store, options.identity),
          tls(makeTlsContext(options.certPem, options.keyPem)) {}

    asio::awaitable<void> acceptTcp(tcp::acceptor& acceptor) {
        for (;;) {
            boost::system::error_code ec;
            tcp::socket socket = co_await acceptor.async_accept(asio::make_strand(io),
                                                                asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
                co_return;
            }
            if (ec) {
                // Out of descriptors and the like: wait a moment instead of spinning.
                subsystemLogger("api")->warn("control API accept failed: {}", ec.message());
                asio::steady_timer wait(io, std::chrono::milliseconds(100));
                co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            auto executor = socket.get_executor();
            asio::co_spawn(executor, serveTls(std::move(socket)), asio::detached);
        }
    }

    asio::awaitable<void> serveTls(tcp::socket socket) {
        try {
            beast::ssl_stream<beast::tcp_stream> stream(beast::tcp_stream(std::move(socket)), tls);
            beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(15));
            boost::system::error_code ec;
            co_await stream.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
            if (ec) {
                co_return;
            }
            co_await HttpSession::serve(std::move(stream), api, std::nullopt);
        } catch (const std::exception& e) {
            subsystemLogger("api")->warn("control API connection ended: {}", e.what());
        }
    }

    asio::awaitable<void> acceptUnix(unix_socket::acceptor& acceptor) {
        for (;;) {
            boost::system::error_code ec;
            unix_socket::socket socket = co_await acceptor.async_accept(asio::make_strand(io),
                                                                        asio::redirect_error(asio::use_awaitable, ec));
            if (ec == asio::error::operation_aborted || !acceptor.is_open()) {
                co_return;
            }
            if (ec) {
                asio::steady_timer wait(io, std::chrono::milliseconds(100));
                co_await wait.async_wait(asio::redirect_error(asio::use_awaitable, ec));
                continue;
            }
            std::optional<Principal> local;
            ucred cred{};
            socklen_t len = sizeof cred;
            if (::getsockopt(socket.native_handle(), SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == 0) {
                local = Principal::localRoot();
            }
            auto executor = socket.get_executor();
            asio::co_spawn(executor, serveUnix(std::move(socket), local), asio::detached);
        }
    }

    asio::awaitable<void> serveUnix(unix_socket::socket socket, std::optional<Principal> local) {
        try {
            co_await HttpSession::serve(std::move(socket), api, local);
        } catch (const std::exception& e) {
            subsystemLogger("api")->warn("control socket connection ended: {}", e.what());
        }
    }

    Options options;
    asio::io_context io;
    ControlApi api;
    ssl::context tls;
    std::vector<std::unique_ptr<tcp::acceptor>> tcpAcceptors;
    std::unique_ptr<unix_socket::acceptor> unixAcceptor;
    std::vector<std::thread> threads;
    std::atomic<bool> running{false};
};

ControlServer::ControlServer(Options options, DocumentStore& store)
    : m_impl(std::make_unique<Impl>(std::move(options), store)) {
    auto& impl = *m_impl;
    for (const auto& endpoint : impl.options.listen) {
        auto acceptor = std::make_unique<tcp::acceptor>(impl.io);
        boost::system::error_code ec;
        acceptor->open(endpoint.protocol(), ec);
        if (!ec) {
            acceptor->set_option(asio::socket_base::reuse_address(true), ec);
            if (endpoint.address().is_v6()) {
                acceptor->set_option(asio::ip::v6_only(true), ec);
            }
            acceptor->bind(endpoint, ec);
        }
        if (!ec) {
            acceptor->listen(asio::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            std::ostringstream where;
            where << endpoint;
            throw std::runtime_error("cannot listen on " + where.str() + " for the control API: " + ec.message() +
                                     "; pick another address or port (--control-listen) or stop what uses it");
        }
        impl.tcpAcceptors.push_back(std::move(acceptor));
    }
    if (!impl.options.unixSocket.empty()) {
        const auto& path = impl.options.unixSocket;
        std::error_code fsEc;
        if (std::filesystem::is_socket(path, fsEc)) {
            std::filesystem::remove(path, fsEc); // left by a node that died; the state lock says we own it
        }
        const mode_t previous = ::umask(0177);
        boost::system::error_code ec;
        impl.unixAcceptor = std::make_unique<unix_socket::acceptor>(impl.io);
        impl.unixAcceptor->open(unix_socket(), ec);
        if (!ec) {
            impl.unixAcceptor->bind(unix_socket::endpoint(path.string()), ec);
        }
        ::umask(previous);
        if (!ec) {
            ::chmod(path.c_str(), 0600);
            impl.unixAcceptor->listen(asio::socket_base::max_listen_connections, ec);
        }
        if (ec) {
            throw std::runtime_error("cannot listen on the control socket " + path.string() + ": " + ec.message() +
                                     "; check the state directory");
        }
    }
    impl.api.setControlPort([this] { return boundPort(); });
}

ControlServer::~ControlServer() {
    stop();
}

void ControlServer::start() {
    auto& impl = *m_impl;
    if (impl.running.exchange(true)) {
        return;
    }
    for (auto& acceptor : impl.tcpAcceptors) {
        asio::co_spawn(impl.io, impl.acceptTcp(*acceptor), asio::detached);
    }
    if (impl.unixAcceptor) {
        asio::co_spawn(impl.io, impl.acceptUnix(*impl.unixAcceptor), asio::detached);
    }
    unsigned count = impl.options.threads != 0 ? impl.options.threads : std::thread::hardware_concurrency();
    count = std::max(1u, count);
    for (unsigned i = 0; i < count; ++i) {
        impl.threads.emplace_back([&impl] { impl.io.run(); });
    }
    subsystemLogger("api")->info("control API listening on port {} with {} threads", boundPort(), count);
}

void ControlServer::stop() {
    auto& impl = *m_impl;
    if (!impl.running.exchange(false)) {
        return;
    }
    asio::post(impl.io, [&impl] {
        boost::system::error_code ec;
        for (auto& acceptor : impl.tcpAcceptors) {
            acceptor->close(ec);
        }
        if (impl.unixAcceptor) {
            impl.unixAcceptor->close(ec);
        }
    });
    impl.api.events().closeAll();
    impl.io.stop();
    for (auto& thread : impl.threads) {
        thread.join();
    }
    impl.threads.clear();
    if (!impl.options.unixSocket.empty()) {
        std::error_code ec;
        std::filesystem::remove(impl.options.unixSocket, ec);
    }
}

std::uint16_t ControlServer::boundPort() const {
    if (m_impl->tcpAcceptors.empty()) {
        return 0;
    }
    boost::system::error_code ec;
    const auto endpoint = m_impl->tcpAcceptors.front()->local_endpoint(ec);
    return ec ? 0 : endpoint.port();
}

std::vector<tcp::endpoint> ControlServer::boundEndpoints() const {
    std::vector<tcp::endpoint> out;
    for (const auto& acceptor : m_impl->tcpAcceptors) {
        boost::system::error_code ec;
        const auto endpoint = acceptor->local_endpoint(ec);
        if (!ec) {
            out.push_back(endpoint);
        }
    }
    return out;
}

ControlApi& ControlServer::api() {
    return m_impl->api;
}

} // namespace cowl::node
