// SPDX-License-Identifier: GPL-3.0-or-later
#include "node/proxy/Http2Session.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <memory>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/serializer.hpp>
#include <boost/beast/http/write.hpp>
#include <nghttp2/nghttp2.h>
#include <spdlog/spdlog.h>

#include "node/proxy/BodyFraming.h"
#include "node/proxy/HeaderPolicy.h"
#include "node/proxy/ProxyCore.h"
#include "node/proxy/ProxyWorker.h"
#include "node/proxy/RequestChain.h"
#include "node/proxy/SessionClock.h"
#include "node/proxy/UpstreamConnection.h"
#include "node/proxy/UpstreamExchange.h"

namespace cowl::node {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

namespace {

using Clock = std::chrono::steady_clock;


// The response body's read buffer: what is left when the length is known,
// so a small response does not allocate (and fill) a whole 64 KiB chunk.
std::size_t readSize(const ProxyResponseParser& parser)
{
    constexpr std::uint64_t kChunk = 64 * 1024;
    auto left = parser.content_length_remaining();
    return static_cast<std::size_t>(left ? std::clamp<std::uint64_t>(*left, 1, kChunk) : kChunk);
}

// nghttp2 copies names and values on submit; the views need only outlive the call.
nghttp2_nv nv(std::string_view name, std::string_view value)
{
    return {reinterpret_cast<std::uint8_t*>(const_cast<char*>(name.data())),
            reinterpret_cast<std::uint8_t*>(const_cast<char*>(value.data())), name.size(), value.size(),
            NGHTTP2_NV_FLAG_NONE};
}

// The request body as the container gets it: the client's content-length
// (nghttp2 checks the DATA against it), else chunked when DATA follows.
BodyFraming requestFraming(const Http2Session::Stream& st)
{
    auto length = st.request.find(http::field::content_length);
    std::uint64_t n = 0;
    if (length != st.request.end()) {
        auto text = toStdView(length->value());
        auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
        if (ec == std::errc() && end == text.data() + text.size())
            return BodyFraming::fixed(n);
    }
    if (st.endOfRequest && st.requestChunks.empty())
        return BodyFraming::none();
    return BodyFraming::chunked();
}

} // namespace

// nghttp2's C callbacks; user_data is the Http2Session.
struct Http2Callbacks {
    static Http2Session& self(void* userData) { return *static_cast<Http2Session*>(userData); }

    static int onBeginHeaders(nghttp2_session*, const nghttp2_frame* frame, void* userData)
    {
        if (frame->hd.type != NGHTTP2_HEADERS || frame->headers.cat != NGHTTP2_HCAT_REQUEST)
            return 0;
        auto& s = self(userData);
        auto stream = std::make_shared<Http2Session::Stream>(s.m_stream->get_executor());
        stream->id = frame->hd.stream_id;
        stream->log.timeMicros = wallClockMicros();
        s.m_streams[stream->id] = std::move(stream);
        return 0;
    }

    static int onHeader(nghttp2_session*, const nghttp2_frame* frame, const uint8_t* name, size_t nameLength,
                        const uint8_t* value, size_t valueLength, uint8_t, void* userData)
    {
        auto& s = self(userData);
        auto it = s.m_streams.find(frame->hd.stream_id);
        if (it == s.m_streams.end())
            return 0;
        auto& st = *it->second;
        if (frame->headers.cat != NGHTTP2_HCAT_REQUEST)
            return 0; // trailers are not forwarded
        st.headerBytes += nameLength + valueLength + 32;
        if (st.headerBytes > s.m_worker.core().limits().maxHeaderBytes) {
            st.badHeaders = true;
            return 0;
        }
        std::string_view n(reinterpret_cast<const char*>(name), nameLength);
        std::string_view v(reinterpret_cast<const char*>(value), valueLength);
        beast::string_view bv(v.data(), v.size());
        if (n == ":method")
            st.request.method_string(bv);
        else if (n == ":path")
            st.request.target(bv);
        else if (n == ":authority")
            st.authority.assign(v);
        else if (n.starts_with(':'))
            return 0; // :scheme; :protocol is never enabled
        else if (n == "host") {
            if (st.authority.empty())
                st.authority.assign(v);
        } else if (n == "cookie" && st.request.count(http::field::cookie) > 0) {
            // HTTP/2 may split cookies; HTTP/1.1 wants one header (RFC 9113 §8.2.3).
            std::string joined(toStdView(st.request[http::field::cookie]));
            joined.append("; ").append(v);
            st.request.set(http::field::cookie, joined);
        } else {
            st.request.insert(beast::string_view(n.data(), n.size()), bv);
        }
        return 0;
    }

