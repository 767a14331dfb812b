// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/ProxyWorker.h"

#include <cstring>
#include <unistd.h>
#include <utility>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <spdlog/spdlog.h>

#include "node/proxy/ClientAddress.h"
#include "node/proxy/Http1Session.h"
#include "node/proxy/Http2Session.h"
#include "node/proxy/ProxyCore.h"
#include "node/proxy/ThreadRole.h"
#include "node/proxy/StreamIo.h"

namespace cowl::node {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;

ProxyWorker::ProxyWorker(ProxyCore& core, unsigned index)
    : m_core(core), m_index(index),
      m_pool(*m_io, core.limits().maxIdleUpstreamPerTarget, core.limits().upstreamConnectTimeout)
{
}

ProxyWorker::~ProxyWorker()
{
    stop();
    m_acceptors.clear();
    m_pool.forgetAll();
    m_io.reset();
}

void ProxyWorker::listen(std::vector<tcp::endpoint>& endpoints)
{
    for (auto& endpoint : endpoints) {
        auto acceptor = std::make_unique<ProxyAcceptor>(*m_io);
        acceptor->open(endpoint.protocol());
        acceptor->set_option(asio::socket_base::reuse_address(true));
        int one = 1;
        // Every worker listens on the same port; the kernel spreads connections.
        ::setsockopt(acceptor->native_handle(), SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        if (endpoint.address().is_v6())
            acceptor->set_option(asio::ip::v6_only(true));
        acceptor->bind(endpoint);
        acceptor->listen(asio::socket_base::max_listen_connections);
        if (endpoint.port() == 0)
            endpoint = acceptor->local_endpoint();
        m_acceptors.push_back(std::move(acceptor));
    }
}

void ProxyWorker::start()
{
    for (auto& acceptor : m_acceptors)
        asio::co_spawn(*m_io, acceptLoop(*acceptor), asio::detached);
    m_thread = std::thread([this] {
        takeThreadRole("cowl-proxy-" + std::to_string(m_index));
        try {
            m_io->run();
        } catch (const std::exception& e) {
            spdlog::error("proxy: worker {} stopped: {}", m_index, e.what());
        }
    });
}

void ProxyWorker::stop()
{
    if (!m_thread.joinable())
        return;
    m_io->stop();
    m_thread.join();
}

SnapshotHold ProxyWorker::snapshot()
{
    auto generation = m_core.generation();
    if (generation != m_generation) {
        m_snapshot = new PinnedSnapshot(m_core.snapshot());
        m_generation = generation;
    }
    return m_snapshot;
}

CredentialCache& ProxyWorker::credentials()
{
    auto generation = m_core.gate().documentsGeneration();
    if (generation != m_credentialsGeneration) {
        m_credentials.clear();
        m_credentialsGeneration = generation;
    }
    return m_credentials;
}

ProxyTask<void> ProxyWorker::acceptLoop(ProxyAcceptor& acceptor)
{
    for (;;) {
        boost::system::error_code ec;
        ProxySocket socket = co_await acceptor.async_accept(asio::redirect_error(kProxyAwait, ec));
        if (ec) {
            if (ec == asio::error::operation_aborted)
                co_return;
            // Out of descriptors and the like: back off instead of spinning.
            spdlog::warn("proxy: accept failed: {}", ec.message());
            ProxyTimer pause(*m_io, std::chrono::milliseconds(50));
            co_await pause.async_wait(asio::redirect_error(kProxyAwait, ec));
            continue;
        }
        if (!m_core.tryOpenConnection()) {
            socket.close(ec);
            continue;
        }
        ProxyWorker& target = leastBusy();
        if (&target != this) {
            target.adopt(socket);
            continue;
        }
        countAssigned();
        asio::co_spawn(*m_io, serve(std::move(socket)), asio::detached);
    }
}

ProxyWorker& ProxyWorker::leastBusy()
{
    // First where the least handshake work waits: a full handshake is about
    // half a millisecond of CPU, so a worker with several in progress makes
    // the next one queue while another may sit idle. Then to a worker serving
    // clearly fewer connections (the kernel's SO_REUSEPORT hash often gives
    // one a third more). Otherwise the connection stays: a hand-over costs a
    // post and, when the other worker sleeps, a wake-up on the other core.
    auto lessBusy = [](const ProxyWorker& a, const ProxyWorker& b) {
        if (a.handshaking() != b.handshaking())
            return a.handshaking() < b.handshaking();
        return a.connections() + 1 + b.connections() / 16 < b.connections();
    };
    ProxyWorker* best = this;
    if (m_team) {
        for (const auto& worker : *m_team) {
            if (lessBusy(*worker, *best))
                best = worker.get();
        }
    }
    return *best;
}

void ProxyWorker::countAssigned()
{
    m_connections.fetch_add(1, std::memory_order_relaxed);
    m_handshaking.fetch_add(1, std::memory_order_relaxed);
}

void ProxyWorker::uncountAssigned()
{
    m_connections.fetch_sub(1, std::memory_order_relaxed);
    m_handshaking.fetch_sub(1, std::memory_order_relaxed);
    m_core.closeConnection();
}

void ProxyWorker::adopt(ProxySocket& socket)
{
    // Counted at once, so that the next accept anywhere sees this worker busier.
    countAssigned();
    boost::system::error_code ec;
    auto protocol = socket.local_endpoint(ec).protocol();
    // Owns the descriptor until this worker's loop takes it, and closes it if
    // the loop is stopped first.
    struct Descriptor {
        int fd;
        explicit Descriptor(int d) : fd(d) {}
        Descriptor(Descriptor&& other) noexcept : fd(std::exchange(other.fd, -1)) {}
        ~Descriptor()
        {
            if (fd >= 0)
                ::close(fd);
        }
    };
    Descriptor descriptor(ec ? -1 : socket.release(ec));
    if (ec || descriptor.fd < 0) {
        uncountAssigned();
        return;
    }
    asio::post(*m_io, [this, protocol, descriptor = std::move(descriptor)]() mutable {
        boost::system::error_code error;
        ProxySocket adopted(*m_io);
        adopted.assign(protocol, descriptor.fd, error);
        if (error) {
            uncountAssigned();
            return;
        }
        descriptor.fd = -1;
        asio::co_spawn(*m_io, serve(std::move(adopted)), asio::detached);
    });
}

ProxyTask<void> ProxyWorker::serve(ProxySocket socket)
{
    struct Slot {
        ProxyCore& core;
        std::atomic<unsigned>& connections;
        ~Slot()
        {
            core.closeConnection();
            connections.fetch_sub(1, std::memory_order_relaxed);
        }
    } slot{m_core, m_connections};
    // Counted where the connection was given to this worker (countAssigned).
    struct Handshaking {
        std::atomic<unsigned>* count;
        void done()
        {
            if (count)
                count->fetch_sub(1, std::memory_order_relaxed);
            count = nullptr;
        }
        ~Handshaking() { done(); }
    } handshaking{&m_handshaking};

    boost::system::error_code ec;
    auto peerEndpoint = socket.remote_endpoint(ec);
    if (ec)
        co_return;
    socket.set_option(tcp::no_delay(true), ec);
    IpAddress peer = ClientAddress::fromAsio(peerEndpoint.address());

    auto stream = std::make_unique<Http1Session::ClientStream>(ProxyTcpStream(std::move(socket)),
                                                               m_core.certificates().acceptContext().native_handle());
    auto& lowest = beast::get_lowest_layer(*stream);
    lowest.expires_after(m_core.limits().handshakeTimeout);
    co_await handshake(*stream, asio::ssl::stream_base::server, ec);
    handshaking.done();
    if (ec)
        co_return;
    lowest.expires_never();

    const unsigned char* alpn = nullptr;
    unsigned int alpnLength = 0;
    SSL_get0_alpn_selected(stream->native_handle(), &alpn, &alpnLength);
    if (alpnLength == 2 && std::memcmp(alpn, "h2", 2) == 0) {
        auto session = std::make_shared<Http2Session>(*this, std::move(stream), peer);
        co_await session->run();
    } else {
        Http1Session session(*this, std::move(stream), peer);
        co_await session.run();
    }
}

} // namespace cowl::node
