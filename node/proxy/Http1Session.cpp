// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/Http1Session.h"

#include <array>
#include <limits>
#include <optional>

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <spdlog/spdlog.h>

#include "node/proxy/AccessLog.h"
#include "node/proxy/HeaderPolicy.h"
#include "node/proxy/ProxyCore.h"
#include "node/proxy/ProxyWorker.h"
#include "node/proxy/RequestChain.h"
#include "node/proxy/RequestHead.h"
#include "node/proxy/SessionClock.h"
#include "node/proxy/StreamIo.h"
#include "node/proxy/UpstreamExchange.h"
#include "node/proxy/WebSocketTunnel.h"

namespace cowl::node {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

using Clock = std::chrono::steady_clock;


// A client that gave up or was cut: not worth a log line.
bool quietError(const boost::system::error_code& ec)
{
    return ec == asio::error::operation_aborted || ec == asio::error::eof || ec == asio::ssl::error::stream_truncated ||
           ec == beast::error::timeout || ec == asio::error::connection_reset || ec == asio::error::bad_descriptor ||
           ec == asio::error::broken_pipe;
}

// The client's body broke HTTP framing (bad chunk size, ...): 400 and close.
struct ClientFramingError {};

// The request body as the container gets it: the length the client announced,
// else chunked (Beast decoded the client's chunks; the proxy writes its own).
BodyFraming requestFraming(const Http1Session::RequestParser& parser)
{
    if (parser.chunked())
        return BodyFraming::chunked();
    if (auto length = parser.content_length())
        return BodyFraming::fixed(*length);
    return BodyFraming::none();
}

// Methods a client may send twice with the effect of once (RFC 9110 9.2.2).
bool isIdempotent(http::verb method)
{
    switch (method) {
    case http::verb::get:
    case http::verb::head:
    case http::verb::options:
    case http::verb::trace:
    case http::verb::put:
    case http::verb::delete_:
        return true;
    default:
        return false;
    }
}

// The response body as the client gets it: a known length passes on, a body
// chunked or running to the container's close is chunked, so that the
// client's connection can stay open.
BodyFraming responseFraming(const ResponseParser& parser, bool headRequest)
{
    const unsigned status = parser.get().result_int();
    if (headRequest || status == 204 || status == 304)
        return BodyFraming::asReceived();
    if (!parser.chunked()) {
        if (auto length = parser.content_length())
            return BodyFraming::fixed(*length);
    }
    return BodyFraming::chunked();
}

} // namespace

Http1Session::Http1Session(ProxyWorker& worker, std::unique_ptr<ClientStream> stream, IpAddress peer)
    : m_worker(worker), m_stream(std::move(stream)), m_peer(peer), m_peerText(peer.toString())
{
}

Http1Session::~Http1Session()
{
    m_worker.registry().detachAll(this, m_attached);
}

char* Http1Session::chunk()
{
    // Allocated on first use, uninitialised: a connection that only carries
    // small responses (they pass from the read-ahead) never needs it.
    if (!m_chunk)
        m_chunk = std::make_unique_for_overwrite<char[]>(kChunkBytes);
    return m_chunk.get();
}

void Http1Session::cut()
{
    m_cut = true;
    beast::get_lowest_layer(*m_stream).close();
    if (m_upstreamTcp)
        m_upstreamTcp->close();
}