    static int onFrameRecv(nghttp2_session*, const nghttp2_frame* frame, void* userData)
    {
        auto& s = self(userData);
        if (frame->hd.type != NGHTTP2_HEADERS && frame->hd.type != NGHTTP2_DATA)
            return 0;
        auto it = s.m_streams.find(frame->hd.stream_id);
        if (it == s.m_streams.end())
            return 0;
        auto stream = it->second;
        if (frame->hd.flags & NGHTTP2_FLAG_END_STREAM) {
            stream->endOfRequest = true;
            stream->wake.cancel();
        }
        if (frame->hd.type == NGHTTP2_HEADERS && frame->headers.cat == NGHTTP2_HCAT_REQUEST)
            asio::co_spawn(s.m_stream->get_executor(), s.handleStream(stream), asio::detached);
        return 0;
    }

    static int onDataChunk(nghttp2_session* session, uint8_t, int32_t streamId, const uint8_t* data, size_t length,
                           void* userData)
    {
        auto& s = self(userData);
        auto it = s.m_streams.find(streamId);
        if (it == s.m_streams.end() || it->second->closed) {
            nghttp2_session_consume(session, streamId, length);
            return 0;
        }
        it->second->requestChunks.emplace_back(reinterpret_cast<const char*>(data), length);
        it->second->wake.cancel();
        return 0;
    }

    static int onStreamClose(nghttp2_session*, int32_t streamId, uint32_t, void* userData)
    {
        auto& s = self(userData);
        auto it = s.m_streams.find(streamId);
        if (it == s.m_streams.end())
            return 0;
        auto& st = *it->second;
        if (!st.responseEnd || st.responseOffset < st.responseData.size()) {
            // Reset before the response finished: stop talking to the container.
            st.closed = true;
            if (st.upstreamTcp)
                st.upstreamTcp->close();
        }
        st.closed = true;
        st.wake.cancel();
        s.m_streams.erase(it);
        return 0;
    }

