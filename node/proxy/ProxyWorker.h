// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>

#include "node/proxy/ConnectionRegistry.h"
#include "node/proxy/CredentialCache.h"
#include "node/proxy/ProxySnapshot.h"
#include "node/proxy/ProxyStream.h"
#include "node/proxy/UpstreamPool.h"

namespace cowl::node {

class ProxyCore;

// One thread, one io_context, its own listening sockets (SO_REUSEPORT), its
// own connection registry and upstream pool: nothing on the request path is
// shared with another thread except the snapshot and the access log queue.
//
// The kernel spreads new connections over the workers by a hash of their
// addresses, which leaves one worker with a third more connections than
// another often enough; its clients then wait longer (the tail latency).
// So an accepted connection goes to the worker serving the fewest, as
// HAProxy does: handed over once, at accept, as a bare descriptor.
class ProxyWorker {
public:
    ProxyWorker(ProxyCore& core, unsigned index);
    ~ProxyWorker();

    // Binds; `endpoints` carry the real port once the first worker bound port 0.
    void listen(std::vector<boost::asio::ip::tcp::endpoint>& endpoints);
    void start();
    void stop();
    // The workers an accepted connection may be handed to (this one included).
    void setTeam(const std::vector<std::unique_ptr<ProxyWorker>>* team) { m_team = team; }
    unsigned connections() const { return m_connections.load(std::memory_order_relaxed); }
    // Connections given to this worker whose TLS handshake has not finished.
    unsigned handshaking() const { return m_handshaking.load(std::memory_order_relaxed); }

    ProxyCore& core() { return m_core; }
    unsigned index() const { return m_index; }
    boost::asio::io_context& io() { return *m_io; }
    ConnectionRegistry& registry() { return m_registry; }
    UpstreamPool& upstreams() { return m_pool; }
    // The current routing snapshot; cheap (a relaxed generation check). The
    // hold is this worker's: keep it on this thread.
    SnapshotHold snapshot();
    // This worker's verified-credential cache, emptied when documents changed.
    CredentialCache& credentials();

private:
    ProxyTask<void> acceptLoop(ProxyAcceptor& acceptor);
    ProxyTask<void> serve(ProxySocket socket);
    ProxyWorker& leastBusy();
    // Takes over a connection another worker accepted (any thread).
    void adopt(ProxySocket& socket);
    // A connection given to this worker counts as open and handshaking from
    // then on; uncountAssigned() for one it could not take after all.
    void countAssigned();
    void uncountAssigned();

    ProxyCore& m_core;
    unsigned m_index;
    // Destroyed first (see the destructor): pending coroutines own sessions
    // that detach from m_registry when they go. Its sockets are only ever
    // used on this worker's thread (other threads post to it: a handed-over
    // descriptor, a lockdown cut), so the reactor does not lock around each
    // read and write, two mutex calls per operation otherwise.
    std::unique_ptr<boost::asio::io_context> m_io =
        std::make_unique<boost::asio::io_context>(BOOST_ASIO_CONCURRENCY_HINT_UNSAFE_IO);
    std::vector<std::unique_ptr<ProxyAcceptor>> m_acceptors;
    ConnectionRegistry m_registry;
    UpstreamPool m_pool;
    SnapshotHold m_snapshot;
    std::uint64_t m_generation = ~std::uint64_t{0};
    CredentialCache m_credentials;
    std::uint64_t m_credentialsGeneration = 0;
    const std::vector<std::unique_ptr<ProxyWorker>>* m_team = nullptr;
    std::atomic<unsigned> m_connections{0};
    std::atomic<unsigned> m_handshaking{0};
    std::thread m_thread;
};

} // namespace cowl::node