ProxyTask<Http1Session::HeadResult> Http1Session::readHead(RequestParser& parser, bool firstRequest)
{
    const auto& limits = m_worker.core().limits();
    auto& tcp = beast::get_lowest_layer(*m_stream);
    bool started = m_buffer.size() > 0;
    tcp.expires_after(firstRequest || started ? limits.headerTimeout : limits.idleTimeout);
    std::size_t headLength = 0;
    std::size_t scanned = 0;
    for (;;) {
        std::string_view data(static_cast<const char*>(m_buffer.data().data()), m_buffer.size());
        auto end = data.find("\r\n\r\n", scanned);
        if (end != std::string_view::npos) {
            headLength = end + 4;
            break;
        }
        if (data.size() > limits.maxHeaderBytes)
            co_return HeadResult::TooLarge;
        scanned = data.size() > 3 ? data.size() - 3 : 0;
        boost::system::error_code ec;
        std::size_t n = co_await readSome(*m_stream, m_buffer.prepare(16 * 1024), ec);
        if (ec)
            co_return HeadResult::Closed;
        m_buffer.commit(n);
        if (!started) {
            started = true;
            tcp.expires_after(limits.headerTimeout);
        }
    }
    std::string_view head(static_cast<const char*>(m_buffer.data().data()), headLength);
    switch (RequestHead::parse(head, parser, limits.maxHeaderBytes)) {
    case RequestHead::Verdict::TooLarge:
        co_return HeadResult::TooLarge;
    case RequestHead::Verdict::Malformed:
        co_return HeadResult::Malformed;
    case RequestHead::Verdict::Ambiguous:
        co_return HeadResult::Ambiguous;
    case RequestHead::Verdict::Ok:
        break;
    }
    m_buffer.consume(headLength);
    tcp.expires_never();
    co_return HeadResult::Ok;
}

ProxyTask<void> Http1Session::answer(const ProxyAnswer& a, bool close)
{
    std::string wire = a.http1(close);
    auto& tcp = beast::get_lowest_layer(*m_stream);
    tcp.expires_after(m_worker.core().limits().idleTimeout);
    boost::system::error_code ec;
    co_await writeAll(*m_stream, asio::buffer(wire), ec);
    tcp.expires_never();
}

ProxyTask<void> Http1Session::run()
{
    bool first = true;
    try {
        for (;;) {
            RequestParser parser(std::piecewise_construct, std::make_tuple(),
                                 std::make_tuple(ArenaAllocator<char>(m_fields)));
            HeadResult head = co_await readHead(parser, first);
            first = false;
            if (head == HeadResult::Closed)
                break;
            if (head != HeadResult::Ok) {
                AccessLogEntry log;
                log.timeMicros = wallClockMicros();
                log.client = m_peerText;
                log.protocol = "HTTP/1.1";
                log.decision = "bad_request";
                log.status = head == HeadResult::TooLarge ? 431 : 400;
                log.reason = head == HeadResult::TooLarge  ? "request head too large"
                             : head == HeadResult::Ambiguous ? "ambiguous framing or Host header"
                                                             : "malformed request head";
                m_worker.core().accessLog().record(log, m_worker.index());
                co_await answer(head == HeadResult::TooLarge ? ProxyAnswer::headerTooLarge() : ProxyAnswer::badRequest(),
                                true);
                break;
            }
            if (!co_await handle(parser))
                break;
            if (m_cut)
                break;
        }
    } catch (const boost::system::system_error& e) {
        if (!quietError(e.code()) && !m_cut)
            spdlog::debug("proxy: HTTP/1.1 connection ended: {}", e.code().message());
    }
    if (!m_cut) {
        // close_notify if the socket takes it now; the peer's is not awaited.
        boost::system::error_code ec;
        m_stream->shutdownNow(ec);
        beast::get_lowest_layer(*m_stream).close();
    }
}