    static ssize_t readBody(nghttp2_session*, int32_t, uint8_t* buffer, size_t length, uint32_t* flags,
                            nghttp2_data_source* source, void*)
    {
        auto& st = *static_cast<Http2Session::Stream*>(source->ptr);
        std::size_t available = st.responseData.size() - st.responseOffset;
        if (available == 0) {
            if (st.responseEnd) {
                *flags |= NGHTTP2_DATA_FLAG_EOF;
                return 0;
            }
            st.deferred = true;
            st.wake.cancel();
            return NGHTTP2_ERR_DEFERRED;
        }
        std::size_t n = std::min(length, available);
        std::memcpy(buffer, st.responseData.data() + st.responseOffset, n);
        st.responseOffset += n;
        if (st.responseOffset == st.responseData.size()) {
            st.responseData.clear();
            st.responseOffset = 0;
            if (st.responseEnd)
                *flags |= NGHTTP2_DATA_FLAG_EOF;
            else
                st.wake.cancel(); // room for the next upstream chunk
        }
        return static_cast<ssize_t>(n);
    }
};

Http2Session::Http2Session(ProxyWorker& worker, std::unique_ptr<ClientStream> stream, IpAddress peer)
    : m_worker(worker), m_stream(std::move(stream)), m_peer(peer), m_peerText(peer.toString()),
      m_writerWake(m_stream->get_executor())
{
    nghttp2_session_callbacks* callbacks = nullptr;
    nghttp2_session_callbacks_new(&callbacks);
    nghttp2_session_callbacks_set_on_begin_headers_callback(callbacks, &Http2Callbacks::onBeginHeaders);
    nghttp2_session_callbacks_set_on_header_callback(callbacks, &Http2Callbacks::onHeader);
    nghttp2_session_callbacks_set_on_frame_recv_callback(callbacks, &Http2Callbacks::onFrameRecv);
    nghttp2_session_callbacks_set_on_data_chunk_recv_callback(callbacks, &Http2Callbacks::onDataChunk);
    nghttp2_session_callbacks_set_on_stream_close_callback(callbacks, &Http2Callbacks::onStreamClose);
    nghttp2_option* option = nullptr;
    nghttp2_option_new(&option);
    // Flow control is ours: a window is returned only once the bytes went upstream.
    nghttp2_option_set_no_auto_window_update(option, 1);
    nghttp2_option_set_max_send_header_block_length(option, 64 * 1024);
    nghttp2_session_server_new2(&m_session, callbacks, this, option);
    nghttp2_option_del(option);
    nghttp2_session_callbacks_del(callbacks);
}

Http2Session::~Http2Session()
{
    m_worker.registry().detachAll(this, m_attached);
    nghttp2_session_del(m_session);
}

void Http2Session::cut()
{
    m_cut = true;
    closeAll();
}

void Http2Session::closeAll()
{
    if (m_closed)
        return;
    m_closed = true;
    beast::get_lowest_layer(*m_stream).close();
    for (auto& [id, stream] : m_streams) {
        stream->closed = true;
        if (stream->upstreamTcp)
            stream->upstreamTcp->close();
        stream->wake.cancel();
    }
    m_writerWake.cancel();
}

void Http2Session::wakeWriter()
{
    if (m_writerIdle)
        m_writerWake.cancel();
}

ProxyTask<void> Http2Session::waitFor(Stream& stream)
{
    stream.wake.expires_at(ProxyTimer::time_point::max());
    boost::system::error_code ec;
    co_await stream.wake.async_wait(asio::redirect_error(kProxyAwait, ec));
}

ProxyTask<void> Http2Session::run()
{
    auto self = shared_from_this();
    const auto& limits = m_worker.core().limits();
    nghttp2_settings_entry settings[] = {
        {NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS, 128},
        {NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE, 256 * 1024},
        {NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE, static_cast<std::uint32_t>(limits.maxHeaderBytes)},
    };
    nghttp2_submit_settings(m_session, NGHTTP2_FLAG_NONE, settings, std::size(settings));
    // The connection-level window grows with the streams' (1 MiB), not 64 KiB.
    nghttp2_session_set_local_window_size(m_session, NGHTTP2_FLAG_NONE, 0, 1 << 20);
    asio::co_spawn(m_stream->get_executor(), writer(), asio::detached);

    auto& tcp = beast::get_lowest_layer(*m_stream);
    std::array<char, 16 * 1024> buffer;
    while (!m_closed) {
        tcp.expires_after(m_streams.empty() ? limits.idleTimeout : limits.upstreamResponseTimeout);
        boost::system::error_code ec;
        std::size_t n = co_await readSome(*m_stream, asio::buffer(buffer), ec);
        if (ec)
            break;
        auto rv = nghttp2_session_mem_recv(m_session, reinterpret_cast<const uint8_t*>(buffer.data()), n);
        if (rv < 0) {
            spdlog::debug("proxy: HTTP/2 protocol error from client: {}", nghttp2_strerror(static_cast<int>(rv)));
            break;
        }
        wakeWriter();
        if (!nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session))
            break;
    }
    // Let a GOAWAY or last frames go out, then close.
    if (!m_closed && nghttp2_session_want_write(m_session)) {
        wakeWriter();
        ProxyTimer grace(m_stream->get_executor(), std::chrono::milliseconds(100));
        boost::system::error_code ec;
        co_await grace.async_wait(asio::redirect_error(kProxyAwait, ec));
    }
    closeAll();
}

