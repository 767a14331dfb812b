// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/UpstreamPool.h"

#include <sys/socket.h>

#include <charconv>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "node/proxy/StreamIo.h"

namespace cowl::node {

namespace asio = boost::asio;
namespace beast = boost::beast;

namespace {
constexpr auto kMaxIdleAge = std::chrono::seconds(30);
}

UpstreamPool::UpstreamPool(asio::io_context& io, std::size_t maxIdlePerTarget, std::chrono::milliseconds connectTimeout)
    : m_io(io), m_tls(asio::ssl::context::tls_client), m_maxIdle(maxIdlePerTarget), m_connectTimeout(connectTimeout)
{
    // Containers serve self-issued certificates on a host-local veth; the
    // route is the node's own, so the proxy encrypts but does not verify.
    m_tls.set_verify_mode(asio::ssl::verify_none);
    SSL_CTX_set_min_proto_version(m_tls.native_handle(), TLS1_2_VERSION);
}

void UpstreamPool::keyFor(std::string& key, std::string_view host, std::uint16_t port, bool tls)
{
    key.clear();
    key.append(host);
    key.push_back(tls ? '|' : '/');
    char digits[8];
    key.append(digits, std::to_chars(digits, digits + sizeof digits, port).ptr);
}

bool UpstreamPool::young(const UpstreamConnection& c)
{
    if (std::chrono::steady_clock::now() - c.idleSince > kMaxIdleAge)
        return false;
    return c.buffer.size() == 0; // unsolicited bytes: the stream is out of step
}

bool UpstreamPool::stillUsable(UpstreamConnection& c)
{
    if (!young(c))
        return false;
    // A peer that closed (or sent something unasked) makes the socket readable.
    char probe;
    auto& sock = c.tcp().socket();
    ssize_t n = ::recv(sock.native_handle(), &probe, 1, MSG_PEEK | MSG_DONTWAIT);
    return n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
}

ProxyTask<std::unique_ptr<UpstreamConnection>> UpstreamPool::acquire(std::string_view host, std::uint16_t port,
                                                                     bool tls, Use use)
{
    // The lookup key is built in a buffer the pool keeps (the pool belongs to
    // one worker thread, and nothing suspends before the lookup is done).
    keyFor(m_lookup, host, port, tls);
    if (auto it = m_idle.find(m_lookup); use != Use::Fresh && it != m_idle.end()) {
        auto& list = it->second;
        while (!list.empty()) {
            auto c = std::move(list.back());
            list.pop_back();
            if (use == Use::Unprobed ? young(*c) : stillUsable(*c)) {
                c->reused = true;
                co_return c;
            }
        }
    }
    boost::system::error_code ec;
    auto address = asio::ip::make_address(std::string(host), ec);
    if (ec)
        throw boost::system::system_error(ec);
    asio::ip::tcp::endpoint endpoint(address, port);
    std::unique_ptr<UpstreamConnection> c;
    if (tls)
        c = std::make_unique<UpstreamConnection>(m_lookup, std::in_place_type<UpstreamConnection::Tls>,
                                                 ProxyTcpStream(m_io), m_tls.native_handle());
    else
        c = std::make_unique<UpstreamConnection>(m_lookup, std::in_place_type<UpstreamConnection::Plain>, m_io);
    auto& tcp = c->tcp();
    tcp.expires_after(m_connectTimeout);
    co_await tcp.async_connect(endpoint, kProxyAwait);
    tcp.socket().set_option(asio::ip::tcp::no_delay(true));
    if (auto* s = std::get_if<UpstreamConnection::Tls>(&c->stream)) {
        co_await handshake(*s, asio::ssl::stream_base::client, ec);
        if (ec)
            throw boost::system::system_error(ec);
    }
    tcp.expires_never();
    co_return c;
}

void UpstreamPool::release(std::unique_ptr<UpstreamConnection> connection)
{
    auto& list = m_idle[connection->key];
    if (list.size() >= m_maxIdle)
        return;
    connection->tcp().expires_never();
    connection->idleSince = std::chrono::steady_clock::now();
    list.push_back(std::move(connection));
}

void UpstreamPool::forget(std::string_view host)
{
    for (auto it = m_idle.begin(); it != m_idle.end();) {
        if (std::string_view(it->first).starts_with(host) && it->first.size() > host.size() &&
            (it->first[host.size()] == '/' || it->first[host.size()] == '|'))
            it = m_idle.erase(it);
        else
            ++it;
    }
}

std::size_t UpstreamPool::idleCount() const
{
    std::size_t n = 0;
    for (const auto& [key, list] : m_idle)
        n += list.size();
    return n;
}

} // namespace cowl::node