ProxyTask<bool> Http1Session::handle(RequestParser& parser)
{
    auto started = Clock::now();
    auto& request = parser.get();
    ProxyCore& core = m_worker.core();

    // Empty: fresh, or left emptied by record(). A request that ends
    // in an exception ends the connection too, so none leaves it filled.
    AccessLogEntry& log = m_log;
    log.timeMicros = wallClockMicros();
    log.protocol.assign("HTTP/1.1");
    log.method.assign(toStdView(request.method_string()));
    {
        auto target = toStdView(request.target());
        log.path.assign(target.substr(0, target.find('?')));
    }
    const bool clientKeepAlive = request.keep_alive();
    m_clientKeepAlive = clientKeepAlive;
    const bool bodyPending = !parser.is_done();

    auto finish = [&](int status, std::string_view decision, std::string_view reason) {
        log.status = status;
        if (log.decision.empty())
            log.decision.assign(decision);
        if (log.reason.empty())
            log.reason.assign(reason);
        log.durationMicros = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started).count();
        if (log.client.empty())
            log.client.assign(m_peerText);
        core.accessLog().record(m_log, m_worker.index());
    };

    auto host = toStdView(request[http::field::host]);
    ChainOutcome outcome = RequestChain::run(m_worker, request, host, m_peer, this, m_attached);
    if (outcome.decision.pendingPassword)
        outcome = co_await RequestChain::checkPasswords(std::move(outcome), m_worker, request, host, m_peer, this,
                                                        m_attached);
    const Route& route = outcome.route;
    if (route.container) {
        log.container.assign(route.container->container.str());
        log.project.assign(route.container->project.str());
        log.program.assign(route.program);
    }
    if (route.alias)
        log.alias.assign(route.alias->alias);
    log.client.assign(outcome.clientText.empty() ? m_peerText : outcome.clientText);
    log.group.assign(outcome.decision.group);

    if (outcome.answer) {
        bool close = bodyPending || !clientKeepAlive || outcome.answer->status == 400;
        finish(outcome.answer->status, outcome.logDecision, outcome.decision.reason);
        co_await answer(*outcome.answer, close);
        co_return !close;
    }

    if (beast::iequals(request[http::field::expect], "100-continue")) {
        static constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";
        boost::system::error_code ec;
        co_await writeAll(*m_stream, asio::buffer(kContinue.data(), kContinue.size()), ec);
        if (ec)
            throw boost::system::system_error(ec);
    }

    HeaderPolicy::Forwarding forwarding;
    forwarding.client = outcome.clientText;
    forwarding.priorChain = outcome.priorChain;
    forwarding.decision = &outcome.decision;
    forwarding.websocket = beast::websocket::is_upgrade(request);
    forwarding.host = host;
    const BodyFraming upFraming = requestFraming(parser);
    m_out.clear();
    HeaderPolicy::writeUpstreamHead(m_out, request, outcome.upstreamTarget, forwarding, upFraming);

    // A request that may be sent twice (RFC 9110 9.2.2) and has no body
    // takes a kept connection unprobed; when the container had closed it,
    // the request goes once more on a new connection. Others are probed.
    const bool noBody = upFraming.kind == BodyFraming::Kind::None ||
                        (upFraming.kind == BodyFraming::Kind::Length && upFraming.length == 0);
    const bool retryable = noBody && !forwarding.websocket && isIdempotent(request.method());
    auto use = retryable ? UpstreamPool::Use::Unprobed : UpstreamPool::Use::Probed;
    std::unique_ptr<UpstreamConnection> upstream;
    bool reusable = false;
    bool keepAlive = false;
    std::optional<UpstreamFailure> failure;
    bool badFraming = false;
    for (;;) {
        std::string connectError;
        try {
            upstream = co_await m_worker.upstreams().acquire(route.container->upstreamHost, route.port,
                                                             route.upstreamTls, use);
        } catch (const boost::system::system_error& e) {
            connectError = e.code().message();
        }
        if (!upstream) {
            bool close = bodyPending || !clientKeepAlive;
            finish(502, "error", "upstream unreachable: " + connectError);
            co_await answer(ProxyAnswer::badGateway(), close);
            co_return !close;
        }
        if (m_cut)
            co_return false;

        m_upstreamTcp = &upstream->tcp();
        try {
            keepAlive = co_await std::visit(
                [&](auto& s) { return forward(s, *upstream, parser, {upFraming, forwarding.websocket}, log, reusable); },
                upstream->stream);
        } catch (const UpstreamFailure& f) {
            failure = f;
        } catch (const ClientFramingError&) {
            badFraming = true;
        } catch (...) {
            m_upstreamTcp = nullptr;
            finish(log.status ? log.status : 502, "error", "connection broke mid-request");
            throw;
        }
        const bool closedWhileKept = failure && !failure->timeout && upstream->reused && log.status == 0;
        if (!(retryable && closedWhileKept && use != UpstreamPool::Use::Fresh))
            break;
        failure.reset();
        use = UpstreamPool::Use::Fresh;
        m_out.clear(); // the head went out with the failed attempt
        HeaderPolicy::writeUpstreamHead(m_out, request, outcome.upstreamTarget, forwarding, upFraming);
    }
    if (badFraming) {
        m_upstreamTcp = nullptr;
        finish(400, "bad_request", "malformed request body framing");
        co_await answer(ProxyAnswer::badRequest(), true);
        co_return false;
    }
    if (failure) {
        m_upstreamTcp = nullptr;
        std::string why = failure->describe();
        spdlog::warn("proxy: {} (container {})", why, route.container->container.str());
        finish(failure->timeout ? 504 : 502, "error", why);
        co_await answer(failure->timeout ? ProxyAnswer::gatewayTimeout() : ProxyAnswer::badGateway(), true);
        co_return false;
    }
    m_upstreamTcp = nullptr;
    if (reusable && !m_cut)
        m_worker.upstreams().release(std::move(upstream));
    finish(log.status, "allow", outcome.decision.reason);
    co_return keepAlive && clientKeepAlive && !m_cut;
}