ProxyTask<void> Http2Session::writer()
{
    auto self = shared_from_this();
    std::string out;
    out.reserve(64 * 1024);
    while (!m_closed) {
        out.clear();
        for (;;) {
            const uint8_t* data = nullptr;
            auto n = nghttp2_session_mem_send(m_session, &data);
            if (n < 0) {
                closeAll();
                co_return;
            }
            if (n == 0)
                break;
            out.append(reinterpret_cast<const char*>(data), static_cast<std::size_t>(n));
            if (out.size() >= 64 * 1024)
                break;
        }
        if (out.empty()) {
            if (!nghttp2_session_want_read(m_session) && !nghttp2_session_want_write(m_session)) {
                closeAll();
                co_return;
            }
            m_writerIdle = true;
            m_writerWake.expires_at(ProxyTimer::time_point::max());
            boost::system::error_code ec;
            co_await m_writerWake.async_wait(asio::redirect_error(kProxyAwait, ec));
            m_writerIdle = false;
            continue;
        }
        auto& tcp = beast::get_lowest_layer(*m_stream);
        tcp.expires_after(m_worker.core().limits().idleTimeout);
        boost::system::error_code ec;
        co_await writeAll(*m_stream, asio::buffer(out), ec);
        if (ec) {
            closeAll();
            co_return;
        }
    }
}

void Http2Session::finishLog(Stream& stream, int status, std::string_view decision, std::string reason)
{
    auto& log = stream.log;
    log.status = status;
    log.protocol = "HTTP/2";
    if (log.decision.empty())
        log.decision = std::string(decision);
    if (log.reason.empty())
        log.reason = std::move(reason);
    if (log.client.empty())
        log.client = m_peerText;
    log.durationMicros = wallClockMicros() - log.timeMicros;
    m_worker.core().accessLog().record(log, m_worker.index());
}

void Http2Session::submitAnswer(Stream& stream, const ProxyAnswer& answer)
{
    std::vector<std::pair<std::string, std::string>> headers;
    headers.emplace_back(":status", std::to_string(answer.status));
    headers.emplace_back("content-type", "text/plain; charset=utf-8");
    headers.emplace_back("content-length", std::to_string(answer.body.size()));
    headers.emplace_back("cache-control", "no-store");
    for (const auto& h : answer.headers)
        headers.push_back(h);
    std::vector<nghttp2_nv> nva;
    for (auto& [n, v] : headers)
        nva.push_back({reinterpret_cast<uint8_t*>(n.data()), reinterpret_cast<uint8_t*>(v.data()), n.size(), v.size(),
                       NGHTTP2_NV_FLAG_NONE});
    stream.responseData.assign(answer.body);
    stream.responseOffset = 0;
    stream.responseEnd = true;
    nghttp2_data_provider provider{};
    provider.source.ptr = &stream;
    provider.read_callback = &Http2Callbacks::readBody;
    nghttp2_submit_response(m_session, stream.id, nva.data(), nva.size(), &provider);
    wakeWriter();
}

void Http2Session::submitHeaders(Stream& stream, const ProxyResponseHeader& response, bool withBody)
{
    // HTTP/2 field names are lower case; they are lowered into one buffer
    // that outlives the submit (nghttp2 copies the list).
    char status[3] = {static_cast<char>('0' + response.result_int() / 100 % 10),
                      static_cast<char>('0' + response.result_int() / 10 % 10),
                      static_cast<char>('0' + response.result_int() % 10)};
    std::size_t nameBytes = 0;
    for (const auto& field : response)
        nameBytes += field.name_string().size();
    std::string names;
    names.reserve(nameBytes);
    std::vector<nghttp2_nv> nva;
    nva.reserve(16);
    nva.push_back(nv(":status", std::string_view(status, sizeof status)));
    const HopByHop hop(response, false);
    for (const auto& field : response) {
        if (!HeaderPolicy::forHttp2Client(hop, field))
            continue;
        const auto name = toStdView(field.name_string());
        const std::size_t at = names.size();
        for (char c : name)
            names.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        nva.push_back(nv(std::string_view(names.data() + at, name.size()), toStdView(field.value())));
    }
    nghttp2_data_provider provider{};
    provider.source.ptr = &stream;
    provider.read_callback = &Http2Callbacks::readBody;
    nghttp2_submit_response(m_session, stream.id, nva.data(), nva.size(), withBody ? &provider : nullptr);
    wakeWriter();
}