template <class Upstream>
ProxyTask<bool> Http1Session::forward(Upstream& upstream, UpstreamConnection& connection, RequestParser& parser,
                                      RequestShape shape, AccessLogEntry& log, bool& reusable)
{
    const auto& limits = m_worker.core().limits();
    auto& request = parser.get();
    auto& upTcp = beast::get_lowest_layer(upstream);
    auto& clientTcp = beast::get_lowest_layer(*m_stream);
    const std::size_t chunkSize = kChunkBytes;
    const bool websocket = shape.websocket;
    const BodyFraming upFraming = shape.framing;
    const bool clientKeepAlive = m_clientKeepAlive;
    boost::system::error_code ec;

    // Request: m_out holds the head; it leaves with the first body bytes.
    for (bool last = parser.is_done(); ; ) {
        std::size_t got = 0;
        if (!last) {
            auto& body = request.body();
            body.data = chunk();
            body.size = chunkSize;
            clientTcp.expires_after(limits.idleTimeout);
            co_await http::async_read_some(*m_stream, m_buffer, parser, asio::redirect_error(kProxyAwait, ec));
            if (ec == http::error::need_buffer)
                ec = {};
            if (ec && ec.category() == http::make_error_code(http::error::bad_chunk).category())
                throw ClientFramingError{};
            if (ec)
                throw boost::system::system_error(ec); // the client went away
            got = chunkSize - body.size;
            log.bytesIn += got;
            last = parser.is_done();
            if (got == 0 && !last)
                continue; // only chunk framing arrived
        }
        upTcp.expires_after(limits.idleTimeout);
        co_await writeFramed(upstream, m_out, upFraming, got ? chunk() : nullptr, got, last, ec);
        if (ec)
            throw upstreamFailure(log.bytesIn ? "writing the request body" : "writing the request head", ec);
        if (last)
            break;
    }
    clientTcp.expires_never();

    // Response head; interim 1xx answers (other than 101) are dropped.
    std::optional<ResponseParser> responseParser;
    const bool headRequest = request.method() == http::verb::head;
    co_await readResponseHead(upstream, connection.buffer, responseParser, headRequest, websocket,
                              limits.upstreamResponseTimeout, &m_fields);
    auto& response = responseParser->get();
    const bool upgraded = websocket && response.result() == http::status::switching_protocols;
    log.status = response.result_int();
    const BodyFraming framing = upgraded ? BodyFraming::none() : responseFraming(*responseParser, headRequest);
    m_out.clear();
    HeaderPolicy::writeClientHead(m_out, response, framing, clientKeepAlive, upgraded);

    if (upgraded) {
        clientTcp.expires_after(limits.idleTimeout);
        co_await writeAll(*m_stream, asio::buffer(m_out), ec);
        if (ec)
            throw boost::system::system_error(ec);
        m_out.clear();
        log.protocol = "WebSocket";
        auto totals = co_await WebSocketTunnel::run(*m_stream, m_buffer, upstream, connection.buffer,
                                                    limits.tunnelIdleTimeout);
        log.bytesIn += totals.toUpstream;
        log.bytesOut += totals.toClient;
        reusable = false;
        co_return false;
    }

    if (framing.kind == BodyFraming::Kind::Length) {
        // A body of known length passes as bytes, not through the parser:
        // first what came with the head (a small response leaves with its
        // head as one record), then reads straight into the chunk. Bytes past
        // the length stay in the read-ahead, so the connection is not reused.
        std::uint64_t remaining = framing.length;
        bool headSent = false;
        while (remaining > 0 || !headSent) {
            const char* data = nullptr;
            std::size_t got = 0;
            auto& ahead = connection.buffer;
            const bool fromAhead = ahead.size() > 0 && remaining > 0;
            if (fromAhead) {
                got = static_cast<std::size_t>(std::min<std::uint64_t>(ahead.size(), remaining));
                data = static_cast<const char*>(ahead.data().data());
            } else if (remaining > 0 && headSent) {
                upTcp.expires_after(limits.idleTimeout);
                data = chunk();
                got = co_await readSome(
                    upstream, asio::buffer(chunk(), static_cast<std::size_t>(std::min<std::uint64_t>(chunkSize, remaining))),
                    ec);
                if (ec)
                    throw boost::system::system_error(ec); // cut short: the client sees the connection end
            }
            remaining -= got;
            log.bytesOut += got;
            clientTcp.expires_after(limits.idleTimeout);
            co_await writeFramed(*m_stream, m_out, framing, data, got, remaining == 0, ec);
            if (ec)
                throw boost::system::system_error(ec);
            if (fromAhead)
                ahead.consume(got);
            headSent = true;
        }
        clientTcp.expires_never();
        upTcp.expires_never();
        reusable = responseParser->keep_alive();
        co_return true;
    }

    // The head goes out with the body bytes that arrived with it (one TLS
    // record and one sendmsg for a small response); a body still to come
    // does not hold the head back.
    bool last = framing.kind == BodyFraming::Kind::AsReceived || responseParser->is_done();
    if (!last && connection.buffer.size() == 0) {
        clientTcp.expires_after(limits.idleTimeout);
        co_await writeFramed(*m_stream, m_out, framing, nullptr, 0, false, ec);
        if (ec)
            throw boost::system::system_error(ec);
    }
    for (;;) {
        std::size_t got = 0;
        if (!last) {
            auto& body = response.body();
            body.data = chunk();
            body.size = chunkSize;
            upTcp.expires_after(limits.idleTimeout);
            co_await http::async_read_some(upstream, connection.buffer, *responseParser,
                                           asio::redirect_error(kProxyAwait, ec));
            if (ec == http::error::need_buffer)
                ec = {};
            if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::ssl::error::stream_truncated) {
                // The body ran to the upstream's close; only legitimate when
                // the length was never announced.
                if (!responseParser->need_eof())
                    throw boost::system::system_error(ec);
                ec = {};
            }
            if (ec)
                throw boost::system::system_error(ec);
            got = chunkSize - body.size;
            log.bytesOut += got;
            last = responseParser->is_done();
            if (got == 0 && !last)
                continue;
        }
        clientTcp.expires_after(limits.idleTimeout);
        co_await writeFramed(*m_stream, m_out, framing, got ? chunk() : nullptr, got, last, ec);
        if (ec)
            throw boost::system::system_error(ec);
        if (last)
            break;
    }
    clientTcp.expires_never();
    upTcp.expires_never();
    reusable = responseParser->keep_alive() && !responseParser->need_eof();
    co_return true;
}

} // namespace cowl::node