ProxyTask<void> Http2Session::handleStream(std::shared_ptr<Stream> stream)
{
    auto self = shared_from_this();
    auto& st = *stream;
    st.log.protocol = "HTTP/2";
    st.log.method = std::string(toStdView(st.request.method_string()));
    {
        auto target = toStdView(st.request.target());
        st.log.path = std::string(target.substr(0, target.find('?')));
    }
    if (st.badHeaders) {
        finishLog(st, 431, "bad_request", "request head too large");
        submitAnswer(st, ProxyAnswer::headerTooLarge());
        co_return;
    }
    if (st.authority.empty() || st.request.method_string().empty()) {
        finishLog(st, 400, "bad_request", "missing :authority or :method");
        submitAnswer(st, ProxyAnswer::badRequest());
        co_return;
    }

    ChainOutcome outcome = RequestChain::run(m_worker, st.request, st.authority, m_peer, this, m_attached);
    if (outcome.decision.pendingPassword) {
        outcome = co_await RequestChain::checkPasswords(std::move(outcome), m_worker, st.request, st.authority, m_peer,
                                                        this, m_attached);
        if (st.closed || m_closed)
            co_return; // reset or cut while a password was being checked
    }
    if (outcome.route.container) {
        st.log.container = outcome.route.container->container.str();
        st.log.project = outcome.route.container->project.str();
        st.log.program = outcome.route.program;
    }
    if (outcome.route.alias)
        st.log.alias = outcome.route.alias->alias;
    st.log.client = outcome.clientText.empty() ? m_peerText : outcome.clientText;
    st.log.group = outcome.decision.group;
    if (outcome.answer) {
        finishLog(st, outcome.answer->status, outcome.logDecision, std::move(outcome.decision.reason));
        submitAnswer(st, *outcome.answer);
        co_return;
    }
    co_await forward(stream, outcome);
}

ProxyTask<void> Http2Session::forward(std::shared_ptr<Stream> stream, ChainOutcome& outcome)
{
    auto& st = *stream;
    HeaderPolicy::Forwarding forwarding;
    forwarding.client = outcome.clientText;
    forwarding.priorChain = outcome.priorChain;
    forwarding.host = st.authority;
    forwarding.decision = &outcome.decision;
    st.upstreamHead.clear();
    HeaderPolicy::writeUpstreamHead(st.upstreamHead, st.request, outcome.upstreamTarget, forwarding,
                                    requestFraming(st));

    std::unique_ptr<UpstreamConnection> upstream;
    std::string connectError;
    try {
        upstream = co_await m_worker.upstreams().acquire(outcome.route.container->upstreamHost, outcome.route.port,
                                                         outcome.route.upstreamTls);
    } catch (const boost::system::system_error& e) {
        connectError = e.code().message();
    }
    if (st.closed)
        co_return;
    if (!upstream) {
        finishLog(st, 502, "error", "upstream unreachable: " + connectError);
        submitAnswer(st, ProxyAnswer::badGateway());
        co_return;
    }
    st.upstreamTcp = &upstream->tcp();
    bool reusable = false;
    std::optional<UpstreamFailure> failure;
    bool broken = false;
    try {
        co_await std::visit([&](auto& s) { return exchange(s, *upstream, st, reusable); }, upstream->stream);
    } catch (const UpstreamFailure& f) {
        failure = f;
    } catch (const boost::system::system_error&) {
        broken = true;
    }
    st.upstreamTcp = nullptr;
    if (failure && st.log.status == 0 && !st.closed) {
        finishLog(st, failure->timeout ? 504 : 502, "error", failure->describe());
        submitAnswer(st, failure->timeout ? ProxyAnswer::gatewayTimeout() : ProxyAnswer::badGateway());
        co_return;
    }
    if ((failure || broken) && !st.closed && !m_closed) {
        nghttp2_submit_rst_stream(m_session, NGHTTP2_FLAG_NONE, st.id, NGHTTP2_INTERNAL_ERROR);
        wakeWriter();
    }
    if (reusable && !st.closed && !m_closed)
        m_worker.upstreams().release(std::move(upstream));
    finishLog(st, st.log.status ? st.log.status : 502, failure || broken ? "error" : "allow", std::move(outcome.decision.reason));
}

template <class Upstream>
ProxyTask<void> Http2Session::exchange(Upstream& upstream, UpstreamConnection& connection, Stream& st,
                                             bool& reusable)
{
    const auto& limits = m_worker.core().limits();
    auto& upTcp = beast::get_lowest_layer(upstream);
    boost::system::error_code ec;

    // The head leaves with the first DATA (or alone when the request has none).
    const BodyFraming framing = requestFraming(st);
    for (;;) {
        std::string current;
        bool last = false;
        if (!st.requestChunks.empty()) {
            current = std::move(st.requestChunks.front());
            st.requestChunks.pop_front();
            last = st.endOfRequest && st.requestChunks.empty();
        } else if (st.endOfRequest) {
            last = true;
        } else if (st.closed || m_closed) {
            throw boost::system::system_error(asio::error::operation_aborted);
        } else {
            co_await waitFor(st);
            continue;
        }
        upTcp.expires_after(limits.idleTimeout);
        co_await writeFramed(upstream, st.upstreamHead, framing, current.data(), current.size(), last, ec);
        if (ec)
            throw upstreamFailure(st.log.bytesIn ? "writing the request body" : "writing the request head", ec);
        if (!current.empty() && !m_closed) {
            // The bytes are upstream: give the client its window back.
            st.log.bytesIn += current.size();
            nghttp2_session_consume(m_session, st.id, current.size());
            wakeWriter();
        }
        if (last)
            break;
    }

    std::optional<ResponseParser> parser;
    co_await readResponseHead(upstream, connection.buffer, parser, st.request.method() == http::verb::head, false,
                              limits.upstreamResponseTimeout, nullptr);
    auto& response = parser->get();
    st.log.status = response.result_int();
    if (st.closed || m_closed)
        throw boost::system::system_error(asio::error::operation_aborted);
    const bool withBody = !parser->is_done();
    // Read beside, not into, responseData: nghttp2 may read it meanwhile.
    std::unique_ptr<char[]> incoming;
    std::size_t incomingSize = 0;
    st.responseEnd = !withBody;
    submitHeaders(st, response, withBody);

    while (!parser->is_done()) {
        while (st.responseOffset < st.responseData.size() && !st.closed && !m_closed)
            co_await waitFor(st);
        if (st.closed || m_closed)
            throw boost::system::system_error(asio::error::operation_aborted);
        if (!incoming) {
            incomingSize = readSize(*parser);
            incoming = std::make_unique_for_overwrite<char[]>(incomingSize);
        }
        auto& body = parser->get().body();
        body.data = incoming.get();
        body.size = incomingSize;
        upTcp.expires_after(limits.idleTimeout);
        co_await http::async_read_some(upstream, connection.buffer, *parser, asio::redirect_error(kProxyAwait, ec));
        if (ec == http::error::need_buffer)
            ec = {};
        if (ec)
            throw boost::system::system_error(ec);
        std::size_t got = incomingSize - body.size;
        if (st.closed || m_closed)
            throw boost::system::system_error(asio::error::operation_aborted);
        st.responseData.append(incoming.get(), got);
        st.log.bytesOut += got;
        if (parser->is_done())
            st.responseEnd = true;
        if (st.deferred && !st.closed && !m_closed) {
            st.deferred = false;
            nghttp2_session_resume_data(m_session, st.id);
            wakeWriter();
        }
    }
    st.responseEnd = true;
    if (st.deferred && !st.closed && !m_closed) {
        st.deferred = false;
        nghttp2_session_resume_data(m_session, st.id);
        wakeWriter();
    }
    upTcp.expires_never();
    reusable = parser->keep_alive() && !parser->need_eof();
}

} // namespace cowl::node
